// The garbage collector: dependents whose owners are gone are deleted (background propagation);
// owners being deleted in the foreground wait for their blocking dependents; orphaning owners strip
// their references from dependents before they go.
import { registry, gkOf } from '../api/registry';
import { clone, type KObject, type OwnerReference } from '../api/types';
import { KubeError } from '../api/errors';
import type { Controller } from '../sim/loop';
import { deepEqual } from '../api/equality';
import type { Ctx } from './context';

const NAME = 'garbage-collector-controller';

/**
 * Keys are `owner:<uid>|<gk>|<namespace>|<name>` (an owner changed or vanished; kind, namespace and
 * name say where it is, empty when unknown) or `obj:<gk>|<ns>/<name>` (a dependent).
 */
export const garbageCollector: Controller<Ctx> = {
  name: NAME,
  watch(ev, enqueue) {
    const uid = ev.obj.metadata.uid;
    if (ev.type === 'DELETED') {
      if (uid) enqueue(ownerKey(uid, ev.gk, ev.obj.metadata.namespace, ev.obj.metadata.name));
      // an owner deleted in the foreground waits for this one
      for (const r of (ev.obj.metadata.ownerReferences ?? []) as OwnerReference[]) enqueue(refKey(r, ev.obj.metadata.namespace));
      return;
    }
    const fin = ev.obj.metadata.finalizers as string[] | undefined;
    if (ev.obj.metadata.deletionTimestamp && fin && (fin.includes('foregroundDeletion') || fin.includes('orphan')) && uid)
      enqueue(ownerKey(uid, ev.gk, ev.obj.metadata.namespace, ev.obj.metadata.name));
    // a dependent whose owner refs changed, or a newly created dependent of an owner that is gone
    if (ev.obj.metadata.ownerReferences?.length && (ev.type === 'ADDED' || !deepEqual(ev.old?.metadata.ownerReferences, ev.obj.metadata.ownerReferences)))
      enqueue(`obj:${ev.gk}|${ev.obj.metadata.namespace ?? ''}/${ev.obj.metadata.name}`);
  },
  sync(key, ctx) {
    if (key.startsWith('owner:')) {
      const [uid, gk, ns, name] = key.slice(6).split('|') as [string, string?, string?, string?];
      // a namespaced owner's dependents are all in its namespace: only that namespace is read
      const info = gk ? registry.byGroupKind(gk) : undefined;
      const scoped = !!info?.namespaced && !!ns;
      const dependents = () => (scoped ? ctx.store.dependentsInNamespace(uid, ns!) : ctx.store.dependents(uid));
      let owner: KObject | undefined;
      if (info && name) {
        const o = ctx.store.get(gk!, scoped ? ns : undefined, name);
        owner = o && o.metadata.uid === uid ? o : undefined;
      } else owner = ctx.store.byUid(uid);
      if (!owner) {
        // owner is gone: every dependent gets a look
        for (const dep of dependents()) checkDependent(ctx, dep.gk, dep.obj);
        return;
      }
      const fin: string[] = owner.metadata.finalizers ?? [];
      const ownerGk = gkOf(owner.kind, registry.forApiVersionKind(owner.apiVersion, owner.kind)?.group ?? '');
      if (owner.metadata.deletionTimestamp && fin.includes('orphan')) {
        for (const dep of dependents()) {
          const next = clone(dep.obj);
          next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r: OwnerReference) => r.uid !== uid);
          if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
          ctx.store.put(dep.gk, next);
        }
        ctx.api.removeFinalizer(ownerGk, owner, 'orphan');
        return;
      }
      if (owner.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) {
        const deps = dependents();
        let blocking = 0;
        for (const dep of deps) {
          const refs: OwnerReference[] = dep.obj.metadata.ownerReferences ?? [];
          const ref = refs.find((r) => r.uid === uid);
          // attemptToDeleteItem: a dependent that still has a solid owner only loses this reference
          const solid = refs.some((r) => {
            if (r.uid === uid) return false;
            const o = ctx.store.byUid(r.uid);
            return !!o && o.kind === r.kind && !(o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes('foregroundDeletion'));
          });
          if (solid) {
            const next = clone(dep.obj);
            next.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
            ctx.store.put(dep.gk, next);
            continue;
          }
          if (ref?.blockOwnerDeletion) blocking++;
          if (!dep.obj.metadata.deletionTimestamp) {
            // a dependent that has dependents of its own is deleted in the foreground too; a leaf
            // keeps the policy its own finalizers ask for, else goes in the background
            const fin: string[] = dep.obj.metadata.finalizers ?? [];
            const policy = dep.obj.metadata.uid && ctx.store.dependents(dep.obj.metadata.uid).length
              ? 'Foreground'
              : fin.includes('orphan')
                ? 'Orphan'
                : fin.includes('foregroundDeletion')
                  ? 'Foreground'
                  : 'Background';
            try {
              ctx.api.delete(dep.gk, dep.obj.metadata.namespace, dep.obj.metadata.name, { propagationPolicy: policy });
            } catch (e) {
              if (!(e instanceof KubeError)) throw e;
            }
          }
        }
        if (blocking === 0) ctx.api.removeFinalizer(ownerGk, owner, 'foregroundDeletion');
      }
      return;
    }
    if (key.startsWith('obj:')) {
      const bar = key.indexOf('|');
      const gk = key.slice(4, bar);
      const rest = key.slice(bar + 1);
      const slash = rest.indexOf('/');
      const ns = rest.slice(0, slash) || undefined;
      const name = rest.slice(slash + 1);
      const obj = ctx.store.get(gk, ns, name);
      if (obj) checkDependent(ctx, gk, obj);
    }
  },
};

