import { describe, expect, it } from 'vitest';
import { parseSchedule, rfc3339In } from '../../src/controllers/cronschedule';
import { cronJobName, mostRecentScheduleTime } from '../../src/controllers/cronjob';
import { testCluster } from './support/cluster';
import type { KObject } from '../../src/api/types';

const T = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));
const nexts = (spec: string, from: string, n: number, tz?: string) => {
  const s = parseSchedule(spec, tz);
  const out: (string | undefined)[] = [];
  let t: number | undefined = T(from);
  for (let i = 0; i < n && t !== undefined; i++) {
    t = s.next(t);
    out.push(iso(t));
  }
  return out;
};

describe('cron schedules (robfig/cron semantics)', () => {
  it('steps, ranges and lists', () => {
    expect(nexts('*/15 * * * *', '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z', '2026-01-01T00:45:00Z']);
    expect(nexts('0,15,30,45 * * * *', '2026-01-01T00:44:59Z', 2)).toEqual(['2026-01-01T00:45:00Z', '2026-01-01T01:00:00Z']);
    expect(nexts('30 6-16/4 * * 1-5', '2026-01-02T15:00:00Z', 3)).toEqual(['2026-01-05T06:30:00Z', '2026-01-05T10:30:00Z', '2026-01-05T14:30:00Z']);
  });

  it('macros', () => {
    expect(nexts('@hourly', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z']);
    expect(nexts('@daily', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-02T00:00:00Z']);
    expect(nexts('@weekly', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-04T00:00:00Z']); // a Sunday
    expect(nexts('@monthly', '2026-01-15T00:00:00Z', 1)).toEqual(['2026-02-01T00:00:00Z']);
    expect(nexts('@yearly', '2026-01-15T00:00:00Z', 1)).toEqual(['2027-01-01T00:00:00Z']);
    expect(nexts('@every 90s', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-01T00:01:30Z', '2026-01-01T00:03:00Z']);
  });

  it('day of month OR day of week when neither is a star', () => {
    // the 13th, or any Friday
    expect(nexts('0 0 13 * 5', '2026-02-01T00:00:00Z', 3)).toEqual(['2026-02-06T00:00:00Z', '2026-02-13T00:00:00Z', '2026-02-20T00:00:00Z']);
    // with a star in one of them, both must match (every day of Feb that is... any day)
    expect(nexts('0 0 * 2 5', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-02-06T00:00:00Z']);
  });

  it('impossible dates give no time within five years', () => {
    expect(nexts('0 0 30 2 *', '2026-01-01T00:00:00Z', 1)).toEqual([undefined]);
  });

  it('time zones', () => {
    // 09:00 in Tokyo is 00:00 UTC
    expect(nexts('0 9 * * *', '2026-01-01T01:00:00Z', 1, 'Asia/Tokyo')).toEqual(['2026-01-02T00:00:00Z']);
    // New York in summer is UTC-4
    expect(nexts('30 8 * * *', '2026-07-01T00:00:00Z', 1, 'America/New_York')).toEqual(['2026-07-01T12:30:00Z']);
    expect(rfc3339In('Asia/Tokyo', T('2026-01-02T00:00:00Z'))).toBe('2026-01-02T09:00:00+09:00');
    expect(rfc3339In(undefined, T('2026-01-02T00:00:00Z'))).toBe('2026-01-02T00:00:00Z');
  });
});

describe('mostRecentScheduleTime', () => {
  const cj = (created: string, last?: string, sds?: number): KObject => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'x', creationTimestamp: created },
    spec: { schedule: '* * * * *', ...(sds !== undefined ? { startingDeadlineSeconds: sds } : {}) },
    status: last ? { lastScheduleTime: last } : {},
  });
  const every = parseSchedule('* * * * *');

  it('returns the latest missed time', () => {
    expect(mostRecentScheduleTime(cj('2026-01-01T00:00:00Z'), T('2026-01-01T00:00:30Z'), every)).toEqual({ mostRecent: undefined, tooMany: false });
    expect(iso(mostRecentScheduleTime(cj('2026-01-01T00:00:00Z'), T('2026-01-01T00:01:00Z'), every).mostRecent)).toBe('2026-01-01T00:01:00Z');
    expect(iso(mostRecentScheduleTime(cj('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'), T('2026-01-01T00:05:10Z'), every).mostRecent)).toBe('2026-01-01T00:05:00Z');
  });

  it('flags more than 100 missed start times unless a starting deadline bounds them', () => {
    const r = mostRecentScheduleTime(cj('2026-01-01T00:00:00Z'), T('2026-01-01T03:00:00Z'), every);
    expect(r.tooMany).toBe(true);
    expect(iso(r.mostRecent)).toBe('2026-01-01T03:00:00Z');
    expect(mostRecentScheduleTime(cj('2026-01-01T00:00:00Z', undefined, 200), T('2026-01-01T03:00:00Z'), every).tooMany).toBe(false);
  });

  it('names jobs by the scheduled minute since the epoch', () => {
    expect(cronJobName('hello', T('2025-01-15T10:30:00Z'))).toBe('hello-28948950');
    expect(cronJobName('hello', T('2026-01-01T00:01:00Z'))).toBe('hello-29453761');
  });
});

function cronJob(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = { 'kubesim.dev/run-seconds': '5' }): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      ...spec,
      jobTemplate: { spec: { template: { metadata: { annotations }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'date'] }] } } } },
    },
  };
}

