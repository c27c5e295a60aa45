// The Job controller (kube-controller-manager's job-controller, 1.32): runs pods until
// spec.completions of them succeed, at most spec.parallelism at a time; replaces failed pods after
// an exponential back-off (10 s doubling, capped at 10 min: DefaultJobPodFailureBackOff /
// MaxJobPodFailureBackOff); gives up after spec.backoffLimit failures or spec.activeDeadlineSeconds;
// Indexed jobs give every pod a completion index. Pods carry the batch.kubernetes.io/job-tracking
// finalizer until the controller has counted them. Terminal conditions come in two steps as with
// JobPodReplacementPolicy/JobManagedBy on (1.32 defaults): SuccessCriteriaMet then Complete,
// FailureTarget then Failed once no pod is terminating.
import { clone, type Container, type KObject } from '../api/types';
import { registry } from '../api/registry';
import { KubeError, InvalidError } from '../api/errors';
import { fromLabelSelector } from '../api/selectors';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { claim, controllerRef, isPodActive, isPodReady, keyFor, ownerRefTo, splitKey } from './util';

export const JOB_CONTROLLER = 'job-controller';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** syncJobBatchPeriod: pod events reach the Job a second later. */
const BATCH_MS = 1000;
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
const MAX_PODS_PER_SYNC = 500;
const JOB_GK = 'Job.batch';

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

interface JobState {
  /** Back-off records per Job uid (podBackoffStore). */
  backoff: Record<string, BackoffRecord>;
}

function jobState(ctx: Ctx): JobState {
  return simState<JobState>(ctx, 'job', () => ({ backoff: {} }));
}

type Cond = { type: string; status: string; reason?: string; message?: string; lastProbeTime?: string; lastTransitionTime?: string };

function findCondition(job: KObject, type: string): Cond | undefined {
  return ((job.status?.conditions ?? []) as Cond[]).find((c) => c.type === type);
}

