// The HPA algorithm (replica_calculator.go, horizontal.go) and metrics-server's view.
import { afterEach, describe, expect, it } from 'vitest';
import { groupPods, plainReplicas, resourceReplicas, utilizationRatio } from '../../src/controllers/hpa';
import { MetricsView, lastScrape, setLoad, loadKey } from '../../src/metrics/usage';
import { renderNodeMetrics, renderPodMetrics } from '../../src/cli/commands/top';
import { SimCluster, deployment } from './sim-helper';
import type { KObject } from '../../src/api/types';

const T0 = Date.UTC(2026, 0, 1, 0, 10, 0);

function readyPod(name: string, opts: { phase?: string; ready?: boolean; startedAgoMs?: number; readySinceMs?: number; deleting?: boolean } = {}): KObject {
  const start = T0 - (opts.startedAgoMs ?? 600_000);
  const readyAt = T0 - (opts.readySinceMs ?? 590_000);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(opts.deleting ? { deletionTimestamp: 'x' } : {}) },
    spec: { containers: [{ name: 'c' }] },
    status: {
      phase: opts.phase ?? 'Running',
      startTime: new Date(start).toISOString(),
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: new Date(readyAt).toISOString() }],
    },
  } as KObject;
}

const metric = (value: number) => ({ value, timestamp: T0 - 5000, window: 15_000 });

describe('replica calculation', () => {
  it('desired = ceil(current × utilization / target), unchanged within the 10 % tolerance', () => {
    const pods = [readyPod('a'), readyPod('b')];
    const requests = new Map([
      ['a', 100],
      ['b', 100],
    ]);
    const m = (a: number, b: number) => new Map([['a', metric(a)], ['b', metric(b)]]);
    expect(resourceReplicas(2, 50, m(150, 150), pods, requests, 'cpu', T0)).toEqual({ replicas: 6, utilization: 150, raw: 150 });
    expect(resourceReplicas(2, 50, m(54, 54), pods, requests, 'cpu', T0).replicas).toBe(2);
    expect(resourceReplicas(2, 50, m(56, 56), pods, requests, 'cpu', T0).replicas).toBe(3);
    expect(resourceReplicas(2, 50, m(0, 0), pods, requests, 'cpu', T0).replicas).toBe(0);
    expect(utilizationRatio(m(33, 34), requests, 50)).toEqual({ ratio: 0.66, utilization: 33, raw: 33 });
  });

  it('counts pods without metrics as 0 % on scale-up and 100 % on scale-down', () => {
    const pods = [readyPod('a'), readyPod('b'), readyPod('new')];
    const requests = new Map([
      ['a', 100],
      ['b', 100],
      ['new', 100],
    ]);
    // scale-up: 150 % on two, the missing third counts 0: (150+150+0)/300 = 100 % → 2× target → 6
    expect(resourceReplicas(3, 50, new Map([['a', metric(150)], ['b', metric(150)]]), pods, requests, 'cpu', T0).replicas).toBe(6);
    // scale-down: 10 % on two, the missing third counts 100 % → 40 % / 50 % → ceil(0.8×3) = 3, no change
    expect(resourceReplicas(3, 50, new Map([['a', metric(10)], ['b', metric(10)]]), pods, requests, 'cpu', T0).replicas).toBe(3);
  });

  it('ignores unready and starting pods for CPU, and deleted or failed ones altogether', () => {
    const pods = [readyPod('a'), readyPod('pending', { phase: 'Pending' }), readyPod('unready', { ready: false, startedAgoMs: 60_000, readySinceMs: 60_000 }), readyPod('just-ready', { startedAgoMs: 60_000, readySinceMs: 10_000 }), readyPod('gone', { deleting: true })];
    const metrics = new Map([
      ['a', metric(100)],
      ['unready', metric(0)],
      ['just-ready', metric(10)],
      ['gone', metric(900)],
    ]);
    const g = groupPods(pods, metrics, 'cpu', T0);
    expect(g.ready).toBe(1);
    expect([...g.unready].sort()).toEqual(['just-ready', 'pending', 'unready']);
    expect([...g.ignored]).toEqual(['gone']);
    expect(g.missing.size).toBe(0);
    // memory does not look at readiness
    expect(groupPods(pods, metrics, 'memory', T0).ready).toBe(3);
  });

  it('says why it cannot compute', () => {
    expect(() => resourceReplicas(1, 50, new Map(), [readyPod('x', { phase: 'Pending' })], new Map([['x', 100]]), 'cpu', T0)).toThrow('did not receive metrics for targeted pods (pods might be unready)');
    expect(plainReplicas(2, 100, new Map([['a', metric(300)], ['b', metric(300)]]), [readyPod('a'), readyPod('b')], 'memory', T0)).toEqual({ replicas: 6, usage: 300 });
  });
});

