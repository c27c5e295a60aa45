// The namespace controller: a namespace being deleted is emptied (every namespaced object deleted,
// pods allowed their grace period), its status conditions report what remains, and once nothing is
// left the `kubernetes` finalizer is dropped and the namespace disappears.
import { registry, gkOf } from '../api/registry';
import { clone } from '../api/types';
import { KubeError } from '../api/errors';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { deepEqual } from '../api/equality';

const NAME = 'namespace-controller';

export const namespaceController: Controller<Ctx> = {
  name: NAME,
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'Namespace') {
      if (ev.obj.metadata.deletionTimestamp) enqueue(ev.obj.metadata.name);
      return;
    }
    const ns = ev.obj.metadata.namespace;
    if (ev.type === 'DELETED' && ns) {
      const n = ctx.store.get('Namespace', undefined, ns);
      if (n?.metadata.deletionTimestamp) enqueue(ns);
    }
  },
  sync(name, ctx) {
    const ns = ctx.store.get('Namespace', undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    const remaining: Record<string, number> = {};
    const finalizersLeft: Record<string, number> = {};
    for (const info of registry.all()) {
      if (!info.namespaced || info.virtual) continue;
      const gk = gkOf(info.kind, info.group);
      for (const o of [...ctx.store.list(gk, name)]) {
        if (gk === 'Event') {
          ctx.store.remove(gk, o.metadata.namespace, o.metadata.name);
          continue;
        }
        const resource = info.group ? `${info.plural}.${info.group}` : info.plural;
        remaining[resource] = (remaining[resource] ?? 0) + 1;
        for (const f of o.metadata.finalizers ?? []) finalizersLeft[f] = (finalizersLeft[f] ?? 0) + 1;
        if (!o.metadata.deletionTimestamp) {
          try {
            ctx.api.delete(gk, o.metadata.namespace, o.metadata.name, { propagationPolicy: 'Background' });
          } catch (e) {
            if (!(e instanceof KubeError)) throw e;
          }
        }
      }
    }
    // recount after this round of deletions
    const left: Record<string, number> = {};
    for (const info of registry.all()) {
      if (!info.namespaced || info.virtual) continue;
      const n = ctx.store.count(gkOf(info.kind, info.group)) && ctx.store.list(gkOf(info.kind, info.group), name).length;
      if (n) left[info.group ? `${info.plural}.${info.group}` : info.plural] = n;
    }
    const now = ctx.clock.rfc3339();
    const cond = (type: string, status: string, reason: string, message: string) => ({ lastTransitionTime: now, message, reason, status, type });
    const resources = Object.keys(left).sort();
    const fins = Object.keys(finalizersLeft).sort();
    const conditions = [
      cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
      cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      resources.length
        ? cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${resources.map((r) => `${r} has ${left[r]} resource instances`).join(', ')}`)
        : cond('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
      fins.length
        ? cond('NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${fins.map((f) => `${f} in ${finalizersLeft[f]} resource instances`).join(', ')}`)
        : cond('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ];
    if (resources.length === 0) {
      ctx.api.remove('Namespace', ns);
      return;
    }
    const cur = ctx.store.get('Namespace', undefined, name)!;
    const old = (cur.status?.conditions ?? []) as { type: string; status: string; reason: string; message: string; lastTransitionTime: string }[];
    // keep transition times of conditions that did not change
    for (const c of conditions) {
      const o = old.find((x) => x.type === c.type);
      if (o && o.status === c.status && o.reason === c.reason && o.message === c.message) c.lastTransitionTime = o.lastTransitionTime;
    }
    if (!deepEqual(old, conditions)) {
      const next = clone(cur);
      next.status = { ...(next.status ?? {}), phase: 'Terminating', conditions };
      ctx.store.put('Namespace', next);
    }
  },
};
