import { describe, expect, it } from 'vitest';
import { testCluster } from './support/cluster';
import type { KObject } from '../../src/api/types';
import { formatIndexes, parseIndexes, remainingBackoff, JOB_TRACKING_FINALIZER } from '../../src/controllers/job';

function job(name: string, spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}, annotations?: Record<string, string>): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      ...spec,
      template: {
        ...(annotations ? { metadata: { annotations } } : {}),
        spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] }], ...podSpec },
      },
    },
  };
}

const podsOf = (c: ReturnType<typeof testCluster>, name: string) => c.list('Pod', 'default').filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name);
const condTypes = (j: KObject | undefined) => (j?.status?.conditions ?? []).map((x: { type: string; status: string; reason?: string }) => `${x.type}=${x.status}:${x.reason ?? ''}`);

describe('Job strategy', () => {
  it('generates the selector and the pod template labels from the uid before validation', () => {
    const c = testCluster();
    const [j] = c.apply(job('gen', {}));
    const uid = j!.metadata.uid!;
    expect(j!.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j!.spec.template.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'gen', 'controller-uid': uid, 'job-name': 'gen' });
    // a read re-defaults: metadata.labels come from the template labels when the user gave none
    expect(j!.metadata.labels).toEqual(j!.spec.template.metadata.labels);
    expect(j!.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
  });

  it('keeps user template labels as the Job labels', () => {
    const c = testCluster();
    const j = job('lab', {});
    j.spec.template.metadata = { labels: { app: 'batch' } };
    const [stored] = c.apply(j);
    expect(stored!.metadata.labels).toEqual({ app: 'batch' });
  });

  it('rejects a selector that does not select the generated labels', () => {
    const c = testCluster();
    const j = job('bad', { selector: { matchLabels: { app: 'x' } } });
    let msg = '';
    try {
      c.ctx.api.create(j);
    } catch (e) {
      msg = (e as { render(): string }).render();
    }
    expect(msg.split('\n')[0]).toBe('The Job "bad" is invalid: ');
    expect(msg).toContain('`selector` not auto-generated');
    expect(msg).toContain('`selector` does not match template `labels`');
  });
});

