// The endpoints controller (kube-controller-manager's "endpoint-controller"): keeps one core/v1
// Endpoints object per Service with a selector, listing the pods the selector matches — ready pods
// under `addresses`, the others under `notReadyAddresses` — with each service port resolved per pod
// (a named targetPort is looked up in that pod's container ports). Services without a selector keep
// the Endpoints their owner wrote by hand; ExternalName services get none.
//
// Facts relied on (pkg/controller/endpoint/endpoints_controller.go, k8s.io/endpointslice/util,
// pkg/api/v1/endpoints RepackSubsets, 1.32):
//  - pods are included when they have an IP and are not terminal; terminating pods only with
//    publishNotReadyAddresses (ShouldPodBeInEndpoints(pod, publishNotReadyAddresses));
//  - with publishNotReadyAddresses every included pod is a ready address;
//  - a pod whose named targetPort it does not have is left out of that port's subset;
//  - labels are the service's labels plus `service.kubernetes.io/headless: ""` for headless services;
//  - the `endpoints.kubernetes.io/last-change-trigger-time` annotation is the service's creation time
//    on the first sync, later the earliest Ready-condition transition among the pods that changed;
//  - subsets are repacked: addresses grouped by identical port sets, addresses sorted by IP; ports and
//    subsets are ordered by a hash in Kubernetes (we use a stable hash of our own, see portOrderKey).
import type { Controller } from '../sim/loop';
import type { WatchEvent } from '../store/store';
import type { Ctx } from './context';
import { simState } from './context';
import { KubeError } from '../api/errors';
import { deepEqual } from '../api/equality';
import { fnv1a32 } from '../api/naming';
import type { KObject } from '../api/types';
import { keyFor, splitKey } from './util';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

// ---------------------------------------------------------------- shared helpers (both controllers)

export function isPodReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
}

function isTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** ShouldPodBeInEndpoints. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (isTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names this service as its subdomain. */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

export function podIPv4(pod: KObject): string | undefined {
  const ips: string[] = (pod.status?.podIPs ?? []).map((p: Any) => p.ip).filter(Boolean);
  if (!ips.length && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips.find((ip) => !ip.includes(':'));
}

/** FindPort: a number targets itself; a name is looked up in the containers' (and sidecars') ports. */
export function findPort(pod: KObject, svcPort: Any): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string' && /^\d+$/.test(tp)) return Number(tp);
  const proto = svcPort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

export function hasSelector(svc: KObject): boolean {
  const sel = svc.spec?.selector;
  return sel !== undefined && sel !== null;
}

export function selectorMatches(svc: KObject, labels: Record<string, string> | undefined): boolean {
  const sel: Record<string, string> = svc.spec?.selector ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels?.[k] !== v) return false;
  return true;
}

export function isHeadless(svc: KObject): boolean {
  const ip = svc.spec?.clusterIP;
  return ip === 'None' || !ip;
}

/** The pods a service selects, in name order. */
export function podsForService(ctx: Ctx, svc: KObject): KObject[] {
  return ctx.store.list('Pod', svc.metadata.namespace).filter((p) => selectorMatches(svc, p.metadata.labels));
}

function servicesMatching(ctx: Ctx, ns: string, labels: Record<string, string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const s of ctx.store.list('Service', ns)) if (hasSelector(s) && selectorMatches(s, labels)) out.add(keyFor(s));
  return out;
}

/**
 * GetServicesToUpdateOnPodChange: the services whose endpoints a pod event may change (pods matched
 * before or after a label change; readiness, IP, deletion and hostname changes).
 */
const memo = new WeakMap<WatchEvent, Set<string>>();

export function servicesForPodEvent(ctx: Ctx, ev: WatchEvent): Set<string> {
  // both endpoint controllers ask about the same event: compute it once
  let out = memo.get(ev);
  if (!out) memo.set(ev, (out = computeServicesForPodEvent(ctx, ev)));
  return out;
}

