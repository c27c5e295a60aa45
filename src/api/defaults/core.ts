// Core group (v1) objects: pkg/apis/core/v1/defaults.go + zz_generated.defaults.go (1.32), plus the
// v1 conversions and zero values that show up in `kubectl get -o yaml`.
import { defaultPodSpec, defaultPodTemplate, defaultPVCSpec, defaultVolumeSourceMarkers } from './pod';
import { defaultResourceList } from './quantity';
import { type J, emptyMap, ensure, isNil, isObj, items, obj, setEmpty, setNil } from './util';

export function defaultPod(pod: J): void {
  defaultPodSpec(obj(pod, 'spec'), true);
  const status = obj(pod, 'status');
  // v1 conversion keeps podIP/podIPs and hostIP/hostIPs in step
  if (typeof status.podIP === 'string' && status.podIP && !(Array.isArray(status.podIPs) && status.podIPs.length)) {
    status.podIPs = [{ ip: status.podIP }];
  }
  if (typeof status.hostIP === 'string' && status.hostIP && !(Array.isArray(status.hostIPs) && status.hostIPs.length)) {
    status.hostIPs = [{ ip: status.hostIP }];
  }
}

export function defaultPodTemplateObject(pt: J): void {
  defaultPodTemplate(obj(pt, 'template'));
}

/** SetDefaults_ReplicationController: selector and labels from the template labels; replicas 1. */
export function defaultReplicationController(rc: J): void {
  const spec = obj(rc, 'spec');
  const tpl = spec.template;
  const labels = isObj(tpl) && isObj(tpl.metadata) && isObj(tpl.metadata.labels) ? tpl.metadata.labels : undefined;
  if (labels) {
    if (emptyMap(spec.selector)) spec.selector = { ...labels };
    const meta = obj(rc, 'metadata');
    if (emptyMap(meta.labels)) meta.labels = { ...labels };
  }
  setNil(spec, 'replicas', 1);
  defaultPodTemplate(tpl); // the template is a pointer here: only when given
  ensure(obj(rc, 'status'), 'replicas', 0);
}

/** ExternallyAccessible (pkg/api/v1/service): LoadBalancer, NodePort, or ClusterIP with externalIPs. */
function externallyAccessible(spec: J): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
  );
}

/**
 * SetDefaults_Service, the ClusterIP/ClusterIPs conversion, and the IP-family fields the allocator
 * fills on a single-stack IPv4 cluster (SingleStack + [IPv4]; RequireDualStack for headless
 * services without a selector). ClusterIP and NodePort allocation are not done here.
 */
