// apps/v1: Deployment, ReplicaSet, DaemonSet, StatefulSet — after pkg/apis/apps/validation and the
// registry strategies (selector immutability is appended by the strategies' ValidateUpdate).
import { fieldErr } from '../errors';
import { fromLabelSelector } from '../selectors';
import { goIntOrString, goLabelSelector, goStringMap } from './godump';
import {
  immutableSelector,
  labelSelectorConvertible,
  validateAnnotations,
  validateLabels,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta';
import { validatePodTemplateSpec } from './pod';
import { type Any, type Errs, arr, deepEqual, isObj, isValidPercent, nameIsDNSLabel, nameIsDNSSubdomain, nonNegative, raw, str } from './util';

function goMapOrNil(m: unknown): string {
  return isObj(m) ? goStringMap(m as Record<string, string>) : 'map[string]string(nil)';
}

// ---- IntOrString helpers (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent) ----

export function validatePositiveIntOrPercent(v: unknown, fld: string): Errs {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldErr.invalid(fld, raw(goIntOrString(v)), m));
  if (typeof v === 'number') return nonNegative(fld, v);
  return [];
}

function percentValue(v: unknown): number | null {
  if (typeof v !== 'string' || isValidPercent(v).length) return null;
  return parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: percent value, or the int (IntValue() of a non-percent string is its Atoi, else 0). */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== null) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return parseInt(v, 10);
  return 0;
}

export function isNotMoreThan100Percent(v: unknown, fld: string): Errs {
  const p = percentValue(v);
  if (p === null || p <= 100) return [];
  return [fieldErr.invalid(fld, raw(goIntOrString(v)), 'must not be greater than 100%')];
}

// ---- pod templates of ReplicaSets / Deployments / DaemonSets ----

function selectorErrs(sel: Any, fld: string, kind: string): Errs {
  const errs: Errs = [];
  if (!isObj(sel)) {
    errs.push(fieldErr.required(fld));
    return errs;
  }
  errs.push(...validateLabelSelector(sel, fld));
  if (Object.keys(sel.matchLabels ?? {}).length + arr(sel.matchExpressions).length === 0) {
    errs.push(fieldErr.invalid(fld, raw(goLabelSelector(sel)), `empty selector is invalid for ${kind}`));
  }
  return errs;
}

