// What the ingress-nginx controller does to the API objects while its pod runs (its traffic handling
// is in src/net/traffic.ts). It watches the Ingresses of its class — spec.ingressClassName naming an
// IngressClass whose controller is `k8s.io/ingress-nginx`, or the deprecated
// `kubernetes.io/ingress.class: nginx` annotation — and records `Sync  Scheduled for sync` on every
// change it sees. Its leader publishes the address of the `--publish-service` (the
// ingress-nginx-controller LoadBalancer Service) into each Ingress's status.loadBalancer: once when it
// becomes leader and then every 60 seconds (internal/ingress/status: UpdateInterval = 60), which is
// why ADDRESS appears a little while after an Ingress is created. Without a Ready controller pod
// nothing happens.
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { clone, type KObject } from '../api/types';
import { keyFor, splitKey } from './util';
import { INGRESS_NGINX_CLASS, INGRESS_NGINX_CONTROLLER_CLASS, INGRESS_NGINX_NS, INGRESS_NGINX_SELECTOR, INGRESS_NGINX_SERVICE } from '../cluster/networking';
import { isPodReady } from './endpoints';

export const INGRESS_NGINX = 'ingress-nginx-controller';
const EVENT_SOURCE = { component: 'nginx-ingress-controller' };
const ING_GK = 'Ingress.networking.k8s.io';
const CLASS_GK = 'IngressClass.networking.k8s.io';
export const STATUS_UPDATE_INTERVAL_MS = 60_000;
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

interface State {
  leader?: { pod: string; since: number };
  /** ingress uid → last resourceVersion the controller saw */
  seen: Record<string, string>;
}

function state(ctx: Ctx): State {
  return simState<State>(ctx, 'ingress-nginx', () => ({ seen: {} }));
}

function isControllerPod(p: KObject): boolean {
  if (p.metadata.namespace !== INGRESS_NGINX_NS) return false;
  for (const [k, v] of Object.entries(INGRESS_NGINX_SELECTOR)) if (p.metadata.labels?.[k] !== v) return false;
  return true;
}

/** The controller pods that are Running and Ready, by name. */
export function readyControllerPods(ctx: Ctx): KObject[] {
  return ctx.store.list('Pod', INGRESS_NGINX_NS).filter((p) => isControllerPod(p) && p.status?.phase === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp);
}

/** Whether ingress-nginx handles this Ingress. */
export function isNginxIngress(ctx: Ctx, ing: KObject): boolean {
  const ann = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (ann !== undefined) return ann === INGRESS_NGINX_CLASS;
  const cls = ing.spec?.ingressClassName;
  if (!cls) return false;
  return ctx.store.get(CLASS_GK, undefined, cls)?.spec?.controller === INGRESS_NGINX_CONTROLLER_CLASS;
}

/** The addresses the controller publishes (statusAddressFromService for a LoadBalancer Service). */
export function publishedAddresses(ctx: Ctx): { ip?: string; hostname?: string }[] {
  const svc = ctx.store.get('Service', INGRESS_NGINX_NS, INGRESS_NGINX_SERVICE);
  if (!svc) return [];
  const spec = svc.spec ?? {};
  let addrs: { ip?: string; hostname?: string }[] = [];
  switch (spec.type) {
    case 'ExternalName':
      addrs = [{ hostname: spec.externalName }];
      break;
    case 'ClusterIP':
      addrs = [{ ip: spec.clusterIP }];
      break;
    case 'NodePort':
      addrs = (spec.externalIPs ?? []).length ? spec.externalIPs.map((ip: string) => ({ ip })) : [{ ip: spec.clusterIP }];
      break;
    case 'LoadBalancer':
      addrs = (svc.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string; hostname?: string }) => (i.ip ? { ip: i.ip } : { hostname: i.hostname }));
      for (const ip of spec.externalIPs ?? []) if (!addrs.some((a) => a.ip === ip)) addrs.push({ ip });
      break;
  }
  return addrs.sort((a, b) => ((a.hostname ?? '') !== (b.hostname ?? '') ? ((a.hostname ?? '') < (b.hostname ?? '') ? -1 : 1) : (a.ip ?? '') < (b.ip ?? '') ? -1 : (a.ip ?? '') > (b.ip ?? '') ? 1 : 0));
}

