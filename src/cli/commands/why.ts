// kubesim why pod/NAME: explains a pod from the simulator's own records — the scheduler's last
// decision (every node's verdict, the plugin that rejected it, the scores), preemption, the
// DisruptionTarget condition and events of an eviction, preemption or garbage collection, and the
// container restarts the pod status records. Nothing here is kubectl output; it reads like describe.
import { cluster, namespaceOf } from '../common';
import { CliError, RawError, notFound } from '../../api/errors';
import type { KObject } from '../../api/types';
import { registry } from '../../api/registry';
import { tabulate, GET_TABLE } from '../../printers/tabwriter';
import { age } from '../../printers/duration';
import { podSummary } from '../../printers/columns/pod';
import { eventsFor } from '../../sim/events';
import type { Session } from '../../cluster/session';
import type { RunContext } from '../spec';
import { out } from '../io';
import type { Decision, SchedulerState, Tombstone, VerdictGroup } from '../../scheduler';
import { nodeCache } from '../../scheduler/schedule';
import { podRequests } from '../../scheduler/nodeinfo';

import { SCORES } from '../../scheduler/plugins';

const SCORE_PLUGINS = SCORES.map((p) => p.name);

function parseTarget(args: string[]): string {
  if (args.length === 1 && args[0]!.includes('/')) {
    const [type, name] = [args[0]!.slice(0, args[0]!.indexOf('/')), args[0]!.slice(args[0]!.indexOf('/') + 1)];
    if (registry.mustResolve(type).kind !== 'Pod' || !name) throw new CliError('kubesim why explains pods: use pod/NAME');
    return name;
  }
  if (args.length === 2) {
    if (registry.mustResolve(args[0]!).kind !== 'Pod') throw new CliError('kubesim why explains pods: use pod/NAME');
    return args[1]!;
  }
  if (args.length === 1) return args[0]!;
  throw new RawError(`error: exactly one pod is required, as pod/NAME\nSee 'kubesim why -h' for help and examples`);
}

function cpu(m: number): string {
  return m % 1000 === 0 ? `${m / 1000}` : `${m}m`;
}

function mem(b: number): string {
  const mi = b / (1024 * 1024);
  return Number.isInteger(mi) ? `${mi}Mi` : `${b}`;
}

/** What the NodeResourcesFit numbers look like on a node right now. */
function resourceDetail(s: Session, pod: KObject, node: string): string {
  const info = nodeCache(s.ctx).get(node);
  if (!info) return '';
  const r = podRequests(pod);
  const parts: string[] = [];
  if (r.milliCPU > 0) parts.push(`cpu: requests ${cpu(r.milliCPU)}, ${cpu(Math.max(0, info.allocatable.milliCPU - info.requested.milliCPU))} of ${cpu(info.allocatable.milliCPU)} free`);
  if (r.memory > 0) parts.push(`memory: requests ${mem(r.memory)}, ${mem(Math.max(0, info.allocatable.memory - info.requested.memory))} of ${mem(info.allocatable.memory)} free`);
  parts.push(`pods: ${info.pods.size} of ${info.allocatable.pods}`);
  return parts.join('; ');
}

function hint(plugin: string, reason: string, node: string): string | undefined {
  switch (plugin) {
    case 'NodeUnschedulable':
      return `${node} is cordoned (kubesim uncordon ${node})`;
    case 'TaintToleration': {
      const m = /\{(.*): (.*)\}/.exec(reason);
      return m ? `the pod needs a toleration for the taint ${m[1]}${m[2] ? `=${m[2]}` : ''} (or remove it: kubesim taint nodes ${node} ${m[1]}-)` : undefined;
    }
    case 'NodeAffinity':
      return "the node's labels do not satisfy the pod's nodeSelector / required node affinity";
    case 'NodePorts':
      return 'another pod on the node already uses the host port';
    case 'PodTopologySpread':
      return reason.includes('missing required label') ? 'the node lacks the topologyKey label of a spread constraint' : 'placing it there would exceed the maxSkew of a DoNotSchedule spread constraint';
    case 'InterPodAffinity':
      if (reason.includes('existing pods')) return "a pod already on the node's topology domain has required anti-affinity against this pod";
      if (reason.includes('anti-affinity')) return "a pod matching the pod's required anti-affinity already runs in the node's topology domain";
      return "no pod matching the pod's required affinity runs in the node's topology domain";
  }
  return undefined;
}

