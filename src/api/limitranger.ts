// The LimitRanger admission plugin (plugin/pkg/admission/limitranger, 1.32). Mutating: containers and
// init containers that leave out a request or limit get the namespace LimitRanges' defaults
// (defaultRequest / default of `type: Container` items), recorded in the annotation
// `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container app; …`.
// Validating: every container (and, for `type: Pod`, the pod's totals; for
// `type: PersistentVolumeClaim`, the claim's storage request) must respect min, max and
// maxLimitRequestRatio — `pods "x" is forbidden: minimum cpu usage per Container is 100m, but request is 50m`.
import { forbidden, type AdmissionPlugin } from './server';
import { listOf, podResourceList, type ResourceList } from './quota';
import type { Quantity } from './quantity';
import type { KObject } from './types';
import { qosClass } from './qos';

const ANNOTATION = 'kubernetes.io/limit-ranger';
/** resource.MaxMilliValue. */
const MAX_MILLI = Number.MAX_SAFE_INTEGER / 1000;

interface LimitItem {
  type: string;
  max?: Record<string, unknown>;
  min?: Record<string, unknown>;
  default?: Record<string, unknown>;
  defaultRequest?: Record<string, unknown>;
  maxLimitRequestRatio?: Record<string, unknown>;
}

interface ContainerLike {
  name: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

function items(lr: KObject): LimitItem[] {
  return (lr.spec?.limits ?? []) as LimitItem[];
}

/** requestLimitEnforcedValues: milli precision unless that would overflow. */
function compareValues(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const vals = [req?.value() ?? 0, lim?.value() ?? 0, enforced.value()];
  if (vals.every((v) => v <= MAX_MILLI)) return [req?.milliValue() ?? 0, lim?.milliValue() ?? 0, enforced.milliValue()];
  return vals as [number, number, number];
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = compareValues(req, lim, enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = compareValues(req, lim, enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const req = requests.get(name);
  const [r, , e] = compareValues(req, undefined, enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l] = compareValues(req, lim, enforced);
  if (!req || r === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || l === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  let observed = ratio;
  let max = enforced.value();
  if (enforced.value() <= MAX_MILLI) {
    observed = ratio * 1000;
    max = enforced.milliValue();
  }
  if (observed > max) return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

/** Checks one set of requests/limits against an item's min, max and ratio (resources in name order). */
function check(item: LimitItem, requests: ResourceList, limits: ResourceList, errs: string[]): void {
  const add = (e: string | undefined) => {
    if (e) errs.push(e);
  };
  const t = item.type;
  for (const [k, v] of sorted(listOf(item.min))) add(minConstraint(t, k, v, requests, limits));
  for (const [k, v] of sorted(listOf(item.max))) add(maxConstraint(t, k, v, requests, limits));
  for (const [k, v] of sorted(listOf(item.maxLimitRequestRatio))) add(ratioConstraint(t, k, v, requests, limits));
}

function sorted(list: ResourceList): [string, Quantity][] {
  return [...list.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** mergePodResourceRequirements: defaults into every container, annotated. */
export function applyLimitRangeDefaults(pod: KObject, lr: KObject): void {
  const reqDefaults: Record<string, unknown> = {};
  const limDefaults: Record<string, unknown> = {};
  for (const item of items(lr)) {
    if (item.type !== 'Container') continue;
    Object.assign(reqDefaults, item.defaultRequest ?? {});
    Object.assign(limDefaults, item.default ?? {});
  }
  const notes: string[] = [];
  const merge = (c: ContainerLike, prefix: string) => {
    const res = (c.resources ??= {});
    const limits = (res.limits ??= {});
    const requests = (res.requests ??= {});
    const setL: string[] = [];
    const setR: string[] = [];
    for (const [k, v] of Object.entries(limDefaults))
      if (!(k in limits)) {
        limits[k] = v;
        setL.push(k);
      }
    for (const [k, v] of Object.entries(reqDefaults))
      if (!(k in requests)) {
        requests[k] = v;
        setR.push(k);
      }
    if (!Object.keys(limits).length) delete res.limits;
    if (!Object.keys(requests).length) delete res.requests;
    if (setR.length) notes.push(`${setR.sort().join(', ')} request for ${prefix} ${c.name}`);
    if (setL.length) notes.push(`${setL.sort().join(', ')} limit for ${prefix} ${c.name}`);
  };
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[]) merge(c, 'container');
  for (const c of (pod.spec?.initContainers ?? []) as ContainerLike[]) merge(c, 'init container');
  if (notes.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
}

/** PodValidateLimitFunc (and the PVC variant): the violations, in order. */
export function limitRangeViolations(gk: string, obj: KObject, lr: KObject): string[] {
  const errs: string[] = [];
  for (const item of items(lr)) {
    if (gk === 'Pod' && item.type === 'Container') {
      for (const c of [...(obj.spec?.containers ?? []), ...(obj.spec?.initContainers ?? [])] as ContainerLike[])
        check(item, listOf(c.resources?.requests), listOf(c.resources?.limits), errs);
    } else if (gk === 'Pod' && item.type === 'Pod') {
      check(item, podResourceList({ ...obj, spec: { ...obj.spec, overhead: undefined } }, 'requests'), podResourceList({ ...obj, spec: { ...obj.spec, overhead: undefined } }, 'limits'), errs);
    } else if (gk === 'PersistentVolumeClaim' && item.type === 'PersistentVolumeClaim') {
      const requests = listOf(obj.spec?.resources?.requests);
      for (const [k, v] of sorted(listOf(item.min))) {
        const e = minConstraint(item.type, k, v, requests, new Map());
        if (e) errs.push(e);
      }
      for (const [k, v] of sorted(listOf(item.max))) {
        const e = maxRequestConstraint(item.type, k, v, requests);
        if (e) errs.push(e);
      }
    }
  }
  return errs;
}

/** utilerrors.NewAggregate(...).Error(). */
function aggregate(errs: string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(a) {
    // pods are only defaulted on create (containers cannot change afterwards)
    if (a.op !== 'CREATE' || a.gk !== 'Pod') return;
    const ranges = a.api.store.list('LimitRange', a.obj.metadata.namespace);
    for (const lr of ranges) applyLimitRangeDefaults(a.obj, lr);
    // the QoS class is computed (PrepareForCreate) after mutating admission in kube-apiserver
    if (ranges.length && a.obj.status) a.obj.status.qosClass = qosClass(a.obj);
  },
  validate(a) {
    if (a.op === 'DELETE') return;
    if (a.gk !== 'Pod' && a.gk !== 'PersistentVolumeClaim') return;
    if (a.gk === 'Pod' && a.op !== 'CREATE') return;
    if (a.old?.metadata.deletionTimestamp) return;
    for (const lr of a.api.store.list('LimitRange', a.obj.metadata.namespace)) {
      const errs = limitRangeViolations(a.gk, a.obj, lr);
      if (errs.length) throw forbidden(a.info, a.obj.metadata.name || a.obj.metadata.generateName || '', aggregate(errs));
    }
  },
};