describe('metrics and autoscaling in the cluster', () => {
  let c: SimCluster;
  afterEach(() => c?.cleanup());

  const withRequests = (d: KObject) => {
    d.spec.template.spec.containers[0].resources = { requests: { cpu: '100m' }, limits: { cpu: '500m' } };
    return d;
  };

  it('reports usage after two scrapes, spreads load over ready pods, and caps it at the CPU limit', () => {
    c = new SimCluster();
    c.apply(withRequests(deployment('web', 2, { image: 'nginx:1.27' })));
    c.advance(14_000);
    expect(c.do((s) => s.store.list('Pod', 'default').map((p) => new MetricsView(s.ctx).pod(p)))).toEqual([undefined, undefined]);
    c.advance(16_000);
    c.do((s) => setLoad(s.ctx, loadKey('Deployment.apps', 'default', 'web'), 300, 0));
    c.advance(15_000);
    const cpus = c.do((s) => s.store.list('Pod', 'default').map((p) => Math.round(new MetricsView(s.ctx).pod(p)!.containers[0]!.cpuNanos / 1e6)));
    for (const v of cpus) expect(v).toBeGreaterThanOrEqual(144), expect(v).toBeLessThanOrEqual(156);
    c.do((s) => setLoad(s.ctx, loadKey('Deployment.apps', 'default', 'web'), 5000, 0));
    c.advance(15_000);
    const capped = c.do((s) => s.store.list('Pod', 'default').map((p) => new MetricsView(s.ctx).pod(p)!.containers[0]!.cpuNanos / 1e6));
    for (const v of capped) expect(v).toBeLessThanOrEqual(520);
    expect(lastScrape(61_234)).toBe(60_000);
  });

  it('scales 2 → 4 → 6 under load and back to 2 once the 5 minute window has passed', () => {
    c = new SimCluster();
    c.apply(withRequests(deployment('web', 2, { image: 'nginx:1.27' })));
    c.apply({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 50 } } as KObject);
    const hpa = () => c.get('HorizontalPodAutoscaler.autoscaling', 'default', 'web')!;
    expect(hpa().apiVersion).toBe('autoscaling/v2');
    expect(hpa().spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    expect(hpa().spec.targetCPUUtilizationPercentage).toBeUndefined();
    c.advance(60_000);
    const replicas = () => c.get('Deployment.apps', 'default', 'web')!.spec.replicas;
    expect(replicas()).toBe(2);
    c.do((s) => setLoad(s.ctx, loadKey('Deployment.apps', 'default', 'web'), 300, 0));
    const seen = c.do((s) => {
      const out: number[] = [];
      for (let i = 0; i < 8; i++) {
        s.advance(15_000);
        const r = s.store.get('Deployment.apps', 'default', 'web')!.spec.replicas;
        if (out[out.length - 1] !== r) out.push(r);
      }
      return out;
    });
    // the first sync after the load (its scrape) asks for 6, limited to max(2 × current, 4); the next
    // one keeps the 6 it recommended (the highest recommendation of the window wins)
    expect(seen).toEqual([4, 6]);
    const rescales = c.events((e) => e.reason === 'SuccessfulRescale').map((e) => e.message);
    expect(rescales).toEqual(['New size: 4; reason: cpu resource utilization (percentage of request) above target', 'New size: 6; reason: cpu resource utilization (percentage of request) above target']);
    c.do((s) => setLoad(s.ctx, loadKey('Deployment.apps', 'default', 'web'), 0, 0));
    c.advance(4 * 60_000);
    expect(replicas()).toBe(6);
    expect(hpa().status.conditions.find((x: { type: string }) => x.type === 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized' });
    c.advance(2 * 60_000);
    expect(replicas()).toBe(2);
    expect(c.events((e) => e.reason === 'SuccessfulRescale').pop()!.message).toBe('New size: 2; reason: All metrics below target');
    expect(hpa().status.conditions.find((x: { type: string }) => x.type === 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooFewReplicas' });
  });

  it('honours behavior policies: scale up by at most one pod per minute', () => {
    c = new SimCluster();
    c.apply(withRequests(deployment('web', 1, { image: 'nginx:1.27' })));
    c.apply({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
      },
    } as KObject);
    c.advance(45_000);
    c.do((s) => setLoad(s.ctx, loadKey('Deployment.apps', 'default', 'web'), 400, 0));
    // syncs at 60 s (1 → 2), 120 s (2 → 3): a pod added 60 s ago no longer counts in the period
    c.advance(130_000);
    expect(c.get('Deployment.apps', 'default', 'web')!.spec.replicas).toBe(3);
    const limited = c.get('HorizontalPodAutoscaler.autoscaling', 'default', 'web')!.status.conditions.find((x: { type: string }) => x.type === 'ScalingLimited');
    expect(limited).toMatchObject({ status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
  });

  it('reports missing requests and missing metrics as kubectl shows them', () => {
    c = new SimCluster();
    c.apply(deployment('norequests', 1, { image: 'nginx:1.27' }));
    c.apply({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'norequests', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'norequests' }, maxReplicas: 3 } } as KObject);
    c.advance(16_000);
    expect(c.events((e) => e.reason === 'FailedGetResourceMetric')[0]!.message).toBe('failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API');
    c.advance(30_000);
    const pod = c.pods()[0]!.metadata.name;
    const cond = c.get('HorizontalPodAutoscaler.autoscaling', 'default', 'norequests')!.status.conditions.find((x: { type: string }) => x.type === 'ScalingActive');
    expect(cond).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container main of Pod ${pod}` });
  });
});

describe('top rendering', () => {
  it('prints pods as kubectl 1.32 does (verified against the real client)', () => {
    const rows = [
      { ns: 'default', name: 'web-6dc5cd68db-xgfh9', cpuNanos: 1_500_000, memoryBytes: 4 * 1048576, containers: [{ name: 'nginx', cpuNanos: 0, memoryBytes: 3 * 1048576 }, { name: 'sidecar-longname', cpuNanos: 1_500_000, memoryBytes: 1048576 }] },
      { ns: 'default', name: 'web-6dc5cd68db-8f56v', cpuNanos: 152_734_567, memoryBytes: 7312 * 1024, containers: [{ name: 'nginx', cpuNanos: 152_734_567, memoryBytes: 7312 * 1024 }] },
    ];
    expect(renderPodMetrics(rows, { containers: false, allNamespaces: false, noHeaders: false, sortBy: '', sum: false })).toBe(
      'NAME                   CPU(cores)   MEMORY(bytes)   \nweb-6dc5cd68db-8f56v   153m         7Mi             \nweb-6dc5cd68db-xgfh9   2m           4Mi             \n',
    );
    expect(renderPodMetrics(rows, { containers: true, allNamespaces: false, noHeaders: false, sortBy: '', sum: true })).toBe(
      [
        'POD                    NAME               CPU(cores)   MEMORY(bytes)   ',
        'web-6dc5cd68db-8f56v   nginx              153m         7Mi             ',
        'web-6dc5cd68db-xgfh9   nginx              0m           3Mi             ',
        'web-6dc5cd68db-xgfh9   sidecar-longname   2m           1Mi             ',
        '                                          ________     ________        ',
        '                                          155m         11Mi            ',
        '',
      ].join('\n'),
    );
    expect(renderPodMetrics(rows, { containers: false, allNamespaces: false, noHeaders: true, sortBy: 'memory', sum: false })).toBe('web-6dc5cd68db-8f56v   153m   7Mi   \nweb-6dc5cd68db-xgfh9   2m     4Mi   \n');
  });

  it('prints nodes with percentages of allocatable and <unknown> for silent nodes', () => {
    const node = { metadata: { name: 'x' } } as KObject;
    const out = renderNodeMetrics(
      [
        { name: 'control-plane', usage: { node, timestamp: 0, windowMs: 0, cpuNanos: 143_112_345, memoryBytes: 612_340 * 1024 }, cpuAvailMilli: 4000, memAvailBytes: 8148692 * 1024 },
        { name: 'worker-1', usage: { node, timestamp: 0, windowMs: 0, cpuNanos: 35_123_456, memoryBytes: 201_340 * 1024 }, cpuAvailMilli: 3500, memAvailBytes: 7000000 * 1024 },
        { name: 'worker-2' },
      ],
      { noHeaders: false, sortBy: '' },
    );
    expect(out).toBe(
      [
        'NAME            CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   ',
        'control-plane   144m         3%          597Mi           7%          ',
        'worker-1        36m          1%          196Mi           2%          ',
        'worker-2        <unknown>    <unknown>   <unknown>       <unknown>   ',
        '',
      ].join('\n'),
    );
  });
});
