import { afterEach, describe, expect, it } from 'vitest';
import { freshSession } from '../support/session';
import { fitErrorMessage } from '../../src/scheduler';
import type { Status } from '../../src/scheduler/framework';
import { programFor } from '../../src/kubelet/program';
import { parseImage, pullFailure } from '../../src/kubelet/images';
import type { KObject } from '../../src/api/types';

let s: ReturnType<typeof freshSession> | undefined;
afterEach(() => s?.cleanup());

const pod = (name: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...extra }] },
});

describe('scheduler', () => {
  it('formats the FitError message with sorted, counted reasons and the preemption clause', () => {
    const taint: Status = { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] };
    const cpu: Status = { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] };
    const statuses = new Map<string, Status>([
      ['control-plane', taint],
      ['worker-1', cpu],
      ['worker-2', cpu],
    ]);
    expect(fitErrorMessage(3, { statuses, postFilterMsg: 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.' })).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('never places ordinary pods on the tainted control-plane node', () => {
    s = freshSession();
    for (let i = 0; i < 6; i++) s.ctx.api.create(pod(`p${i}`));
    s.settle();
    const nodes = s.store.list('Pod', 'default').map((p) => p.spec.nodeName);
    expect(nodes.every((n) => n === 'worker-1' || n === 'worker-2')).toBe(true);
    // spreading: both workers get pods
    expect(new Set(nodes).size).toBe(2);
  });

  it('leaves an unschedulable pod Pending with FailedScheduling', () => {
    s = freshSession();
    s.ctx.api.create(pod('huge', { resources: { requests: { cpu: '64' } } }));
    s.settle();
    const p = s.store.get('Pod', 'default', 'huge')!;
    expect(p.spec.nodeName).toBeUndefined();
    const cond = p.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(cond.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    const ev = s.store.list('Event', 'default').find((e) => e.reason === 'FailedScheduling');
    expect(ev?.message).toBe(cond.message);
  });
});

describe('kubelet', () => {
  it('pulls, starts and readies a container; events follow the real sequence', () => {
    s = freshSession();
    s.ctx.api.create(pod('web'));
    s.settle();
    expect(s.store.get('Pod', 'default', 'web')!.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    s.advance(20_000);
    const p = s.store.get('Pod', 'default', 'web')!;
    expect(p.status.phase).toBe('Running');
    expect(p.status.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
    expect(p.status.podIP).toMatch(/^10\.244\.[12]\.\d+$/);
    const reasons = s.store
      .list('Event', 'default')
      .filter((e) => e.involvedObject.name === 'web')
      .map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('a missing image ends in ErrImagePull then ImagePullBackOff', () => {
    s = freshSession();
    s.ctx.api.create({ ...pod('typo'), spec: { containers: [{ name: 'c', image: 'nginxx:1.27' }] } });
    const reasons: string[] = [];
    s.ctx.loop.advanceTo(s.clock.now() + 60_000, () => {
      const w = s!.store.get('Pod', 'default', 'typo')!.status.containerStatuses?.[0]?.state?.waiting?.reason;
      if (w && reasons[reasons.length - 1] !== w) reasons.push(w);
      return false;
    });
    expect(reasons.slice(0, 4)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
    const msgs = s.store.list('Event', 'default').filter((e) => e.involvedObject.name === 'typo').map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(msgs).toContain('Normal BackOff Back-off pulling image "nginxx:1.27"');
    expect(msgs).toContain('Warning Failed Error: ImagePullBackOff');
  });

  it('a shell that exits restarts with CrashLoopBackOff back-off under restartPolicy Always', () => {
    s = freshSession();
    s.ctx.api.create({ ...pod('crash'), spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] } });
    s.advance(60_000);
    const cs = s.store.get('Pod', 'default', 'crash')!.status.containerStatuses[0];
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('graceful deletion keeps the pod Terminating until its process stops', () => {
    s = freshSession();
    s.ctx.api.create({ ...pod('sleeper'), spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] } });
    s.advance(20_000);
    s.ctx.api.delete('Pod', 'default', 'sleeper');
    s.settle();
    expect(s.store.get('Pod', 'default', 'sleeper')!.metadata.deletionTimestamp).toBeDefined();
    s.advance(29_000);
    expect(s.store.get('Pod', 'default', 'sleeper')).toBeDefined();
    s.advance(2_000);
    expect(s.store.get('Pod', 'default', 'sleeper')).toBeUndefined();
  });
});

describe('program model and images', () => {
  it('reads what a container does from its command', () => {
    expect(programFor({ name: 'a', image: 'nginx' }, undefined, false)).toEqual({ kind: 'serve' });
    expect(programFor({ name: 'a', image: 'busybox', command: ['sleep', '30'] }, undefined, false)).toEqual({ kind: 'exit', afterMs: 30_000, code: 0 });
    expect(programFor({ name: 'a', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 5; exit 3'] }, undefined, false)).toEqual({ kind: 'exit', afterMs: 5000, code: 3 });
    expect(programFor({ name: 'a', image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 5; done'] }, undefined, false)).toEqual({ kind: 'serve' });
    expect(programFor({ name: 'a', image: 'busybox' }, { 'kubesim.dev/run-seconds': '45', 'kubesim.dev/exit-code': '2' }, false)).toEqual({ kind: 'exit', afterMs: 45_000, code: 2 });
  });

  it('normalises image references like Docker', () => {
    expect(parseImage('nginx')?.normalized).toBe('docker.io/library/nginx:latest');
    expect(parseImage('luksa/kubia:v2')?.normalized).toBe('docker.io/luksa/kubia:v2');
    expect(parseImage('registry.k8s.io/pause:3.10')?.normalized).toBe('registry.k8s.io/pause:3.10');
    expect(parseImage('Nginx')).toBeUndefined();
  });

  it('fails pulls of unknown repositories and tags with containerd texts', () => {
    expect(pullFailure('nginx:1.27', () => false)).toBeUndefined();
    expect(pullFailure('nginx:1.161', () => false)?.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    );
    expect(pullFailure('nginxx', () => false)?.message).toMatch(/pull access denied, repository does not exist or may require authorization/);
  });
});
