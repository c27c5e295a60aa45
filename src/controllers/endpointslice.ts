// The EndpointSlice controller and the EndpointSlice mirroring controller of kube-controller-manager.
//
// endpointslice-controller (k8s.io/endpointslice reconciler, 1.32): for every Service with a
// selector (not ExternalName) it keeps discovery.k8s.io/v1 EndpointSlices named `<service>-<random>`
// owned by the Service, one per distinct set of resolved ports, at most 100 endpoints each. Every
// selected pod with an IP that is not terminal is an endpoint, terminating ones included:
// serving = pod Ready, terminating = deletionTimestamp set, ready = serving && !terminating (or
// always true with publishNotReadyAddresses). Existing endpoints keep their place in a slice, new
// ones are appended; a slice left empty is deleted, and when no slice would remain a placeholder
// slice with no endpoints and no ports is kept. Slices carry the service's labels plus
// `kubernetes.io/service-name`, `endpointslice.kubernetes.io/managed-by` and, for headless services,
// `service.kubernetes.io/headless`.
//
// endpointslicemirroring-controller (pkg/controller/endpointslicemirroring): mirrors hand-written
// Endpoints of selector-less Services into slices owned by the Endpoints object, unless the Endpoints
// carry `endpointslice.kubernetes.io/skip-mirror: "true"`; endpoint conditions only say `ready`.
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { KubeError } from '../api/errors';
import { deepEqual } from '../api/equality';
import { fnv1a32 } from '../api/naming';
import { clone, type KObject } from '../api/types';
import { keyFor, splitKey } from './util';
import {
  HEADLESS_LABEL,
  TRIGGER_TIME_ANNOTATION,
  computeTriggerTime,
  findPort,
  forgetTriggerTime,
  hasSelector,
  isHeadless,
  isPodReady,
  podIPv4,
  podsForService,
  servicesForPodEvent,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpoints';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export const ES_GK = 'EndpointSlice.discovery.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
export const ES_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MIRROR_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;
const MAX_MIRRORED_PER_SUBSET = 1000;
const LEADER_ELECTION_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A stable stand-in for the hash Kubernetes sorts endpoint ports by (NewPortMapKey). */
function portHash(p: Any): string {
  return fnv1a32(`${p.name ?? ''}|${p.port ?? ''}|${p.protocol ?? ''}|${p.appProtocol ?? ''}`).toString(16).padStart(8, '0');
}

export function sortPorts(ports: Any[]): Any[] {
  return [...ports].sort((a, b) => (portHash(a) < portHash(b) ? -1 : portHash(a) > portHash(b) ? 1 : 0));
}

function portMapKey(ports: Any[]): string {
  return sortPorts(ports).map(portHash).join(',');
}

/** Identity of an endpoint inside an EndpointSet (hashEndpoint): addresses, hostname, target. */
function endpointKey(e: Any): string {
  return `${(e.addresses ?? []).join(',')}|${e.hostname ?? ''}|${e.targetRef?.namespace ?? ''}/${e.targetRef?.name ?? ''}`;
}

function withoutRv(e: Any): Any {
  if (!e?.targetRef?.resourceVersion) return e;
  const c = clone(e);
  delete c.targetRef.resourceVersion;
  return c;
}

/** Slices keep `null` for empty lists, as the API server returns them. */
function normalizeLists(slice: KObject): KObject {
  if (!slice.endpoints || slice.endpoints.length === 0) slice.endpoints = null;
  if (!slice.ports || slice.ports.length === 0) slice.ports = null;
  return slice;
}

function getEndpointPorts(svc: KObject, pod: KObject): Any[] {
  const out: Any[] = [];
  const ports: Any[] = svc.spec?.ports ?? [];
  if (ports.length === 0 && svc.spec?.clusterIP === 'None') return out;
  for (const sp of ports) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    const p: Any = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

function podToEndpoint(ctx: Ctx, pod: KObject, svc: KObject): Any | undefined {
  const ip = podIPv4(pod);
  if (!ip) return undefined;
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: Any = { addresses: [ip], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  ep.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
  const zone = ctx.store.get('Node', undefined, pod.spec?.nodeName ?? '')?.metadata.labels?.['topology.kubernetes.io/zone'];
  if (zone) ep.zone = zone;
  return ep;
}

function sliceLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries((svc.metadata.labels ?? {}) as Record<string, string>)) {
    if (k === SERVICE_NAME_LABEL || k === MANAGED_BY_LABEL || k === HEADLESS_LABEL) continue;
    labels[k] = v;
  }
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name;
  labels[MANAGED_BY_LABEL] = ES_CONTROLLER_NAME;
  return labels;
}

function newSlice(svc: KObject, ports: Any[]): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: '',
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

function ownedBy(slice: KObject, svc: KObject): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o: Any) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

