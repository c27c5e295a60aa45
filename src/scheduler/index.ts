// The scheduler controller, built like kube-scheduler: each pending pod goes through one scheduling
// cycle (schedule.ts); a pod nobody can take runs the PostFilter (preemption.ts), gets the real
// `FailedScheduling` event and PodScheduled=False condition with the FitError message, e.g.
// `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`
// and is retried, highest priority first, when the cluster changes (or every 5 minutes). The last
// decision for every pod is kept (small) in the simulator state so `kubesim why` can explain it.
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import { keyFor, splitKey } from '../controllers/util';
import type { NodeInfoCache } from './nodeinfo';
import { fitErrorMessage, podPriority } from './framework';
import { nodeCache, schedulePod, type ScheduleResult } from './schedule';
import { preempt, SCHEDULER_NAME, type PreemptionResult } from './preemption';
import { SCORES } from './plugins';
import { volumePreBind } from './volumebinding';
import { deepEqual } from '../api/equality';

export { SCHEDULER_NAME, nodeCache, schedulePod };
export { fitErrorMessage };

/** Unschedulable pods are retried at least this often (podMaxInUnschedulablePodsDuration). */
const RETRY_MS = 5 * 60 * 1000;
/** How many node names a recorded verdict keeps (the rest is counted). */
const DECISION_NODES = 5;
const DECISION_SCORES = 3;
const TOMBSTONES = 50;

/** Nodes sharing one verdict: [plugin, reason, first node names, how many nodes in all]. */
export type VerdictGroup = [string, string, string[], number];

/** What `kubesim why` reads: the last scheduling decision for a pod (kept small: grouped, truncated). */
export interface Decision {
  pod: string;
  at: string;
  result: 'Scheduled' | 'Unschedulable';
  node?: string;
  message?: string;
  total: number;
  /** Rejected nodes grouped by plugin and reason. */
  rejected: VerdictGroup[];
  /** Status of the nodes PreFilter left out. */
  absent?: string;
  /** How many nodes passed every filter. */
  feasible: number;
  /** Best-scored nodes: [node, total, weighted score of each plugin of SCORES, in order]. */
  scores?: [string, number, number[]][];
  skippedScores?: string[];
  viaNomination?: boolean;
  preemption?: { node?: string; victims?: string[]; message?: string; verdicts?: VerdictGroup[] };
}

/** Groups per-node statuses by plugin and reason, keeping a few node names per group. */
function group(statuses: Iterable<[string, { plugin: string; reasons: string[] }]>): VerdictGroup[] {
  const m = new Map<string, VerdictGroup>();
  for (const [node, st] of statuses) {
    const reason = st.reasons.join('; ');
    const key = `${st.plugin}\u0000${reason}`;
    let g = m.get(key);
    if (!g) m.set(key, (g = [st.plugin, reason, [], 0]));
    if (g[2].length < DECISION_NODES) g[2].push(node);
    g[3]++;
  }
  return [...m.values()];
}

/** A deleted pod's last words: why it went (DisruptionTarget), where it ran. */
export interface Tombstone {
  pod: string;
  uid: string;
  node?: string;
  at: string;
  reason?: string;
  message?: string;
  decision?: Decision;
}

export interface SchedulerState {
  /** Pods that failed to schedule: `ns/name` → last attempt (ms). */
  unschedulable: Record<string, number>;
  /** UnschedulablePlugins of those pods (which cluster events may help them). */
  plugins?: Record<string, string[]>;
  decisions?: Record<string, Decision>;
  tombstones?: Tombstone[];
  /** Failed scheduling attempts of the pods in unschedulable (for their back-off). */
  attempts?: Record<string, number>;
  /** Where the next pod's node search starts in a cluster of 100 nodes or more (nextStartNodeIndex). */
  nextStartNodeIndex?: number;
}

export function schedulerState(ctx: Ctx): SchedulerState {
  return simState<SchedulerState>(ctx, 'scheduler', () => ({ unschedulable: {} }));
}

function wantsScheduling(p: KObject): boolean {
  return !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !['Succeeded', 'Failed'].includes(p.status?.phase) && !(p.spec?.schedulingGates?.length > 0);
}

