// The CronJob controller (cronjob_controllerv2.go, 1.32): at each scheduled time it creates a Job
// named `<cronjob>-<scheduled minutes since the epoch>` from the job template, honouring
// concurrencyPolicy (Allow, Forbid, Replace), suspend and startingDeadlineSeconds; it tracks the
// running Jobs in status.active, notes lastScheduleTime/lastSuccessfulTime, and deletes finished
// Jobs beyond successfulJobsHistoryLimit/failedJobsHistoryLimit (oldest start first).
//
// A timer is set at every next scheduled instant, so `kubesim clock advance 1h` creates each due Job
// at its own time, in order, with the simulation settling in between.
import { clone, type KObject } from '../api/types';
import { registry } from '../api/registry';
import { KubeError, StatusError } from '../api/errors';
import { rfc1123 } from '../sim/clock';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { controllerRef, keyFor, ownerRefTo, splitKey } from './util';
import { isJobFinished } from './job';
import { deepEqual } from '../api/equality';
import { isLoadableTimeZone } from '../api/validation/cron';
import { parseSchedule, rfc3339In, type Schedule } from './cronschedule';

export const CRONJOB_CONTROLLER = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const CJ_GK = 'CronJob.batch';
const JOB_GK = 'Job.batch';

type Cond = { type: string; status: string };

function finishedStatus(job: KObject): string | undefined {
  const c = ((job.status?.conditions ?? []) as Cond[]).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type;
}

/** `<name>-<minutes since the epoch of the scheduled time>` (getJobName). */
export function cronJobName(cjName: string, scheduledMs: number): string {
  return `${cjName}-${Math.floor(scheduledMs / 60_000)}`;
}

interface MostRecent {
  mostRecent?: number;
  tooMany: boolean;
  error?: string;
}

/** mostRecentScheduleTime with includeStartingDeadlineSeconds, as nextScheduleTime uses it. */
export function mostRecentScheduleTime(cj: KObject, now: number, sched: Schedule): MostRecent {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '');
  if (Number.isNaN(earliest)) earliest = now;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null) {
    const deadline = now - sds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = sched.next(earliest);
  if (t1 === undefined || now < t1) return { tooMany: false };
  const t2 = sched.next(t1);
  if (t2 === undefined || now < t2) return { mostRecent: t1, tooMany: false };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { tooMany: false, error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.floor((now - t1) / 1000);
  const missed = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missed - 2) * between * 1000;
  for (let t = sched.next(potentialEarliest); t !== undefined && t <= now; t = sched.next(t)) mostRecent = t;
  return { mostRecent, tooMany: missed > 100 };
}

function jobRef(job: KObject): Record<string, string> {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace!, resourceVersion: job.metadata.resourceVersion!, uid: job.metadata.uid! };
}

/** The Job for one scheduled run (getJobFromTemplate2). */
export function jobForSchedule(cj: KObject, scheduledMs: number): KObject {
  const jt = cj.spec?.jobTemplate ?? {};
  const annotations: Record<string, string> = { ...(jt.metadata?.annotations ?? {}) };
  const tz = cj.spec?.timeZone || undefined;
  annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = rfc3339In(tz && tz !== 'UTC' && tz !== 'Local' ? tz : undefined, scheduledMs);
  const metadata: KObject['metadata'] = {
    name: cronJobName(cj.metadata.name, scheduledMs),
    namespace: cj.metadata.namespace,
    annotations,
    ownerReferences: [ownerRefTo(cj, registry.mustGroupKind(CJ_GK))],
  };
  if (jt.metadata?.labels && Object.keys(jt.metadata.labels).length) metadata.labels = { ...jt.metadata.labels };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: clone(jt.spec ?? {}) };
}

function byStartTime(a: KObject, b: KObject): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return Date.parse(sa) - Date.parse(sb);
}

export const cronJobController: Controller<Ctx> = {
  name: CRONJOB_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk === CJ_GK) {
      enqueue(keyFor(ev.obj));
      return;
    }
    if (ev.gk !== JOB_GK) return;
    const ref = controllerRef(ev.obj);
    if (ref && ref.kind === 'CronJob') enqueue(`${ev.obj.metadata.namespace}/${ref.name}`);
    if (ev.old) {
      const oldRef = controllerRef(ev.old);
      if (oldRef && oldRef.kind === 'CronJob' && oldRef.name !== ref?.name) enqueue(`${ev.old.metadata.namespace}/${oldRef.name}`);
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const cj0 = ctx.store.get(CJ_GK, ns, name);
    if (!cj0) return;
    syncCronJob(ctx, cj0);
  },
};

