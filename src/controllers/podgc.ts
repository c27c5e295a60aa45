// The pod garbage collector (kube-controller-manager's pod-garbage-collector, 1.32). Every 20 s
// (gcCheckPeriod) its gc pass runs, in this order:
//   - gcTerminating: terminating pods on a node that is not ready and carries the
//     `node.kubernetes.io/out-of-service` taint (non-graceful node shutdown) are force-deleted;
//   - gcOrphaned: pods bound to a node that does not exist are orphans. A missing node is put in
//     quarantine for 40 s (nodeQueue.AddAfter) and, if still missing when a pass finds it out of
//     quarantine, its pods are marked Failed with the DisruptionTarget condition (DeletionByPodGC,
//     "PodGC: node no longer exists") and force-deleted (grace period 0); their controllers create
//     replacements elsewhere. This is what finally frees a StatefulSet's pod stuck Terminating on a
//     dead node after `kubectl delete node` / `kubesim node remove`;
//   - gcUnscheduledTerminating: pods being deleted that were never scheduled are force-deleted.
// (gcTerminated, which only acts beyond 12,500 finished pods, is left out.) It emits no events.
//
// Rather than ticking every 20 s for nothing, the collector sleeps until something gives a pass work
// (a node deleted with pods on it, a pod bound to a missing node, an out-of-service taint, an
// unscheduled pod being deleted) and then runs on the 20 s grid.
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { KubeError } from '../api/errors';

export const POD_GC = 'pod-garbage-collector';
const GC_PERIOD_MS = 20_000;
const QUARANTINE_MS = 40_000;
const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

interface State {
  /** Missing node → when a gc pass first found pods bound to it (ms): the start of its quarantine. */
  missing: Record<string, number>;
}

function state(ctx: Ctx): State {
  return simState<State>(ctx, 'podGC', () => ({ missing: {} }));
}

function gcTickAtOrAfter(t: number): number {
  return Math.ceil(t / GC_PERIOD_MS) * GC_PERIOD_MS;
}

function wakeAt(ctx: Ctx, t: number): void {
  ctx.loop.at(gcTickAtOrAfter(t), POD_GC, 'gc');
}

/** markFailedAndDeletePodWithCondition: phase Failed (plus the condition), then a delete with grace period 0. */
function forceDelete(ctx: Ctx, pod: KObject, condition?: Record<string, unknown>): void {
  if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
    const next = clone(pod);
    next.status = { ...(next.status ?? {}), phase: 'Failed' };
    if (condition) {
      const conds: Record<string, unknown>[] = next.status.conditions ?? (next.status.conditions = []);
      const prev = conds.find((c) => c.type === condition.type);
      const c: Record<string, unknown> = { lastProbeTime: null, lastTransitionTime: ctx.clock.rfc3339(), ...condition };
      if (prev) {
        if (prev.status === c.status) c.lastTransitionTime = prev.lastTransitionTime as string;
        Object.assign(prev, c);
      } else conds.push(c);
    }
    ctx.store.put('Pod', next);
  }
  try {
    ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
  }
}

function isReady(node: KObject): boolean {
  return (node.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

function isTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** One gc pass at `now` (a tick of the 20 s grid). Returns when the next pass has work, if ever. */
function gc(ctx: Ctx, now: number): number | undefined {
  const st = state(ctx);
  let wake: number | undefined;
  // gcTerminating: terminating pods on out-of-service nodes
  for (const node of ctx.store.list('Node')) {
    if (isReady(node) || !(node.spec?.taints ?? []).some((t: { key: string }) => t.key === OUT_OF_SERVICE)) continue;
    for (const pod of ctx.store.podsOnNode(node.metadata.name)) if (pod.metadata.deletionTimestamp && !isTerminal(pod)) forceDelete(ctx, pod);
  }
  // gcOrphaned: newly found missing nodes go into quarantine; the ones still missing after it lose their pods
  const pods = ctx.store.list('Pod');
  for (const pod of pods) {
    const node = pod.spec?.nodeName as string | undefined;
    if (node && !(node in st.missing) && !ctx.store.get('Node', undefined, node)) st.missing[node] = now;
  }
  for (const [name, since] of Object.entries(st.missing)) {
    if (ctx.store.get('Node', undefined, name)) {
      delete st.missing[name];
      continue;
    }
    if (now < since + QUARANTINE_MS) {
      const at = gcTickAtOrAfter(since + QUARANTINE_MS);
      if (wake === undefined || at < wake) wake = at;
      continue;
    }
    for (const pod of ctx.store.podsOnNode(name)) forceDelete(ctx, pod, { message: 'PodGC: node no longer exists', reason: 'DeletionByPodGC', status: 'True', type: 'DisruptionTarget' });
    delete st.missing[name];
  }
  // gcUnscheduledTerminating
  for (const pod of pods) {
    if (pod.spec?.nodeName || !pod.metadata.deletionTimestamp) continue;
    const cur = ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
    if (cur && !cur.spec?.nodeName && cur.metadata.deletionTimestamp) forceDelete(ctx, cur);
  }
  return wake;
}

export const podGcController: Controller<Ctx> = {
  name: POD_GC,
  watch(ev, _enqueue, ctx) {
    const now = ctx.clock.now();
    if (ev.gk === 'Node') {
      if (ev.type === 'DELETED') {
        // found missing by the next pass, then quarantined
        if (ctx.store.podsOnNode(ev.obj.metadata.name).length) wakeAt(ctx, now);
        return;
      }
      if ((ev.obj.spec?.taints ?? []).some((t: { key: string }) => t.key === OUT_OF_SERVICE)) wakeAt(ctx, now);
      return;
    }
    if (ev.gk !== 'Pod' || ev.type === 'DELETED') return;
    const node = ev.obj.spec?.nodeName as string | undefined;
    // a pod bound to a node that does not exist
    if (node && ev.old?.spec?.nodeName !== node && !ctx.store.get('Node', undefined, node)) wakeAt(ctx, now);
    // an unscheduled pod held in deletion (a finalizer)
    if (!node && ev.obj.metadata.deletionTimestamp && !ev.old?.metadata.deletionTimestamp) wakeAt(ctx, now);
  },
  sync(key, ctx) {
    if (key !== 'gc') return;
    const now = ctx.clock.now();
    // passes happen on the 20 s grid
    if (gcTickAtOrAfter(now) !== now) {
      wakeAt(ctx, now);
      return;
    }
    const wake = gc(ctx, now);
    if (wake !== undefined) ctx.loop.at(wake, POD_GC, 'gc');
  },
};