export function defaultService(svc: J): void {
  const spec = obj(svc, 'spec');
  setEmpty(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    if (!isObj(cfg) || !isObj(cfg.clientIP) || isNil(cfg.clientIP.timeoutSeconds)) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  setEmpty(spec, 'type', 'ClusterIP');
  for (const p of items(spec.ports)) {
    setEmpty(p, 'protocol', 'TCP');
    if (isNil(p.targetPort) || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port ?? 0;
  }
  if (externallyAccessible(spec)) setEmpty(spec, 'externalTrafficPolicy', 'Cluster');
  if (isNil(spec.internalTrafficPolicy) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') setNil(spec, 'allocateLoadBalancerNodePorts', true);

  // ServiceSpec conversion: clusterIP is clusterIPs[0]
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (typeof spec.clusterIP === 'string' && spec.clusterIP && ips.length === 0) spec.clusterIPs = [spec.clusterIP];
  else if ((isNil(spec.clusterIP) || spec.clusterIP === '') && ips.length > 0) spec.clusterIP = ips[0];

  if (spec.type !== 'ExternalName') {
    const families = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
    if (isNil(spec.ipFamilyPolicy)) {
      const headlessNoSelector = spec.clusterIP === 'None' && emptyMap(spec.selector);
      spec.ipFamilyPolicy = headlessNoSelector || families.length === 2 ? 'RequireDualStack' : 'SingleStack';
    }
    if (families.length === 0) spec.ipFamilies = ['IPv4'];
  }

  const status = obj(svc, 'status');
  const lb = obj(status, 'loadBalancer');
  if (spec.type === 'LoadBalancer') {
    for (const ing of items(lb.ingress)) if (ing.ip && isNil(ing.ipMode)) ing.ipMode = 'VIP';
  }
}

/** SetDefaults_Secret (type Opaque) and the v1 conversion that folds stringData into data. */
export function defaultSecret(secret: J): void {
  setEmpty(secret, 'type', 'Opaque');
  if (isObj(secret.stringData)) {
    const entries = Object.entries(secret.stringData);
    if (entries.length > 0) {
      const data = obj(secret, 'data');
      for (const [k, v] of entries) data[k] = Buffer.from(String(v ?? ''), 'utf8').toString('base64');
    }
  }
  delete secret.stringData;
}

/**
 * SetDefaults_Namespace (label kubernetes.io/metadata.name), SetDefaults_NamespaceStatus (Active) and
 * the create strategy's `kubernetes` finalizer (kept unless the namespace is being deleted, where
 * the namespace controller removes it).
 */
export function defaultNamespace(ns: J): void {
  const meta = obj(ns, 'metadata');
  if (typeof meta.name === 'string' && meta.name) {
    meta.labels = { ...(isObj(meta.labels) ? meta.labels : {}), 'kubernetes.io/metadata.name': meta.name };
  }
  const spec = obj(ns, 'spec');
  if (isNil(meta.deletionTimestamp)) {
    const fin: unknown[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!fin.includes('kubernetes')) spec.finalizers = [...fin, 'kubernetes'];
  }
  setEmpty(obj(ns, 'status'), 'phase', 'Active');
}

/** SetDefaults_NodeStatus (allocatable = capacity), quantities, podCIDRs conversion, zero structs. */
export function defaultNode(node: J): void {
  const spec = obj(node, 'spec');
  if (typeof spec.podCIDR === 'string' && spec.podCIDR && !(Array.isArray(spec.podCIDRs) && spec.podCIDRs.length)) {
    spec.podCIDRs = [spec.podCIDR];
  }
  const status = obj(node, 'status');
  if (isNil(status.allocatable) && isObj(status.capacity)) status.allocatable = { ...status.capacity };
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatable);
  const de = obj(status, 'daemonEndpoints');
  ensure(obj(de, 'kubeletEndpoint'), 'Port', 0);
  const info = obj(status, 'nodeInfo');
  for (const k of [
    'architecture', 'bootID', 'containerRuntimeVersion', 'kernelVersion', 'kubeProxyVersion', 'kubeletVersion',
    'machineID', 'operatingSystem', 'osImage', 'systemUUID',
  ]) {
    ensure(info, k, '');
  }
}

export function defaultPersistentVolume(pv: J): void {
  const spec = obj(pv, 'spec');
  setEmpty(obj(pv, 'status'), 'phase', 'Pending');
  setEmpty(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setNil(spec, 'volumeMode', 'Filesystem');
  defaultResourceList(spec.capacity);
  defaultVolumeSourceMarkers(spec);
}

export function defaultPersistentVolumeClaim(pvc: J): void {
  const status = obj(pvc, 'status');
  setEmpty(status, 'phase', 'Pending');
  defaultPVCSpec(obj(pvc, 'spec'));
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatedResources);
}

export function defaultEndpoints(ep: J): void {
  for (const ss of items(ep.subsets)) for (const p of items(ss.ports)) setEmpty(p, 'protocol', 'TCP');
}

/** SetDefaults_LimitRangeItem (Container type: default ← max, defaultRequest ← default ← min). */
export function defaultLimitRange(lr: J): void {
  const spec = obj(lr, 'spec');
  ensure(spec, 'limits', null); // `json:"limits"` (no omitempty)
  for (const item of items(spec.limits)) {
    if (item.type === 'Container') {
      const def = isObj(item.default) ? item.default : {};
      const defReq = isObj(item.defaultRequest) ? item.defaultRequest : {};
      for (const [k, v] of Object.entries(isObj(item.max) ? item.max : {})) if (!(k in def)) def[k] = v;
      for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
      for (const [k, v] of Object.entries(isObj(item.min) ? item.min : {})) if (!(k in defReq)) defReq[k] = v;
      if (Object.keys(def).length) item.default = def;
      if (Object.keys(defReq).length) item.defaultRequest = defReq;
    }
    for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) defaultResourceList(item[k]);
  }
}

export function defaultResourceQuota(rq: J): void {
  const spec = obj(rq, 'spec');
  const status = obj(rq, 'status');
  defaultResourceList(spec.hard);
  defaultResourceList(status.hard);
  defaultResourceList(status.used);
}

/** core/v1 Event: the zero values Go always serializes (eventTime null, reportingComponent "", …). */
export function defaultEvent(ev: J): void {
  obj(ev, 'involvedObject');
  obj(ev, 'source');
  ensure(ev, 'firstTimestamp', null);
  ensure(ev, 'lastTimestamp', null);
  ensure(ev, 'eventTime', null);
  ensure(ev, 'reportingComponent', '');
  ensure(ev, 'reportingInstance', '');
}
