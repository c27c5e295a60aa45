// Per-kind storage strategies of the simulated API server: what PrepareForCreate/PrepareForUpdate do
// (status reset, server-filled fields) and the Service IP/port allocators.
import type { ApiServer, KindStrategy } from './server';
import { fieldErr, raw, type FieldError } from './errors';
import { qosClass } from './qos';
import type { KObject } from './types';
import { installExtraStrategies } from './strategies-extra';
import { installWorkloadStrategies } from './workload-strategies';

export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

function ipToInt(ip: string): number | undefined {
  const p = ip.split('.');
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
  return ((Number(p[0]) << 24) >>> 0) + (Number(p[1]) << 16) + (Number(p[2]) << 8) + Number(p[3]);
}

function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const cidrBase = ipToInt('10.96.0.0')!;
const cidrSize = 1 << 20; // /12

function usedClusterIPs(api: ApiServer, except?: KObject): Set<string> {
  const used = new Set<string>();
  for (const s of api.store.list('Service')) {
    if (except && s.metadata.uid === except.metadata.uid) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) if (ip && ip !== 'None') used.add(ip);
  }
  return used;
}

function usedNodePorts(api: ApiServer, except?: KObject): Set<number> {
  const used = new Set<number>();
  for (const s of api.store.list('Service')) {
    if (except && s.metadata.uid === except.metadata.uid) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  }
  return used;
}

/** Goes-like slice rendering of a requested IP list, as 1.32 prints it in allocation errors. */
const goStrings = (xs: string[]) => raw(`[]string{${xs.map((x) => JSON.stringify(x)).join(', ')}}`);

function allocateClusterIP(api: ApiServer, svc: KObject, old: KObject | undefined): FieldError[] {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return [];
  }
  if (old && old.spec?.clusterIP && (!spec.clusterIP || spec.clusterIP === old.spec.clusterIP)) {
    spec.clusterIP = old.spec.clusterIP;
    spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP];
    return [];
  }
  if (spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
    return [];
  }
  const requested: string | undefined = spec.clusterIP || spec.clusterIPs?.[0];
  const used = usedClusterIPs(api, svc);
  if (requested) {
    const n = ipToInt(requested);
    if (n === undefined || n < cidrBase || n >= cidrBase + cidrSize || n === cidrBase || n === cidrBase + cidrSize - 1)
      return [fieldErr.invalid('spec.clusterIPs', goStrings([requested]), `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`)];
    if (used.has(requested)) return [fieldErr.invalid('spec.clusterIPs', goStrings([requested]), `failed to allocate IP ${requested}: provided IP is already allocated`)];
    spec.clusterIP = requested;
    spec.clusterIPs = [requested];
    return [];
  }
  // dynamic addresses come from above the static band (the first 256 addresses of a /12)
  const staticBand = 256;
  for (let tries = 0; tries < 10000; tries++) {
    const off = staticBand + api.rng.int(cidrSize - staticBand - 1);
    const ip = intToIp(cidrBase + off);
    if (!used.has(ip)) {
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
      return [];
    }
  }
  return [fieldErr.invalid('spec.clusterIPs', goStrings([]), 'failed to allocate a serviceIP: range is full')];
}

function allocateNodePorts(api: ApiServer, svc: KObject, old: KObject | undefined): FieldError[] {
  const spec = svc.spec;
  const needs = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  const ports: { nodePort?: number; port: number; name?: string; protocol?: string }[] = spec.ports ?? [];
  if (!needs) {
    if (spec.type === 'ClusterIP' || spec.type === 'ExternalName') for (const p of ports) delete p.nodePort;
    return [];
  }
  const used = usedNodePorts(api, svc);
  const errs: FieldError[] = [];
  const oldPorts: { nodePort?: number; port: number; protocol?: string; name?: string }[] = old?.spec?.ports ?? [];
  // (values the client left out were patched in from the old object before validation: patchAllocatedValues)
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const mine = oldPorts.some((o) => o.nodePort === p.nodePort);
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        errs.push(fieldErr.invalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
        return;
      }
      if (!mine && used.has(p.nodePort)) {
        errs.push(fieldErr.invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
        return;
      }
      used.add(p.nodePort);
      return;
    }
    // dynamic ports prefer the upper band, above the static band of the range
    const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    const staticBand = Math.min(Math.max(16, Math.floor(size / 32)), 128);
    for (let tries = 0; tries < 5000; tries++) {
      const port = NODE_PORT_MIN + staticBand + api.rng.int(size - staticBand);
      if (!used.has(port)) {
        p.nodePort = port;
        used.add(port);
        return;
      }
    }
  });
  return errs;
}

