// The taint eviction controller (kube-controller-manager's taint-eviction-controller, the former
// "taint manager", separate from the node lifecycle controller since 1.29). Pods on a node with
// NoExecute taints they do not tolerate are deleted at once — whoever added the taint: the node
// lifecycle controller (not-ready/unreachable) or a user (`kubectl taint … :NoExecute`). Pods
// tolerating them for tolerationSeconds (300 s for not-ready/unreachable, added by the
// DefaultTolerationSeconds admission plugin) are deleted when the shortest of those runs out,
// counted from when the controller processed the node update that brought the taints
// (handleNodeUpdate's time.Now(); in the simulation that is the taint's timeAdded, as the controller
// reacts at the same instant) — a later update keeps the earlier start. Pods tolerating them
// forever stay.
// Each deletion is announced with a `TaintManagerEviction` event "Marking for deletion Pod ns/name"
// (a reference without uid, so `describe pod`, which selects by uid, does not list it) and preceded
// by the DisruptionTarget condition (DeletionByTaintManager); the pod is deleted gracefully. A
// pending deletion that is no longer wanted (the taint went away, a toleration now covers it, the pod
// is gone) is cancelled with "Cancelling deletion of Pod ns/name". TimedWorkerQueue keeps the key of
// a deletion that ran (a nil worker) so the pod is not evicted twice, and cancelling such a key says
// nothing (CancelWork returns false for it). A deleted node is just forgotten: its pods' pending
// deletions stay (handleNodeUpdate on NotFound only drops the node from taintedNodes).
import type { KObject, Taint, Toleration } from '../api/types';
import type { Controller } from '../sim/loop';
import { simState, type Ctx } from './context';
import { deepEqual } from '../api/equality';
import { KubeError } from '../api/errors';
import { tolerates } from '../scheduler/helpers';
import { setPodCondition } from '../scheduler/preemption';

export const TAINT_EVICTION = 'taint-eviction-controller';

interface Work {
  /** When the eviction was first scheduled (its start time) and when it fires (ms). */
  createdAt: number;
  fireAt: number;
  /** The deletion ran; the key stays so the pod is not evicted twice (TimedWorkerQueue keeps nil). */
  fired?: boolean;
}

interface TaintEvictionState {
  /** `ns/name` → scheduled deletion */
  work: Record<string, Work>;
}

function state(ctx: Ctx): TaintEvictionState {
  return simState<TaintEvictionState>(ctx, 'taintEviction', () => ({ work: {} }));
}

function noExecute(node: KObject | undefined): Taint[] {
  return ((node?.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
}

/** v1helper.GetMatchingTolerations: every taint needs a toleration; returns the ones used. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[]): [boolean, Toleration[]] {
  if (taints.length === 0) return [true, []];
  if (tolerations.length === 0) return [false, []];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((tol) => tolerates(tol, taint));
    if (!t) return [false, []];
    used.push(t);
  }
  return [true, used];
}

/** getMinTolerationTime in ms: 0 = at once, -1 = forever. */
export function minTolerationMs(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

function podRef(key: string): KObject {
  const [namespace, name] = key.split('/');
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: name!, namespace: namespace! } };
}

/** cancelWorkWithEvent: the event only when a pending (not yet fired) deletion is cancelled. */
function cancel(ctx: Ctx, key: string): void {
  const st = state(ctx);
  const w = st.work[key];
  if (!w) return;
  delete st.work[key];
  if (!w.fired) ctx.events.record(podRef(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, { component: TAINT_EVICTION });
}

/** TimedWorkerQueue.AddWork: an existing key (pending or fired) is left alone. */
function addWork(ctx: Ctx, key: string, createdAt: number, fireAt: number): void {
  const st = state(ctx);
  if (st.work[key]) return;
  st.work[key] = { createdAt, fireAt };
  ctx.loop.at(fireAt, TAINT_EVICTION, `fire:${key}`);
}

/** processPodOnNode. */
function processPod(ctx: Ctx, key: string, tolerations: Toleration[], taints: Taint[], now: number): void {
  if (taints.length === 0) {
    cancel(ctx, key);
    return;
  }
  const [all, used] = matchingTolerations(taints, tolerations);
  if (!all) {
    cancel(ctx, key);
    addWork(ctx, key, now, now);
    return;
  }
  const min = minTolerationMs(used);
  if (min < 0) {
    cancel(ctx, key);
    return;
  }
  let start = now;
  const trigger = now + min;
  const existing = state(ctx).work[key];
  if (existing && !existing.fired) {
    start = existing.createdAt;
    if (start + min < trigger) return;
    cancel(ctx, key);
  }
  addWork(ctx, key, start, trigger);
}

/** deletePodHandler: the event, then addConditionAndDeletePod. */
function fire(ctx: Ctx, key: string): void {
  const w = state(ctx).work[key];
  if (!w || w.fired || w.fireAt > ctx.clock.now()) return;
  w.fired = true;
  ctx.events.record(podRef(key), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, { component: TAINT_EVICTION });
  const [ns, name] = key.split('/');
  const pod = ctx.store.get('Pod', ns, name!);
  if (!pod) return;
  setPodCondition(ctx, pod, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
  try {
    ctx.api.delete('Pod', ns, name!);
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
  }
}

export const taintEvictionController: Controller<Ctx> = {
  name: TAINT_EVICTION,
  watch(ev, enqueue) {
    if (ev.gk === 'Node') {
      // nodeUpdated: only a change of the NoExecute taints matters
      if (ev.type === 'MODIFIED' && ev.old && deepEqual(noExecute(ev.old), noExecute(ev.obj))) return;
      enqueue(`node:${ev.obj.metadata.name}`);
      return;
    }
    if (ev.gk !== 'Pod') return;
    // podUpdated: only a change of tolerations or node matters
    const o = ev.old;
    if (ev.type === 'MODIFIED' && o && deepEqual(o.spec?.tolerations, ev.obj.spec?.tolerations) && o.spec?.nodeName === ev.obj.spec?.nodeName) return;
    enqueue(`pod:${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
  },
  sync(key, ctx) {
    const now = ctx.clock.now();
    if (key.startsWith('fire:')) return fire(ctx, key.slice(5));
    if (key.startsWith('node:')) {
      // handleNodeUpdate
      const name = key.slice(5);
      const node = ctx.store.get('Node', undefined, name);
      if (!node) return;
      const taints = noExecute(node);
      const pods = ctx.store.podsOnNode(name);
      if (taints.length === 0) {
        for (const p of pods) cancel(ctx, `${p.metadata.namespace}/${p.metadata.name}`);
        return;
      }
      for (const p of pods) processPod(ctx, `${p.metadata.namespace}/${p.metadata.name}`, p.spec?.tolerations ?? [], taints, now);
      return;
    }
    if (key.startsWith('pod:')) {
      // handlePodUpdate
      const pk = key.slice(4);
      const [ns, name] = pk.split('/');
      const pod = ctx.store.get('Pod', ns, name!);
      if (!pod) {
        cancel(ctx, pk);
        return;
      }
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) return;
      const taints = noExecute(ctx.store.get('Node', undefined, nodeName));
      // a node without NoExecute taints is not in the controller's taintedNodes: nothing to do
      if (taints.length === 0) return;
      processPod(ctx, pk, pod.spec?.tolerations ?? [], taints, now);
    }
  },
};
