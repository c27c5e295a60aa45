// The taint eviction controller (kube-controller-manager's taint-eviction-controller, separate from
// the node lifecycle controller since 1.29): pods on a node with NoExecute taints they do not
// tolerate are deleted at once; pods tolerating them for tolerationSeconds (300 s for the
// not-ready/unreachable taints, added by the DefaultTolerationSeconds admission plugin) are deleted
// that long after the controller noticed the taint; pods tolerating them forever stay. Each
// deletion is announced with a `TaintManagerEviction` event "Marking for deletion Pod ns/name" — a
// reference without uid, so `describe pod` does not list it — and preceded by a DisruptionTarget
// condition (DeletionByTaintManager). A taint that goes away cancels the pending deletions
// ("Cancelling deletion of Pod ns/name").
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { keyFor, splitKey } from './util';
import { deepEqual } from '../api/equality';

export const TAINT_EVICTION = 'taint-eviction-controller';

type Taint = { key: string; value?: string; effect: string };
type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number | null };

interface Scheduled {
  /** When the eviction was first scheduled (its start time) and when it fires (ms). */
  created: number;
  fire: number;
  /**
   * The deletion happened. The timed worker queue keeps the key (to refuse duplicates), so a later
   * cancellation — the taint going away, the pod object finally disappearing — still announces
   * "Cancelling deletion", as in Kubernetes.
   */
  done?: boolean;
}

interface State {
  /** `ns/name` → scheduled deletion */
  work: Record<string, Scheduled>;
}

function state(ctx: Ctx): State {
  return simState<State>(ctx, 'taintEviction', () => ({ work: {} }));
}

/** Toleration.ToleratesTaint. */
function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/** GetMatchingTolerations: are all taints tolerated, and by which tolerations. */
function matchingTolerations(taints: Taint[], tolerations: Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => tolerates(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime: 0 when some toleration has no time left, -1 when they all tolerate forever. */
function minTolerationMs(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds * 1000);
  }
  return min === Infinity ? -1 : min;
}

function noExecuteTaints(node: KObject | undefined): Taint[] {
  return ((node?.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
}

function podRef(ns: string, name: string): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns } } as KObject;
}

function cancel(ctx: Ctx, key: string): void {
  const st = state(ctx);
  if (!st.work[key]) return;
  delete st.work[key];
  const [ns, name] = splitKey(key);
  ctx.events.record(podRef(ns!, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, { component: TAINT_EVICTION });
}

function schedule(ctx: Ctx, key: string, created: number, fire: number): void {
  state(ctx).work[key] = { created, fire };
  ctx.loop.at(fire, TAINT_EVICTION, `evict/${key}`);
}

/** processPodOnNode. */
function processPod(ctx: Ctx, pod: KObject, taints: Taint[], now: number): void {
  const key = keyFor(pod);
  if (taints.length === 0) {
    cancel(ctx, key);
    return;
  }
  const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
  if (!all) {
    cancel(ctx, key);
    schedule(ctx, key, now, now);
    return;
  }
  const min = minTolerationMs(used);
  if (min < 0) {
    cancel(ctx, key);
    return;
  }
  const trigger = now + min;
  const existing = state(ctx).work[key];
  if (existing?.done) return;
  let start = now;
  if (existing) {
    start = existing.created;
    if (start + min < trigger) return;
    cancel(ctx, key);
  }
  schedule(ctx, key, start, trigger);
}

/** Deletes the pod, as the controller's worker does when the eviction fires. */
function evict(ctx: Ctx, key: string): void {
  const st = state(ctx);
  const w = st.work[key];
  if (!w || w.done || w.fire > ctx.clock.now()) return;
  w.done = true;
  const [ns, name] = splitKey(key);
  ctx.events.record(podRef(ns!, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, { component: TAINT_EVICTION });
  const pod = ctx.store.get('Pod', ns, name);
  if (!pod || pod.metadata.deletionTimestamp) return;
  const next = clone(pod);
  const conds: Record<string, unknown>[] = (next.status ??= {}).conditions ?? (next.status.conditions = []);
  const prev = conds.find((c) => c.type === 'DisruptionTarget');
  if (!prev || prev.status !== 'True' || prev.reason !== 'DeletionByTaintManager') {
    const c = { lastProbeTime: null, lastTransitionTime: ctx.clock.rfc3339(), message: 'Taint manager: deleting due to NoExecute taint', reason: 'DeletionByTaintManager', status: 'True', type: 'DisruptionTarget' };
    if (prev) Object.assign(prev, c);
    else conds.push(c);
    ctx.store.put('Pod', next);
  }
  ctx.api.delete('Pod', ns, name);
}

export const taintEvictionController: Controller<Ctx> = {
  name: TAINT_EVICTION,
  watch(ev, enqueue) {
    if (ev.gk === 'Node') {
      const before = ev.type === 'ADDED' ? [] : noExecuteTaints(ev.old);
      const after = ev.type === 'DELETED' ? [] : noExecuteTaints(ev.obj);
      if (ev.type === 'MODIFIED' && deepEqual(before.map(strip), after.map(strip))) return;
      enqueue(`node/${ev.obj.metadata.name}`);
      return;
    }
    if (ev.gk === 'Pod') {
      if (ev.type === 'MODIFIED' && ev.old && ev.old.spec?.nodeName === ev.obj.spec?.nodeName && deepEqual(ev.old.spec?.tolerations, ev.obj.spec?.tolerations)) return;
      enqueue(`pod/${keyFor(ev.obj)}`);
    }
  },
  sync(key, ctx) {
    const now = ctx.clock.now();
    if (key.startsWith('evict/')) {
      evict(ctx, key.slice(6));
      return;
    }
    if (key.startsWith('node/')) {
      const name = key.slice(5);
      const node = ctx.store.get('Node', undefined, name);
      const taints = noExecuteTaints(node);
      for (const pod of ctx.store.podsOnNode(name)) {
        if (taints.length === 0) cancel(ctx, keyFor(pod));
        else processPod(ctx, pod, taints, now);
      }
      return;
    }
    if (key.startsWith('pod/')) {
      const pkey = key.slice(4);
      const [ns, name] = splitKey(pkey);
      const pod = ctx.store.get('Pod', ns, name);
      if (!pod) {
        cancel(ctx, pkey);
        return;
      }
      if (!pod.spec?.nodeName) return;
      const taints = noExecuteTaints(ctx.store.get('Node', undefined, pod.spec.nodeName));
      if (taints.length === 0) return;
      processPod(ctx, pod, taints, now);
    }
  },
};

function strip(t: Taint): Taint {
  return { key: t.key, value: t.value, effect: t.effect };
}