function record(ctx: Ctx, pod: KObject, r: ScheduleResult, message: string | undefined, pf: PreemptionResult | undefined): void {
  const st = schedulerState(ctx);
  const d: Decision = {
    pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
    at: ctx.clock.rfc3339(),
    result: r.node ? 'Scheduled' : 'Unschedulable',
    total: r.total,
    rejected: group(r.statuses),
    feasible: r.feasible.length,
  };
  if (r.node) d.node = r.node;
  if (message) d.message = message;
  if (r.absent) d.absent = `${r.absent.plugin}: ${r.absent.reasons.join('; ')}`;
  if (r.scores.size) {
    d.scores = [...r.scores.entries()]
      .map(([n, sc]) => [n, r.totals.get(n)!, SCORES.map((p) => sc[p.name] ?? 0)] as [string, number, number[]])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, DECISION_SCORES);
  }
  if (r.skippedScores.length) d.skippedScores = r.skippedScores;
  if (r.viaNomination) d.viaNomination = true;
  if (pf) {
    d.preemption = {};
    if (pf.candidate) {
      d.preemption.node = pf.candidate.node;
      d.preemption.victims = pf.candidate.victims.map((v) => `${v.metadata.namespace}/${v.metadata.name}`);
    }
    if (pf.message) d.preemption.message = pf.message;
    if (pf.statuses?.size) d.preemption.verdicts = group(pf.statuses);
  }
  (st.decisions ??= {})[pod.metadata.uid!] = d;
}