function setTrigger(slice: KObject, ctx: Ctx, trigger: number | undefined): void {
  const ann: Record<string, string> = { ...(slice.metadata.annotations ?? {}) };
  if (trigger !== undefined) ann[TRIGGER_TIME_ANNOTATION] = ctx.clock.rfc3339(trigger);
  else delete ann[TRIGGER_TIME_ANNOTATION];
  if (Object.keys(ann).length) slice.metadata.annotations = ann;
  else delete slice.metadata.annotations;
}

function tryWrite(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
  }
}

/** The slices the endpointslice controller manages for a service. */
export function slicesForService(ctx: Ctx, ns: string, name: string, managedBy: string): KObject[] {
  return ctx.store.list(ES_GK, ns).filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === managedBy);
}

function isPlaceholder(slice: KObject, svc: KObject): boolean {
  return (
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0 &&
    slice.addressType === 'IPv4' &&
    deepEqual(slice.metadata.labels ?? {}, sliceLabels(svc)) &&
    ownedBy(slice, svc)
  );
}

/** One reconcile of a service's slices (Reconciler.reconcileByAddressType for IPv4). */
function reconcileService(ctx: Ctx, svc: KObject): void {
  const ns = svc.metadata.namespace!;
  const existing = slicesForService(ctx, ns, svc.metadata.name, ES_CONTROLLER_NAME);
  const pods = podsForService(ctx, svc);
  const trigger = computeTriggerTime(ctx, ES_CONTROLLER, svc, pods);

  const toDelete: KObject[] = [];
  const existingByPorts = new Map<string, KObject[]>();
  for (const s of existing) {
    if (!ownedBy(s, svc) || s.addressType !== 'IPv4') {
      toDelete.push(s);
      continue;
    }
    const k = portMapKey(s.ports ?? []);
    if (!existingByPorts.has(k)) existingByPorts.set(k, []);
    existingByPorts.get(k)!.push(s);
  }

  // desired endpoints, grouped by their resolved ports (the same for every pod when no targetPort is a name)
  const desired = new Map<string, { ports: Any[]; eps: Map<string, Any> }>();
  const svcPorts: Any[] = svc.spec?.ports ?? [];
  let fixed: { ports: Any[]; key: string } | undefined;
  if (svcPorts.every((sp) => typeof (sp.targetPort ?? sp.port) === 'number')) {
    const ports = sortPorts(getEndpointPorts(svc, { apiVersion: 'v1', kind: 'Pod', metadata: { name: '' }, spec: {} }));
    fixed = { ports, key: portMapKey(ports) };
  }
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const node = ctx.store.get('Node', undefined, pod.spec?.nodeName ?? '');
    if (!node && !svc.spec?.publishNotReadyAddresses) continue;
    const ports = fixed ? fixed.ports : sortPorts(getEndpointPorts(svc, pod));
    const k = fixed ? fixed.key : portMapKey(ports);
    if (!desired.has(k)) desired.set(k, { ports, eps: new Map() });
    const ep = podToEndpoint(ctx, pod, svc);
    if (ep) desired.get(k)!.eps.set(endpointKey(ep), ep);
  }

  const toCreate: KObject[] = [];
  const toUpdate: KObject[] = [];
  for (const [k, want] of desired) {
    const slices = existingByPorts.get(k) ?? [];
    const unchanged: KObject[] = [];
    const updating: KObject[] = [];
    for (const s of slices) {
      const kept: Any[] = [];
      let changed = false;
      for (const e of s.endpoints ?? []) {
        const got = want.eps.get(endpointKey(e));
        if (!got) continue;
        kept.push(got);
        if (!deepEqual(got, e) && !deepEqual(withoutRv(got), withoutRv(e))) changed = true;
        want.eps.delete(endpointKey(e));
      }
      const labelsChanged = !deepEqual(s.metadata.labels ?? {}, sliceLabels(svc));
      if (changed || kept.length !== (s.endpoints ?? []).length) {
        if (kept.length === 0) toDelete.push(s);
        else updating.push({ ...s, metadata: { ...s.metadata, labels: sliceLabels(svc) }, endpoints: kept });
      } else if (labelsChanged) {
        updating.push({ ...s, metadata: { ...s.metadata, labels: sliceLabels(svc) } });
      } else unchanged.push(s);
    }
    const remaining = [...want.eps.values()];
    // fill the slices being updated first, fullest first
    updating.sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const s of updating) while (remaining.length && s.endpoints.length < MAX_ENDPOINTS_PER_SLICE) s.endpoints.push(remaining.shift());
    while (remaining.length) {
      let fill: KObject | undefined;
      if (remaining.length < MAX_ENDPOINTS_PER_SLICE && unchanged.length) {
        // the unchanged slice closest to full that still fits them all
        let best = MAX_ENDPOINTS_PER_SLICE;
        for (const s of unchanged) {
          const diff = MAX_ENDPOINTS_PER_SLICE - (remaining.length + (s.endpoints ?? []).length);
          if (diff >= 0 && diff < best) {
            best = diff;
            fill = s;
          }
        }
      }
      let isNew = false;
      if (fill) {
        unchanged.splice(unchanged.indexOf(fill), 1);
        fill = { ...fill, metadata: { ...fill.metadata }, endpoints: [...(fill.endpoints ?? [])] };
      } else {
        fill = newSlice(svc, want.ports);
        isNew = true;
      }
      while (remaining.length && fill.endpoints.length < MAX_ENDPOINTS_PER_SLICE) fill.endpoints.push(remaining.shift());
      if (isNew) toCreate.push(fill);
      else updating.push(fill);
    }
    toUpdate.push(...updating);
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) toDelete.push(...slices);

  // no slice would remain: keep (or create) a placeholder
  if (existing.length === toDelete.length && toCreate.length === 0) {
    if (toDelete.length === 1 && isPlaceholder(toDelete[0]!, svc)) toDelete.length = 0;
    else toCreate.push(newSlice(svc, []));
  }

  // creates become updates of slices that would otherwise be deleted
  for (let i = 0; i < toDelete.length && toCreate.length; ) {
    const del = toDelete[i]!;
    if (del.addressType === 'IPv4' && ownedBy(del, svc)) {
      const c = toCreate.pop()!;
      toUpdate.push({ ...del, metadata: { ...del.metadata, labels: c.metadata.labels }, endpoints: c.endpoints, ports: c.ports });
      toDelete.splice(i, 1);
    } else i++;
  }

  if (!svc.metadata.deletionTimestamp) {
    for (const s of toCreate) {
      setTrigger(s, ctx, trigger);
      tryWrite(() => ctx.api.create(normalizeLists(s), { fieldValidation: 'Ignore' }));
    }
  }
  for (const s of toUpdate) {
    setTrigger(s, ctx, trigger);
    tryWrite(() => ctx.api.update(normalizeLists(s), { fieldValidation: 'Ignore' }));
  }
  for (const s of toDelete) tryWrite(() => ctx.api.delete(ES_GK, s.metadata.namespace, s.metadata.name));
}