function computeServicesForPodEvent(ctx: Ctx, ev: WatchEvent): Set<string> {
  const ns = ev.obj.metadata.namespace!;
  if (ev.type === 'ADDED' || ev.type === 'DELETED' || !ev.old) return servicesMatching(ctx, ns, ev.obj.metadata.labels);
  const oldPod = ev.old;
  const pod = ev.obj;
  const labelsChanged = !deepEqual(oldPod.metadata.labels ?? {}, pod.metadata.labels ?? {}) || oldPod.spec?.hostname !== pod.spec?.hostname || oldPod.spec?.subdomain !== pod.spec?.subdomain;
  const ips = (p: KObject) => (p.status?.podIPs ?? []).map((x: Any) => x.ip).join(',');
  const podChanged = oldPod.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp || isPodReady(oldPod) !== isPodReady(pod) || ips(oldPod) !== ips(pod);
  if (!podChanged && !labelsChanged) return new Set();
  const now = servicesMatching(ctx, ns, pod.metadata.labels);
  if (!labelsChanged) return now;
  const before = servicesMatching(ctx, ns, oldPod.metadata.labels);
  const out = new Set<string>();
  if (podChanged) {
    for (const k of now) out.add(k);
    for (const k of before) out.add(k);
  } else {
    for (const k of now) if (!before.has(k)) out.add(k);
    for (const k of before) if (!now.has(k)) out.add(k);
  }
  return out;
}

interface TriggerState {
  /** svc key → { s: service creation time, p: pod name → Ready transition time } (RFC 3339 strings) */
  services: Record<string, { s: string; p: Record<string, string> }>;
}

/**
 * ComputeEndpointLastChangeTriggerTime, with the tracker's memory kept in the simulator state. Times
 * are kept as the RFC 3339 strings the objects carry (one format, so they compare as strings).
 */
export function computeTriggerTime(ctx: Ctx, stateName: string, svc: KObject, pods: KObject[]): number | undefined {
  const st = simState<TriggerState>(ctx, stateName, () => ({ services: {} }));
  const key = keyFor(svc);
  const prev = st.services[key];
  let min: string | undefined;
  const podTimes: Record<string, string> = {};
  const prevPods = prev?.p ?? {};
  for (const pod of pods) {
    let t: string | undefined;
    for (const c of (pod.status?.conditions ?? []) as Any[]) {
      if (c.type === 'Ready') {
        t = c.lastTransitionTime;
        break;
      }
    }
    if (!t) continue;
    podTimes[pod.metadata.name] = t;
    const was = prevPods[pod.metadata.name];
    if ((was === undefined || t > was) && (min === undefined || t < min)) min = t;
  }
  const s = svc.metadata.creationTimestamp ?? '';
  if ((prev === undefined || s > prev.s) && (min === undefined || s < min)) min = s;
  st.services[key] = { s, p: podTimes };
  if (!prev) return Date.parse(s) || 0;
  return min === undefined ? undefined : Date.parse(min);
}

export function forgetTriggerTime(ctx: Ctx, stateName: string, key: string): void {
  const st = simState<TriggerState>(ctx, stateName, () => ({ services: {} }));
  delete st.services[key];
}

/** A stable stand-in for the hash Kubernetes orders ports and subsets by. */
function portOrderKey(p: Any): string {
  return fnv1a32(`${p.name ?? ''}|${p.port}|${p.protocol ?? ''}|${p.appProtocol ?? ''}`).toString(16).padStart(8, '0');
}

function addressLess(a: Any, b: Any): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

interface RawSubset {
  address: Any;
  ready: boolean;
  port?: Any;
}

/** RepackSubsets: one subset per distinct set of addresses sharing the same ports. */
export function repackSubsets(items: RawSubset[]): Any[] {
  // port key → (address key → {address, ready})
  const byPort = new Map<string, { port?: Any; addrs: Map<string, { a: Any; ready: boolean }> }>();
  for (const it of items) {
    const pk = it.port ? `${it.port.name ?? ''}\u0000${it.port.port}\u0000${it.port.protocol ?? ''}\u0000${it.port.appProtocol ?? ''}` : '-';
    let e = byPort.get(pk);
    if (!e) byPort.set(pk, (e = { port: it.port, addrs: new Map() }));
    const ak = `${it.address.ip}|${it.address.targetRef?.uid ?? ''}`;
    const cur = e.addrs.get(ak);
    // an address seen ready for a port stays ready
    e.addrs.set(ak, { a: it.address, ready: (cur?.ready ?? false) || it.ready });
  }
  // group ports by identical address sets
  const groups = new Map<string, { ports: Any[]; addrs: Map<string, { a: Any; ready: boolean }> }>();
  for (const [, e] of byPort) {
    const key = [...e.addrs.entries()]
      .map(([k, v]) => `${k}:${v.ready ? 1 : 0}`)
      .sort()
      .join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports: [], addrs: e.addrs }));
    if (e.port) g.ports.push(e.port);
  }
  const out: Any[] = [];
  for (const [, g] of groups) {
    const ready = [...g.addrs.values()].filter((x) => x.ready).map((x) => x.a).sort(addressLess);
    const notReady = [...g.addrs.values()].filter((x) => !x.ready).map((x) => x.a).sort(addressLess);
    const ss: Any = {};
    if (ready.length) ss.addresses = ready;
    if (notReady.length) ss.notReadyAddresses = notReady;
    if (g.ports.length) ss.ports = [...g.ports].sort((a, b) => (portOrderKey(a) < portOrderKey(b) ? -1 : 1));
    out.push(ss);
  }
  const subsetKey = (s: Any) => fnv1a32(JSON.stringify(s)).toString(16).padStart(8, '0');
  return out.sort((a, b) => (subsetKey(a) < subsetKey(b) ? -1 : subsetKey(a) > subsetKey(b) ? 1 : 0));
}