/** Rows [node, plugin, reason] of grouped verdicts, nodes sorted; `(N more)` for the ones not kept. */
function verdictRows(groups: VerdictGroup[]): string[][] {
  const rows: string[][] = [];
  for (const [plugin, reason, nodes] of groups) for (const n of nodes) rows.push([n, plugin, reason]);
  rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  for (const [plugin, reason, nodes, count] of groups) if (count > nodes.length) rows.push([`(${count - nodes.length} more)`, plugin, reason]);
  return rows;
}

function decisionAge(d: { at: string }, now: number): string {
  return `${d.at}, ${age(d.at, now)} ago`;
}

function explainDecision(s: Session, pod: KObject, d: Decision, lines: string[]): void {
  const now = s.clock.now();
  if (d.result === 'Unschedulable') {
    lines.push(`Last scheduling attempt (${decisionAge(d, now)}):`);
    lines.push(`  ${d.message ?? ''}`);
    lines.push('');
    const rows: string[][] = [['NODE', 'VERDICT', 'PLUGIN', 'REASON']];
    for (const [node, plugin, reason] of verdictRows(d.rejected)) rows.push([node, 'rejected', plugin, reason]);
    if (d.absent) rows.push(['(others)', 'skipped', d.absent.slice(0, d.absent.indexOf(':')), d.absent.slice(d.absent.indexOf(':') + 2)]);
    lines.push(...tabulate(rows, GET_TABLE).trimEnd().split('\n'));
    const details: string[] = [];
    const seen = new Set<string>();
    for (const [node, plugin, reason] of verdictRows(d.rejected)) {
      if (node.startsWith('(')) continue;
      if (plugin === 'NodeResourcesFit') details.push(`  ${node}: ${resourceDetail(s, pod, node)}`);
      const h = hint(plugin, reason, node);
      if (h && !seen.has(`${plugin}|${h}`) && plugin !== 'TaintToleration') {
        seen.add(`${plugin}|${h}`);
        details.push(`  ${plugin}: ${h}`);
      } else if (h && plugin === 'TaintToleration') details.push(`  ${node}: ${h}`);
    }
    if (details.length) {
      lines.push('');
      lines.push('Details:');
      lines.push(...details);
    }
    const pe = d.preemption;
    if (pe) {
      lines.push('');
      if (pe.node) lines.push(`Preemption: nominated ${pe.node}, evicting the lower-priority pods ${(pe.victims ?? []).join(', ')}; the pod will be scheduled there once they are gone.`);
      else if (pe.message) {
        lines.push(`Preemption (priority ${pod.spec?.priority ?? 0}): ${pe.message.replace(/^preemption: /, '')}`);
        for (const [node, , reason] of verdictRows(pe.verdicts ?? [])) lines.push(`  ${node}: ${reason}`);
      }
    }
    return;
  }
  if (d.viaNomination) {
    lines.push(`Scheduled on ${d.node} (${decisionAge(d, now)}): the node preemption had nominated for it passed every filter, so it was chosen without scoring.`);
    return;
  }
  const feasible = d.feasible;
  lines.push(`Scheduled on ${d.node} (${decisionAge(d, now)}): ${feasible} of ${d.total} node${d.total === 1 ? '' : 's'} could run it; ${feasible === 1 ? 'it was the only one, so no scoring was needed' : 'it had the highest total score'}.`);
  if (d.scores?.length) {
    lines.push('');
    const plugins = SCORE_PLUGINS.filter((p) => !(d.skippedScores ?? []).includes(p));
    const rows: string[][] = [['NODE', 'TOTAL', ...plugins]];
    for (const [node, total, sc] of d.scores) rows.push([node === d.node ? `${node} *` : node, String(total), ...plugins.map((p) => String(sc[SCORE_PLUGINS.indexOf(p)] ?? 0))]);
    lines.push(...tabulate(rows, GET_TABLE).trimEnd().split('\n'));
    lines.push('(weighted scores: each plugin scores 0-100, times its weight)');
    if (d.skippedScores?.length) lines.push(`Not scored (nothing for them to weigh): ${d.skippedScores.join(', ')}`);
  }
  if (d.rejected.length || d.absent) {
    lines.push('');
    lines.push('Nodes that could not run it:');
    const rows: string[][] = [['NODE', 'PLUGIN', 'REASON']];
    rows.push(...verdictRows(d.rejected));
    if (d.absent) rows.push(['(others)', d.absent.slice(0, d.absent.indexOf(':')), d.absent.slice(d.absent.indexOf(':') + 2)]);
    lines.push(...tabulate(rows, GET_TABLE).trimEnd().split('\n'));
  }
}