export const ES_CONTROLLER = 'endpointslice-controller';

export const endpointSliceController: Controller<Ctx> = {
  name: ES_CONTROLLER,
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'Service') enqueue(keyFor(ev.obj));
    else if (ev.gk === 'Pod') for (const k of servicesForPodEvent(ctx, ev)) enqueue(k);
    else if (ev.gk === ES_GK && ev.type === 'DELETED' && ev.obj.metadata.labels?.[MANAGED_BY_LABEL] === ES_CONTROLLER_NAME) {
      const svc = ev.obj.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc) enqueue(`${ev.obj.metadata.namespace}/${svc}`);
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const svc = ctx.store.get('Service', ns, name);
    if (!svc) {
      // the garbage collector removes the slices the service owned
      forgetTriggerTime(ctx, ES_CONTROLLER, key);
      return;
    }
    if (svc.spec?.type === 'ExternalName' || !hasSelector(svc)) return;
    reconcileService(ctx, svc);
  },
};

// ---------------------------------------------------------------- mirroring

function shouldMirror(ep: KObject | undefined): boolean {
  if (!ep) return false;
  if (ep.metadata.labels?.[SKIP_MIRROR_LABEL] === 'true') return false;
  if (ep.metadata.annotations?.[LEADER_ELECTION_ANNOTATION] !== undefined) return false;
  return true;
}

function mirroredMeta(ep: KObject): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels: Record<string, string> = { ...(ep.metadata.labels ?? {}) };
  labels[SERVICE_NAME_LABEL] = ep.metadata.name;
  labels[MANAGED_BY_LABEL] = MIRROR_CONTROLLER_NAME;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries((ep.metadata.annotations ?? {}) as Record<string, string>)) {
    if (k === TRIGGER_TIME_ANNOTATION || k === LAST_APPLIED) continue;
    annotations[k] = v;
  }
  return { labels, annotations };
}