function endpointPort(sp: Any, num: number): Any {
  const port: Any = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
  if (sp.appProtocol !== undefined) port.appProtocol = sp.appProtocol;
  if (!port.name) delete port.name;
  return port;
}

/** The subsets the controller wants for a service. */
export function desiredSubsets(svc: KObject, pods: KObject[]): Any[] {
  const publish = !!svc.spec?.publishNotReadyAddresses;
  const items: RawSubset[] = [];
  const ports: Any[] = svc.spec?.ports ?? [];
  // numeric targetPorts resolve the same for every pod
  const fixed = ports.every((sp) => typeof (sp.targetPort ?? sp.port) === 'number') ? ports.map((sp) => endpointPort(sp, sp.targetPort ?? sp.port)) : undefined;
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const address: Any = { ip };
    if (shouldSetHostname(pod, svc)) address.hostname = pod.spec.hostname;
    address.nodeName = pod.spec?.nodeName;
    address.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
    if (!address.nodeName) delete address.nodeName;
    const ready = publish || isPodReady(pod);
    if (ports.length === 0) {
      if (svc.spec?.clusterIP === 'None') items.push({ address, ready });
      continue;
    }
    if (fixed) {
      for (const port of fixed) items.push({ address, ready, port });
      continue;
    }
    for (const sp of ports) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      items.push({ address, ready, port: endpointPort(sp, num) });
    }
  }
  return repackSubsets(items);
}

export const ENDPOINTS_CONTROLLER = 'endpoint-controller';

export const endpointsController: Controller<Ctx> = {
  name: ENDPOINTS_CONTROLLER,
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'Service') enqueue(keyFor(ev.obj));
    else if (ev.gk === 'Pod') for (const k of servicesForPodEvent(ctx, ev)) enqueue(k);
    else if (ev.gk === 'Endpoints' && ev.type === 'DELETED') enqueue(keyFor(ev.obj));
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const svc = ctx.store.get('Service', ns, name);
    if (!svc) {
      // the service is gone: so are its endpoints
      forgetTriggerTime(ctx, ENDPOINTS_CONTROLLER, key);
      const ep = ctx.store.get('Endpoints', ns, name);
      if (ep) ctx.api.remove('Endpoints', ep);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    const pods = podsForService(ctx, svc);
    const trigger = computeTriggerTime(ctx, ENDPOINTS_CONTROLLER, svc, pods);
    const subsets = desiredSubsets(svc, pods);
    const cur = ctx.store.get('Endpoints', ns, name);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    if (cur) {
      const curLabels = { ...(cur.metadata.labels ?? {}) };
      delete curLabels[HEADLESS_LABEL];
      // (the controller never writes targetRef.resourceVersion, so a plain comparison is enough)
      if (deepEqual(cur.subsets ?? [], subsets) && deepEqual(curLabels, svc.metadata.labels ?? {})) return;
    }
    // the API server copies what it is sent: a shallow copy with fresh metadata is enough here
    const next: KObject = cur ? { ...cur, metadata: { ...cur.metadata } } : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    if (Object.keys(labels).length) next.metadata.labels = labels;
    else delete next.metadata.labels;
    const ann: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
    if (trigger !== undefined) ann[TRIGGER_TIME_ANNOTATION] = ctx.clock.rfc3339(trigger);
    else delete ann[TRIGGER_TIME_ANNOTATION];
    if (Object.keys(ann).length) next.metadata.annotations = ann;
    else delete next.metadata.annotations;
    try {
      // typed clients send well-formed objects: no strict field check needed
      if (cur) ctx.api.update(next, { fieldValidation: 'Ignore' });
      else ctx.api.create(next, { fieldValidation: 'Ignore' });
    } catch (e) {
      // a terminating namespace refuses new content; the service goes with it
      if (!(e instanceof KubeError)) throw e;
    }
  },
};