function byUidName(s: Session, uid: string): string | undefined {
  const p = s.store.byUid(uid);
  return p ? `${p.metadata.namespace}/${p.metadata.name}` : undefined;
}

/** Why the pod is being (or was) deleted, from its DisruptionTarget condition and events. */
function explainDisruption(s: Session, reason: string | undefined, events: KObject[], node: string | undefined, lines: string[]): void {
  const preempted = events.filter((e) => e.reason === 'Preempted').pop();
  const taint = events.filter((e) => e.reason === 'TaintManagerEviction' && String(e.message).startsWith('Marking')).pop();
  if (reason === 'PreemptionByScheduler' || preempted) {
    const m = /Preempted by pod (\S+) on node (\S+)/.exec(String(preempted?.message ?? ''));
    const by = m ? (byUidName(s, m[1]!) ?? `the pod with uid ${m[1]}`) : 'a higher-priority pod';
    lines.push(`Preempted: the scheduler evicted it to make room for ${by}${m ? ` on ${m[2]}` : ''} (a pod of higher priority that did not fit anywhere).`);
  } else if (reason === 'DeletionByTaintManager' || taint) {
    const n = node ? s.store.get('Node', undefined, node) : undefined;
    const taints = ((n?.spec?.taints ?? []) as { key: string; value?: string; effect: string }[]).filter((t) => t.effect === 'NoExecute').map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:NoExecute`);
    lines.push(`Evicted by the taint manager (taint-eviction-controller): ${node ?? 'its node'} has the NoExecute taint${taints.length === 1 ? '' : 's'} ${taints.join(', ') || '(since removed)'}, which the pod does not tolerate (or tolerated only for tolerationSeconds).`);
  } else if (reason === 'EvictionByEvictionAPI') {
    lines.push('Evicted through the eviction API (kubectl drain, or a client of pods/eviction): its disruption budget allowed it.');
  } else if (reason === 'DeletionByPodGC') {
    lines.push(`Deleted by the pod garbage collector: its node ${node ?? ''} no longer exists.`);
  } else if (reason) lines.push(`Disrupted: ${reason}.`);
}

function explainContainers(pod: KObject, now: number, lines: string[]): void {
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])] as Record<string, any>[]) {
    const parts: string[] = [];
    if (cs.restartCount > 0) {
      const last = cs.lastState?.terminated;
      parts.push(`restarted ${cs.restartCount} time${cs.restartCount === 1 ? '' : 's'}${last ? `; last exit: ${last.reason ?? 'Error'} (exit code ${last.exitCode}) ${age(last.finishedAt, now)} ago` : ''}`);
    }
    const w = cs.state?.waiting;
    if (w?.reason && w.reason !== 'ContainerCreating' && w.reason !== 'PodInitializing') parts.push(`waiting: ${w.reason}${w.message ? ` (${w.message})` : ''}`);
    if (cs.state?.terminated && !cs.restartCount) parts.push(`terminated: ${cs.state.terminated.reason} (exit code ${cs.state.terminated.exitCode})`);
    if (parts.length) lines.push(`Container ${cs.name}: ${parts.join('; ')}.`);
  }
}

export async function runWhy(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const name = parseTarget(args);
  const ns = namespaceOf(ctx);
  const text = cluster(
    ctx,
    (s) => {
      const lines: string[] = [];
      const now = s.clock.now();
      const st = (s.ctx.sim.scheduler ?? { unschedulable: {} }) as SchedulerState;
      const pod = s.store.get('Pod', ns, name);
      if (!pod) {
        const stone = [...(st.tombstones ?? [])].reverse().find((t: Tombstone) => t.pod === `${ns}/${name}`);
        if (!stone) throw notFound('pods', '', name);
        lines.push(`Pod ${ns}/${name} no longer exists: it was deleted ${age(stone.at, now)} ago (${stone.at})${stone.node ? `, from ${stone.node}` : ''}.`);
        const evs = s.store.list('Event', ns).filter((e) => e.involvedObject?.name === name && e.involvedObject?.kind === 'Pod' && (!e.involvedObject.uid || e.involvedObject.uid === stone.uid));
        explainDisruption(s, stone.reason, evs, stone.node, lines);
        if (stone.decision) {
          lines.push('');
          explainDecision(s, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: {} }, stone.decision, lines);
        }
        return lines.join('\n') + '\n';
      }
      const status = podSummary(pod, now).status;
      const node = pod.spec?.nodeName as string | undefined;
      lines.push(`Pod ${ns}/${name} is ${status}${node ? ` on ${node}` : ''}${pod.spec?.priority ? ` (priority ${pod.spec.priority}${pod.spec.priorityClassName ? `, class ${pod.spec.priorityClassName}` : ''})` : ''}.`);
      const events = eventsFor(s.store, pod).concat(
        s.store.list('Event', ns).filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject?.name === name && !e.involvedObject?.uid),
      );
      if (pod.metadata.deletionTimestamp) {
        lines.push(`It is terminating: deletion requested, grace period ${pod.metadata.deletionGracePeriodSeconds ?? 30}s.`);
        const dt = (pod.status?.conditions ?? []).find((c: { type: string; status: string }) => c.type === 'DisruptionTarget' && c.status === 'True');
        explainDisruption(s, dt?.reason, events, node, lines);
      }
      if (pod.status?.nominatedNodeName) lines.push(`Nominated node: ${pod.status.nominatedNodeName} (preemption is freeing room for it there).`);
      lines.push('');
      const d = st.decisions?.[pod.metadata.uid!];
      if (d) explainDecision(s, pod, d, lines);
      else if (node && pod.metadata.annotations?.['kubernetes.io/config.mirror']) lines.push(`It is the mirror of a static pod the kubelet of ${node} runs from a file; no scheduler was involved.`);
      else if (node) lines.push(`It was bound to ${node} without a recorded scheduling decision (spec.nodeName was set when it was created, or it was scheduled before this kubesim kept decisions).`);
      else if ((pod.spec?.schedulingGates ?? []).length) lines.push(`It waits for its scheduling gates to be removed: ${(pod.spec.schedulingGates as { name: string }[]).map((g) => g.name).join(', ')}.`);
      else if (pod.spec?.schedulerName && pod.spec.schedulerName !== 'default-scheduler') lines.push(`It asks for the scheduler "${pod.spec.schedulerName}", which does not run in this cluster.`);
      else lines.push('No scheduling decision is recorded for it yet.');
      const c: string[] = [];
      explainContainers(pod, now, c);
      if (c.length) {
        lines.push('');
        lines.push(...c);
      }
      return lines.join('\n').replace(/\n+$/, '') + '\n';
    },
    { readOnly: true },
  );
  out.write(text);
  return 0;
}