const jobsOf = (c: ReturnType<typeof testCluster>, cj: string) => c.list('Job.batch', 'default').filter((j) => j.metadata.ownerReferences?.[0]?.name === cj).map((j) => j.metadata.name);

describe('CronJob controller', () => {
  it('creates a job at every scheduled minute and keeps the history limits', () => {
    const c = testCluster();
    // the manual clock starts at 2026-01-01T00:00:00Z
    const [cj] = c.apply(cronJob('hello', {}));
    c.advance(5 * 60_000 + 30_000);
    expect(jobsOf(c, 'hello')).toEqual(['hello-29453763', 'hello-29453764', 'hello-29453765']);
    const cur = c.get('CronJob.batch', 'default', 'hello')!;
    expect(cur.status.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(cur.status.lastSuccessfulTime).toBe('2026-01-01T00:05:06Z');
    expect(cur.status.active).toBeUndefined();
    const job = c.get('Job.batch', 'default', 'hello-29453765')!;
    expect(job.metadata.creationTimestamp).toBe('2026-01-01T00:05:00Z');
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T00:05:00Z');
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const evs = c.events(cj!);
    expect(evs.slice(0, 2)).toEqual(['SuccessfulCreate: Created job hello-29453761', 'SawCompletedJob: Saw completed job: hello-29453761, condition: Complete']);
    expect(evs).toContain('SuccessfulDelete: Deleted job hello-29453761');
    expect(evs).toContain('SuccessfulDelete: Deleted job hello-29453762');
  });

  it('tracks running jobs in status.active', () => {
    const c = testCluster();
    c.apply(cronJob('long', {}, { 'kubesim.dev/run-seconds': '90' }));
    c.advance(60_000);
    const cur = c.get('CronJob.batch', 'default', 'long')!;
    expect(cur.status.active).toHaveLength(1);
    expect(cur.status.active[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'long-29453761', namespace: 'default' });
  });

  it('Forbid holds a run back while the previous one is still going, then starts it late', () => {
    const c = testCluster();
    const [cj] = c.apply(cronJob('fb', { concurrencyPolicy: 'Forbid' }, { 'kubesim.dev/run-seconds': '90' }));
    c.advance(2 * 60_000 + 10_000);
    expect(jobsOf(c, 'fb')).toEqual(['fb-29453761']);
    expect(c.events(cj!)).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    // without startingDeadlineSeconds the 00:02 run starts once the 00:01 one has finished
    c.advance(60_000);
    expect(jobsOf(c, 'fb')).toEqual(['fb-29453761', 'fb-29453762']);
    expect(Date.parse(c.get('Job.batch', 'default', 'fb-29453762')!.metadata.creationTimestamp!)).toBeGreaterThan(Date.parse('2026-01-01T00:02:30Z'));
  });

  it('Replace deletes the running job for the new one', () => {
    const c = testCluster();
    const [cj] = c.apply(cronJob('rp', { concurrencyPolicy: 'Replace' }, { 'kubesim.dev/run-seconds': '600' }));
    c.advance(2 * 60_000);
    expect(jobsOf(c, 'rp')).toEqual(['rp-29453762']);
    expect(c.events(cj!)).toContain('SuccessfulDelete: Deleted job rp-29453761');
  });

  it('does nothing while suspended', () => {
    const c = testCluster();
    c.apply(cronJob('sp', { suspend: true }));
    c.advance(3 * 60_000);
    expect(jobsOf(c, 'sp')).toEqual([]);
  });

  it('misses a start it is too late for', () => {
    const c = testCluster();
    // hourly at :00; created at 00:00, first run 01:00 — suspend across it, resume at 01:30
    const [cj] = c.apply(cronJob('late', { schedule: '0 * * * *', startingDeadlineSeconds: 60, suspend: true }));
    c.advance(90 * 60_000);
    const cur = c.get('CronJob.batch', 'default', 'late')!;
    c.ctx.api.update({ ...cur, spec: { ...cur.spec, suspend: false } });
    c.ctx.loop.runUntilQuiet();
    expect(jobsOf(c, 'late')).toEqual([]);
    c.advance(30 * 60_000);
    expect(jobsOf(c, 'late')).toEqual(['late-29453880']);
    void cj;
  });

  it('uses spec.timeZone for the schedule and the scheduled-timestamp annotation', () => {
    const c = testCluster();
    c.apply(cronJob('tz', { schedule: '5 9 * * *', timeZone: 'Asia/Tokyo' }));
    c.advance(6 * 60_000);
    const [name] = jobsOf(c, 'tz');
    expect(name).toBe('tz-29453765');
    expect(c.get('Job.batch', 'default', name!)!.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T09:05:00+09:00');
  });
});
