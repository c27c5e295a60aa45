// ObjectMeta, labels, annotations and label selectors: apimachinery pkg/api/validation/objectmeta.go and
// pkg/apis/meta/v1/validation (release-1.32), plus core's ValidateObjectMeta finalizer check.
import { fieldErr } from '../errors';
import { goLabelSelector, goStringMap, goStringSlice } from './godump';
import {
  FIELD_IMMUTABLE_ERROR_MSG,
  IS_NEGATIVE_ERROR_MSG,
  type Any,
  type Errs,
  type NameFn,
  arr,
  child,
  deepEqual,
  idx,
  isObj,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  raw,
  sortedEntries,
  str,
} from './util';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateLabelName. */
export function validateLabelName(name: string, fld: string): Errs {
  return isQualifiedName(name).map((m) => fieldErr.invalid(fld, name, m));
}

/** ValidateLabels: key errors and value errors are reported at the map's path (not keyed). */
export function validateLabels(labels: unknown, fld: string): Errs {
  const errs: Errs = [];
  for (const [k, v] of sortedEntries<unknown>(labels as Record<string, unknown>)) {
    errs.push(...validateLabelName(k, fld));
    const value = str(v);
    for (const m of isValidLabelValue(value)) errs.push(fieldErr.invalid(fld, value, m));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names compared lower-cased; total size ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, fld: string): Errs {
  const errs: Errs = [];
  let total = 0;
  for (const [k, v] of sortedEntries<unknown>(annotations as Record<string, unknown>)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldErr.invalid(fld, k, m));
    total += Buffer.byteLength(k) + Buffer.byteLength(str(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push(fieldErr.tooLong(fld, `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`));
  }
  return errs;
}

export interface SelectorOpts {
  allowInvalidLabelValueInSelector?: boolean;
}

/** ValidateLabelSelector (nil is valid). */
export function validateLabelSelector(ls: Any, fld: string, opts: SelectorOpts = {}): Errs {
  if (!isObj(ls)) return [];
  const errs: Errs = [];
  errs.push(...validateLabels(ls.matchLabels, child(fld, 'matchLabels')));
  arr(ls.matchExpressions).forEach((e: Any, i) => {
    errs.push(...validateLabelSelectorRequirement(e ?? {}, idx(child(fld, 'matchExpressions'), i), opts));
  });
  return errs;
}

export function validateLabelSelectorRequirement(sr: Any, fld: string, opts: SelectorOpts = {}): Errs {
  const errs: Errs = [];
  const values = arr<string>(sr.values);
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fieldErr.required(child(fld, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(fieldErr.forbidden(child(fld, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(fieldErr.invalid(child(fld, 'operator'), str(sr.operator), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(sr.key), child(fld, 'key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(str(v))) errs.push(fieldErr.invalid(idx(child(fld, 'values'), i), str(v), m));
    });
  }
  return errs;
}

/** metav1.LabelSelectorAsSelector fails on unknown operators / bad keys / values. */
export function labelSelectorConvertible(ls: Any): boolean {
  if (!isObj(ls)) return true;
  for (const e of arr<Any>(ls.matchExpressions)) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e?.operator)) return false;
    if (isQualifiedName(str(e?.key)).length) return false;
    const vals = arr<string>(e?.values);
    if ((e.operator === 'In' || e.operator === 'NotIn') && vals.length === 0) return false;
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && vals.length > 0) return false;
    for (const v of vals) if (isValidLabelValue(str(v)).length) return false;
  }
  for (const [k, v] of sortedEntries<unknown>(ls.matchLabels)) {
    if (isQualifiedName(k).length || isValidLabelValue(str(v)).length) return false;
  }
  return true;
}

// ---- finalizers ----

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizerName(name: string, fld: string): Errs {
  return isQualifiedName(name).map((m) => fieldErr.invalid(fld, name, m));
}

function validateFinalizers(finalizers: unknown, fld: string): Errs {
  const errs: Errs = [];
  const list = arr<string>(finalizers).map(str);
  for (const f of list) errs.push(...validateFinalizerName(f, fld));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fieldErr.invalid(fld, raw(goStringSlice(list)), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** core validateKubeFinalizerName: unprefixed finalizers must be standard ones. */
function validateKubeFinalizerNames(finalizers: unknown, fld: string): Errs {
  const errs: Errs = [];
  arr<string>(finalizers).forEach((f, i) => {
    const s = str(f);
    if (!s.includes('/') && !STANDARD_FINALIZERS.has(s)) {
      errs.push(fieldErr.invalid(idx(fld, i), s, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

function validateOwnerReferences(refs: unknown, fld: string): Errs {
  const errs: Errs = [];
  let firstController = '';
  const list = arr<Any>(refs);
  for (const r of list) {
    const apiVersion = str(r?.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] ?? '' : apiVersion;
    if (!version) errs.push(fieldErr.invalid(child(fld, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(r?.kind)) errs.push(fieldErr.invalid(child(fld, 'kind'), str(r?.kind), 'kind must not be empty'));
    if (!str(r?.name)) errs.push(fieldErr.invalid(child(fld, 'name'), str(r?.name), 'name must not be empty'));
    if (!str(r?.uid)) errs.push(fieldErr.invalid(child(fld, 'uid'), str(r?.uid), 'uid must not be empty'));
    if (apiVersion === 'v1' && r?.kind === 'Event') {
      errs.push(fieldErr.invalid(fld, raw(goOwnerRef(r)), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (r?.controller === true) {
      const cur = `${str(r.kind)}/${str(r.name)}`;
      if (firstController) {
        errs.push(
          fieldErr.invalid(
            fld,
            raw(`[]v1.OwnerReference{${list.map(goOwnerRef).join(', ')}}`),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else firstController = cur;
    }
  }
  return errs;
}

function goOwnerRef(r: Any): string {
  const b = (v: unknown) => (v === undefined || v === null ? '(*bool)(nil)' : '(*bool)(0xc000a1e2f0)');
  return `v1.OwnerReference{APIVersion:${JSON.stringify(str(r?.apiVersion))}, Kind:${JSON.stringify(str(r?.kind))}, Name:${JSON.stringify(str(r?.name))}, UID:${JSON.stringify(str(r?.uid))}, Controller:${b(r?.controller)}, BlockOwnerDeletion:${b(r?.blockOwnerDeletion)}}`;
}

export interface MetaOpts {
  namespaced: boolean;
  nameFn: NameFn;
}

/** ValidateObjectMeta (core variant: also checks kube finalizer names). */
export function validateObjectMeta(meta: Any, opts: MetaOpts, fld = 'metadata'): Errs {
  const m = meta ?? {};
  const errs: Errs = [];
  const generateName = str(m.generateName);
  if (generateName) {
    for (const msg of opts.nameFn(generateName, true)) errs.push(fieldErr.invalid(child(fld, 'generateName'), generateName, msg));
  }
  const name = str(m.name);
  if (!name) errs.push(fieldErr.required(child(fld, 'name'), 'name or generateName is required'));
  else for (const msg of opts.nameFn(name, false)) errs.push(fieldErr.invalid(child(fld, 'name'), name, msg));
  const ns = str(m.namespace);
  if (opts.namespaced) {
    if (!ns) errs.push(fieldErr.required(child(fld, 'namespace')));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(fieldErr.invalid(child(fld, 'namespace'), ns, msg));
  } else if (ns) {
    errs.push(fieldErr.forbidden(child(fld, 'namespace'), 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(fieldErr.invalid(child(fld, 'generation'), m.generation, IS_NEGATIVE_ERROR_MSG));
  }
  errs.push(...validateLabels(m.labels, child(fld, 'labels')));
  errs.push(...validateAnnotations(m.annotations, child(fld, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, child(fld, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, child(fld, 'finalizers')));
  errs.push(...validateKubeFinalizerNames(m.finalizers, child(fld, 'finalizers')));
  return errs;
}

/**
 * ValidateObjectMetaUpdate. resourceVersion checks belong to the store (conflicts); creationTimestamp
 * changes are silently reset by the server (rest.BeforeUpdate), never reported.
 */
export function validateObjectMetaUpdate(meta: Any, old: Any, fld = 'metadata'): Errs {
  const n = meta ?? {};
  const o = old ?? {};
  const errs: Errs = [];
  if (o.deletionTimestamp) {
    const extra = arr<string>(n.finalizers)
      .filter((f) => !arr<string>(o.finalizers).includes(f))
      .sort();
    const uniq = [...new Set(extra)];
    if (uniq.length) {
      errs.push(
        fieldErr.forbidden(
          child(fld, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(uniq)}`,
        ),
      );
    }
  }
  if (typeof n.generation === 'number' && typeof o.generation === 'number' && n.generation < o.generation) {
    errs.push(fieldErr.invalid(child(fld, 'generation'), n.generation, 'must not be decremented'));
  }
  const imm = (k: string) => {
    if (!deepEqual(n[k], o[k])) errs.push(fieldErr.invalid(child(fld, k), n[k] ?? '', FIELD_IMMUTABLE_ERROR_MSG));
  };
  imm('name');
  imm('namespace');
  // An update without uid keeps the stored one (rest.BeforeUpdate), so only a different uid is an error.
  if (n.uid && o.uid && n.uid !== o.uid) errs.push(fieldErr.invalid(child(fld, 'uid'), n.uid, FIELD_IMMUTABLE_ERROR_MSG));
  if (n.deletionTimestamp !== undefined && n.deletionTimestamp !== o.deletionTimestamp) {
    errs.push(fieldErr.invalid(child(fld, 'deletionTimestamp'), n.deletionTimestamp, FIELD_IMMUTABLE_ERROR_MSG));
  }
  if (n.deletionGracePeriodSeconds !== undefined && n.deletionGracePeriodSeconds !== o.deletionGracePeriodSeconds) {
    errs.push(fieldErr.invalid(child(fld, 'deletionGracePeriodSeconds'), n.deletionGracePeriodSeconds, FIELD_IMMUTABLE_ERROR_MSG));
  }
  errs.push(...validateLabels(n.labels, child(fld, 'labels')));
  errs.push(...validateAnnotations(n.annotations, child(fld, 'annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, child(fld, 'ownerReferences')));
  errs.push(...validateKubeFinalizerNames(n.finalizers, child(fld, 'finalizers')));
  return errs;
}

/** ValidateImmutableField with a pre-rendered value. */
export function immutable(fld: string, newV: unknown, oldV: unknown, rendered?: string): Errs {
  if (deepEqual(newV, oldV)) return [];
  return [fieldErr.invalid(fld, rendered !== undefined ? raw(rendered) : newV, FIELD_IMMUTABLE_ERROR_MSG)];
}

export function immutableSelector(fld: string, newSel: Any, oldSel: Any): Errs {
  if (deepEqual(newSel, oldSel)) return [];
  return [fieldErr.invalid(fld, isObj(newSel) ? raw(goLabelSelector(newSel)) : null, FIELD_IMMUTABLE_ERROR_MSG)];
}

export { goStringMap };