function sameAddresses(cur: { ip?: string; hostname?: string }[], want: { ip?: string; hostname?: string }[]): boolean {
  if (cur.length !== want.length) return false;
  const norm = (l: { ip?: string; hostname?: string }[]) => l.map((a) => `${a.hostname ?? ''}|${a.ip ?? ''}`).sort();
  const a = norm(cur);
  const b = norm(want);
  return a.every((x, i) => x === b[i]);
}

function nginxIngresses(ctx: Ctx): KObject[] {
  return ctx.store.list(ING_GK).filter((i) => isNginxIngress(ctx, i));
}

/** statusSync.sync: every Ingress of the class gets the published addresses. Returns whether any changed. */
function syncStatus(ctx: Ctx): void {
  const want = publishedAddresses(ctx);
  for (const ing of nginxIngresses(ctx)) {
    const cur = ing.status?.loadBalancer?.ingress ?? [];
    if (sameAddresses(cur, want)) continue;
    const next = clone(ing);
    next.status = { ...(next.status ?? {}), loadBalancer: want.length ? { ingress: want } : {} };
    ctx.api.updateStatus(next);
  }
}

function needsStatusUpdate(ctx: Ctx): boolean {
  const want = publishedAddresses(ctx);
  return nginxIngresses(ctx).some((i) => !sameAddresses(i.status?.loadBalancer?.ingress ?? [], want));
}

/** Schedules the next 60-second status tick when some Ingress is out of date. */
function scheduleTick(ctx: Ctx): void {
  const st = state(ctx);
  if (!st.leader || !needsStatusUpdate(ctx)) return;
  const now = ctx.clock.now();
  const since = st.leader.since;
  const next = since + Math.max(1, Math.ceil((now - since) / STATUS_UPDATE_INTERVAL_MS)) * STATUS_UPDATE_INTERVAL_MS;
  ctx.loop.at(next === now ? now + STATUS_UPDATE_INTERVAL_MS : next, INGRESS_NGINX, 'tick');
}

export const ingressNginxController: Controller<Ctx> = {
  name: INGRESS_NGINX,
  watch(ev, enqueue) {
    if (ev.gk === ING_GK) enqueue(`ing:${keyFor(ev.obj)}`);
    else if (ev.gk === CLASS_GK) enqueue('all');
    else if (ev.gk === 'Pod' && isControllerPod(ev.obj)) enqueue('leader');
    else if (ev.gk === 'Service' && ev.obj.metadata.namespace === INGRESS_NGINX_NS && ev.obj.metadata.name === INGRESS_NGINX_SERVICE) enqueue('leader');
  },
  sync(key, ctx) {
    const st = state(ctx);
    if (key === 'leader') {
      const pods = readyControllerPods(ctx);
      const leader = pods[0];
      if (!leader) st.leader = undefined;
      else if (st.leader?.pod !== leader.metadata.name) {
        // a new leader runs an initial status sync at once
        st.leader = { pod: leader.metadata.name, since: ctx.clock.now() };
        syncStatus(ctx);
        for (const ing of ctx.store.list(ING_GK)) ctx.loop.enqueue(INGRESS_NGINX, `ing:${keyFor(ing)}`);
      }
      scheduleTick(ctx);
      return;
    }
    if (key === 'tick') {
      if (!st.leader) return;
      syncStatus(ctx);
      scheduleTick(ctx);
      return;
    }
    if (key === 'all') {
      for (const ing of ctx.store.list(ING_GK)) ctx.loop.enqueue(INGRESS_NGINX, `ing:${keyFor(ing)}`);
      return;
    }
    const [ns, name] = splitKey(key.slice(4));
    const ing = ctx.store.get(ING_GK, ns, name);
    if (!ing) {
      for (const [uid] of Object.entries(st.seen)) if (!ctx.store.byUid(uid)) delete st.seen[uid];
      return;
    }
    if (readyControllerPods(ctx).length === 0 || !isNginxIngress(ctx, ing) || ing.metadata.deletionTimestamp) return;
    const uid = ing.metadata.uid!;
    if (st.seen[uid] !== ing.metadata.resourceVersion) {
      ctx.events.record(ing, 'Normal', 'Sync', 'Scheduled for sync', EVENT_SOURCE);
      st.seen[uid] = ing.metadata.resourceVersion!;
    }
    scheduleTick(ctx);
  },
};
