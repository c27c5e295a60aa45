// The API server's validation (kube-apiserver 1.32 pkg/apis/*/validation plus the registry strategies'
// extra checks), over defaulted v1 objects. Errors come back in the order the server appends them; the
// caller wraps them in InvalidError(kind, group, name, causes).
//
//   validateCreate('Deployment.apps', obj)        → FieldError[]
//   validateUpdate('Deployment.apps', obj, old)   → FieldError[]
//   warningsOnCreate(gk, obj)                     → server warnings (kubectl prints "Warning: …")
//   decodeError(gk, obj)                          → BadRequest text for unparseable quantities, or null
import type { FieldError } from '../errors';
import { registry } from '../registry';
import type { KObject } from '../types';
import { ERR_FORMAT_WRONG, parseQuantity, QuantityParseError } from '../quantity';
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet } from './apps';
import { validateCronJob, validateJob } from './batch';
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateNode,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeUpdate,
  validatePodTemplate,
  validateReplicationController,
  validateSecret,
  validateSecretUpdate,
  validateService,
  validateServiceAccount,
  validateServiceNodePortRange,
} from './core';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { validateCustomResourceDefinition } from './apiextensions';
import {
  validateHPA,
  validateIngress,
  validateIngressClass,
  validateNetworkPolicy,
  validatePDB,
  validatePriorityClass,
  validateRole,
  validateRoleBinding,
  validateStorageClass,
} from './others';
import { quantityMap, validatePodCreate, validatePodUpdate, validateResourceQuantityValue } from './pod';
import { type Any, type Errs, isDNS1123Label, isObj, nameIsDNSSubdomain } from './util';

export type { FieldError };
export { parseCronSchedule, CronParseError, type CronSchedule } from './cron';
export { POD_UPDATE_FORBIDDEN_PREFIX, podQOS } from './pod';
export { STATEFULSET_UPDATE_FORBIDDEN } from './apps';
export { NODE_PORT_RANGE, validateServiceNodePortRange } from './core';

type Validator = (obj: Any, old: Any | null) => Errs;

function metaOnly(obj: Any, old: Any | null, gk: string): Errs {
  const info = registry.byGroupKind(gk);
  const namespaced = info ? info.namespaced : !!obj?.metadata?.namespace;
  return old
    ? validateObjectMetaUpdate(obj.metadata, old.metadata)
    : validateObjectMeta(obj.metadata, { namespaced, nameFn: nameIsDNSSubdomain });
}

function quotaLike(obj: Any, old: Any | null, gk: string): Errs {
  const errs = metaOnly(obj, old, gk);
  for (const [k, q] of quantityMap(obj.spec?.hard)) errs.push(...validateResourceQuantityValue(k, q, `spec.hard[${k}]`));
  return errs;
}

const VALIDATORS: Record<string, Validator> = {
  Pod: (o, old) => (old ? validatePodUpdate(o, old) : validatePodCreate(o)),
  PodTemplate: validatePodTemplate,
  ReplicationController: validateReplicationController,
  Service: (o, old) => validateService(o, old),
  ConfigMap: (o, old) => (old ? validateConfigMapUpdate(o, old) : validateConfigMap(o)),
  Secret: (o, old) => (old ? validateSecretUpdate(o, old) : validateSecret(o)),
  Namespace: (o, old) => (old ? validateObjectMetaUpdate(o.metadata, old.metadata) : validateNamespace(o)),
  Node: validateNode,
  ServiceAccount: (o, old) => (old ? [...validateObjectMetaUpdate(o.metadata, old.metadata), ...validateServiceAccount(o)] : validateServiceAccount(o)),
  PersistentVolume: (o, old) => (old ? validatePersistentVolumeUpdate(o, old) : validatePersistentVolume(o)),
  PersistentVolumeClaim: (o, old) => (old ? validatePersistentVolumeClaimUpdate(o, old) : validatePersistentVolumeClaim(o)),
  ResourceQuota: (o, old) => quotaLike(o, old, 'ResourceQuota'),
  'Deployment.apps': validateDeployment,
  'ReplicaSet.apps': validateReplicaSet,
  'DaemonSet.apps': validateDaemonSet,
  'StatefulSet.apps': validateStatefulSet,
  'Job.batch': validateJob,
  'CronJob.batch': validateCronJob,
  'HorizontalPodAutoscaler.autoscaling': validateHPA,
  'Ingress.networking.k8s.io': validateIngress,
  'IngressClass.networking.k8s.io': validateIngressClass,
  'NetworkPolicy.networking.k8s.io': validateNetworkPolicy,
  'Role.rbac.authorization.k8s.io': (o, old) => validateRole(o, old, false),
  'ClusterRole.rbac.authorization.k8s.io': (o, old) => validateRole(o, old, true),
  'RoleBinding.rbac.authorization.k8s.io': (o, old) => validateRoleBinding(o, old, false),
  'ClusterRoleBinding.rbac.authorization.k8s.io': (o, old) => validateRoleBinding(o, old, true),
  'PodDisruptionBudget.policy': validatePDB,
  'PriorityClass.scheduling.k8s.io': validatePriorityClass,
  'StorageClass.storage.k8s.io': validateStorageClass,
  'CustomResourceDefinition.apiextensions.k8s.io': validateCustomResourceDefinition,
};