function validatePodTemplateSpecForReplicaSet(tpl: Any, sel: Any, fld: string, kindName: string): Errs {
  const errs: Errs = [];
  if (!isObj(tpl)) return [fieldErr.required(fld)];
  const selector = fromLabelSelector(sel);
  if (!selector.empty() && !selector.matches(tpl.metadata?.labels ?? {})) {
    errs.push(fieldErr.invalid(`${fld}.metadata.labels`, raw(goMapOrNil(tpl.metadata?.labels)), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, fld));
  const rp = tpl.spec?.restartPolicy ?? 'Always';
  if (rp !== 'Always') errs.push(fieldErr.notSupported(`${fld}.spec.restartPolicy`, str(rp), ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldErr.forbidden(`${fld}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kindName} is not Supported`));
  }
  return errs;
}

// ---- Deployment ----

function goDeploymentStrategy(s: Any): string {
  const ru = s?.rollingUpdate;
  return `apps.DeploymentStrategy{Type:${JSON.stringify(str(s?.type))}, RollingUpdate:${isObj(ru) ? '(*apps.RollingUpdateDeployment)(0xc000a1e2f0)' : '(*apps.RollingUpdateDeployment)(nil)'}}`;
}

function validateDeploymentStrategy(s: Any, fld: string): Errs {
  const errs: Errs = [];
  const type = str(s?.type) || 'RollingUpdate';
  switch (type) {
    case 'Recreate':
      if (isObj(s?.rollingUpdate)) errs.push(fieldErr.forbidden(`${fld}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case 'RollingUpdate': {
      const ru = isObj(s?.rollingUpdate) ? s.rollingUpdate : { maxSurge: '25%', maxUnavailable: '25%' };
      const p = `${fld}.rollingUpdate`;
      const mu = ru.maxUnavailable ?? '25%';
      const ms = ru.maxSurge ?? '25%';
      errs.push(...validatePositiveIntOrPercent(mu, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ms, `${p}.maxSurge`));
      if (intOrPercentValue(mu) === 0 && intOrPercentValue(ms) === 0) {
        errs.push(fieldErr.invalid(`${p}.maxUnavailable`, raw(goIntOrString(mu)), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(mu, `${p}.maxUnavailable`));
      break;
    }
    default:
      errs.push(fieldErr.notSupported(fld, raw(goDeploymentStrategy(s)), ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function validateDeploymentSpec(spec0: Any): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  errs.push(...selectorErrs(spec.selector, 'spec.selector', 'deployment'));
  if (!labelSelectorConvertible(spec.selector)) {
    errs.push(fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), 'invalid label selector'));
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, spec.selector, 'spec.template', 'ReplicaSet'));
  }
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  if (isObj(spec.rollbackTo)) errs.push(...nonNegative('spec.rollback.version', spec.rollbackTo.revision));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(fieldErr.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeployment(d: Any, old: Any | null): Errs {
  if (!old) {
    const errs = validateObjectMeta(d.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
    errs.push(...validateDeploymentSpec(d.spec));
    return errs;
  }
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata);
  errs.push(...validateDeploymentSpec(d.spec));
  errs.push(...immutableSelector('spec.selector', d.spec?.selector, old.spec?.selector));
  return errs;
}

// ---- ReplicaSet ----

function validateReplicaSetSpec(spec0: Any): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...selectorErrs(spec.selector, 'spec.selector', 'deployment')); // (sic) "for deployment"
  if (!labelSelectorConvertible(spec.selector)) {
    errs.push(fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), 'invalid label selector'));
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, spec.selector, 'spec.template', 'ReplicaSet'));
  }
  return errs;
}

export function validateReplicaSet(rs: Any, old: Any | null): Errs {
  if (!old) {
    const errs = validateObjectMeta(rs.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
    errs.push(...validateReplicaSetSpec(rs.spec));
    return errs;
  }
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata);
  errs.push(...validateReplicaSetSpec(rs.spec));
  errs.push(...immutableSelector('spec.selector', rs.spec?.selector, old.spec?.selector));
  return errs;
}

// ---- DaemonSet ----

function validateDaemonSetUpdateStrategy(s: Any, fld: string): Errs {
  const errs: Errs = [];
  const type = str(s?.type) || 'RollingUpdate';
  switch (type) {
    case 'OnDelete':
      break;
    case 'RollingUpdate': {
      const ru = isObj(s?.rollingUpdate) ? s.rollingUpdate : { maxUnavailable: 1, maxSurge: 0 };
      const p = `${fld}.rollingUpdate`;
      const mu = ru.maxUnavailable ?? 1;
      const ms = ru.maxSurge ?? 0;
      errs.push(...validatePositiveIntOrPercent(mu, `${p}.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ms, `${p}.maxSurge`));
      errs.push(...isNotMoreThan100Percent(mu, `${p}.maxUnavailable`));
      errs.push(...isNotMoreThan100Percent(ms, `${p}.maxSurge`));
      const hasU = intOrPercentValue(mu) !== 0;
      const hasS = intOrPercentValue(ms) !== 0;
      if (hasU && hasS) errs.push(fieldErr.invalid(`${p}.maxSurge`, raw(goIntOrString(ms)), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasU && !hasS) errs.push(fieldErr.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      break;
    }
    default: {
      const ru = s?.rollingUpdate;
      const rendered = `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${isObj(ru) ? '(*apps.RollingUpdateDaemonSet)(0xc000a1e2f0)' : '(*apps.RollingUpdateDaemonSet)(nil)'}}`;
      errs.push(fieldErr.notSupported(fld, raw(rendered), ['RollingUpdate', 'OnDelete']));
    }
  }
  return errs;
}

function validateDaemonSetSpec(spec0: Any): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (labelSelectorConvertible(spec.selector)) {
    const sel = fromLabelSelector(spec.selector);
    if (!sel.matches(spec.template?.metadata?.labels ?? {})) {
      errs.push(
        fieldErr.invalid('spec.template.metadata.labels', raw(goMapOrNil(spec.template?.metadata?.labels)), '`selector` does not match template `labels`'),
      );
    }
  }
  if (isObj(spec.selector) && Object.keys(spec.selector.matchLabels ?? {}).length + arr(spec.selector.matchExpressions).length === 0) {
    errs.push(fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const rp = spec.template?.spec?.restartPolicy ?? 'Always';
  if (rp !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', str(rp), ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...nonNegative('spec.templateGeneration', spec.templateGeneration));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, 'spec.updateStrategy'));
  errs.push(...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  return errs;
}

export function validateDaemonSet(ds: Any, old: Any | null): Errs {
  if (!old) {
    const errs = validateObjectMeta(ds.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
    errs.push(...validateDaemonSetSpec(ds.spec));
    return errs;
  }
  const errs = validateObjectMetaUpdate(ds.metadata, old.metadata);
  // templateGeneration is maintained by the strategy (bumped when the template changes), so only a
  // user-driven decrement can be seen here.
  const ntg = ds.spec?.templateGeneration;
  const otg = old.spec?.templateGeneration;
  if (typeof ntg === 'number' && typeof otg === 'number' && ntg < otg) {
    errs.push(fieldErr.invalid('spec.templateGeneration', ntg, 'must not be decremented'));
  }
  errs.push(...validateDaemonSetSpec(ds.spec));
  errs.push(...immutableSelector('spec.selector', ds.spec?.selector, old.spec?.selector));
  return errs;
}

// ---- StatefulSet ----

function validateStatefulSetSpec(spec0: Any): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  const pmp = spec.podManagementPolicy ?? 'OrderedReady';
  if (pmp === '') errs.push(fieldErr.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fieldErr.invalid('spec.podManagementPolicy', str(pmp), "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec.updateStrategy ?? {};
  const ut = us.type ?? 'RollingUpdate';
  switch (ut) {
    case '':
      errs.push(fieldErr.required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (isObj(us.rollingUpdate)) {
        errs.push(
          fieldErr.invalid(
            'spec.updateStrategy.rollingUpdate',
            raw(`apps.RollingUpdateStatefulSetStrategy{Partition:${us.rollingUpdate.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(${us.rollingUpdate.maxUnavailable === undefined ? 'nil' : '0xc000a1e2f0'})}`),
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      }
      break;
    case 'RollingUpdate':
      if (isObj(us.rollingUpdate)) {
        const p = 'spec.updateStrategy.rollingUpdate';
        errs.push(...nonNegative(`${p}.partition`, us.rollingUpdate.partition));
        const mu = us.rollingUpdate.maxUnavailable;
        if (mu !== undefined && mu !== null) {
          errs.push(...validatePositiveIntOrPercent(mu, `${p}.maxUnavailable`));
          if (intOrPercentValue(mu) === 0) errs.push(fieldErr.invalid(`${p}.maxUnavailable`, raw(goIntOrString(mu)), 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(mu, `${p}.maxUnavailable`));
        }
      }
      break;
    default:
      errs.push(
        fieldErr.invalid(
          'spec.updateStrategy',
          raw(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(str(ut))}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(${isObj(us.rollingUpdate) ? '0xc000a1e2f0' : 'nil'})}`),
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
  }
  const pol = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(pol)) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = pol[f] ?? 'Retain';
      if (v !== 'Retain' && v !== 'Delete') {
        errs.push(fieldErr.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, str(v), ['Retain', 'Delete']));
      }
    }
  }
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  if (isObj(spec.ordinals)) errs.push(...nonNegative('spec.ordinals.start', spec.ordinals.start));
  if (!isObj(spec.selector)) errs.push(fieldErr.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (Object.keys(spec.selector.matchLabels ?? {}).length + arr(spec.selector.matchExpressions).length === 0) {
      errs.push(fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), 'empty selector is invalid for statefulset'));
    }
  }
  if (!labelSelectorConvertible(spec.selector)) {
    errs.push(fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), ''));
  } else {
    // ValidatePodTemplateSpecForStatefulSet: only labels/annotations of the template (the pod spec is
    // not validated for StatefulSets in 1.32; bad templates surface as FailedCreate events).
    const tpl = spec.template ?? {};
    const sel = fromLabelSelector(spec.selector);
    if (!sel.empty() && !sel.matches(tpl.metadata?.labels ?? {})) {
      errs.push(fieldErr.invalid('spec.template.metadata.labels', raw(goMapOrNil(tpl.metadata?.labels)), '`selector` does not match template `labels`'));
    }
    errs.push(...validateLabels(tpl.metadata?.labels, 'spec.template.labels'));
    errs.push(...validateAnnotations(tpl.metadata?.annotations, 'spec.template.annotations'));
  }
  const rp = spec.template?.spec?.restartPolicy ?? 'Always';
  if (rp !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', str(rp), ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export const STATEFULSET_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

export function validateStatefulSet(sts: Any, old: Any | null): Errs {
  if (!old) {
    const errs = validateObjectMeta(sts.metadata, { namespaced: true, nameFn: nameIsDNSLabel });
    errs.push(...validateStatefulSetSpec(sts.spec));
    return errs;
  }
  // names are not re-validated on update
  const errs = validateObjectMetaUpdate(sts.metadata, old.metadata);
  errs.push(...validateStatefulSetSpec(sts.spec));
  const mutable = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];
  const strip = (s: Any) => Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !mutable.includes(k)));
  if (!deepEqual(strip(sts.spec), strip(old.spec))) errs.push(fieldErr.forbidden('spec', STATEFULSET_UPDATE_FORBIDDEN));
  return errs;
}