function ipv4(ip: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);
}

/** The slices the mirroring controller wants for an Endpoints object, keyed by address type + ports. */
function desiredMirror(ep: KObject): Map<string, { addressType: string; ports: Any[]; endpoints: Any[] }> {
  const out = new Map<string, { addressType: string; ports: Any[]; endpoints: Any[] }>();
  for (const ss of (ep.subsets ?? []) as Any[]) {
    const ports = (ss.ports ?? []).map((p: Any) => {
      const o: Any = { name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' };
      if (p.appProtocol !== undefined) o.appProtocol = p.appProtocol;
      return o;
    });
    let n = 0;
    const add = (a: Any, ready: boolean) => {
      if (n >= MAX_MIRRORED_PER_SUBSET) return;
      if (typeof a?.ip !== 'string') return;
      const addressType = ipv4(a.ip) ? 'IPv4' : a.ip.includes(':') ? 'IPv6' : '';
      if (!addressType) return;
      n++;
      const e: Any = { addresses: [a.ip], conditions: { ready } };
      if (a.hostname) e.hostname = a.hostname;
      if (a.nodeName) e.nodeName = a.nodeName;
      if (a.targetRef) e.targetRef = a.targetRef;
      const key = `${addressType}|${portMapKey(ports)}`;
      if (!out.has(key)) out.set(key, { addressType, ports, endpoints: [] });
      const d = out.get(key)!;
      if (!d.endpoints.some((x) => x.addresses[0] === a.ip)) d.endpoints.push(e);
    };
    for (const a of ss.addresses ?? []) add(a, true);
    for (const a of ss.notReadyAddresses ?? []) add(a, false);
  }
  return out;
}

function deleteMirrored(ctx: Ctx, ns: string, name: string): void {
  for (const s of slicesForService(ctx, ns, name, MIRROR_CONTROLLER_NAME)) tryWrite(() => ctx.api.delete(ES_GK, ns, s.metadata.name));
}

export const MIRROR_CONTROLLER = 'endpointslice-mirroring-controller';

export const endpointSliceMirroringController: Controller<Ctx> = {
  name: MIRROR_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk === 'Endpoints') {
      if (shouldMirror(ev.obj) || shouldMirror(ev.old)) enqueue(keyFor(ev.obj));
    } else if (ev.gk === 'Service') {
      const nil = (o?: KObject) => !o || !hasSelector(o);
      if (ev.type === 'MODIFIED' ? nil(ev.obj) !== nil(ev.old) : nil(ev.obj)) enqueue(keyFor(ev.obj));
    } else if (ev.gk === ES_GK && ev.type === 'DELETED' && ev.obj.metadata.labels?.[MANAGED_BY_LABEL] === MIRROR_CONTROLLER_NAME) {
      const svc = ev.obj.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc) enqueue(`${ev.obj.metadata.namespace}/${svc}`);
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const ep = ctx.store.get('Endpoints', ns, name);
    const svc = ctx.store.get('Service', ns, name);
    if (!ep || !shouldMirror(ep) || !svc || hasSelector(svc)) {
      deleteMirrored(ctx, ns!, name);
      return;
    }
    const want = desiredMirror(ep);
    const meta = mirroredMeta(ep);
    const existing = slicesForService(ctx, ns!, name, MIRROR_CONTROLLER_NAME);
    const used = new Set<KObject>();
    for (const [k, d] of want) {
      const cur = existing.find((s) => !used.has(s) && `${s.addressType}|${portMapKey(s.ports ?? [])}` === k);
      const body: KObject = cur
        ? clone(cur)
        : {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: {
              name: '',
              generateName: `${name}-`,
              namespace: ns,
              ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: ep.metadata.uid!, controller: true, blockOwnerDeletion: true }],
            },
            addressType: d.addressType,
          };
      body.metadata.labels = meta.labels;
      if (Object.keys(meta.annotations).length) body.metadata.annotations = meta.annotations;
      else delete body.metadata.annotations;
      body.endpoints = d.endpoints;
      body.ports = d.ports;
      normalizeLists(body);
      if (cur) {
        used.add(cur);
        if (deepEqual(cur, body)) continue;
        tryWrite(() => ctx.api.update(body));
      } else tryWrite(() => ctx.api.create(body));
    }
    for (const s of existing) if (!used.has(s)) tryWrite(() => ctx.api.delete(ES_GK, ns, s.metadata.name));
  },
};

/** The API server's own slice for the `kubernetes` service (its endpoint reconciler writes both). */
export function apiServerEndpointSlice(ip: string): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { [SERVICE_NAME_LABEL]: 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  };
}
