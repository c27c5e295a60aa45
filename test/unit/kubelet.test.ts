// The kubelet's back-off clocks, crash loops, image pulls, OOM kills and init containers.
import { afterEach, describe, expect, it } from 'vitest';
import { inBackOffSince, inBackOffSinceUpdate, nextBackoff } from '../../src/kubelet/backoff';
import { editFaults } from '../../src/kubelet/faults';
import { kubeletState, pokePod } from '../../src/kubelet';
import { podSummary } from '../../src/printers/columns/pod';
import { SimCluster, cs, pod } from './sim-helper';

describe('flowcontrol back-off', () => {
  it('starts at 10 s, doubles to 5 min, and resets after 10 min', () => {
    let e = nextBackoff(undefined, 0, 0);
    expect(e).toEqual({ d: 10_000, last: 0 });
    const ds = [e.d];
    for (let i = 1; i < 8; i++) {
      e = nextBackoff(e, i * 1000, i * 1000);
      ds.push(e.d);
    }
    expect(ds).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    // an event more than 2 × 5 min after the last update resets it
    expect(nextBackoff(e, e.last + 600_001, e.last + 600_001).d).toBe(10_000);
    expect(nextBackoff(e, e.last + 600_000, e.last + 600_000).d).toBe(300_000);
  });

  it('answers IsInBackOffSince from the event time and IsInBackOffSinceUpdate from the last update', () => {
    const e = { d: 20_000, last: 100_000 };
    expect(inBackOffSince(e, 150_000, 169_999)).toBe(true);
    expect(inBackOffSince(e, 150_000, 170_000)).toBe(false);
    expect(inBackOffSince(undefined, 0, 0)).toBe(false);
    expect(inBackOffSinceUpdate(e, 119_999)).toBe(true);
    expect(inBackOffSinceUpdate(e, 120_000)).toBe(false);
  });
});

