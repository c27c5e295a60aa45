// The scheduler, built like kube-scheduler's framework: filter plugins each say why a node cannot
// take the pod, score plugins rank the nodes that can. A pod nobody can take stays Pending with the
// FailedScheduling message made of the filter reasons counted, e.g.
// `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.`
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import { keyFor, splitKey, controllerRef } from '../controllers/util';
import { NodeInfoCache, podRequests, type NodeInfo } from './nodeinfo';
import { FILTERS, SCORES, type FilterResult, type CycleState } from './plugins';
import { volumePreBind } from './volumebinding';

export const SCHEDULER_NAME = 'default-scheduler';
/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
const RETRY_MS = 5 * 60 * 1000;

interface SchedulerState {
  /** Pods that failed to schedule: `ns/name` → last attempt (ms). */
  unschedulable: Record<string, number>;
}

function wantsScheduling(p: KObject): boolean {
  return !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !['Succeeded', 'Failed'].includes(p.status?.phase) && !(p.spec?.schedulingGates?.length > 0);
}

export function nodeCache(ctx: Ctx): NodeInfoCache {
  let c = ctx.transient.nodeInfo as NodeInfoCache | undefined;
  if (!c) {
    c = new NodeInfoCache(ctx.store);
    ctx.transient.nodeInfo = c;
  }
  return c;
}