describe('Job controller', () => {
  it('runs completions 5 with parallelism 2 and reports both success conditions', () => {
    const c = testCluster();
    c.apply(job('pi', { completions: 5, parallelism: 2 }, {}, { 'kubesim.dev/run-seconds': '5' }));
    let maxActive = 0;
    for (let i = 0; i < 60; i++) {
      c.advance(1000);
      const active = podsOf(c, 'pi').filter((p) => !['Succeeded', 'Failed'].includes(p.status?.phase)).length;
      maxActive = Math.max(maxActive, active);
    }
    const j = c.get('Job.batch', 'default', 'pi')!;
    expect(maxActive).toBe(2);
    expect(j.status.succeeded).toBe(5);
    expect(j.status.active).toBeUndefined();
    expect(j.status.ready).toBe(0);
    expect(j.status.terminating).toBe(0);
    expect(j.status.uncountedTerminatedPods).toEqual({});
    expect(j.status.completionTime).toBeDefined();
    expect(condTypes(j)).toEqual(['SuccessCriteriaMet=True:CompletionsReached', 'Complete=True:CompletionsReached']);
    expect(j.status.conditions[1].message).toBe('Reached expected number of succeeded pods');
    const pods = podsOf(c, 'pi');
    expect(pods).toHaveLength(5);
    // counted pods lose the tracking finalizer
    expect(pods.every((p) => !(p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER))).toBe(true);
    const evs = c.events(j);
    expect(evs.filter((e) => e.startsWith('SuccessfulCreate: Created pod: pi-'))).toHaveLength(5);
    expect(evs[evs.length - 1]).toBe('Completed: Job completed');
  });

  it('puts the tracking finalizer on running pods', () => {
    const c = testCluster();
    c.apply(job('fin', {}, {}, { 'kubesim.dev/run-seconds': '30' }));
    const [p] = podsOf(c, 'fin');
    expect(p!.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(p!.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'fin', uid: c.get('Job.batch', 'default', 'fin')!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(p!.metadata.generateName).toBe('fin-');
  });

  it('replaces failed pods after 10 s, 20 s, … and fails after backoffLimit', () => {
    const c = testCluster();
    c.apply(job('fail', { backoffLimit: 2 }, {}, { 'kubesim.dev/run-seconds': '1', 'kubesim.dev/exit-code': '1' }));
    c.advance(5 * 60_000);
    const j = c.get('Job.batch', 'default', 'fail')!;
    const pods = podsOf(c, 'fail').sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
    expect(pods).toHaveLength(3);
    const finished = (p: KObject) => Date.parse(p.status.containerStatuses[0].state.terminated.finishedAt);
    const created = (p: KObject) => Date.parse(p.metadata.creationTimestamp!);
    // the next pod comes the back-off (plus the one-second sync batching) after the previous one failed
    expect(created(pods[1]!) - finished(pods[0]!)).toBeGreaterThanOrEqual(10_000);
    expect(created(pods[1]!) - finished(pods[0]!)).toBeLessThan(12_000);
    expect(created(pods[2]!) - finished(pods[1]!)).toBeGreaterThanOrEqual(20_000);
    expect(created(pods[2]!) - finished(pods[1]!)).toBeLessThan(22_000);
    expect(j.status.failed).toBe(3);
    expect(condTypes(j)).toEqual(['FailureTarget=True:BackoffLimitExceeded', 'Failed=True:BackoffLimitExceeded']);
    expect(j.status.completionTime).toBeUndefined();
    expect(c.events(j)).toContain('BackoffLimitExceeded: Job has reached the specified backoff limit');
  });

  it('computes the back-off as the controller does (10 s doubling, capped at 10 min)', () => {
    expect(remainingBackoff(0, undefined, 0)).toBe(0);
    expect(remainingBackoff(1, 0, 0)).toBe(10_000);
    expect(remainingBackoff(2, 0, 5_000)).toBe(15_000);
    expect(remainingBackoff(3, 0, 0)).toBe(40_000);
    expect(remainingBackoff(8, 0, 0)).toBe(600_000);
    expect(remainingBackoff(20, 0, 0)).toBe(600_000);
    expect(remainingBackoff(1, 0, 11_000)).toBe(0);
  });

  it('fails with DeadlineExceeded and waits for terminating pods before Failed', () => {
    const c = testCluster();
    c.apply(job('dl', { activeDeadlineSeconds: 10 }, { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.advance(10_000);
    let j = c.get('Job.batch', 'default', 'dl')!;
    expect(condTypes(j)).toEqual(['FailureTarget=True:DeadlineExceeded']);
    expect(j.status.terminating).toBe(1);
    expect(podsOf(c, 'dl')[0]!.metadata.deletionTimestamp).toBeDefined();
    c.advance(40_000);
    j = c.get('Job.batch', 'default', 'dl')!;
    expect(condTypes(j)).toEqual(['FailureTarget=True:DeadlineExceeded', 'Failed=True:DeadlineExceeded']);
    expect(j.status.failed).toBe(1);
    expect(c.events(j).slice(-2)).toEqual([`SuccessfulDelete: Deleted pod: ${c.events(j)[0]!.split(': ')[2]}`, 'DeadlineExceeded: Job was active longer than specified deadline']);
  });

  it('gives Indexed pods their index: name, annotation, label, hostname and env', () => {
    const c = testCluster();
    c.apply(job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }, {}, { 'kubesim.dev/run-seconds': '3' }));
    const pods = podsOf(c, 'idx').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    expect(pods.map((p) => p.metadata.name.replace(/[a-z0-9]{5}$/, 'xxxxx'))).toEqual(['idx-0-xxxxx', 'idx-1-xxxxx', 'idx-2-xxxxx']);
    const p1 = pods[1]!;
    expect(p1.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(p1.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(p1.spec.hostname).toBe('idx-1');
    expect(p1.spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
    c.advance(30_000);
    const j = c.get('Job.batch', 'default', 'idx')!;
    expect(j.status.completedIndexes).toBe('0-2');
    expect(j.status.succeeded).toBe(3);
  });

  it('counts container restarts against backoffLimit with restartPolicy OnFailure', () => {
    const c = testCluster();
    c.apply(job('onf', { backoffLimit: 2 }, { restartPolicy: 'OnFailure' }, { 'kubesim.dev/run-seconds': '1', 'kubesim.dev/exit-code': '2' }));
    c.advance(120_000);
    const j = c.get('Job.batch', 'default', 'onf')!;
    expect(condTypes(j)).toEqual(['FailureTarget=True:BackoffLimitExceeded', 'Failed=True:BackoffLimitExceeded']);
    // one pod only: the kubelet restarted its container in place
    expect(c.events(j).filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(1);
  });

  it('suspends and resumes', () => {
    const c = testCluster();
    c.apply(job('sus', {}, { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.advance(5_000);
    const cur = c.get('Job.batch', 'default', 'sus')!;
    c.ctx.api.update({ ...cur, spec: { ...cur.spec, suspend: true } });
    c.ctx.loop.runUntilQuiet();
    let j = c.get('Job.batch', 'default', 'sus')!;
    expect(condTypes(j)).toEqual(['Suspended=True:JobSuspended']);
    expect(j.status.active).toBeUndefined();
    c.advance(40_000);
    expect(podsOf(c, 'sus')).toHaveLength(0);
    const cur2 = c.get('Job.batch', 'default', 'sus')!;
    c.ctx.api.update({ ...cur2, spec: { ...cur2.spec, suspend: false } });
    c.ctx.loop.runUntilQuiet();
    j = c.get('Job.batch', 'default', 'sus')!;
    expect(condTypes(j)).toEqual(['Suspended=False:JobResumed']);
    expect(j.status.active).toBe(1);
    expect(c.events(j).filter((e) => /^(Suspended|Resumed)/.test(e))).toEqual(['Suspended: Job suspended', 'Resumed: Job resumed']);
  });

  it('deletes a finished Job ttlSecondsAfterFinished later, pods first', () => {
    const c = testCluster();
    c.apply(job('ttl', { ttlSecondsAfterFinished: 30 }, {}, { 'kubesim.dev/run-seconds': '2' }));
    c.advance(20_000);
    expect(c.get('Job.batch', 'default', 'ttl')).toBeDefined();
    c.advance(30_000);
    expect(c.get('Job.batch', 'default', 'ttl')).toBeUndefined();
    expect(podsOf(c, 'ttl')).toHaveLength(0);
  });

  it('lets the pods of a deleted Job go (the tracking finalizer is removed)', () => {
    const c = testCluster();
    c.apply(job('del', {}, { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.advance(5_000);
    c.ctx.api.delete('Job.batch', 'default', 'del');
    c.ctx.loop.runUntilQuiet();
    const [p] = podsOf(c, 'del');
    expect(p!.metadata.deletionTimestamp).toBeDefined();
    expect(p!.metadata.finalizers).toBeUndefined();
    c.advance(31_000);
    expect(podsOf(c, 'del')).toHaveLength(0);
  });
});

describe('completed indexes', () => {
  it('formats and parses intervals', () => {
    expect(formatIndexes([4, 0, 1, 2, 7, 8])).toBe('0-2,4,7-8');
    expect(formatIndexes([])).toBe('');
    expect([...parseIndexes('0-2,4,7-8', 8)].sort()).toEqual([0, 1, 2, 4, 7]);
  });
});
