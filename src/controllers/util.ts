// Helpers shared by controllers (kubernetes/pkg/controller/controller_utils.go and podutil in spirit).
import { deepEqual } from '../api/equality';
import type { KindInfo } from '../api/registry';
import { apiVersionOf, gkOf } from '../api/registry';
import type { KObject, OwnerReference } from '../api/types';
import type { Selector } from '../api/selectors';
import type { Ctx } from './context';
import { clone } from '../api/types';

export function controllerRef(o: KObject): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences as OwnerReference[] | undefined;
  if (refs) for (const r of refs) if (r.controller) return r;
  return undefined;
}

export function ownerRefTo(owner: KObject, info: KindInfo): OwnerReference {
  return {
    apiVersion: apiVersionOf(info),
    kind: info.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** FilterActivePods: not finished and not being deleted. */
export function isPodActive(p: KObject): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function podCondition(p: KObject, type: string): { status: string; lastTransitionTime?: string } | undefined {
  return (p.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

export function isPodReady(p: KObject): boolean {
  return podCondition(p, 'Ready')?.status === 'True';
}

/**
 * Whether a pod update can change what a replica manager computes from its pods (active, fully
 * labelled, ready and available counts): the kubelet's many other status writes (container states,
 * IPs, restart counts) cannot, so the ReplicaSet need not recount a thousand pods for each of them.
 */
export function replicaRelevantChange(old: KObject, obj: KObject): boolean {
  if (old.metadata.deletionTimestamp !== obj.metadata.deletionTimestamp || old.status?.phase !== obj.status?.phase) return true;
  if (!deepEqual(old.metadata.labels, obj.metadata.labels)) return true;
  const a = podCondition(old, 'Ready');
  const b = podCondition(obj, 'Ready');
  return a?.status !== b?.status || a?.lastTransitionTime !== b?.lastTransitionTime;
}

/** Ready for at least minReadySeconds as of now (podutil.IsPodAvailable). */
export function isPodAvailable(p: KObject, minReadySeconds: number, nowMs: number): boolean {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return !Number.isNaN(t) && t + minReadySeconds * 1000 <= nowMs;
}

/** When a ready pod becomes available (for requeueing), or undefined. */
export function availableAt(p: KObject, minReadySeconds: number): number | undefined {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True' || !minReadySeconds) return undefined;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return Number.isNaN(t) ? undefined : t + minReadySeconds * 1000;
}

/** The objects of a kind this owner controls (by controller ownerReference). */
export function ownedBy(ctx: Ctx, owner: KObject, gk: string): KObject[] {
  const uid = owner.metadata.uid;
  if (!uid) return [];
  const out: KObject[] = [];
  // a namespaced owner's dependents are in its namespace: only that part of the store is read
  for (const o of ctx.store.dependentsOfKind(uid, gk, owner.metadata.namespace || undefined)) if (controllerRef(o)?.uid === uid) out.push(o);
  return out;
}

/**
 * ClaimObjects (ControllerRefManager): returns the objects this owner should control — those it
 * already owns that still match, plus orphans that match (adopted by adding a controller ref).
 * Owned objects that no longer match are released.
 */
export function claim(
  ctx: Ctx,
  owner: KObject,
  ownerInfo: KindInfo,
  gk: string,
  selector: Selector,
  candidates: Iterable<KObject>,
  /** An extra condition (the StatefulSet's: the pod's name says it is a member). */
  filter?: (o: KObject) => boolean,
): KObject[] {
  const uid = owner.metadata.uid!;
  const out: KObject[] = [];
  const deleting = !!owner.metadata.deletionTimestamp;
  // (no orphans to consider is the common case: then there is no need to remember who is owned)
  const seen = Array.isArray(candidates) && candidates.length === 0 ? undefined : new Set<string>();
  const matches = (o: KObject) => selector.matches(o.metadata.labels) && (!filter || filter(o));
  for (const o of ownedBy(ctx, owner, gk)) {
    seen?.add(o.metadata.uid!);
    if (matches(o) || deleting) {
      out.push(o);
      continue;
    }
    // release: drop our controller reference
    const next = clone(o);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r: OwnerReference) => r.uid !== uid);
    if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
    ctx.store.put(gk, next);
  }
  if (deleting) return out;
  for (const o of candidates) {
    if (seen!.has(o.metadata.uid!)) continue;
    if (controllerRef(o)) continue;
    if (o.metadata.deletionTimestamp) continue;
    if (!matches(o)) continue;
    const next = clone(o);
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefTo(owner, ownerInfo)];
    out.push(ctx.store.put(gk, next));
  }
  return out;
}

/** Enqueues the controlling owner of a changed object, if it is of the given kind. */
export function enqueueOwner(obj: KObject, ownerKind: string, enqueue: (key: string) => void): void {
  const ref = controllerRef(obj);
  if (ref && ref.kind === ownerKind) enqueue(obj.metadata.namespace ? `${obj.metadata.namespace}/${ref.name}` : ref.name);
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export function keyFor(o: KObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

export { gkOf };
