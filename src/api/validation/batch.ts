// batch/v1 Job and CronJob — after pkg/apis/batch/validation (1.31–1.34 copies; the Job/CronJob
// checks used here did not change in that span).
import { fieldErr } from '../errors';
import { fromLabelSelector } from '../selectors';
import { goDump, goLabelSelector, goStringMap } from './godump';
import { labelSelectorConvertible, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { validatePodTemplateSpec } from './pod';
import { CronParseError, isLoadableTimeZone, parseCronSchedule } from './cron';
import {
  type Any,
  type Errs,
  arr,
  deepEqual,
  isDNS1123Label,
  isDomainPrefixedPath,
  isObj,
  maxLenError,
  nameIsDNSSubdomain,
  nonNegative,
  qualifiedNameErrs,
  raw,
  str,
} from './util';

const MAX_PARALLELISM_INDEXED = 100000;

function goMapOrNil(m: unknown): string {
  return isObj(m) ? goStringMap(m as Record<string, string>) : 'map[string]string(nil)';
}

function validateJobSpecInner(spec0: Any, fld: string): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  errs.push(...nonNegative(`${fld}.parallelism`, spec.parallelism));
  errs.push(...nonNegative(`${fld}.completions`, spec.completions));
  errs.push(...nonNegative(`${fld}.activeDeadlineSeconds`, spec.activeDeadlineSeconds));
  errs.push(...nonNegative(`${fld}.backoffLimit`, spec.backoffLimit));
  errs.push(...nonNegative(`${fld}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished));
  errs.push(...nonNegative(`${fld}.backoffLimitPerIndex`, spec.backoffLimitPerIndex));
  if (typeof spec.maxFailedIndexes === 'number') {
    errs.push(...nonNegative(`${fld}.maxFailedIndexes`, spec.maxFailedIndexes));
    if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) {
      errs.push(fieldErr.required(`${fld}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
    }
  }
  if (typeof spec.managedBy === 'string') {
    errs.push(...isDomainPrefixedPath(`${fld}.managedBy`, spec.managedBy));
    if (spec.managedBy.length > 63) errs.push(fieldErr.tooLong(`${fld}.managedBy`, 'may not be more than 63 bytes'));
  }
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      errs.push(fieldErr.notSupported(`${fld}.completionMode`, str(mode), ['NonIndexed', 'Indexed']));
    }
    if (mode === 'Indexed') {
      if (typeof spec.completions !== 'number') errs.push(fieldErr.required(`${fld}.completions`, 'when completion mode is Indexed'));
      if (typeof spec.parallelism === 'number' && spec.parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(
          fieldErr.invalid(`${fld}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`),
        );
      }
      if (typeof spec.completions === 'number' && typeof spec.maxFailedIndexes === 'number' && spec.maxFailedIndexes > spec.completions) {
        errs.push(fieldErr.invalid(`${fld}.maxFailedIndexes`, spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
    }
  }
  if (mode === undefined || mode === null || mode === 'NonIndexed') {
    if (typeof spec.backoffLimitPerIndex === 'number') {
      errs.push(fieldErr.invalid(`${fld}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    }
    if (typeof spec.maxFailedIndexes === 'number') {
      errs.push(fieldErr.invalid(`${fld}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
    }
  }
  if (isObj(spec.podFailurePolicy)) errs.push(...validatePodFailurePolicy(spec, `${fld}.podFailurePolicy`));
  if (isObj(spec.successPolicy) && mode !== 'Indexed') {
    errs.push(fieldErr.invalid(`${fld}.successPolicy`, raw(`batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{...}}`), 'requires indexed completion mode'));
  }
  const prp = spec.podReplacementPolicy;
  if (prp !== undefined && prp !== null) {
    if (isObj(spec.podFailurePolicy)) {
      if (prp !== 'Failed') errs.push(fieldErr.notSupported(`${fld}.podReplacementPolicy`, str(prp), ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') {
      errs.push(fieldErr.notSupported(`${fld}.podReplacementPolicy`, str(prp), ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, `${fld}.template`));
  const rp = spec.template?.spec?.restartPolicy ?? 'Always';
  const rpf = `${fld}.template.spec.restartPolicy`;
  // the pod defaulting makes an unset restartPolicy "Always", hence the Required error
  if (rp === 'Always' || rp === '') errs.push(fieldErr.required(rpf, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldErr.notSupported(rpf, str(rp), ['OnFailure', 'Never']));
  else if (isObj(spec.podFailurePolicy) && rp !== 'Never') errs.push(fieldErr.invalid(rpf, str(rp), 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

const PFP_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

function validatePodFailurePolicy(spec: Any, fld: string): Errs {
  const errs: Errs = [];
  const rules = arr<Any>(spec.podFailurePolicy.rules);
  if (rules.length > 20) errs.push(fieldErr.tooMany(`${fld}.rules`, `${rules.length}: must have at most 20 items`));
  const names = new Set([...arr<Any>(spec.template?.spec?.containers), ...arr<Any>(spec.template?.spec?.initContainers)].map((c) => str(c?.name)));
  rules.forEach((rule, i) => {
    const rp = `${fld}.rules[${i}]`;
    const action = str(rule?.action);
    if (!action) errs.push(fieldErr.required(`${rp}.action`, `valid values: ["Count" "FailIndex" "FailJob" "Ignore"]`));
    else if (action === 'FailIndex') {
      if (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null) {
        errs.push(fieldErr.invalid(`${rp}.action`, action, 'requires the backoffLimitPerIndex to be set'));
      }
    } else if (!PFP_ACTIONS.includes(action)) errs.push(fieldErr.notSupported(`${rp}.action`, action, PFP_ACTIONS));
    const oec = rule?.onExitCodes;
    if (isObj(oec)) {
      const op = `${rp}.onExitCodes`;
      const oper = str(oec.operator);
      if (!oper) errs.push(fieldErr.required(`${op}.operator`, 'valid values: ["In" "NotIn"]'));
      else if (oper !== 'In' && oper !== 'NotIn') errs.push(fieldErr.notSupported(`${op}.operator`, oper, ['In', 'NotIn']));
      if (typeof oec.containerName === 'string' && !names.has(oec.containerName)) {
        errs.push(fieldErr.invalid(`${op}.containerName`, oec.containerName, 'must be one of the container or initContainer names in the pod template'));
      }
      const values = arr<number>(oec.values);
      if (values.length === 0) errs.push(fieldErr.invalid(`${op}.values`, raw('[]int32(nil)'), 'at least one value is required'));
      else if (values.length > 255) errs.push(fieldErr.tooMany(`${op}.values`, `${values.length}: must have at most 255 items`));
      const seen = new Set<number>();
      let ordered = true;
      values.forEach((v, j) => {
        if (oper === 'In' && v === 0) errs.push(fieldErr.invalid(`${op}.values[${j}]`, v, 'must not be 0 for the In operator'));
        if (seen.has(v)) errs.push(fieldErr.duplicate(`${op}.values[${j}]`, v));
        else seen.add(v);
        if (j > 0 && values[j - 1]! > v) ordered = false;
      });
      if (!ordered) errs.push(fieldErr.invalid(`${op}.values`, raw(`[]int32{${values.join(', ')}}`), 'must be ordered'));
    }
    const opc = arr<Any>(rule?.onPodConditions);
    opc.forEach((pat, j) => {
      const pp = `${rp}.onPodConditions[${j}]`;
      errs.push(...qualifiedNameErrs(`${pp}.type`, str(pat?.type)));
      const st = str(pat?.status);
      if (!st) errs.push(fieldErr.required(`${pp}.status`, 'valid values: ["False" "True" "Unknown"]'));
      else if (!['False', 'True', 'Unknown'].includes(st)) errs.push(fieldErr.notSupported(`${pp}.status`, st, ['False', 'True', 'Unknown']));
    });
    if (isObj(oec) && opc.length > 0) errs.push(fieldErr.invalid(rp, raw('field.OmitValueType{}'), 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!isObj(oec) && opc.length === 0) errs.push(fieldErr.invalid(rp, raw('field.OmitValueType{}'), 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

/**
 * ValidateJobSpec: the inner checks, then selector presence/validity and template match. A missing
 * selector on a Job without manualSelector is the strategy's to generate, so it is only reported for
 * manual selectors.
 */
function validateJobSpec(spec0: Any, fld: string): Errs {
  const spec = spec0 ?? {};
  const errs = validateJobSpecInner(spec, fld);
  if (!isObj(spec.selector)) {
    if (spec.manualSelector === true) errs.push(fieldErr.required(`${fld}.selector`));
  } else errs.push(...validateLabelSelector(spec.selector, `${fld}.selector`));
  if ((isObj(spec.selector) || spec.manualSelector === true) && labelSelectorConvertible(spec.selector)) {
    const sel = fromLabelSelector(spec.selector);
    if (!sel.matches(spec.template?.metadata?.labels ?? {})) {
      errs.push(
        fieldErr.invalid(`${fld}.template.metadata.labels`, raw(goMapOrNil(spec.template?.metadata?.labels)), '`selector` does not match template `labels`'),
      );
    }
  }
  return errs;
}

/**
 * validateGeneratedSelector: with an auto-generated selector (manualSelector unset) the template must
 * carry the job's uid/name labels and the selector must select them. The Job strategy adds those (and
 * the selector itself) before validation, using the uid; a missing label means that step did not run
 * here, which is not reported. Without a uid only a user-supplied selector lacking the controller-uid
 * key can be recognised as "not auto-generated".
 */
function validateGeneratedSelector(job: Any): Errs {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !isObj(spec.selector)) return [];
  const uid = str(job.metadata?.uid);
  const name = str(job.metadata?.name);
  if (!uid) {
    const ml = spec.selector.matchLabels ?? {};
    if (!('batch.kubernetes.io/controller-uid' in ml) && !('controller-uid' in ml)) {
      return [fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), '`selector` not auto-generated')];
    }
    return [];
  }
  const errs: Errs = [];
  const labels = spec.template?.metadata?.labels ?? {};
  const expected: Record<string, string> = {
    'controller-uid': uid,
    'job-name': name,
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
  };
  for (const [k, v] of Object.entries(expected)) {
    if (k in labels && labels[k] !== v) {
      errs.push(fieldErr.invalid(`spec.template.metadata.labels[${k}]`, raw(goMapOrNil(labels)), `must be '${v}'`));
    }
  }
  if (labelSelectorConvertible(spec.selector) && !fromLabelSelector(spec.selector).matches(expected)) {
    errs.push(fieldErr.invalid('spec.selector', raw(goLabelSelector(spec.selector)), '`selector` not auto-generated'));
  }
  return errs;
}

export function validateJob(job: Any, old: Any | null): Errs {
  if (old) return validateJobUpdate(job, old);
  const errs = validateObjectMeta(job.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validateGeneratedSelector(job));
  errs.push(...validateJobSpec(job.spec, 'spec'));
  const spec = job.spec ?? {};
  if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
    const host = `${str(job.metadata?.name)}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length > 0) {
      errs.push(fieldErr.invalid('metadata.name', str(job.metadata?.name), `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

function validateJobUpdate(job: Any, old: Any): Errs {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata);
  const ns = job.spec ?? {};
  const os = old.spec ?? {};
  errs.push(...validateJobSpec(ns, 'spec'));
  // completions: immutable unless Indexed (then only in tandem with parallelism)
  if (ns.completionMode !== 'Indexed') {
    if (!deepEqual(ns.completions, os.completions)) errs.push(fieldErr.invalid('spec.completions', ns.completions ?? null, 'field is immutable'));
  } else if (!deepEqual(ns.completions, os.completions) && typeof ns.completions === 'number' && ns.completions !== ns.parallelism) {
    errs.push(fieldErr.invalid('spec.completions', ns.completions, 'can only be modified in tandem with spec.parallelism'));
  }
  if (!deepEqual(ns.selector, os.selector)) {
    errs.push(fieldErr.invalid('spec.selector', isObj(ns.selector) ? raw(goLabelSelector(ns.selector)) : null, 'field is immutable'));
  }
  // the template is immutable unless the job is suspended; scheduling directives (node affinity,
  // nodeSelector, tolerations, annotations, labels, schedulingGates) may change while suspended
  // and never started (JobMutableNodeSchedulingDirectives, GA).
  const suspended = os.suspend === true;
  let oldTpl = os.template;
  if (suspended && !old.status?.startTime) {
    oldTpl = JSON.parse(JSON.stringify(os.template ?? {}));
    const t = ns.template ?? {};
    oldTpl.spec = oldTpl.spec ?? {};
    oldTpl.metadata = oldTpl.metadata ?? {};
    oldTpl.spec.nodeSelector = t.spec?.nodeSelector;
    oldTpl.spec.tolerations = t.spec?.tolerations;
    oldTpl.spec.schedulingGates = t.spec?.schedulingGates;
    oldTpl.metadata.annotations = t.metadata?.annotations;
    oldTpl.metadata.labels = t.metadata?.labels;
    if (isObj(t.spec?.affinity) || isObj(oldTpl.spec.affinity)) {
      oldTpl.spec.affinity = { ...(oldTpl.spec.affinity ?? {}), nodeAffinity: t.spec?.affinity?.nodeAffinity };
    }
  }
  if (!deepEqual(ns.template, oldTpl)) {
    errs.push(fieldErr.invalid('spec.template', raw(goDump(ns.template, 'core.PodTemplateSpec')), 'field is immutable'));
  }
  const imm = (f: string, render: (v: Any) => string) => {
    if (!deepEqual(ns[f], os[f])) errs.push(fieldErr.invalid(`spec.${f}`, raw(render(ns[f])), 'field is immutable'));
  };
  // pointers: nil prints as null, others are dereferenced (field.Error.ErrorBody)
  const nil = (v: unknown) => v === undefined || v === null;
  imm('completionMode', (v) => (nil(v) ? 'null' : JSON.stringify(str(v))));
  imm('podFailurePolicy', (v) => (nil(v) ? 'null' : goDump(v, 'batch.PodFailurePolicy')));
  imm('backoffLimitPerIndex', (v) => (nil(v) ? 'null' : String(v)));
  imm('managedBy', (v) => (nil(v) ? 'null' : JSON.stringify(str(v))));
  imm('successPolicy', (v) => (nil(v) ? 'null' : goDump(v, 'batch.SuccessPolicy')));
  return errs;
}

// ---------------------------------------------------------------- CronJob

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: unknown, fld: string): Errs {
  if (tz === undefined || tz === null) return [];
  const s = str(tz);
  if (s.length === 0) return [fieldErr.invalid(fld, s, 'timeZone must be nil or non-empty string')];
  for (const part of s.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) {
      return [fieldErr.invalid(fld, s, `unknown time zone ${s}`)];
    }
  }
  const errs: Errs = [];
  if (s.toLowerCase() === 'local') {
    errs.push(fieldErr.invalid(fld, s, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isLoadableTimeZone(s)) errs.push(fieldErr.invalid(fld, s, `unknown time zone ${s}`));
  return errs;
}

function validateScheduleFormat(schedule: string, allowTZ: boolean, timeZone: unknown, fld: string): Errs {
  const errs: Errs = [];
  try {
    parseCronSchedule(schedule);
  } catch (e) {
    if (e instanceof CronParseError) errs.push(fieldErr.invalid(fld, schedule, e.message));
    else throw e;
  }
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined && timeZone !== null) {
    errs.push(fieldErr.invalid(fld, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fieldErr.invalid(fld, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function validateJobTemplateSpec(jt: Any, fld: string): Errs {
  const spec = jt?.spec ?? {};
  const errs = validateJobSpecInner(spec, `${fld}.spec`);
  if (isObj(spec.selector)) errs.push(fieldErr.invalid(`${fld}.spec.selector`, raw(goLabelSelector(spec.selector)), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(fieldErr.notSupported(`${fld}.spec.manualSelector`, true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec0: Any, oldSpec: Any | null): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  const schedule = str(spec.schedule);
  if (!schedule) errs.push(fieldErr.required('spec.schedule'));
  else errs.push(...validateScheduleFormat(schedule, oldSpec ? str(oldSpec.schedule).includes('TZ') : false, spec.timeZone, 'spec.schedule'));
  errs.push(...nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds));
  if (!oldSpec || (oldSpec.timeZone ?? null) !== (spec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone, 'spec.timeZone'));
  const cp = spec.concurrencyPolicy;
  if (cp === '') errs.push(fieldErr.required('spec.concurrencyPolicy'));
  else if (cp !== undefined && !['Allow', 'Forbid', 'Replace'].includes(str(cp))) {
    errs.push(fieldErr.notSupported('spec.concurrencyPolicy', str(cp), ['Allow', 'Forbid', 'Replace']));
  }
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, 'spec.jobTemplate'));
  errs.push(...nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit));
  errs.push(...nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit));
  return errs;
}

export function validateCronJob(cj: Any, old: Any | null): Errs {
  if (old) {
    // the 52-character name limit is not re-checked on update
    const errs = validateObjectMetaUpdate(cj.metadata, old.metadata);
    errs.push(...validateCronJobSpec(cj.spec, old.spec ?? {}));
    return errs;
  }
  const errs = validateObjectMeta(cj.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validateCronJobSpec(cj.spec, null));
  // the controller appends an 11-character suffix (-<timestamp>) to job names, which must be ≤ 63
  const max = 63 - 11;
  const name = str(cj.metadata?.name);
  if (name.length > max) errs.push(fieldErr.invalid('metadata.name', name, maxLenError(max)));
  return errs;
}
