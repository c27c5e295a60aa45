// The apiextensions controllers a CRD goes through, folded into one: the naming controller accepts
// its names (NamesAccepted), the establishing controller serves them (Established), the discovery
// of the kind follows (the registry), and when a CRD is deleted the finalizer controller removes
// every object of its kind.
import { clone, type KObject } from '../api/types';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { CRD_GK, registerCrds } from '../cluster/crds';

export const CRD_CONTROLLER = 'apiextensions-controller';

type Cond = { type: string; status: string; reason: string; message: string; lastTransitionTime: string };

/** The status the naming and establishing controllers give a CRD. */
export function crdStatus(crd: KObject, others: KObject[], now: string): Record<string, unknown> {
  const names = crd.spec?.names ?? {};
  const old: Cond[] = crd.status?.conditions ?? [];
  const cond = (type: string, status: string, reason: string, message: string): Cond => {
    const prev = old.find((c) => c.type === type);
    return { lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now, message, reason, status, type };
  };
  // a plural or kind another CRD of the group already serves is refused
  const clash = others.find((o) => o.metadata.name !== crd.metadata.name && o.spec?.group === crd.spec?.group && (o.status?.acceptedNames?.plural === names.plural || o.status?.acceptedNames?.kind === names.kind));
  const accepted: Record<string, unknown> = {};
  let conditions: Cond[];
  if (clash) {
    const plural = clash.status?.acceptedNames?.plural === names.plural;
    accepted.kind = '';
    accepted.plural = '';
    conditions = [
      cond('NamesAccepted', 'False', plural ? 'PluralConflict' : 'KindConflict', plural ? `"${names.plural}" is already in use` : `"${names.kind}" is already in use`),
      cond('Established', 'False', 'NotAccepted', 'not all names are accepted'),
    ];
  } else {
    for (const k of ['categories', 'kind', 'listKind', 'plural', 'shortNames', 'singular']) if (names[k] !== undefined) accepted[k] = clone(names[k]);
    conditions = [cond('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'), cond('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted')];
  }
  const storage = (crd.spec?.versions ?? []).find((v: { storage?: boolean }) => v.storage)?.name;
  const stored: string[] = [...(crd.status?.storedVersions ?? [])];
  if (storage && !stored.includes(storage)) stored.push(storage);
  return { acceptedNames: accepted, conditions, storedVersions: stored };
}

export const crdController: Controller<Ctx> = {
  name: CRD_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk !== CRD_GK) return;
    if (ev.type === 'DELETED') {
      const names = ev.obj.status?.acceptedNames ?? ev.obj.spec?.names ?? {};
      enqueue(`deleted:${names.kind}.${ev.obj.spec?.group}`);
      return;
    }
    enqueue(ev.obj.metadata.name);
  },
  sync(key, ctx) {
    if (key.startsWith('deleted:')) {
      const gk = key.slice(8);
      registerCrds(ctx.store.list(CRD_GK));
      // the storage of the kind goes with its definition
      for (const o of [...ctx.store.list(gk)]) ctx.store.remove(gk, o.metadata.namespace, o.metadata.name);
      return;
    }
    const crd = ctx.store.get(CRD_GK, undefined, key);
    if (!crd) return;
    const status = crdStatus(crd, ctx.store.list(CRD_GK), ctx.clock.rfc3339());
    if (!deepEqual(status, crd.status)) {
      const next = clone(crd);
      next.status = status;
      ctx.store.put(CRD_GK, next);
    }
    registerCrds(ctx.store.list(CRD_GK));
  },
};