/** One scheduling decision: filter every node, score the feasible ones, pick the best. */
export function schedulePod(ctx: Ctx, pod: KObject): { node?: string; reasons: Map<string, number>; unresolvable: Map<string, number>; total: number; results: Map<string, FilterResult[]>; preFilterMsg?: string } {
  const cache = nodeCache(ctx);
  const infos = cache.all();
  const state: CycleState = { pod, requests: podRequests(pod), ctx, infos };
  const feasible: NodeInfo[] = [];
  const reasons = new Map<string, number>();
  const unresolvable = new Map<string, number>();
  const results = new Map<string, FilterResult[]>();
  for (const f of FILTERS) {
    const r = f.preFilter?.(state);
    if (r) return { reasons, unresolvable, total: infos.length, results, preFilterMsg: r.reasons.join(', ') };
  }
  for (const info of infos) {
    const failed: FilterResult[] = [];
    for (const f of FILTERS) {
      const r = f.filter(state, info);
      if (r) {
        failed.push(r);
        // the framework stops at the first failing plugin for a node
        break;
      }
    }
    results.set(info.name, failed);
    if (failed.length === 0) feasible.push(info);
    else
      for (const r of failed) {
        for (const reason of r.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        if (r.unresolvable) for (const reason of r.reasons) unresolvable.set(reason, (unresolvable.get(reason) ?? 0) + 1);
      }
  }
  if (feasible.length === 0) return { reasons, unresolvable, total: infos.length, results };
  if (feasible.length === 1) return { node: feasible[0]!.name, reasons, unresolvable, total: infos.length, results };
  const totals = new Map<string, number>(feasible.map((n) => [n.name, 0]));
  for (const s of SCORES) {
    const raw = feasible.map((n) => s.score(state, n));
    const normalized = s.normalize ? s.normalize(raw) : raw;
    feasible.forEach((n, i) => totals.set(n.name, totals.get(n.name)! + normalized[i]! * s.weight));
  }
  let best = -Infinity;
  let picks: string[] = [];
  for (const n of feasible) {
    const t = totals.get(n.name)!;
    if (t > best + 1e-9) {
      best = t;
      picks = [n.name];
    } else if (Math.abs(t - best) <= 1e-9) picks.push(n.name);
  }
  // ties are broken at random, as selectHost's reservoir sampling does (seeded here)
  const node = picks.length === 1 ? picks[0]! : picks[ctx.rng.int(picks.length)]!;
  return { node, reasons, unresolvable, total: infos.length, results };
}

/** The FailedScheduling message of a FitError, with the preemption post-filter clause. */
export function fitErrorMessage(total: number, reasons: Map<string, number>, unresolvable: Map<string, number>, preFilterMsg?: string): string {
  // a PreFilter failure stands for every node, and preemption cannot help on any
  if (preFilterMsg) return `0/${total} nodes are available: ${preFilterMsg}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
  const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
  let msg = `0/${total} nodes are available: ${parts.join(', ')}.`;
  // preemption: nodes failing for unresolvable reasons cannot be helped; the others have no
  // lower-priority victims in this simulation unless priorities differ
  let notHelpful = 0;
  for (const n of unresolvable.values()) notHelpful += n;
  notHelpful = Math.min(notHelpful, total);
  const others = total - notHelpful;
  const pp: string[] = [];
  if (notHelpful) pp.push(`${notHelpful} Preemption is not helpful for scheduling`);
  if (others) pp.push(`${others} No preemption victims found for incoming pod`);
  msg += ` preemption: 0/${total} nodes are available: ${pp.sort().join(', ')}.`;
  return msg;
}

export const scheduler: Controller<Ctx> = {
  name: SCHEDULER_NAME,
  watch(ev, enqueue, ctx) {
    const cache = ctx.transient.nodeInfo as NodeInfoCache | undefined;
    cache?.observe(ev);
    if (ev.gk === 'Pod') {
      if (ev.type !== 'DELETED' && wantsScheduling(ev.obj)) {
        // a pending pod's own status updates (our FailedScheduling) need no new attempt
        if (ev.type === 'ADDED' || !ev.old || !wantsScheduling(ev.old) || ev.old.metadata.generation !== ev.obj.metadata.generation || JSON.stringify(ev.old.spec) !== JSON.stringify(ev.obj.spec))
          enqueue(keyFor(ev.obj));
      }
      // resources freed: give unschedulable pods another try
      const freed = ev.type === 'DELETED' || (ev.old && !['Succeeded', 'Failed'].includes(ev.old.status?.phase) && ['Succeeded', 'Failed'].includes(ev.obj.status?.phase));
      if (freed && (ev.obj.spec?.nodeName || ev.type === 'DELETED')) retryUnschedulable(ctx, enqueue);
      return;
    }
    if (ev.gk === 'Node') {
      if (ev.type === 'DELETED' || !ev.old || JSON.stringify(ev.old.spec) !== JSON.stringify(ev.obj.spec) || JSON.stringify(ev.old.metadata.labels) !== JSON.stringify(ev.obj.metadata.labels) || JSON.stringify(ev.old.status?.allocatable) !== JSON.stringify(ev.obj.status?.allocatable))
        retryUnschedulable(ctx, enqueue);
      return;
    }
    if (ev.gk === 'PersistentVolumeClaim' || ev.gk === 'PersistentVolume') retryUnschedulable(ctx, enqueue);
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const st = simState<SchedulerState>(ctx, 'scheduler', () => ({ unschedulable: {} }));
    const pod = ctx.store.get('Pod', ns, name);
    if (!pod || !wantsScheduling(pod)) {
      delete st.unschedulable[key];
      return;
    }
    const result = schedulePod(ctx, pod);
    const now = ctx.clock.now();
    if (result.node) {
      // VolumeBinding PreBind: the pod waits (assumed, not bound) until its claims are bound
      if (!volumePreBind(ctx, pod, result.node)) {
        st.unschedulable[key] = now;
        return;
      }
      delete st.unschedulable[key];
      const next = clone(pod);
      next.spec.nodeName = result.node;
      next.status = next.status ?? {};
      const conds = ((next.status.conditions ?? []) as { type: string }[]).filter((c) => c.type !== 'PodScheduled');
      conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.clock.rfc3339() } as { type: string });
      next.status.conditions = conds;
      delete next.status.nominatedNodeName;
      ctx.store.put('Pod', next);
      ctx.events.record(next, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${result.node}`, { component: SCHEDULER_NAME });
      return;
    }
    const message = fitErrorMessage(result.total, result.reasons, result.unresolvable, result.preFilterMsg);
    st.unschedulable[key] = now;
    const next = clone(pod);
    next.status = next.status ?? {};
    const conds = ((next.status.conditions ?? []) as { type: string; status?: string; reason?: string; message?: string; lastTransitionTime?: string }[]).filter((c) => c.type !== 'PodScheduled');
    const prev = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    conds.push({
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: prev?.status === 'False' ? prev.lastTransitionTime : ctx.clock.rfc3339(),
      reason: 'Unschedulable',
      message,
    } as { type: string });
    next.status.conditions = conds;
    if (!next.status.phase) next.status.phase = 'Pending';
    ctx.api.updateStatus(next);
    ctx.events.record(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    ctx.loop.at(now + RETRY_MS, SCHEDULER_NAME, key);
    void controllerRef;
  },
};

function retryUnschedulable(ctx: Ctx, enqueue: (key: string) => void): void {
  const st = simState<SchedulerState>(ctx, 'scheduler', () => ({ unschedulable: {} }));
  for (const key of Object.keys(st.unschedulable)) enqueue(key);
}
