// Probes: the tick grid, deterministic outcomes, thresholds, restarts and readiness.
import { afterEach, describe, expect, it } from 'vitest';
import { fileCheck, scriptTimeline, tickAfter, tickAtOrAfter } from '../../src/kubelet/probes';
import { editFaults } from '../../src/kubelet/faults';
import { pokePod } from '../../src/kubelet';
import { podSummary } from '../../src/printers/columns/pod';
import { SimCluster, cs, pod } from './sim-helper';

describe('probe helpers', () => {
  it('ticks on the grid that starts at pod admission', () => {
    expect(tickAfter(1000, 10_000, 1000)).toBe(11_000);
    expect(tickAfter(1000, 10_000, 10_999)).toBe(11_000);
    expect(tickAfter(1000, 10_000, 11_000)).toBe(21_000);
    expect(tickAtOrAfter(1000, 10_000, 11_000)).toBe(11_000);
    expect(tickAtOrAfter(1000, 10_000, 11_001)).toBe(21_000);
  });

  it('recognises file checks and follows a script timeline', () => {
    expect(fileCheck(['cat', '/tmp/healthy'])).toEqual({ tool: 'cat', path: '/tmp/healthy' });
    expect(fileCheck(['ls', '/var/ready'])).toEqual({ tool: 'ls', path: '/var/ready' });
    expect(fileCheck(['/bin/sh', '-c', 'test -f /tmp/ok'])).toEqual({ tool: 'test', path: '/tmp/ok' });
    expect(fileCheck(['[', '-e', '/x', ']'])).toEqual({ tool: 'test', path: '/x' });
    expect(fileCheck(['redis-cli', 'ping'])).toBeUndefined();
    expect(fileCheck(['sh', '-c', 'cat /a && cat /b'])).toBeUndefined();
    expect(scriptTimeline({ name: 'c', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] })).toEqual([
      { atMs: 0, path: '/tmp/healthy', exists: true },
      { atMs: 30_000, path: '/tmp/healthy', exists: false },
    ]);
    expect(scriptTimeline({ name: 'c', command: ['sh', '-c', 'sleep 20; echo ok > /tmp/ready; while true; do sleep 1; done'] })).toEqual([{ atMs: 20_000, path: '/tmp/ready', exists: true }]);
  });
});

