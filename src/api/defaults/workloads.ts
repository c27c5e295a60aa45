// apps/v1, batch/v1, autoscaling/v2 (and v1), policy/v1: pkg/apis/<group>/<version>/defaults.go (1.32)
// plus the status zero values Go always serializes (`replicas: 0`, `currentMetrics: null`, …).
import { defaultPodTemplate, defaultPVCSpec } from './pod';
import { canonicalQuantity } from './quantity';
import { type J, embeddedMeta, ensure, isNil, isObj, items, obj, setEmpty, setNil } from './util';

export function defaultDeployment(d: J): void {
  const spec = obj(d, 'spec');
  setNil(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy');
  setEmpty(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate');
    setNil(ru, 'maxUnavailable', '25%');
    setNil(ru, 'maxSurge', '25%');
  }
  setNil(spec, 'revisionHistoryLimit', 10);
  setNil(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(obj(spec, 'template'));
  obj(d, 'status');
}

export function defaultReplicaSet(rs: J): void {
  const spec = obj(rs, 'spec');
  setNil(spec, 'replicas', 1);
  defaultPodTemplate(spec.template);
  ensure(obj(rs, 'status'), 'replicas', 0);
}

/**
 * SetDefaults_StatefulSet. Note the quirk kept from Go: rollingUpdate.partition is only defaulted
 * when rollingUpdate exists, and rollingUpdate is only created when the type was empty.
 */
export function defaultStatefulSet(sts: J): void {
  const spec = obj(sts, 'spec');
  setEmpty(spec, 'podManagementPolicy', 'OrderedReady');
  const us = obj(spec, 'updateStrategy');
  if (isNil(us.type) || us.type === '') {
    us.type = 'RollingUpdate';
    if (isNil(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) setNil(us.rollingUpdate, 'partition', 0);
  const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
  setEmpty(retention, 'whenDeleted', 'Retain');
  setEmpty(retention, 'whenScaled', 'Retain');
  setNil(spec, 'replicas', 1);
  setNil(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(obj(spec, 'template'));
  // volumeClaimTemplates: full PVC defaulting (status phase Pending included), and the v1 conversion
  // writes apiVersion/kind into each template.
  for (const pvc of items(spec.volumeClaimTemplates)) {
    pvc.apiVersion = 'v1';
    pvc.kind = 'PersistentVolumeClaim';
    embeddedMeta(pvc);
    defaultPVCSpec(obj(pvc, 'spec'));
    setEmpty(obj(pvc, 'status'), 'phase', 'Pending');
  }
  const status = obj(sts, 'status');
  ensure(status, 'replicas', 0);
  ensure(status, 'availableReplicas', 0);
}

export function defaultDaemonSet(ds: J): void {
  const spec = obj(ds, 'spec');
  const us = obj(spec, 'updateStrategy');
  setEmpty(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = obj(us, 'rollingUpdate');
    setNil(ru, 'maxUnavailable', 1);
    setNil(ru, 'maxSurge', 0);
  }
  setNil(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(obj(spec, 'template'));
  // Convert_apps_DaemonSet_To_v1_DaemonSet always writes spec.templateGeneration (1 on create, bumped
  // by the update strategy when the template changes) into this annotation.
  const meta = obj(ds, 'metadata');
  const ann = obj(meta, 'annotations');
  ensure(ann, 'deprecated.daemonset.template.generation', '1');
  const status = obj(ds, 'status');
  for (const k of ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady']) ensure(status, k, 0);
}

export function defaultControllerRevision(cr: J): void {
  ensure(cr, 'revision', 0);
}

/**
 * SetDefaults_Job (1.32): completions/parallelism, backoffLimit (MaxInt32 with backoffLimitPerIndex),
 * labels from the template labels, completionMode, suspend, podFailurePolicy condition status,
 * podReplacementPolicy (Failed with a podFailurePolicy), manualSelector false.
 * Selector and controller-uid/job-name labels are the create strategy's, not done here; run this
 * again after them so metadata.labels picks the template labels up (the server re-defaults on read).
 */
export function defaultJob(job: J): void {
  const spec = obj(job, 'spec');
  if (isNil(spec.completions) && isNil(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setNil(spec, 'parallelism', 1);
  if (isNil(spec.backoffLimit)) spec.backoffLimit = isNil(spec.backoffLimitPerIndex) ? 6 : 2147483647;
  const tpl = obj(spec, 'template');
  const labels = isObj(tpl.metadata) && isObj(tpl.metadata.labels) ? tpl.metadata.labels : undefined;
  const meta = obj(job, 'metadata');
  if (labels && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = { ...labels };
  setNil(spec, 'completionMode', 'NonIndexed');
  setNil(spec, 'suspend', false);
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of items(spec.podFailurePolicy.rules)) {
      for (const pattern of items(rule.onPodConditions)) setEmpty(pattern, 'status', 'True');
    }
  }
  setNil(spec, 'podReplacementPolicy', isNil(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed');
  setNil(spec, 'manualSelector', false);
  defaultPodTemplate(tpl);
  obj(job, 'status');
}

/** SetDefaults_CronJob; the jobTemplate only gets the nested (PodSpec) defaults, not SetDefaults_Job. */
export function defaultCronJob(cj: J): void {
  const spec = obj(cj, 'spec');
  setEmpty(spec, 'concurrencyPolicy', 'Allow');
  setNil(spec, 'suspend', false);
  setNil(spec, 'successfulJobsHistoryLimit', 3);
  setNil(spec, 'failedJobsHistoryLimit', 1);
  const jt = obj(spec, 'jobTemplate');
  embeddedMeta(jt);
  defaultPodTemplate(obj(obj(jt, 'spec'), 'template'));
  obj(cj, 'status');
}

function scaleUpRules(): J {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

function scaleDownRules(): J {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the user's non-nil fields over the defaults. */
function mergeRules(given: unknown, defaults: J): J {
  if (!isObj(given)) return defaults;
  for (const k of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) {
    if (!isNil(given[k])) defaults[k] = given[k];
  }
  return { ...given, ...defaults };
}

function canonicalTarget(t: unknown): void {
  if (!isObj(t)) return;
  if (!isNil(t.value)) t.value = canonicalQuantity(t.value);
  if (!isNil(t.averageValue)) t.averageValue = canonicalQuantity(t.averageValue);
}

/**
 * autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, a cpu 80% Utilization metric
 * when none is given, and (only when `behavior` is present) fully-filled scaleUp/scaleDown rules.
 * An autoscaling/v1 object only gets minReplicas.
 */
export function defaultHPA(hpa: J): void {
  const spec = obj(hpa, 'spec');
  setNil(spec, 'minReplicas', 1);
  if (hpa.apiVersion === 'autoscaling/v1') {
    const status = obj(hpa, 'status');
    ensure(status, 'currentReplicas', 0);
    ensure(status, 'desiredReplicas', 0);
    return;
  }
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  for (const m of items(spec.metrics)) {
    for (const k of ['object', 'pods', 'resource', 'containerResource', 'external']) {
      if (isObj(m[k])) canonicalTarget(m[k].target);
    }
  }
  if (isObj(spec.behavior)) {
    spec.behavior.scaleUp = mergeRules(spec.behavior.scaleUp, scaleUpRules());
    spec.behavior.scaleDown = mergeRules(spec.behavior.scaleDown, scaleDownRules());
  }
  const status = obj(hpa, 'status');
  ensure(status, 'currentMetrics', null);
  ensure(status, 'desiredReplicas', 0);
}

export function defaultPDB(pdb: J): void {
  const status = obj(pdb, 'status');
  for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) ensure(status, k, 0);
}