/** IsJobFinished: a Complete or Failed condition that is True. */
export function isJobFinished(job: KObject): boolean {
  return ((job.status?.conditions ?? []) as Cond[]).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function jobFinishTime(job: KObject): number | undefined {
  const c = ((job.status?.conditions ?? []) as Cond[]).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
}

function isIndexed(job: KObject): boolean {
  return job.spec?.completionMode === 'Indexed';
}

function suspended(job: KObject): boolean {
  return job.spec?.suspend === true;
}

function hasTrackingFinalizer(p: KObject): boolean {
  return (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** isPodFailed: Failed, or deleted before it succeeded (podReplacementPolicy Failed aside). */
function isPodFailed(p: KObject, job: KObject): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

function isTerminating(p: KObject): boolean {
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

export function completionIndex(p: KObject): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^(0|[1-9][0-9]*)$/.test(v)) return undefined;
  return Number(v);
}

/**
 * getFinishedTime: the containers' last finishedAt, else when Ready turned False, else the deletion
 * timestamp (the end of the grace period, so a deleted pod's replacement waits for it), else now.
 */
function finishedTime(p: KObject, now: number): number {
  let t: number | undefined;
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const f = cs.state?.terminated?.finishedAt;
    if (f) {
      const ms = Date.parse(f);
      if (t === undefined || ms > t) t = ms;
    }
  }
  if (t === undefined) {
    const ready = ((p.status?.conditions ?? []) as Cond[]).find((c) => c.type === 'Ready' && c.status === 'False');
    if (ready?.lastTransitionTime) t = Date.parse(ready.lastTransitionTime);
  }
  if (t === undefined && p.metadata.deletionTimestamp) t = Date.parse(p.metadata.deletionTimestamp);
  return t ?? now;
}

/** Remaining pod-creation back-off after `failures` failures, the last at `last` (getRemainingTimeForFailuresCount). */
export function remainingBackoff(failures: number, last: number | undefined, now: number): number {
  if (failures === 0 || last === undefined) return 0;
  let d = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= MAX_POD_FAILURE_BACKOFF_MS) {
      d = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - last;
  return d < elapsed ? 0 : d - elapsed;
}

/** Sorted intervals of indexes as the API prints them: `0-2,4,7-8`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const xs = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    parts.push(i === j ? String(xs[i]) : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) continue;
    for (let i = lo; i <= hi && i < completions; i++) out.add(i);
  }
  return out;
}

/** ActivePods ordering for removal: unscheduled < scheduled, pending < running, not ready < ready, newer first. */
function removalOrder(pods: KObject[]): KObject[] {
  const phaseRank = (p: KObject) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  return [...pods].sort((a, b) => {
    const na = a.spec?.nodeName ? 1 : 0;
    const nb = b.spec?.nodeName ? 1 : 0;
    if (na !== nb) return na - nb;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    const ca = a.metadata.creationTimestamp ?? '';
    const cb = b.metadata.creationTimestamp ?? '';
    if (ca !== cb) return ca < cb ? 1 : -1;
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
}

/** The pod a Job creates for a completion index (or none): template, tracking finalizer, owner. */
export function jobPodFor(job: KObject, index: number | undefined): KObject {
  const info = registry.mustGroupKind(JOB_GK);
  const t = clone(job.spec?.template ?? {});
  const meta = t.metadata ?? {};
  const spec = t.spec ?? {};
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  const labels: Record<string, string> = { ...(meta.labels ?? {}) };
  let generateName = `${job.metadata.name}-`;
  if (index !== undefined) {
    // addCompletionIndexEnvVariables, the index annotation and (PodIndexLabel) label, a stable hostname
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Container[]) {
      const env = ((c as { env?: unknown[] }).env ?? []) as { name: string }[];
      if (!env.some((e) => e.name === COMPLETION_INDEX_ENV))
        (c as { env?: unknown[] }).env = [...env, { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } }];
    }
    annotations[COMPLETION_INDEX_ANNOTATION] = String(index);
    labels[COMPLETION_INDEX_ANNOTATION] = String(index);
    spec.hostname = `${job.metadata.name}-${index}`;
    generateName = `${job.metadata.name}-${index}-`;
  }
  const finalizers: string[] = [...(meta.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName,
      namespace: job.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      finalizers,
      ownerReferences: [ownerRefTo(job, info)],
    },
    spec,
  };
}

function removeTrackingFinalizer(ctx: Ctx, pod: KObject): void {
  ctx.api.removeFinalizer('Pod', pod, JOB_TRACKING_FINALIZER);
}

/** pastBackoffLimitOnFailure: container restarts of running pods (restartPolicy OnFailure) reach the limit. */
function pastBackoffLimitOnFailure(job: KObject, pods: KObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += cs.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function newCondition(type: string, reason: string, message: string, now: string): Cond {
  return { lastProbeTime: now, lastTransitionTime: now, message, reason, status: 'True', type };
}

/** ensureJobConditionStatus: update the condition of that type, or append it (not when False and absent). */
function ensureCondition(conds: Cond[], type: string, status: string, reason: string, message: string, now: string): boolean {
  const i = conds.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = conds[i]!;
    if (c.status !== status || c.reason !== reason || c.message !== message) {
      conds[i] = { lastProbeTime: now, lastTransitionTime: now, message, reason, status, type };
      return true;
    }
    return false;
  }
  if (status === 'False') return false;
  conds.push({ lastProbeTime: now, lastTransitionTime: now, message, reason, status, type });
  return true;
}

function jobKeyOfPod(pod: KObject): string | undefined {
  const ref = controllerRef(pod);
  if (!ref || ref.kind !== 'Job') return undefined;
  return `${pod.metadata.namespace}/${ref.name}`;
}

export const jobController: Controller<Ctx> = {
  name: JOB_CONTROLLER,
  watch(ev, enqueue, ctx) {
    if (ev.gk === JOB_GK) {
      enqueue(keyFor(ev.obj));
      if (ev.type === 'DELETED') {
        // pods left behind keep their tracking finalizer until someone removes it (cleanupPodFinalizers)
        for (const d of ctx.store.dependents(ev.obj.metadata.uid ?? '')) if (d.gk === 'Pod' && hasTrackingFinalizer(d.obj)) enqueue(`pod:${keyFor(d.obj)}`);
      }
      return;
    }
    if (ev.gk !== 'Pod') return;
    const key = jobKeyOfPod(ev.obj);
    const oldKey = ev.old ? jobKeyOfPod(ev.old) : undefined;
    // pod events reach the Job batched (syncJobBatchPeriod)
    const now = ctx.clock.now();
    if (key) ctx.loop.at(now + BATCH_MS, JOB_CONTROLLER, key);
    if (oldKey && oldKey !== key) ctx.loop.at(now + BATCH_MS, JOB_CONTROLLER, oldKey);
    if (ev.type !== 'DELETED' && hasTrackingFinalizer(ev.obj)) {
      const job = key ? ctx.store.get(JOB_GK, ev.obj.metadata.namespace, controllerRef(ev.obj)!.name) : undefined;
      if (!job || job.metadata.uid !== controllerRef(ev.obj)?.uid || isJobFinished(job)) enqueue(`pod:${keyFor(ev.obj)}`);
    }
  },
  sync(key, ctx) {
    if (key.startsWith('pod:')) {
      syncOrphanPod(ctx, key.slice(4));
      return;
    }
    const [ns, name] = splitKey(key);
    const job = ctx.store.get(JOB_GK, ns, name);
    const st = jobState(ctx);
    if (!job) return;
    if (isJobFinished(job)) {
      delete st.backoff[job.metadata.uid!];
      return;
    }
    syncJob(ctx, job);
  },
};

/** syncOrphanPod: a pod whose Job is gone or finished loses the tracking finalizer. */
function syncOrphanPod(ctx: Ctx, podKey: string): void {
  const [ns, name] = splitKey(podKey);
  const pod = ctx.store.get('Pod', ns, name);
  if (!pod || !hasTrackingFinalizer(pod)) return;
  const ref = controllerRef(pod);
  if (ref) {
    if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
    const job = ctx.store.get(JOB_GK, ns, ref.name);
    if (job && job.metadata.uid === ref.uid && !isJobFinished(job)) return;
  }
  removeTrackingFinalizer(ctx, pod);
}

function syncJob(ctx: Ctx, job0: KObject): void {
  const now = ctx.clock.now();
  const nowStr = ctx.clock.rfc3339();
  const st = jobState(ctx);
  const uid = job0.metadata.uid!;
  const info = registry.mustGroupKind(JOB_GK);
  const job = clone(job0);
  const spec = job.spec ?? {};
  const status: Record<string, any> = (job.status = { ...(job.status ?? {}) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const conds: Cond[] = (status.conditions = [...((status.conditions ?? []) as Cond[])]);
  const indexed = isIndexed(job);
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const backoffLimit: number = spec.backoffLimit ?? 6;
  const events: [type: 'Normal' | 'Warning', reason: string, message: string][] = [];

  const pods = claim(ctx, job0, info, 'Pod', fromLabelSelector(spec.selector), []);
  const active0 = pods.filter(isPodActive);
  let active = active0.length;
  let terminating = pods.filter(isTerminating).length;
  let ready = active0.filter(isPodReady).length;

  // pods finished since the last count (they still carry the tracking finalizer)
  const validIndex = (p: KObject) => !indexed || (completionIndex(p) !== undefined && completionIndex(p)! < (completions ?? 0));
  const newSucceeded = pods.filter((p) => hasTrackingFinalizer(p) && p.status?.phase === 'Succeeded' && validIndex(p));
  const newFailed = pods.filter((p) => hasTrackingFinalizer(p) && isPodFailed(p, job) && validIndex(p));
  let succeeded: number = (status.succeeded ?? 0) + newSucceeded.length;
  let failed: number = (status.failed ?? 0) + newFailed.length;
  let succeededIndexes = new Set<number>();
  if (indexed) {
    succeededIndexes = parseIndexes(status.completedIndexes, completions ?? 0);
    for (const p of newSucceeded) succeededIndexes.add(completionIndex(p)!);
    succeeded = succeededIndexes.size;
  }

  if (!status.startTime && !suspended(job)) status.startTime = nowStr;

  // the back-off record: failures since the last success
  const rec: BackoffRecord = { ...(st.backoff[uid] ?? { failuresAfterLastSuccess: 0 }) };
  if (newSucceeded.length) {
    const lastSuccess = Math.max(...newSucceeded.map((p) => finishedTime(p, now)));
    const after = newFailed.filter((p) => finishedTime(p, now) > lastSuccess);
    rec.failuresAfterLastSuccess = after.length;
    rec.lastFailureTime = after.length ? Math.max(...after.map((p) => finishedTime(p, now))) : undefined;
  } else if (newFailed.length) {
    rec.failuresAfterLastSuccess += newFailed.length;
    const last = Math.max(...newFailed.map((p) => finishedTime(p, now)));
    rec.lastFailureTime = rec.lastFailureTime === undefined ? last : Math.max(rec.lastFailureTime, last);
  }

  // what ends the Job, if anything
  let finished: Cond | undefined;
  const criteria = findCondition(job, 'SuccessCriteriaMet');
  if (criteria?.status === 'True') finished = criteria;
  if (!finished) {
    const target = findCondition(job, 'FailureTarget');
    if (target?.status === 'True') finished = target;
  }
  if (!finished) {
    if (failed > backoffLimit || pastBackoffLimitOnFailure(job, pods)) finished = newCondition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', nowStr);
    else if (spec.activeDeadlineSeconds != null && status.startTime && !suspended(job)) {
      const deadline = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000;
      if (now >= deadline) finished = newCondition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', nowStr);
      else ctx.loop.at(deadline, JOB_CONTROLLER, keyFor(job));
    }
  }

  /** Pods deleted by manageJob lose their finalizer first and are never counted. */
  const released = new Set<string>();
  const deletePod = (p: KObject, withFinalizer: boolean): boolean => {
    try {
      if (!withFinalizer) {
        removeTrackingFinalizer(ctx, p);
        released.add(p.metadata.uid!);
      }
      ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
      events.push(['Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`]);
      return true;
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      return false;
    }
  };

  if (finished) {
    // deleteActivePods: the finalizers stay until the pods are counted below
    for (const p of active0) {
      if (deletePod(p, true)) {
        active--;
        terminating++;
        if (isPodReady(p)) ready--;
      }
    }
  } else {
    if (!job.metadata.deletionTimestamp) {
      const r = manageJob(ctx, job, active0, { succeeded, succeededIndexes, terminating, rec, now, deletePod, events });
      active = r.active;
      terminating = r.terminating;
      ready -= r.removedReady;
    }
    const complete = completions == null ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
    if (complete) finished = newCondition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', nowStr);
    else if (!job.metadata.deletionTimestamp) {
      if (suspended(job)) {
        if (ensureCondition(conds, 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowStr)) events.push(['Normal', 'Suspended', 'Job suspended']);
      } else if (ensureCondition(conds, 'Suspended', 'False', 'JobResumed', 'Job resumed', nowStr)) {
        events.push(['Normal', 'Resumed', 'Job resumed']);
        // resumed jobs restart the activeDeadlineSeconds clock
        status.startTime = nowStr;
      }
    }
  }

  // trackJobStatusAndRemoveFinalizers: count finished pods, then let them go
  for (const p of pods) {
    if (!hasTrackingFinalizer(p) || released.has(p.metadata.uid!)) continue;
    const considerFailed = isPodFailed(p, job);
    const canRemove = !!job.metadata.deletionTimestamp || !!finished || p.status?.phase === 'Succeeded' || considerFailed;
    if (!canRemove) continue;
    // succeeded and failed pods were counted above; when the Job fails, every other pod counts as failed
    if (p.status?.phase !== 'Succeeded' && !considerFailed && finished && finished.type !== 'SuccessCriteriaMet' && validIndex(p)) failed++;
    removeTrackingFinalizer(ctx, p);
  }
  status.succeeded = succeeded;
  status.failed = failed;
  if (indexed) status.completedIndexes = formatIndexes(succeededIndexes);

  let terminal: Cond | undefined;
  if (finished?.type === 'FailureTarget') {
    if (!findCondition(job, 'FailureTarget')) conds.push(finished);
    terminal = { ...finished, type: 'Failed' };
  } else if (finished?.type === 'SuccessCriteriaMet') {
    if (!findCondition(job, 'SuccessCriteriaMet')) conds.push(finished);
    terminal = { ...finished, type: 'Complete' };
  }
  // enactJobFinished: the terminal condition waits for terminating pods
  if (terminal && terminating === 0) {
    ensureCondition(conds, terminal.type, 'True', terminal.reason ?? '', terminal.message ?? '', nowStr);
    if (terminal.type === 'Complete') {
      status.completionTime = nowStr;
      if (completions != null && succeeded > completions) events.push(['Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached']);
      events.push(['Normal', 'Completed', 'Job completed']);
    } else events.push(['Warning', terminal.reason ?? '', terminal.message ?? '']);
    delete st.backoff[uid];
  } else st.backoff[uid] = rec;

  status.active = active;
  status.ready = Math.max(0, ready);
  status.terminating = terminating;
  status.uncountedTerminatedPods = {};
  for (const k of ['active', 'succeeded', 'failed'] as const) if (!status[k]) delete status[k];
  if (indexed && !status.completedIndexes) delete status.completedIndexes;
  if (conds.length === 0) delete status.conditions;

  const cur = ctx.store.get(JOB_GK, job.metadata.namespace, job.metadata.name);
  if (cur && cur.metadata.uid === uid && !deepEqual(cur.status, status)) {
    const next = clone(cur);
    next.status = status;
    ctx.store.put(JOB_GK, next);
  }
  const latest = ctx.store.get(JOB_GK, job.metadata.namespace, job.metadata.name) ?? job0;
  for (const [type, reason, message] of events) ctx.events.record(latest, type, reason, message, { component: JOB_CONTROLLER });
}

interface ManageArgs {
  succeeded: number;
  succeededIndexes: Set<number>;
  terminating: number;
  rec: BackoffRecord;
  now: number;
  deletePod: (p: KObject, withFinalizer: boolean) => boolean;
  events: [type: 'Normal' | 'Warning', reason: string, message: string][];
}

/** manageJob: create or delete pods so that the right number run, respecting the back-off. */
function manageJob(ctx: Ctx, job: KObject, activePods: KObject[], a: ManageArgs): { active: number; terminating: number; removedReady: number } {
  const spec = job.spec ?? {};
  let active = activePods.length;
  let terminating = a.terminating;
  let removedReady = 0;
  const parallelism: number = spec.parallelism ?? 1;
  const completions: number | undefined = spec.completions ?? undefined;
  const indexed = isIndexed(job);
  const remove = (victims: KObject[]) => {
    for (const p of victims) {
      if (a.deletePod(p, false)) {
        active--;
        terminating++;
        if (isPodReady(p)) removedReady++;
      }
    }
  };
  if (suspended(job)) {
    remove(removalOrder(activePods));
    return { active, terminating, removedReady };
  }
  let wantActive: number;
  if (completions == null) wantActive = a.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(completions - a.succeeded, parallelism));

  // pods to remove: duplicated or out-of-range indexes first, then the least valuable
  const rm: KObject[] = [];
  let left = activePods;
  if (indexed) {
    const seen = new Set<number>();
    left = [];
    for (const p of [...activePods].sort((x, y) => (x.metadata.creationTimestamp ?? '').localeCompare(y.metadata.creationTimestamp ?? ''))) {
      const ix = completionIndex(p);
      if (ix === undefined || ix >= (completions ?? 0) || seen.has(ix) || a.succeededIndexes.has(ix)) rm.push(p);
      else {
        seen.add(ix);
        left.push(p);
      }
    }
  }
  const rmAtLeast = Math.max(0, active - wantActive);
  if (rm.length < rmAtLeast) rm.push(...removalOrder(left).slice(0, rmAtLeast - rm.length));
  if (rm.length) {
    remove(rm.slice(0, MAX_PODS_PER_SYNC));
    return { active, terminating, removedReady };
  }

  const replacementWait = spec.podReplacementPolicy === 'Failed' ? terminating : 0;
  let diff = wantActive - replacementWait - active;
  if (diff <= 0) return { active, terminating, removedReady };
  const remaining = remainingBackoff(a.rec.failuresAfterLastSuccess, a.rec.lastFailureTime, a.now);
  if (remaining > 0) {
    ctx.loop.at(a.now + Math.max(remaining, BATCH_MS), JOB_CONTROLLER, keyFor(job));
    return { active, terminating, removedReady };
  }
  diff = Math.min(diff, MAX_PODS_PER_SYNC);
  let indexes: (number | undefined)[] = Array.from({ length: diff }, () => undefined);
  if (indexed) {
    const taken = new Set<number>([...a.succeededIndexes]);
    for (const p of activePods) {
      const ix = completionIndex(p);
      if (ix !== undefined) taken.add(ix);
    }
    const pending: number[] = [];
    for (let i = 0; i < (completions ?? 0) && pending.length < diff; i++) if (!taken.has(i)) pending.push(i);
    indexes = pending;
  }
  // slow start: batches of 1, 2, 4, … stop at the first failure
  let batch = 1;
  let next = 0;
  outer: while (next < indexes.length) {
    const size = Math.min(batch, indexes.length - next);
    for (let i = 0; i < size; i++) {
      const ix = indexes[next++];
      try {
        const pod = ctx.api.create(jobPodFor(job, ix));
        a.events.push(['Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`]);
        active++;
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        a.events.push(['Warning', 'FailedCreate', `Error creating: ${e instanceof InvalidError ? e.statusMessage() : e.message}`]);
        break outer;
      }
    }
    batch *= 2;
  }
  return { active, terminating, removedReady };
}