describe('probes in the kubelet', () => {
  let c: SimCluster;
  afterEach(() => c?.cleanup());

  const unhealthy = () => c.events((e) => e.reason === 'Unhealthy');
  const killing = () => c.events((e) => e.reason === 'Killing');

  it('restarts a container whose liveness probe fails failureThreshold times (the docs liveness-exec example)', () => {
    c = new SimCluster();
    c.apply(
      pod('liveness-exec', {
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
          },
        ],
      }),
    );
    c.advance(30_000);
    expect(unhealthy()).toHaveLength(0);
    c.advance(20_000);
    const u = unhealthy();
    expect(u).toHaveLength(1);
    expect(u[0]!.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(u[0]!.count).toBe(3);
    expect(killing()[0]!.message).toBe('Container liveness failed liveness probe, will be restarted');
    // the shell ignores SIGTERM: killed at the end of the 30 s grace period, exit code 137
    c.advance(31_000);
    const st = cs(c.get('Pod', 'default', 'liveness-exec'));
    expect(st.restartCount).toBe(1);
    expect(st.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('luksa/kubia-unhealthy answers 500 from its sixth request (Kubernetes in Action, chapter 4)', () => {
    c = new SimCluster();
    c.apply(pod('kubia-liveness', { containers: [{ name: 'kubia', image: 'luksa/kubia-unhealthy', livenessProbe: { httpGet: { path: '/', port: 8080 } } }] }));
    c.advance(100_000);
    expect(unhealthy()[0]!.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(unhealthy()[0]!.count).toBe(3);
    expect(killing()).toHaveLength(1);
  });

  it('fails httpGet and tcpSocket probes on a port the image does not listen on, and 404s on missing paths', () => {
    c = new SimCluster();
    c.apply(
      pod('wrong-port', {
        containers: [{ name: 'nginx', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 }, readinessProbe: { tcpSocket: { port: 8080 } } }],
      }),
    );
    c.apply(pod('missing-path', { containers: [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/ready', port: 80 } } }] }));
    c.apply(pod('good', { containers: [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } }, livenessProbe: { tcpSocket: { port: 80 } } }] }));
    c.advance(35_000);
    const ip = c.get('Pod', 'default', 'wrong-port')!.status.podIP;
    const msgs = unhealthy().map((e) => `${e.involvedObject.name}: ${e.message}`);
    expect(msgs).toContain(`wrong-port: Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`);
    expect(msgs).toContain(`wrong-port: Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    expect(msgs).toContain('missing-path: Readiness probe failed: HTTP probe failed with statuscode: 404');
    expect(msgs.some((m) => m.startsWith('good:'))).toBe(false);
    expect(cs(c.get('Pod', 'default', 'good')).ready).toBe(true);
    expect(cs(c.get('Pod', 'default', 'missing-path')).ready).toBe(false);
  });

  it('readiness: not ready after failureThreshold failed probes, ready again once the fault clears; no restarts', () => {
    c = new SimCluster();
    c.apply(pod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 3 } }] }));
    c.advance(10_000);
    expect(cs(c.get('Pod', 'default', 'web')).ready).toBe(true);
    const t0 = c.now();
    c.do((s) => {
      const p = s.store.get('Pod', 'default', 'web')!;
      editFaults(s.ctx, p.metadata.uid!, 'nginx').probes = { readiness: { from: s.clock.now(), until: s.clock.now() + 60_000 } };
      pokePod(s.ctx, p);
    });
    // the third failure, on the 5 s grid, turns it unready
    const unreadyAt = c.do((s) => {
      for (let i = 0; i < 30; i++) {
        s.advance(1000);
        if (!cs(s.store.get('Pod', 'default', 'web')).ready) return s.clock.now() - t0;
      }
      return -1;
    });
    expect(unreadyAt).toBeGreaterThan(10_000);
    expect(unreadyAt).toBeLessThanOrEqual(15_000);
    const p = c.get('Pod', 'default', 'web')!;
    expect(podSummary(p, c.now())).toMatchObject({ ready: '0/1', status: 'Running' });
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(unhealthy()[0]!.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    c.advance(60_000);
    expect(cs(c.get('Pod', 'default', 'web')).ready).toBe(true);
    expect(cs(c.get('Pod', 'default', 'web')).restartCount).toBe(0);
    // the failing probe ticked every period while it failed: one event per tick
    expect(unhealthy()[0]!.count).toBeGreaterThanOrEqual(11);
  });

  it('startup probes gate liveness and readiness, and restart a container that never starts', () => {
    c = new SimCluster();
    c.apply(
      pod('slow', {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.27',
            startupProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 },
            readinessProbe: { httpGet: { path: '/', port: 80 } },
          },
        ],
      }),
    );
    c.do((s) => {
      const p = s.store.get('Pod', 'default', 'slow')!;
      editFaults(s.ctx, p.metadata.uid!, 'app').probes = { startup: { from: 0 } };
    });
    c.advance(25_000);
    let st = cs(c.get('Pod', 'default', 'slow'));
    expect(st.started).toBe(false);
    expect(st.ready).toBe(false);
    c.advance(10_000);
    expect(killing()[0]!.message).toBe('Container app failed startup probe, will be restarted');
    expect(unhealthy()[0]!.message).toBe('Startup probe failed: HTTP probe failed with statuscode: 500');
    // cleared: the next container starts, then becomes ready right after its startup probe passes
    c.do((s) => {
      const p = s.store.get('Pod', 'default', 'slow')!;
      editFaults(s.ctx, p.metadata.uid!, 'app').probes = {};
    });
    c.advance(30_000);
    st = cs(c.get('Pod', 'default', 'slow'));
    expect(st.restartCount).toBe(1);
    expect(st.started).toBe(true);
    expect(st.ready).toBe(true);
  });

  it('keeps timers few: a passing probe schedules nothing', () => {
    c = new SimCluster();
    c.apply(pod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 }, livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } }] }));
    c.advance(10_000);
    const syncs = c.do((s) => {
      const before = s.ctx.loop.syncs;
      s.advance(3_600_000);
      return s.ctx.loop.syncs - before;
    });
    expect(syncs).toBeLessThan(100);
  });
});