/**
 * healthCheckNodePort: allocated from the node port range for LoadBalancer services with
 * externalTrafficPolicy Local (kept across updates, released when the policy or type changes), as the
 * service REST storage's healthCheckNodePort allocation does.
 */
function allocateHealthCheckNodePort(api: ApiServer, svc: KObject, old: KObject | undefined): FieldError[] {
  const spec = svc.spec;
  const needs = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needs) return [];
  const requested: number | undefined = spec.healthCheckNodePort || undefined;
  const used = usedNodePorts(api, svc);
  for (const p of spec.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  if (requested) {
    if (old?.spec?.healthCheckNodePort === requested) return [];
    if (requested < NODE_PORT_MIN || requested > NODE_PORT_MAX)
      return [fieldErr.invalid('spec.healthCheckNodePort', requested, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`)];
    if (used.has(requested)) return [fieldErr.invalid('spec.healthCheckNodePort', requested, 'provided port is already allocated')];
    return [];
  }
  if (old?.spec?.healthCheckNodePort && old.spec.type === 'LoadBalancer' && old.spec.externalTrafficPolicy === 'Local') {
    spec.healthCheckNodePort = old.spec.healthCheckNodePort;
    return [];
  }
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const staticBand = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  for (let tries = 0; tries < 5000; tries++) {
    const port = NODE_PORT_MIN + staticBand + api.rng.int(size - staticBand);
    if (!used.has(port)) {
      spec.healthCheckNodePort = port;
      return [];
    }
  }
  return [];
}

/**
 * dropTypeDependentFields (service strategy): when an update changes the type, fields the server
 * filled in for the old type and the user left unchanged are wiped — ClusterIPs and IP families when
 * leaving ClusterIP-based types, NodePorts when leaving NodePort/LoadBalancer, healthCheckNodePort,
 * allocateLoadBalancerNodePorts, loadBalancerClass, externalTrafficPolicy and internalTrafficPolicy when they stop
 * applying.
 */
function dropTypeDependentFields(svc: KObject, old: KObject): void {
  const n = svc.spec ?? {};
  const o = old.spec ?? {};
  const needsClusterIP = (s: KObject['spec']) => s?.type !== 'ExternalName';
  const needsNodePort = (s: KObject['spec']) => s?.type === 'NodePort' || s?.type === 'LoadBalancer';
  const needsHC = (s: KObject['spec']) => s?.type === 'LoadBalancer' && s?.externalTrafficPolicy === 'Local';
  const external = (s: KObject['spec']) => s?.type === 'NodePort' || s?.type === 'LoadBalancer' || (s?.type === 'ClusterIP' && (s?.externalIPs ?? []).length > 0);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (needsClusterIP(o) && !needsClusterIP(n)) {
    if ((o.clusterIP ?? '') === (n.clusterIP ?? '') && same(o.clusterIPs, n.clusterIPs)) {
      delete n.clusterIP;
      delete n.clusterIPs;
    }
    if (same(o.ipFamilies, n.ipFamilies)) delete n.ipFamilies;
    if (same(o.ipFamilyPolicy, n.ipFamilyPolicy)) delete n.ipFamilyPolicy;
  }
  const nodePorts = (s: KObject['spec']) => new Set<number>((s?.ports ?? []).map((p: { nodePort?: number }) => p.nodePort).filter(Boolean));
  if (needsNodePort(o) && !needsNodePort(n)) {
    const op = nodePorts(o);
    if ([...nodePorts(n)].every((p) => op.has(p))) for (const p of n.ports ?? []) delete p.nodePort;
  }
  if (needsHC(o) && !needsHC(n) && (o.healthCheckNodePort ?? 0) === (n.healthCheckNodePort ?? 0)) delete n.healthCheckNodePort;
  if (o.type === 'LoadBalancer' && n.type !== 'LoadBalancer' && n.allocateLoadBalancerNodePorts !== undefined && o.allocateLoadBalancerNodePorts !== undefined && n.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts)
    delete n.allocateLoadBalancerNodePorts;
  if (o.type === 'LoadBalancer' && n.type !== 'LoadBalancer' && same(o.loadBalancerClass, n.loadBalancerClass)) delete n.loadBalancerClass;
  if (external(o) && !external(n) && same(o.externalTrafficPolicy, n.externalTrafficPolicy)) delete n.externalTrafficPolicy;
  if (needsClusterIP(o) && !needsClusterIP(n) && same(o.internalTrafficPolicy, n.internalTrafficPolicy)) delete n.internalTrafficPolicy;
}

/**
 * patchAllocatedValues (service REST storage beginUpdate): allocated values the client left out of an
 * update are kept — the ClusterIPs, each port's NodePort (matched by port name, unless another port
 * now uses it) and the healthCheckNodePort — so `replace` of a manifest without them is idempotent.
 */
function patchAllocatedValues(svc: KObject, old: KObject): void {
  const n = svc.spec ?? {};
  const o = old.spec ?? {};
  if (o.type !== 'ExternalName' && n.type !== 'ExternalName') {
    if (!n.clusterIP && o.clusterIP) n.clusterIP = o.clusterIP;
    if (!(n.clusterIPs ?? []).length && (o.clusterIPs ?? []).length) n.clusterIPs = [...o.clusterIPs];
  }
  const np = (s: KObject['spec']) => s?.type === 'NodePort' || s?.type === 'LoadBalancer';
  if (np(o) && np(n)) {
    const oldUsed = new Set<number>((o.ports ?? []).map((p: { nodePort?: number }) => p.nodePort).filter(Boolean));
    const used = new Set<number>((n.ports ?? []).map((p: { nodePort?: number }) => p.nodePort).filter((x: number | undefined) => x && oldUsed.has(x)));
    const byName = new Map<string, number>();
    for (const p of o.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of n.ports ?? []) {
      if (p.nodePort) continue;
      const v = byName.get(p.name ?? '') ?? 0;
      if (v && !used.has(v)) p.nodePort = v;
    }
  }
  const hc = (s: KObject['spec']) => s?.type === 'LoadBalancer' && s?.externalTrafficPolicy === 'Local';
  if (hc(o) && hc(n) && !n.healthCheckNodePort && o.healthCheckNodePort) n.healthCheckNodePort = o.healthCheckNodePort;
}

const serviceStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
  prepareForUpdate(obj, old) {
    obj.status = old.status ?? { loadBalancer: {} };
    patchAllocatedValues(obj, old);
    dropTypeDependentFields(obj, old);
  },
  allocate(obj, old, api) {
    const errs = allocateClusterIP(api, obj, old);
    if (errs.length) return errs;
    const portErrs = allocateNodePorts(api, obj, old);
    if (portErrs.length) return portErrs;
    return allocateHealthCheckNodePort(api, obj, old);
  },
};

const podStrategy: KindStrategy = {
  prepareForCreate(obj) {
    // dropDisabledPodFields: pod-level resources need the PodLevelResources gate (alpha, off in 1.32)
    if (obj.spec && 'resources' in obj.spec) delete obj.spec.resources;
    obj.status = { phase: 'Pending', qosClass: qosClass(obj) };
  },
  specChanged() {
    return false; // pods have no metadata.generation in 1.32
  },
};

const statusReset = (status: Record<string, unknown> = {}): KindStrategy => ({
  prepareForCreate(obj) {
    obj.status = JSON.parse(JSON.stringify(status));
  },
});

const secretStrategy: KindStrategy = {
  prepareForCreate(obj) {
    mergeStringData(obj);
  },
  prepareForUpdate(obj) {
    mergeStringData(obj);
  },
};

/** stringData is write-only: merged into data (base64) by the server, never stored. */
function mergeStringData(obj: KObject): void {
  if (!obj.stringData) return;
  obj.data = { ...(obj.data ?? {}) };
  for (const [k, v] of Object.entries(obj.stringData as Record<string, string>)) obj.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  delete obj.stringData;
}

export function installStrategies(api: ApiServer): void {
  api.strategies.set('Service', serviceStrategy);
  api.strategies.set('Pod', podStrategy);
  api.strategies.set('Secret', secretStrategy);
  for (const gk of ['Deployment.apps', 'ReplicaSet.apps', 'StatefulSet.apps', 'DaemonSet.apps', 'ReplicationController', 'CronJob.batch', 'HorizontalPodAutoscaler.autoscaling', 'PodDisruptionBudget.policy'])
    api.strategies.set(gk, statusReset({}));
  api.strategies.set('Job.batch', statusReset({}));
  api.strategies.set('Ingress.networking.k8s.io', statusReset({ loadBalancer: {} }));
  api.strategies.set('PersistentVolume', statusReset({ phase: 'Pending' }));
  api.strategies.set('PersistentVolumeClaim', statusReset({ phase: 'Pending' }));
  api.strategies.set('Namespace', statusReset({ phase: 'Active' }));
  installExtraStrategies(api);
  installWorkloadStrategies(api);
}
