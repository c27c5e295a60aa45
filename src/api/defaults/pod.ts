// PodSpec, containers, probes and volumes: core/v1 SetDefaults_PodSpec, SetDefaults_Pod,
// SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume and the
// volume-source defaulters, walked as the generated SetObjectDefaults_Pod / _PodTemplate do (1.32).
import { defaultPullPolicy } from './image';
import { canonicalQuantity, canonicalResourceList, defaultResourceList } from './quantity';
import { type J, dropEmptyMap, embeddedMeta, ensure, isNil, isObj, items, obj, setEmpty, setNil, setZero } from './util';

/** Every member of v1.VolumeSource (SetDefaults_Volume: none set → emptyDir {}). */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

/** File mode 0644 given to secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_MODE = 420;

/** ObjectFieldSelector.apiVersion defaults to "v1". */
function defaultFieldRef(ref: unknown): void {
  if (isObj(ref)) setEmpty(ref, 'apiVersion', 'v1');
}

/** ResourceFieldSelector.divisor is a Quantity value (not a pointer): unset it serializes as "0". */
function defaultResourceFieldRef(ref: unknown): void {
  if (!isObj(ref)) return;
  if (isNil(ref.divisor)) ref.divisor = '0';
  else ref.divisor = canonicalQuantity(ref.divisor);
}

function defaultDownwardItems(list: unknown): void {
  for (const item of items(list)) {
    defaultFieldRef(item.fieldRef);
    defaultResourceFieldRef(item.resourceFieldRef);
  }
}

/** PersistentVolumeClaimSpec defaults (volumeMode Filesystem; quantities rounded). */
export function defaultPVCSpec(spec: J): void {
  setNil(spec, 'volumeMode', 'Filesystem');
  // VolumeResourceRequirements is a struct value: always serialized
  const res = obj(spec, 'resources');
  defaultResourceList(res.limits);
  defaultResourceList(res.requests);
  dropEmptyMap(res, 'limits');
  dropEmptyMap(res, 'requests');
}

/** RBD, ISCSI, AzureDisk and ScaleIO `+default` markers (shared by the volume and PV sources). */
export function defaultVolumeSourceMarkers(src: J): void {
  if (isObj(src.rbd)) {
    setEmpty(src.rbd, 'pool', 'rbd');
    setEmpty(src.rbd, 'user', 'admin');
    setEmpty(src.rbd, 'keyring', '/etc/ceph/keyring');
  }
  if (isObj(src.iscsi)) setEmpty(src.iscsi, 'iscsiInterface', 'default');
  if (isObj(src.azureDisk)) {
    setNil(src.azureDisk, 'cachingMode', 'ReadWrite');
    setNil(src.azureDisk, 'fsType', 'ext4');
    setNil(src.azureDisk, 'readOnly', false);
    setNil(src.azureDisk, 'kind', 'Shared');
  }
  if (isObj(src.scaleIO)) {
    setEmpty(src.scaleIO, 'storageMode', 'ThinProvisioned');
    setEmpty(src.scaleIO, 'fsType', 'xfs');
  }
  if (isObj(src.hostPath)) setNil(src.hostPath, 'type', '');
}

export function defaultVolume(v: J): void {
  if (!VOLUME_SOURCES.some((k) => !isNil(v[k]))) v.emptyDir = {};
  defaultVolumeSourceMarkers(v);
  if (isObj(v.emptyDir) && !isNil(v.emptyDir.sizeLimit)) v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  if (isObj(v.secret)) setNil(v.secret, 'defaultMode', DEFAULT_MODE);
  if (isObj(v.configMap)) setNil(v.configMap, 'defaultMode', DEFAULT_MODE);
  if (isObj(v.downwardAPI)) {
    setNil(v.downwardAPI, 'defaultMode', DEFAULT_MODE);
    defaultDownwardItems(v.downwardAPI.items);
  }
  if (isObj(v.projected)) {
    setNil(v.projected, 'defaultMode', DEFAULT_MODE);
    ensure(v.projected, 'sources', null); // `json:"sources"` (no omitempty)
    for (const s of items(v.projected.sources)) {
      if (isObj(s.downwardAPI)) defaultDownwardItems(s.downwardAPI.items);
      // SetDefaults_ServiceAccountTokenProjection: one hour
      if (isObj(s.serviceAccountToken)) setNil(s.serviceAccountToken, 'expirationSeconds', 3600);
    }
  }
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate)) {
    const t = v.ephemeral.volumeClaimTemplate;
    embeddedMeta(t);
    defaultPVCSpec(obj(t, 'spec'));
  }
}

