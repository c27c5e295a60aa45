// The resource quota controller (pkg/controller/resourcequota): copies spec.hard into status.hard and
// counts what the namespace uses of each tracked resource into status.used, when a quota changes,
// when objects it counts come and go (replenishment), and every 5 minutes (the resync period).
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { calculateUsage, kindForResource, toRaw } from '../api/quota';
import { deepEqual } from '../api/equality';

export const RESOURCE_QUOTA = 'resourcequota-controller';
const RESYNC_MS = 5 * 60 * 1000;

function tracks(quota: KObject, gk: string): boolean {
  return Object.keys(quota.spec?.hard ?? {}).some((r) => kindForResource(r) === gk);
}

export const resourceQuotaController: Controller<Ctx> = {
  name: RESOURCE_QUOTA,
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'ResourceQuota') {
      if (ev.type === 'DELETED') return;
      if (ev.type === 'MODIFIED' && ev.old && deepEqual(ev.old.spec, ev.obj.spec) && deepEqual(ev.old.status?.hard, ev.obj.status?.hard)) {
        // our own status writes (and admission's charges) need no recount; other quotas may count quotas
      } else enqueue(`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
    }
    const ns = ev.obj.metadata.namespace;
    if (!ns || ev.gk === 'Event') return;
    if (ev.gk === 'Pod' && ev.type === 'MODIFIED' && ev.old) {
      const o = ev.old;
      const n = ev.obj;
      // only what changes a pod's charge: finishing, or the deletion clock
      if (o.status?.phase === n.status?.phase && o.metadata.deletionTimestamp === n.metadata.deletionTimestamp) return;
    } else if (ev.type === 'MODIFIED' && ev.gk !== 'Service' && ev.gk !== 'PersistentVolumeClaim') return;
    const quotas = ctx.store.list('ResourceQuota', ns);
    for (const q of quotas) if (tracks(q, ev.gk)) enqueue(`${ns}/${q.metadata.name}`);
  },
  sync(key, ctx) {
    const [ns, name] = key.split('/');
    const quota = ctx.store.get('ResourceQuota', ns, name!);
    if (!quota) return;
    const hard = { ...(quota.spec?.hard ?? {}) };
    const used = toRaw(calculateUsage(ctx.store, quota, ctx.clock.now()));
    const status = { hard, used };
    if (!deepEqual(quota.status, status)) {
      const next = clone(quota);
      next.status = status;
      ctx.api.updateStatus(next);
    }
    ctx.loop.at(ctx.clock.now() + RESYNC_MS, RESOURCE_QUOTA, key);
  },
};
