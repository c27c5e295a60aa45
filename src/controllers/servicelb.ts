// The load-balancer controller of the simulated cloud: the cloud-controller-manager's
// "service-controller", as cloud-provider-kind runs it beside a kind cluster. For each Service of type
// LoadBalancer without a loadBalancerClass it adds the `service.kubernetes.io/load-balancer-cleanup`
// finalizer, records EnsuringLoadBalancer, and a moment later (LB_PROVISION_MS) writes the address into
// status.loadBalancer.ingress and records EnsuredLoadBalancer — until then EXTERNAL-IP shows
// <pending>. Addresses come from a MetalLB-style pool on the nodes' Docker network,
// 172.18.255.200–172.18.255.250 (the range kind's LoadBalancer guide uses), lowest free first;
// `spec.loadBalancerIP` asks for a particular one. When the service stops being a LoadBalancer, or is
// deleted, the load balancer is torn down (DeletingLoadBalancer / DeletedLoadBalancer), the address
// released and the finalizer removed.
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { KubeError } from '../api/errors';
import { clone, type KObject } from '../api/types';
import { keyFor, splitKey } from './util';

export const SERVICE_CONTROLLER = 'service-controller';
export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** How long the simulated cloud takes to provision a load balancer. */
export const LB_PROVISION_MS = 3000;
export const LB_POOL = { base: '172.18.255.', first: 200, last: 250 };

interface LbState {
  /** ip → service key */
  ips: Record<string, string>;
  /** service key → provisioning state */
  services: Record<string, { uid: string; readyAt?: number; ip?: string }>;
}

export function lbState(ctx: Ctx): LbState {
  return simState<LbState>(ctx, 'servicelb', () => ({ ips: {}, services: {} }));
}

function wantsLoadBalancer(svc: KObject): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass && !svc.metadata.deletionTimestamp;
}

function event(ctx: Ctx, svc: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.events.record(svc, type, reason, message, { component: SERVICE_CONTROLLER });
}

function allocate(st: LbState, key: string, requested: string | undefined): string | { error: string } {
  if (requested) {
    const m = /^172\.18\.255\.(\d{1,3})$/.exec(requested);
    const n = m ? Number(m[1]) : NaN;
    if (!(n >= LB_POOL.first && n <= LB_POOL.last)) return { error: `requested IP "${requested}" is not in the load-balancer pool ${LB_POOL.base}${LB_POOL.first}-${LB_POOL.base}${LB_POOL.last}` };
    const owner = st.ips[requested];
    if (owner && owner !== key) return { error: `requested IP "${requested}" is already in use by service ${owner}` };
    st.ips[requested] = key;
    return requested;
  }
  for (let n = LB_POOL.first; n <= LB_POOL.last; n++) {
    const ip = `${LB_POOL.base}${n}`;
    if (!st.ips[ip]) {
      st.ips[ip] = key;
      return ip;
    }
  }
  return { error: 'no available IPs in the load-balancer pool' };
}

function release(st: LbState, key: string): void {
  const cur = st.services[key];
  if (cur?.ip && st.ips[cur.ip] === key) delete st.ips[cur.ip];
  delete st.services[key];
}

function setFinalizer(ctx: Ctx, svc: KObject, present: boolean): KObject {
  const fins: string[] = svc.metadata.finalizers ?? [];
  if (fins.includes(LB_FINALIZER) === present) return svc;
  if (!present) {
    ctx.api.removeFinalizer('Service', svc, LB_FINALIZER);
    return ctx.store.get('Service', svc.metadata.namespace, svc.metadata.name) ?? svc;
  }
  const next = clone(svc);
  next.metadata.finalizers = [...fins, LB_FINALIZER];
  try {
    return ctx.api.update(next);
  } catch (e) {
    if (e instanceof KubeError) return svc;
    throw e;
  }
}

function writeIngress(ctx: Ctx, svc: KObject, ingress: { ip: string; ipMode: string }[] | undefined): void {
  const next = clone(svc);
  next.status = { ...(next.status ?? {}), loadBalancer: ingress ? { ingress } : {} };
  ctx.api.updateStatus(next);
}

export const serviceLoadBalancerController: Controller<Ctx> = {
  name: SERVICE_CONTROLLER,
  watch(ev, enqueue, ctx) {
    if (ev.gk !== 'Service') return;
    const key = keyFor(ev.obj);
    if (wantsLoadBalancer(ev.obj) || lbState(ctx).services[key] || (ev.obj.metadata.finalizers ?? []).includes(LB_FINALIZER)) enqueue(key);
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const st = lbState(ctx);
    let svc = ctx.store.get('Service', ns, name);
    const cur = st.services[key];
    if (cur && (!svc || svc.metadata.uid !== cur.uid)) {
      release(st, key);
      if (!svc) return;
    }
    if (!svc) return;
    if (!wantsLoadBalancer(svc)) {
      const had = st.services[key];
      if (had || (svc.metadata.finalizers ?? []).includes(LB_FINALIZER)) {
        if (had) {
          event(ctx, svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
          release(st, key);
          event(ctx, svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
        }
        if ((svc.status?.loadBalancer?.ingress ?? []).length) writeIngress(ctx, svc, undefined);
        svc = ctx.store.get('Service', ns, name);
        if (svc) setFinalizer(ctx, svc, false);
      }
      return;
    }
    svc = setFinalizer(ctx, svc, true);
    const now = ctx.clock.now();
    let s = st.services[key];
    if (!s) {
      s = st.services[key] = { uid: svc.metadata.uid!, readyAt: now + LB_PROVISION_MS };
      event(ctx, svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    }
    if (!s.ip) {
      if (now < (s.readyAt ?? now)) {
        ctx.loop.at(s.readyAt!, SERVICE_CONTROLLER, key);
        return;
      }
      const got = allocate(st, key, svc.spec?.loadBalancerIP || undefined);
      if (typeof got !== 'string') {
        event(ctx, svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${got.error}`);
        // retried with back-off, as the service controller does
        s.readyAt = now + 30_000;
        ctx.loop.at(s.readyAt, SERVICE_CONTROLLER, key);
        return;
      }
      s.ip = got;
      s.readyAt = undefined;
      writeIngress(ctx, svc, [{ ip: got, ipMode: 'VIP' }]);
      event(ctx, svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
      return;
    }
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length !== 1 || ingress[0].ip !== s.ip) writeIngress(ctx, svc, [{ ip: s.ip, ipMode: 'VIP' }]);
  },
};

/** The service (key) that owns a load-balancer address, if any. */
export function serviceForLoadBalancerIP(ctx: Ctx, ip: string): KObject | undefined {
  const key = lbState(ctx).ips[ip];
  if (!key) return undefined;
  const [ns, name] = splitKey(key);
  const svc = ctx.store.get('Service', ns, name);
  return svc && (svc.status?.loadBalancer?.ingress ?? []).some((i: { ip?: string }) => i.ip === ip) ? svc : undefined;
}