function ownerKey(uid: string, gk = '', ns = '', name = ''): string {
  return `owner:${uid}|${gk}|${ns}|${name}`;
}

/** The owner key of an object's owner reference (the owner is in the dependent's namespace, or cluster-scoped). */
function refKey(r: OwnerReference, dependentNs: string | undefined): string {
  const info = registry.forApiVersionKind(r.apiVersion, r.kind);
  if (!info) return ownerKey(r.uid);
  return ownerKey(r.uid, gkOf(info.kind, info.group), info.namespaced ? dependentNs : '', r.name);
}

/**
 * The owner an ownerReference names, looked up as the garbage collector's isDangling does: by its
 * kind and name, in the dependent's namespace when the kind is namespaced, and only if the uid matches.
 */
function ownerOf(ctx: Ctx, dependent: KObject, r: OwnerReference): KObject | undefined {
  const info = registry.forApiVersionKind(r.apiVersion, r.kind);
  if (!info) {
    const o = ctx.store.byUid(r.uid);
    return o && o.kind === r.kind ? o : undefined;
  }
  const o = ctx.store.get(gkOf(info.kind, info.group), info.namespaced ? dependent.metadata.namespace : undefined, r.name);
  return o && o.metadata.uid === r.uid ? o : undefined;
}

/** Deletes a dependent all of whose owners are gone (an owner with another uid counts as gone). */
function checkDependent(ctx: Ctx, gk: string, obj: KObject): void {
  const refs: OwnerReference[] = obj.metadata.ownerReferences ?? [];
  if (refs.length === 0 || obj.metadata.deletionTimestamp) return;
  const alive = refs.filter((r) => !!ownerOf(ctx, obj, r));
  if (alive.length > 0) {
    // an owner in foreground deletion waits for this dependent: let it know
    for (const r of alive) {
      const o = ownerOf(ctx, obj, r)!;
      if (o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes('foregroundDeletion')) ctx.loop.enqueue(NAME, refKey(r, obj.metadata.namespace));
    }
    if (alive.length < refs.length) {
      const next = clone(obj);
      next.metadata.ownerReferences = alive;
      ctx.store.put(gk, next);
    }
    return;
  }
  try {
    ctx.api.delete(gk, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: 'Background' });
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
  }
}
