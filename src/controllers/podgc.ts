// The pod garbage collector (kube-controller-manager's pod-garbage-collector, 1.32), every 20 s:
//   - orphaned pods: pods bound to a node that no longer exists are force-deleted once the node has
//     been missing for the 40 s quarantine — first marked Failed with a DisruptionTarget condition
//     (DeletionByPodGC, "PodGC: node no longer exists"). This is what finally frees a StatefulSet's
//     pod stuck Terminating on a dead node after `kubectl delete node`;
//   - terminating pods on a node that is not ready and carries the
//     `node.kubernetes.io/out-of-service` taint (non-graceful node shutdown) are force-deleted.
// It emits no events. It only wakes when a node disappears or gets that taint.
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';

export const POD_GC = 'pod-garbage-collector';
const GC_PERIOD_MS = 20_000;
const QUARANTINE_MS = 40_000;
const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

interface State {
  /** Missing node → when the collector first noticed it (ms). */
  missing: Record<string, number>;
}

function state(ctx: Ctx): State {
  return simState<State>(ctx, 'podGC', () => ({ missing: {} }));
}

function gcTickAtOrAfter(t: number): number {
  return Math.ceil(t / GC_PERIOD_MS) * GC_PERIOD_MS;
}

/** markFailedAndDeletePod: phase Failed (plus a condition), then a delete with grace period 0. */
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
  ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
}

function isReady(node: KObject): boolean {
  return (node.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

function gc(ctx: Ctx, now: number): number | undefined {
  const st = state(ctx);
  let wake: number | undefined;
  // terminating pods on out-of-service nodes
  for (const node of ctx.store.list('Node')) {
    if (isReady(node) || !(node.spec?.taints ?? []).some((t: { key: string }) => t.key === OUT_OF_SERVICE)) continue;
    for (const pod of ctx.store.podsOnNode(node.metadata.name)) if (pod.metadata.deletionTimestamp) forceDelete(ctx, pod);
  }
  // orphaned pods: nodes that went missing are quarantined before their pods go
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
  return wake;
}

export const podGcController: Controller<Ctx> = {
  name: POD_GC,
  watch(ev, _enqueue, ctx) {
    if (ev.gk !== 'Node') return;
    const now = ctx.clock.now();
    if (ev.type === 'DELETED') {
      if (ctx.store.podsOnNode(ev.obj.metadata.name).length === 0) return;
      // noticed at the next collection, then quarantined
      state(ctx).missing[ev.obj.metadata.name] = gcTickAtOrAfter(now);
      ctx.loop.at(gcTickAtOrAfter(now), POD_GC, 'gc');
      return;
    }
    if ((ev.obj.spec?.taints ?? []).some((t: { key: string }) => t.key === OUT_OF_SERVICE)) ctx.loop.at(gcTickAtOrAfter(now), POD_GC, 'gc');
  },
  sync(key, ctx) {
    if (key !== 'gc') return;
    const wake = gc(ctx, ctx.clock.now());
    if (wake !== undefined) ctx.loop.at(wake, POD_GC, 'gc');
  },
};