describe('kubelet', () => {
  let c: SimCluster;
  afterEach(() => c?.cleanup());

  function restartTimes(name: string, until: number, step = 1000): number[] {
    // one session, as a single `clock advance` would run it
    return c.do((s) => {
      const times: number[] = [];
      let last = 0;
      const start = s.clock.now();
      for (let t = 0; t < until; t += step) {
        s.advance(step);
        const n = cs(s.store.get('Pod', 'default', name)).restartCount ?? 0;
        if (n > last) times.push(s.clock.now() - start);
        last = n;
      }
      return times;
    });
  }

  it('restarts a crashing container with CrashLoopBackOff back-off: at once, then after 10 s, 20 s, 40 s …', () => {
    c = new SimCluster();
    c.apply(pod('crasher', { containers: [{ name: 'crasher', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] }));
    const times = restartTimes('crasher', 200_000);
    // the first restart is immediate (the PLEG notices the exit within a second)
    expect(times[0]).toBeLessThanOrEqual(3000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // each wait is at least the back-off, plus at most one pod-worker retry (10-15 s) and the PLEG second
    const backoffs = [10_000, 20_000, 40_000, 80_000];
    gaps.slice(0, 4).forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(backoffs[i]!);
      expect(g).toBeLessThanOrEqual(backoffs[i]! + 17_000);
    });
    const p = c.get('Pod', 'default', 'crasher')!;
    const st = cs(p);
    expect(st.lastState.terminated.reason).toBe('Error');
    expect(st.lastState.terminated.exitCode).toBe(1);
    expect(podSummary(p, c.now()).status).toMatch(/^(CrashLoopBackOff|Error|Running)$/);
    const backOff = c.events((e) => e.reason === 'BackOff')[0]!;
    expect(backOff.type).toBe('Warning');
    expect(backOff.message).toBe(`Back-off restarting failed container crasher in pod crasher_default(${p.metadata.uid})`);
    expect(backOff.count).toBeGreaterThan(4);
  });

  it('shows the back-off in the waiting message, and forgets it after 10 minutes of running', () => {
    c = new SimCluster();
    c.apply(pod('sleeper', { containers: [{ name: 'sleeper', image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 2'] }] }));
    c.advance(40_000);
    // find a moment in CrashLoopBackOff
    const st = c.do((s) => {
      for (let i = 0; i < 60 && !cs(s.store.get('Pod', 'default', 'sleeper')).state.waiting; i++) s.advance(1000);
      return cs(s.store.get('Pod', 'default', 'sleeper'));
    });
    expect(st.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(st.state.waiting.message).toMatch(/^back-off (10|20|40)s restarting failed container=sleeper pod=sleeper_default\(/);
    // a container that ran for over 10 minutes restarts at once (a second after it exits)
    c.apply(pod('long', { containers: [{ name: 'long', image: 'busybox', command: ['sh', '-c', 'sleep 700; exit 1'] }] }));
    // (busybox is :latest, so the restart pulls again: up to 0.7 s for an image already present)
    c.advance(705_000);
    const long = cs(c.get('Pod', 'default', 'long'));
    expect(long.restartCount).toBe(1);
    expect(long.state.running).toBeDefined();
    expect(Date.parse(long.state.running.startedAt) - Date.parse(long.lastState.terminated.finishedAt)).toBeLessThanOrEqual(3000);
  });

  it('crash and OOM faults: Error then CrashLoopBackOff; OOMKilled with exit code 137', () => {
    c = new SimCluster();
    c.apply(pod('web', { containers: [{ name: 'nginx', image: 'nginx' }] }));
    c.apply(pod('db', { containers: [{ name: 'redis', image: 'redis' }] }));
    c.advance(10_000);
    c.do((s) => {
      const web = s.store.get('Pod', 'default', 'web')!;
      editFaults(s.ctx, web.metadata.uid!, 'nginx').exit = { code: 1, oom: false, once: false };
      pokePod(s.ctx, web);
      const db = s.store.get('Pod', 'default', 'db')!;
      editFaults(s.ctx, db.metadata.uid!, 'redis').exit = { code: 137, oom: true, once: true };
      pokePod(s.ctx, db);
    });
    let web = c.get('Pod', 'default', 'web')!;
    expect(cs(web).state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(podSummary(web, c.now()).status).toBe('Error');
    const db = c.get('Pod', 'default', 'db')!;
    expect(cs(db).state.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(podSummary(db, c.now()).status).toBe('OOMKilled');
    c.advance(60_000);
    web = c.get('Pod', 'default', 'web')!;
    expect(cs(web).restartCount).toBeGreaterThanOrEqual(3);
    // --once: restarted and running again
    expect(cs(c.get('Pod', 'default', 'db')).state.running).toBeDefined();
    expect(cs(c.get('Pod', 'default', 'db')).lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('pull failures: ErrImagePull, then ImagePullBackOff, recovering once the image is back', () => {
    c = new SimCluster();
    c.do((s) => (kubeletState(s.ctx).unavailableImages = ['docker.io/library/nginx:1.27.3']));
    c.apply(pod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27.3' }] }));
    c.advance(3000);
    const st = cs(c.get('Pod', 'default', 'web'));
    expect(st.state.waiting.reason).toBe('ErrImagePull');
    expect(st.state.waiting.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.3": failed to resolve reference "docker.io/library/nginx:1.27.3": docker.io/library/nginx:1.27.3: not found',
    );
    const reasons = c.do((s) => {
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        s.advance(1000);
        seen.add(cs(s.store.get('Pod', 'default', 'web')).state.waiting?.reason);
      }
      return seen;
    });
    expect([...reasons].sort()).toEqual(['ErrImagePull', 'ImagePullBackOff']);
    expect(c.events((e) => e.reason === 'BackOff')[0]!.message).toBe('Back-off pulling image "nginx:1.27.3"');
    expect(c.events((e) => e.reason === 'Failed').map((e) => e.message)).toContain('Error: ImagePullBackOff');
    c.do((s) => delete kubeletState(s.ctx).unavailableImages);
    c.advance(5 * 60_000);
    const after = cs(c.get('Pod', 'default', 'web'));
    expect(after.state.running).toBeDefined();
    expect(after.ready).toBe(true);
  });

  it('runs init containers in order, then the app: Init:0/2, Init:1/2, PodInitializing, Running', () => {
    c = new SimCluster();
    c.apply(
      pod('myapp', {
        initContainers: [
          { name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 10'] },
          { name: 'init-mydb', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 5'] },
        ],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    const seen = c.do((s) => {
      const out: string[] = [];
      for (let i = 0; i < 60; i++) {
        const st = podSummary(s.store.get('Pod', 'default', 'myapp')!, s.clock.now()).status;
        if (out[out.length - 1] !== st) out.push(st);
        s.advance(500);
      }
      return out;
    });
    expect(seen).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const p = c.get('Pod', 'default', 'myapp')!;
    expect(p.status.initContainerStatuses.map((x: { name: string }) => x.name)).toEqual(['init-myservice', 'init-mydb']);
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Initialized').status).toBe('True');
  });

  it('a failing init container: Init:Error, then Init:CrashLoopBackOff', () => {
    c = new SimCluster();
    c.apply(pod('failinit', { initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'sleep 2; exit 1'] }], containers: [{ name: 'app', image: 'nginx' }] }));
    const seen = c.do((s) => {
      const out = new Set<string>();
      for (let i = 0; i < 60; i++) {
        s.advance(1000);
        out.add(podSummary(s.store.get('Pod', 'default', 'failinit')!, s.clock.now()).status);
      }
      return out;
    });
    expect(seen).toContain('Init:Error');
    expect(seen).toContain('Init:CrashLoopBackOff');
    expect(seen).not.toContain('Running');
  });

  it('starts sidecars before the app and counts them in READY', () => {
    c = new SimCluster();
    c.apply(
      pod('sidecar', {
        initContainers: [{ name: 'logshipper', image: 'alpine:3.20', restartPolicy: 'Always', command: ['sh', '-c', 'tail -F /opt/logs.txt'] }],
        containers: [{ name: 'app', image: 'alpine:3.20', command: ['sh', '-c', 'while true; do date >> /opt/logs.txt; sleep 1; done'] }],
      }),
    );
    c.advance(5000);
    const p = c.get('Pod', 'default', 'sidecar')!;
    const sum = podSummary(p, c.now());
    expect(sum.ready).toBe('2/2');
    expect(sum.status).toBe('Running');
    const side = p.status.initContainerStatuses[0];
    const app = cs(p);
    expect(side.started).toBe(true);
    expect(Date.parse(side.state.running.startedAt)).toBeLessThanOrEqual(Date.parse(app.state.running.startedAt));
  });

  it('a sidecar crashing after the app started: the pod stays Initialized, the app keeps running', () => {
    c = new SimCluster();
    c.apply(
      pod('sidecar', {
        initContainers: [{ name: 'logshipper', image: 'alpine:3.20', restartPolicy: 'Always', command: ['sh', '-c', 'tail -F /opt/logs.txt'] }],
        containers: [{ name: 'app', image: 'alpine:3.20', command: ['sh', '-c', 'sleep 3600'] }],
      }),
    );
    c.advance(10_000);
    const before = c.get('Pod', 'default', 'sidecar')!;
    const appStarted = cs(before).state.running.startedAt;
    c.do((s) => {
      editFaults(s.ctx, before.metadata.uid!, 'logshipper').exit = { code: 1, oom: false, once: false };
      pokePod(s.ctx, s.store.get('Pod', 'default', 'sidecar')!);
    });
    c.advance(30_000);
    const p = c.get('Pod', 'default', 'sidecar')!;
    const sum = podSummary(p, c.now());
    // kubectl: the init loop names the sidecar's state, the app still counts as ready
    expect(sum.status).toBe('Init:CrashLoopBackOff');
    expect(sum.ready).toBe('1/2');
    expect(p.status.phase).toBe('Running');
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Initialized').status).toBe('True');
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('False');
    expect(cs(p).state.running.startedAt).toBe(appStarted);
    expect(p.status.initContainerStatuses[0].restartCount).toBeGreaterThanOrEqual(2);
  });
});