/** SetDefaults_Probe + SetDefaults_HTTPGetAction + the GRPCAction.service `+default=""`. */
function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setZero(p, 'timeoutSeconds', 1);
  setZero(p, 'periodSeconds', 10);
  setZero(p, 'successThreshold', 1);
  setZero(p, 'failureThreshold', 3);
  defaultHTTPGet(p.httpGet);
  if (isObj(p.grpc)) setNil(p.grpc, 'service', '');
}

function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  setEmpty(h, 'path', '/');
  setEmpty(h, 'scheme', 'HTTP');
}

/** SetDefaults_Container and the per-field defaulters the generated walker calls on a container. */
export function defaultContainer(c: J): void {
  if (isNil(c.imagePullPolicy) || c.imagePullPolicy === '') c.imagePullPolicy = defaultPullPolicy(c.image);
  setEmpty(c, 'terminationMessagePath', '/dev/termination-log');
  setEmpty(c, 'terminationMessagePolicy', 'File');
  for (const port of items(c.ports)) setEmpty(port, 'protocol', 'TCP');
  for (const env of items(c.env)) {
    if (isObj(env.valueFrom)) {
      defaultFieldRef(env.valueFrom.fieldRef);
      defaultResourceFieldRef(env.valueFrom.resourceFieldRef);
    }
  }
  // ResourceRequirements is a struct value: `resources: {}` when absent
  const res = obj(c, 'resources');
  defaultResourceList(res.limits);
  defaultResourceList(res.requests);
  dropEmptyMap(res, 'limits');
  dropEmptyMap(res, 'requests');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    if (isObj(c.lifecycle.postStart)) defaultHTTPGet(c.lifecycle.postStart.httpGet);
    if (isObj(c.lifecycle.preStop)) defaultHTTPGet(c.lifecycle.preStop.httpGet);
  }
}

/** SetDefaults_Pod's "requests default to limits" (Pods only, not templates). */
function requestsFromLimits(c: J): void {
  const res = c.resources;
  if (!isObj(res) || !isObj(res.limits)) return;
  const limits = Object.entries(res.limits);
  if (limits.length === 0) return;
  const req = obj(res, 'requests');
  for (const [k, v] of limits) if (!(k in req)) req[k] = v;
}

/** With host networking every container port defaults its hostPort to the containerPort (Pods only). */
function hostNetworkPorts(containers: unknown): void {
  for (const c of items(containers)) {
    for (const p of items(c.ports)) if (isNil(p.hostPort) || p.hostPort === 0) p.hostPort = p.containerPort;
  }
}

/**
 * Defaults a PodSpec. `pod` selects the Pod-only part (SetDefaults_Pod): enableServiceLinks,
 * requests from limits, hostNetwork host ports, ephemeral containers. Templates get only the
 * SetDefaults_PodSpec part, so they keep enableServiceLinks unset.
 */
export function defaultPodSpec(spec: J, pod: boolean): void {
  if (pod) {
    for (const c of [...items(spec.containers), ...items(spec.initContainers)]) requestsFromLimits(c);
    setNil(spec, 'enableServiceLinks', true);
    if (spec.hostNetwork === true) {
      hostNetworkPorts(spec.containers);
      hostNetworkPorts(spec.initContainers);
    }
  }
  setEmpty(spec, 'dnsPolicy', 'ClusterFirst');
  setEmpty(spec, 'restartPolicy', 'Always');
  setNil(spec, 'securityContext', {});
  setNil(spec, 'terminationGracePeriodSeconds', 30);
  setEmpty(spec, 'schedulerName', 'default-scheduler');
  for (const v of items(spec.volumes)) defaultVolume(v);
  for (const c of items(spec.initContainers)) defaultContainer(c);
  for (const c of items(spec.containers)) defaultContainer(c);
  if (pod) for (const c of items(spec.ephemeralContainers)) defaultContainer(c);
  defaultResourceList(spec.overhead);
  if (isObj(spec.resources)) {
    canonicalResourceList(spec.resources.limits);
    canonicalResourceList(spec.resources.requests);
  }
  // v1 <-> internal conversion: serviceAccount is the deprecated alias of serviceAccountName
  // (ServiceAccountName wins when both are set; the v1 output always mirrors it).
  const saName = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : '';
  if (saName) spec.serviceAccount = saName;
  else if (typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
}

/** A PodTemplateSpec embedded in a workload: `metadata.creationTimestamp: null` + PodSpec defaults. */
export function defaultPodTemplate(tpl: unknown): void {
  if (!isObj(tpl)) return;
  embeddedMeta(tpl);
  defaultPodSpec(obj(tpl, 'spec'), false);
}