/** Validation of a new object (after defaulting and name generation), as on POST. */
export function validateCreate(gk: string, obj: KObject): FieldError[] {
  if (gk === 'Service') {
    // the node port allocator runs before validation and fails the request on its own
    const alloc = validateServiceNodePortRange(obj);
    if (alloc.length) return alloc;
  }
  const v = VALIDATORS[gk];
  return v ? v(obj, null) : metaOnly(obj, null, gk);
}

/** Validation of an update (PUT/PATCH/apply) of `old` into `obj`. resourceVersion conflicts are not checked. */
export function validateUpdate(gk: string, obj: KObject, old: KObject): FieldError[] {
  if (gk === 'Service') {
    const alloc = validateServiceNodePortRange(obj);
    if (alloc.length) return alloc;
  }
  const v = VALIDATORS[gk];
  return v ? v(obj, old) : metaOnly(obj, old, gk);
}

const WORKLOADS_WITH_NAME_WARNING = new Set(['Pod', 'ReplicationController', 'ReplicaSet.apps', 'Deployment.apps', 'Job.batch', 'CronJob.batch']);

/**
 * Server warnings returned with a successful create (kubectl prints them as `Warning: <text>`): workload
 * names that are DNS subdomains but not DNS labels (kubernetes#114412).
 */
export function warningsOnCreate(gk: string, obj: KObject): string[] {
  const out: string[] = [];
  if (WORKLOADS_WITH_NAME_WARNING.has(gk)) {
    const msgs = isDNS1123Label(obj.metadata?.name ?? '');
    const what = gk === 'Pod' ? "the Pod's hostname" : 'Pod names and hostnames';
    if (msgs.length) {
      out.push(`metadata.name: this is used in ${what}, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`);
    }
  }
  // pkg/api/pod/warnings.go: negative grace periods are accepted but treated as 1
  const specs: [string, Any][] =
    gk === 'Pod'
      ? [['spec', obj.spec]]
      : gk === 'CronJob.batch'
        ? [['spec.jobTemplate.spec.template.spec', obj.spec?.jobTemplate?.spec?.template?.spec]]
        : [['spec.template.spec', obj.spec?.template?.spec]];
  for (const [path, spec] of specs) {
    if (isObj(spec) && typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) {
      out.push(`${path}.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1`);
    }
  }
  return out;
}

// ---- quantities that fail to decode: the request is a BadRequest, not an Invalid ----

const QUANTITY_MAPS = new Set(['limits', 'requests', 'capacity', 'allocatable', 'hard', 'used', 'overhead', 'default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor']);

function firstBadQuantity(v: unknown, parentKey: string): string | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = firstBadQuantity(x, parentKey);
      if (r) return r;
    }
    return null;
  }
  if (!isObj(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    if ((QUANTITY_MAPS.has(k) && isObj(x)) || (parentKey === 'metrics' && (k === 'averageValue' || k === 'value'))) {
      const entries = QUANTITY_MAPS.has(k) ? Object.values(x as object) : [x];
      for (const q of entries) {
        const r = checkQuantity(q);
        if (r) return r;
      }
      continue;
    }
    if (QUANTITY_FIELDS.has(k)) {
      const r = checkQuantity(x);
      if (r) return r;
      continue;
    }
    if (k === 'metadata' || k === 'data' || k === 'stringData' || k === 'binaryData' || k === 'env') continue;
    const r = firstBadQuantity(x, k === 'metrics' || parentKey === 'metrics' ? 'metrics' : k);
    if (r) return r;
  }
  return null;
}

function checkQuantity(q: unknown): string | null {
  if (q === undefined || q === null) return null;
  if (typeof q !== 'string' && typeof q !== 'number') return ERR_FORMAT_WRONG;
  try {
    parseQuantity(q);
    return null;
  } catch (e) {
    if (e instanceof QuantityParseError) return e.message;
    throw e;
  }
}

/**
 * The decoding error for an object whose quantities do not parse, e.g. `Pod in version "v1" cannot be
 * handled as a Pod: quantities must match the regular expression '…'` (to be returned as a BadRequest,
 * before any validation). Null when every quantity parses.
 */
export function decodeError(gk: string, obj: KObject): string | null {
  const err = firstBadQuantity({ spec: obj.spec, status: obj.status }, '');
  if (!err) return null;
  const kind = obj.kind || gk.split('.')[0]!;
  const version = (obj.apiVersion ?? 'v1').split('/').pop();
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${err}`;
}