function syncCronJob(ctx: Ctx, cj0: KObject): void {
  const now = ctx.clock.now();
  const cj = clone(cj0);
  const status: Record<string, any> = (cj.status = { ...(cj.status ?? {}) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  let active: Record<string, string>[] = [...(status.active ?? [])];
  const events: [type: 'Normal' | 'Warning', reason: string, message: string][] = [];
  // the Jobs this CronJob controls (through the owner index, not a namespace scan)
  const jobs = ctx.store
    .dependents(cj.metadata.uid ?? '')
    .filter((d) => d.gk === JOB_GK && controllerRef(d.obj)?.uid === cj.metadata.uid)
    .map((d) => d.obj)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const inActive = (uid: string) => active.some((r) => r.uid === uid);
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata.uid!);
    const found = inActive(j.metadata.uid!);
    if (!found && !isJobFinished(j)) {
      events.push(['Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`]);
    } else if (found && isJobFinished(j)) {
      active = active.filter((r) => r.uid !== j.metadata.uid);
      events.push(['Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finishedStatus(j)}`]);
    } else if (finishedStatus(j) === 'Complete' && j.status?.completionTime) {
      // a job need not be in the active list to count as the last success
      if (!status.lastSuccessfulTime || Date.parse(j.status.completionTime) > Date.parse(status.lastSuccessfulTime)) status.lastSuccessfulTime = j.status.completionTime;
    }
  }
  for (const r of [...active]) {
    if (children.has(r.uid!)) continue;
    if (!ctx.store.get(JOB_GK, r.namespace, r.name!)) {
      events.push(['Normal', 'MissingJob', `Active job went missing: ${r.name}`]);
      active = active.filter((x) => x.uid !== r.uid);
    }
  }

  let nextWake: number | undefined;
  const schedule = scheduleOf(cj, events);
  if (!cj.metadata.deletionTimestamp && schedule && !cj.spec?.suspend) {
    const r = mostRecentScheduleTime(cj, now, schedule);
    if (r.error) {
      events.push(['Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${r.error}`]);
    } else if (r.mostRecent !== undefined) {
      if (r.tooMany) events.push(['Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew']);
      const scheduled = r.mostRecent;
      const sds = cj.spec?.startingDeadlineSeconds;
      const tooLate = sds != null && scheduled + sds * 1000 < now;
      const jobName = cronJobName(cj.metadata.name, scheduled);
      if (tooLate) {
        events.push(['Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123(scheduled)}`]);
      } else if (active.some((x) => x.name === jobName) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled)) {
        // this scheduled time was already handled
      } else if (cj.spec?.concurrencyPolicy === 'Forbid' && active.length > 0) {
        events.push(['Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid']);
      } else {
        let ok = true;
        if (cj.spec?.concurrencyPolicy === 'Replace') {
          for (const r2 of [...active]) {
            const j = ctx.store.get(JOB_GK, r2.namespace, r2.name!);
            if (!j) continue;
            if (deleteJob(ctx, j, events)) active = active.filter((x) => x.uid !== r2.uid);
            else ok = false;
          }
        }
        if (ok) {
          const created = createJob(ctx, cj, scheduled, events, active);
          if (created) {
            active.push(jobRef(created));
            status.lastScheduleTime = ctx.clock.rfc3339(scheduled);
          }
        }
      }
    }
    nextWake = schedule.next(now);
  }

  // cleanupFinishedJobs: the oldest finished jobs beyond the history limits go
  const successful: KObject[] = [];
  const failed: KObject[] = [];
  for (const j of jobs) {
    const st = finishedStatus(j);
    if (st === 'Complete') successful.push(j);
    else if (st === 'Failed') failed.push(j);
  }
  const trim = (list: KObject[], limit: number | null | undefined) => {
    if (limit == null) return;
    const n = list.length - limit;
    if (n <= 0) return;
    for (const j of [...list].sort(byStartTime).slice(0, n)) if (deleteJob(ctx, j, events)) active = active.filter((x) => x.uid !== j.metadata.uid);
  };
  trim(successful, cj.spec?.successfulJobsHistoryLimit);
  trim(failed, cj.spec?.failedJobsHistoryLimit);

  if (active.length) status.active = active;
  else delete status.active;
  const cur = ctx.store.get(CJ_GK, cj.metadata.namespace, cj.metadata.name);
  if (cur && cur.metadata.uid === cj.metadata.uid && !deepEqual(cur.status ?? {}, status)) {
    const next = clone(cur);
    next.status = status;
    ctx.store.put(CJ_GK, next);
  }
  const latest = ctx.store.get(CJ_GK, cj.metadata.namespace, cj.metadata.name) ?? cj0;
  for (const [type, reason, message] of events) ctx.events.record(latest, type, reason, message, { component: CRONJOB_CONTROLLER });
  if (nextWake !== undefined) ctx.loop.at(nextWake, CRONJOB_CONTROLLER, keyFor(cj));
}

function scheduleOf(cj: KObject, events: [type: 'Normal' | 'Warning', reason: string, message: string][]): Schedule | undefined {
  const tz: string | undefined = cj.spec?.timeZone ?? undefined;
  if (tz != null && !isLoadableTimeZone(tz)) {
    events.push(['Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`]);
    return undefined;
  }
  try {
    return parseSchedule(cj.spec?.schedule ?? '', tz);
  } catch (e) {
    events.push(['Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${(e as Error).message}`]);
    return undefined;
  }
}

function createJob(ctx: Ctx, cj: KObject, scheduled: number, events: [type: 'Normal' | 'Warning', reason: string, message: string][], active: Record<string, string>[]): KObject | undefined {
  const req = jobForSchedule(cj, scheduled);
  try {
    const job = ctx.api.create(req);
    events.push(['Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`]);
    return job;
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
    if (e instanceof StatusError && e.reason === 'AlreadyExists') {
      // created by someone else: only ours (and not yet tracked) is recorded
      const existing = ctx.store.get(JOB_GK, req.metadata.namespace, req.metadata.name);
      if (!existing || controllerRef(existing)?.uid !== cj.metadata.uid) return undefined;
      if (active.some((r) => r.uid === existing.metadata.uid)) return undefined;
      return existing;
    }
    if (e instanceof StatusError && e.reason === 'Forbidden' && /being terminated/.test(e.message)) return undefined;
    events.push(['Warning', 'FailedCreate', `Error creating job: ${e.message}`]);
    return undefined;
  }
}

function deleteJob(ctx: Ctx, job: KObject, events: [type: 'Normal' | 'Warning', reason: string, message: string][]): boolean {
  try {
    ctx.api.delete(JOB_GK, job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Background' });
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
    events.push(['Warning', 'FailedDelete', `Deleted job: ${e.message}`]);
    return false;
  }
  events.push(['Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`]);
  return true;
}
