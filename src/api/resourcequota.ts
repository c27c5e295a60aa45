// The ResourceQuota admission plugin (apiserver/pkg/admission/plugin/resourcequota, 1.32), the last
// validating plugin. For every quota of the namespace that tracks something the new object uses (and
// whose scopes match it): pods must state the cpu/memory the quota limits (`failed quota: q: must
// specify limits.cpu for: app; requests.cpu for: app`), the quota must have been counted already
// (`status unknown for quota: q, resources: pods`), and used + requested must stay within hard
// (`exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2`). An admitted object's usage
// is charged to the quotas' status.used at once; the quota controller recounts later.
import { clone, type KObject } from './types';
import { forbidden, type AdmissionPlugin } from './server';
import { Quantity } from './quantity';
import { addLists, listOf, matchingResources, podConstraints, prettyPrint, quotaMatches, toRaw, usageOf, type ResourceList } from './quota';

function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const keep = new Set(names);
  const out: ResourceList = new Map();
  for (const [k, v] of list) if (keep.has(k)) out.set(k, v);
  return out;
}

export const resourceQuotaAdmission: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(a) {
    // the evaluators of 1.32 charge objects when they are created
    if (a.op !== 'CREATE' || !a.info.namespaced) return;
    const ns = a.obj.metadata.namespace!;
    const quotas = a.api.store.list('ResourceQuota', ns);
    if (!quotas.length) return;
    const name = a.obj.metadata.name || a.obj.metadata.generateName || '';
    const now = a.api.clock.now();
    const interesting: KObject[] = [];
    for (const q of quotas) {
      if (!quotaMatches(q, a.gk, a.obj)) continue;
      const restricted = matchingResources(a.gk, Object.keys(q.status?.hard ?? {}));
      if (a.gk === 'Pod') {
        const err = podConstraints(restricted, a.obj);
        if (err) throw forbidden(a.info, name, `failed quota: ${q.metadata.name}: ${err}`);
      }
      const used = q.status?.used ?? {};
      const missing = restricted.filter((r) => !(r in used));
      if (missing.length) throw forbidden(a.info, name, `status unknown for quota: ${q.metadata.name}, resources: ${[...missing].sort().join(',')}`);
      interesting.push(q);
    }
    const delta = new Map([...usageOf(a.gk, a.obj, now)].filter(([, v]) => !v.isZero()));
    if (!delta.size || !interesting.length) return;
    const updates: [KObject, ResourceList][] = [];
    for (const q of interesting) {
      const hard = listOf(q.status?.hard);
      const used = listOf(q.status?.used);
      const requested = mask(delta, hard.keys());
      const newUsage = addLists(used, requested);
      const masked = mask(newUsage, requested.keys());
      const exceeded = [...hard.keys()].filter((k) => masked.has(k) && masked.get(k)!.cmp(hard.get(k)!) > 0);
      if (exceeded.length) {
        throw forbidden(
          a.info,
          name,
          `exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
        );
      }
      updates.push([q, newUsage]);
    }
    if (a.dryRun) return;
    for (const [q, usage] of updates) {
      const next = clone(q);
      next.status = { ...(next.status ?? {}), used: toRaw(usage) };
      a.api.updateStatus(next);
    }
  },
};

export { Quantity };