export const scheduler: Controller<Ctx> = {
  name: SCHEDULER_NAME,
  watch(ev, enqueue, ctx) {
    const cache = ctx.transient.nodeInfo as NodeInfoCache | undefined;
    cache?.observe(ev);
    if (ev.gk === 'Pod') {
      if (ev.type === 'DELETED') {
        bury(ctx, ev.obj);
        retryUnschedulable(ctx, enqueue);
        return;
      }
      if (wantsScheduling(ev.obj)) {
        // a pending pod's own status updates (our FailedScheduling) need no new attempt
        if (ev.type === 'ADDED' || !ev.old || !wantsScheduling(ev.old) || ev.old.metadata.generation !== ev.obj.metadata.generation || !deepEqual(ev.old.spec, ev.obj.spec)) enqueue(keyFor(ev.obj));
        return;
      }
      // room freed (a pod finished or began terminating elsewhere counts when it is gone), or the
      // labels the affinity and spreading rules look at changed
      const old = ev.old;
      if (!old) return;
      const finished = !['Succeeded', 'Failed'].includes(old.status?.phase) && ['Succeeded', 'Failed'].includes(ev.obj.status?.phase);
      if (finished) retryUnschedulable(ctx, enqueue);
      else {
        // a pod placed or relabelled only helps pods that pod (anti-)affinity or spreading rejected
        const relabeled = !!ev.obj.spec?.nodeName && !deepEqual(old.metadata.labels, ev.obj.metadata.labels);
        const bound = !old.spec?.nodeName && !!ev.obj.spec?.nodeName;
        if (relabeled || bound) retryUnschedulable(ctx, enqueue, AFFINITY_PLUGINS);
      }
      return;
    }
    if (ev.gk === 'Node') {
      if (ev.type === 'DELETED' || !ev.old || !deepEqual(ev.old.spec, ev.obj.spec) || !deepEqual(ev.old.metadata.labels, ev.obj.metadata.labels) || !deepEqual(ev.old.status?.allocatable, ev.obj.status?.allocatable))
        retryUnschedulable(ctx, enqueue);
      return;
    }
    if (ev.gk === 'PersistentVolumeClaim' || ev.gk === 'PersistentVolume') retryUnschedulable(ctx, enqueue);
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const st = schedulerState(ctx);
    const pod = ctx.store.get('Pod', ns, name);
    if (!pod || !wantsScheduling(pod)) {
      delete st.unschedulable[key];
      if (st.plugins) delete st.plugins[key];
      forgetAttempts(st, key);
      return;
    }
    const result = schedulePod(ctx, pod);
    const now = ctx.clock.now();
    if (result.node) {
      // VolumeBinding PreBind: the pod waits (assumed, not bound) until its claims are bound; a
      // claim or volume changing sends it back to the queue
      if (!volumePreBind(ctx, pod, result.node)) {
        st.unschedulable[key] = now;
        (st.plugins ??= {})[key] = ['VolumeBinding'];
        return;
      }
      delete st.unschedulable[key];
      if (st.plugins) delete st.plugins[key];
      forgetAttempts(st, key);
      record(ctx, pod, result, undefined, undefined);
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
    let message: string;
    let pf: PreemptionResult | undefined;
    if (result.noNodes) message = 'no nodes available to schedule pods';
    else {
      pf = preempt(result.state!, result.statuses, result.absent);
      message = fitErrorMessage(result.total, { preFilterMsg: result.preFilterMsg, statuses: result.statuses, absent: result.absent, postFilterMsg: pf.message });
    }
    record(ctx, pod, result, message, pf);
    st.unschedulable[key] = now;
    (st.attempts ??= {})[key] = (st.attempts[key] ?? 0) + 1;
    const plugins = new Set<string>();
    for (const s of result.statuses.values()) plugins.add(s.plugin);
    if (result.absent) plugins.add(result.absent.plugin);
    (st.plugins ??= {})[key] = [...plugins].sort();
    const cur = ctx.store.get('Pod', ns, name) ?? pod;
    const prev = (cur.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
    ctx.events.record(cur, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    // updatePod: no write when the condition (podutil.UpdatePodCondition) and the nomination are as they were
    const same =
      prev?.status === 'False' &&
      prev.reason === 'Unschedulable' &&
      prev.message === message &&
      !!cur.status?.phase &&
      (pf?.nominate === undefined || (pf.nominate || undefined) === cur.status?.nominatedNodeName);
    if (!same) {
      const next = clone(cur);
      next.status = next.status ?? {};
      const conds = ((next.status.conditions ?? []) as { type: string; status?: string; lastTransitionTime?: string }[]).filter((c) => c.type !== 'PodScheduled');
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
      // NominatingInfo in override mode sets (or, when empty, clears) status.nominatedNodeName
      if (pf?.nominate) next.status.nominatedNodeName = pf.nominate;
      else if (pf?.nominate === '') delete next.status.nominatedNodeName;
      ctx.api.updateStatus(next);
    }
    ctx.loop.at(now + RETRY_MS, SCHEDULER_NAME, key);
  },
};

const AFFINITY_PLUGINS = ['InterPodAffinity', 'PodTopologySpread'];

/**
 * Moves unschedulable pods back to the active queue, highest priority first (PrioritySort); with
 * `only`, just those one of these plugins rejected (the queueing hints of the event).
 */
function retryUnschedulable(ctx: Ctx, enqueue: (key: string) => void, only?: string[]): void {
  const st = schedulerState(ctx);
  let keys = Object.keys(st.unschedulable);
  if (only) keys = keys.filter((k) => (st.plugins?.[k] ?? []).some((p) => only.includes(p)));
  if (!keys.length) return;
  const prio = (key: string) => {
    const [ns, name] = splitKey(key);
    const p = ctx.store.get('Pod', ns, name);
    return p ? podPriority(p) : 0;
  };
  keys.sort((a, b) => prio(b) - prio(a) || st.unschedulable[a]! - st.unschedulable[b]! || (a < b ? -1 : 1));
  // movePodsToActiveOrBackoffQueue: a pod still backing off (1 s after its first failed attempt,
  // doubling up to 10 s) waits in the backoff queue until its back-off is over
  const now = ctx.clock.now();
  for (const key of keys) {
    const n = st.attempts?.[key] ?? 0;
    const at = n ? st.unschedulable[key]! + Math.min(BACKOFF_INITIAL_MS * 2 ** (n - 1), BACKOFF_MAX_MS) : now;
    if (at <= now) enqueue(key);
    else ctx.loop.at(at, SCHEDULER_NAME, key);
  }
}

/** podInitialBackoffSeconds and podMaxBackoffSeconds (KubeSchedulerConfiguration defaults). */
const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 10_000;

function forgetAttempts(st: SchedulerState, key: string): void {
  if (!st.attempts) return;
  delete st.attempts[key];
  if (!Object.keys(st.attempts).length) delete st.attempts;
}

/** Keeps the last words of a deleted pod for `kubesim why`, and drops its decision. */
function bury(ctx: Ctx, pod: KObject): void {
  const st = schedulerState(ctx);
  const uid = pod.metadata.uid!;
  const decision = st.decisions?.[uid];
  if (st.decisions) delete st.decisions[uid];
  const dt = (pod.status?.conditions ?? []).find((c: { type: string; status: string }) => c.type === 'DisruptionTarget' && c.status === 'True');
  const stone: Tombstone = { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, uid, at: ctx.clock.rfc3339() };
  if (pod.spec?.nodeName) stone.node = pod.spec.nodeName;
  if (dt?.reason) stone.reason = dt.reason;
  if (dt?.message) stone.message = dt.message;
  if (decision) stone.decision = decision;
  const list = (st.tombstones ??= []);
  list.push(stone);
  if (list.length > TOMBSTONES) list.splice(0, list.length - TOMBSTONES);
}
