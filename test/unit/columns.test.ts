import { describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types';
import { Store } from '../../src/store/store';
import type { PrintContext } from '../../src/printers/context';
import { loadBalancerString, tablePrinterFor, tableRowOrder } from '../../src/printers/columns';
import { goFloat } from '../../src/printers/columns/custom';
import { tabulate } from '../../src/printers/tabwriter';
import { rfc3339 } from '../../src/sim/clock';

const NOW = Date.parse('2026-11-21T22:40:00Z');
const store = new Store(1);
const ctx: PrintContext = { nowMs: NOW, store, eventsFor: () => [] };

/** RFC 3339 timestamp `s` seconds before NOW. */
const ago = (s: number) => rfc3339(NOW - s * 1000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function obj(apiVersion: string, kind: string, name: string, rest: any = {}, meta: any = {}): KObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', creationTimestamp: ago(100), ...meta }, ...rest };
}

const cellsOf = (gk: string, o: KObject) => tablePrinterFor(gk).cells(o, ctx);
const headers = (gk: string, wide = false) =>
  tablePrinterFor(gk)
    .columns.filter((c) => wide || c.priority === 0)
    .map((c) => c.name.toUpperCase());

/** What kubectl prints for one kind: header + rows through the Go tabwriter. */
function table(gk: string, objs: KObject[], wide = false): string {
  const p = tablePrinterFor(gk);
  const keep = p.columns.map((c) => wide || c.priority === 0);
  const rows = objs.map((o) => p.cells(o, ctx).filter((_, i) => keep[i]));
  return tabulate([headers(gk, wide), ...rows]);
}

// ---------------------------------------------------------------- pods

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pod(name: string, status: any, spec: any = {}, meta: any = {}): KObject {
  return obj('v1', 'Pod', name, { spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec }, status }, meta);
}
const cs = (state: object, extra: object = {}) => ({ name: 'app', image: 'nginx', ready: false, restartCount: 0, state, ...extra });
const podCells = (p: KObject) => cellsOf('Pod', p).slice(1, 4); // READY, STATUS, RESTARTS

describe('pod columns', () => {
  it('has the 1.32 column set', () => {
    expect(headers('Pod')).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(headers('Pod', true)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(tablePrinterFor('Pod').columns[0]).toEqual({ name: 'Name', priority: 0, format: 'name' });
  });

  it('Pending (not yet scheduled)', () => {
    const p = pod('p', {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
    });
    expect(cellsOf('Pod', p)).toEqual(['p', '0/1', 'Pending', '0', '100s', '<none>', '<none>', '<none>', '<none>']);
  });

  it('ContainerCreating', () => {
    const p = pod('p', { phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] });
    expect(podCells(p)).toEqual(['0/1', 'ContainerCreating', '0']);
  });

  it('Init:0/2 while the first init container runs, Init:1/2 for the second', () => {
    const spec = { initContainers: [{ name: 'i1', image: 'busybox' }, { name: 'i2', image: 'busybox' }] };
    const running = pod(
      'p',
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [
          { name: 'i1', ready: false, restartCount: 0, state: { running: { startedAt: ago(5) } } },
          { name: 'i2', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        ],
        containerStatuses: [cs({ waiting: { reason: 'PodInitializing' } })],
      },
      spec,
    );
    expect(podCells(running)).toEqual(['0/1', 'Init:0/2', '0']);
    const second = pod(
      'p',
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'i1', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'i2', ready: false, restartCount: 0, state: { running: {} } },
        ],
        containerStatuses: [cs({ waiting: { reason: 'PodInitializing' } })],
      },
      spec,
    );
    expect(podCells(second)).toEqual(['0/1', 'Init:1/2', '0']);
  });

  it('Init:<reason>, Init:ExitCode:<n>, Init:Signal:<n> for failing init containers', () => {
    const spec = { initContainers: [{ name: 'i1', image: 'busybox' }] };
    const mk = (state: object, restartCount = 0) =>
      pod('p', { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount, state }] }, spec);
    expect(podCells(mk({ waiting: { reason: 'CrashLoopBackOff' } }, 3))).toEqual(['0/1', 'Init:CrashLoopBackOff', '3']);
    expect(podCells(mk({ waiting: { reason: 'ErrImagePull' } }))).toEqual(['0/1', 'Init:ErrImagePull', '0']);
    expect(podCells(mk({ terminated: { exitCode: 1, reason: 'Error' } }))).toEqual(['0/1', 'Init:Error', '0']);
    expect(podCells(mk({ terminated: { exitCode: 2 } }))).toEqual(['0/1', 'Init:ExitCode:2', '0']);
    expect(podCells(mk({ terminated: { exitCode: 137, signal: 9 } }))).toEqual(['0/1', 'Init:Signal:9', '0']);
  });

  it('PodInitializing once init containers are done', () => {
    const p = pod(
      'p',
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'i1', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        containerStatuses: [cs({ waiting: { reason: 'PodInitializing' } })],
      },
      { initContainers: [{ name: 'i1', image: 'busybox' }] },
    );
    expect(podCells(p)).toEqual(['0/1', 'PodInitializing', '0']);
  });

  it('Running 1/1 (ready) and 0/1 (readiness failing)', () => {
    const ready = pod('p', { phase: 'Running', containerStatuses: [cs({ running: { startedAt: ago(50) } }, { ready: true })] });
    expect(podCells(ready)).toEqual(['1/1', 'Running', '0']);
    const notReady = pod('p', { phase: 'Running', containerStatuses: [cs({ running: { startedAt: ago(50) } })] });
    expect(podCells(notReady)).toEqual(['0/1', 'Running', '0']);
  });

  it('waiting reasons from the kubelet', () => {
    for (const reason of ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'CreateContainerConfigError']) {
      const p = pod('p', { phase: 'Pending', containerStatuses: [cs({ waiting: { reason, message: 'x' } })] });
      expect(podCells(p)).toEqual(['0/1', reason, '0']);
    }
  });

  it('Error, CrashLoopBackOff with `4 (20s ago)`, OOMKilled', () => {
    const error = pod('p', {
      phase: 'Running',
      containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2) } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(40) } } })],
    });
    expect(podCells(error)).toEqual(['0/1', 'Error', '3 (40s ago)']);
    const crash = pod('p', {
      phase: 'Running',
      containerStatuses: [
        cs({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } }, { restartCount: 4, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(20) } } }),
      ],
    });
    expect(podCells(crash)).toEqual(['0/1', 'CrashLoopBackOff', '4 (20s ago)']);
    const oom = pod('p', { phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 137, reason: 'OOMKilled' } })] });
    expect(podCells(oom)).toEqual(['0/1', 'OOMKilled', '0']);
  });

  it('terminated without reason → ExitCode:<n> / Signal:<n>', () => {
    expect(podCells(pod('p', { phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 3 } })] }))).toEqual(['0/1', 'ExitCode:3', '0']);
    expect(podCells(pod('p', { phase: 'Running', containerStatuses: [cs({ terminated: { exitCode: 143, signal: 15 } })] }))).toEqual([
      '0/1',
      'Signal:15',
      '0',
    ]);
  });

  it('Completed (job pod)', () => {
    const p = pod('p', {
      phase: 'Succeeded',
      containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago(10) } })],
    });
    expect(podCells(p)).toEqual(['0/1', 'Completed', '0']);
  });

  it('Completed with a container still running → Running if Ready, else NotReady', () => {
    const mk = (readyCond: string) =>
      pod(
        'p',
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: readyCond }],
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'b', ready: true, restartCount: 0, state: { running: {} } },
          ],
        },
        { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
      );
    expect(podCells(mk('True'))).toEqual(['1/2', 'Running', '0']);
    expect(podCells(mk('False'))).toEqual(['1/2', 'NotReady', '0']);
  });

  it('the first container in spec order with a reason wins', () => {
    const p = pod(
      'p',
      {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
          { name: 'b', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
      { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
    );
    expect(podCells(p)).toEqual(['0/2', 'ImagePullBackOff', '2']);
  });

  it('Terminating keeps READY; Evicted; NodeLost → Unknown', () => {
    const terminating = pod(
      'p',
      { phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] },
      {},
      { deletionTimestamp: ago(-30), deletionGracePeriodSeconds: 30 },
    );
    expect(podCells(terminating)).toEqual(['1/1', 'Terminating', '0']);
    const evicted = pod('p', { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
    expect(podCells(evicted)).toEqual(['0/1', 'Evicted', '0']);
    const succeededDeleting = pod(
      'p',
      { phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] },
      {},
      { deletionTimestamp: ago(0) },
    );
    expect(podCells(succeededDeleting)).toEqual(['0/1', 'Completed', '0']);
    const nodeLost = pod(
      'p',
      { phase: 'Running', reason: 'NodeLost', containerStatuses: [cs({ running: {} }, { ready: true })] },
      {},
      { deletionTimestamp: ago(0) },
    );
    expect(podCells(nodeLost)).toEqual(['1/1', 'Unknown', '0']);
  });

  it('SchedulingGated', () => {
    const p = pod('p', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    expect(podCells(p)).toEqual(['0/1', 'SchedulingGated', '0']);
  });

  it('sidecars count in READY and RESTARTS', () => {
    const p = pod(
      'p',
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'init', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          {
            name: 'proxy',
            ready: true,
            started: true,
            restartCount: 2,
            state: { running: {} },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } },
          },
        ],
        containerStatuses: [cs({ running: {} }, { ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(700) } } })],
      },
      { initContainers: [{ name: 'init', image: 'busybox' }, { name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
    );
    expect(podCells(p)).toEqual(['2/2', 'Running', '3 (5m ago)']);
  });

  it('wide columns: IP, NODE, NOMINATED NODE, READINESS GATES', () => {
    const p = pod(
      'p',
      {
        phase: 'Running',
        podIP: '10.244.0.10',
        podIPs: [{ ip: '10.244.0.10' }, { ip: 'fd00::a' }],
        nominatedNodeName: 'node-2',
        conditions: [
          { type: 'example.com/gate1', status: 'True' },
          { type: 'example.com/gate2', status: 'False' },
        ],
        containerStatuses: [cs({ running: {} }, { ready: true })],
      },
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/gate1' }, { conditionType: 'example.com/gate2' }] },
    );
    expect(cellsOf('Pod', p).slice(5)).toEqual(['10.244.0.10', 'node-1', 'node-2', '1/2']);
  });

  it('reproduces `kubectl get pods` (reference §9)', () => {
    const crasher = obj(
      'v1',
      'Pod',
      'crasher',
      {
        spec: { containers: [{ name: 'crasher', image: 'busybox' }], nodeName: 'node-1' },
        status: {
          phase: 'Running',
          podIP: '10.244.0.30',
          podIPs: [{ ip: '10.244.0.30' }],
          containerStatuses: [
            {
              name: 'crasher',
              ready: false,
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(95) } },
            },
          ],
        },
      },
      { creationTimestamp: ago(401) },
    );
    const nginx = (name: string, age: number) =>
      obj(
        'v1',
        'Pod',
        name,
        {
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], nodeName: 'node-1' },
          status: {
            phase: 'Running',
            podIP: '10.244.0.10',
            podIPs: [{ ip: '10.244.0.10' }],
            conditions: [{ type: 'Ready', status: 'True' }],
            containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: ago(age) } } }],
          },
        },
        { creationTimestamp: ago(age) },
      );
    const pods = [crasher, nginx('nginx-7c5ddbdf54-b7xkq', 121), nginx('nginx-7c5ddbdf54-lm2pw', 120), nginx('nginx-7c5ddbdf54-x9vzt', 119)];
    expect(table('Pod', pods)).toBe(
      [
        'NAME                     READY   STATUS             RESTARTS      AGE',
        'crasher                  0/1     CrashLoopBackOff   5 (95s ago)   6m41s',
        'nginx-7c5ddbdf54-b7xkq   1/1     Running            0             2m1s',
        'nginx-7c5ddbdf54-lm2pw   1/1     Running            0             2m',
        'nginx-7c5ddbdf54-x9vzt   1/1     Running            0             119s',
        '',
      ].join('\n'),
    );
    expect(table('Pod', pods.slice(0, 2), true)).toBe(
      [
        'NAME                     READY   STATUS             RESTARTS      AGE     IP            NODE     NOMINATED NODE   READINESS GATES',
        'crasher                  0/1     CrashLoopBackOff   5 (95s ago)   6m41s   10.244.0.30   node-1   <none>           <none>',
        'nginx-7c5ddbdf54-b7xkq   1/1     Running            0             2m1s    10.244.0.10   node-1   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('PodTemplate: CONTAINERS, IMAGES, POD LABELS', () => {
    const t = obj('v1', 'PodTemplate', 'tpl', {
      template: { metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y' }] } },
    });
    expect(headers('PodTemplate')).toEqual(['NAME', 'CONTAINERS', 'IMAGES', 'POD LABELS']);
    expect(cellsOf('PodTemplate', t)).toEqual(['tpl', 'a,b', 'x:1,y', 'a=1,b=2']);
  });
});

// ---------------------------------------------------------------- workloads

const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };

describe('workload columns', () => {
  it('reproduces `kubectl get deploy -o wide` (reference §9)', () => {
    const d = obj(
      'apps/v1',
      'Deployment',
      'nginx',
      {
        spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template },
        status: { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 },
      },
      { creationTimestamp: ago(334) },
    );
    expect(table('Deployment.apps', [d], true)).toBe(
      'NAME    READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES       SELECTOR\n' +
        'nginx   3/3     3            3           5m34s   nginx        nginx:1.25   app=nginx\n',
    );
    const fresh = obj('apps/v1', 'Deployment', 'web', { spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: {} });
    expect(cellsOf('Deployment.apps', fresh).slice(1, 4)).toEqual(['0/3', '0', '0']);
    const expr = obj('apps/v1', 'Deployment', 'x', {
      spec: { selector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, template },
    });
    expect(cellsOf('Deployment.apps', expr)[7]).toBe('app=x,tier in (api,web)');
  });

  it('reproduces `kubectl get rs` (reference §9)', () => {
    const rs = (name: string, n: number, age: number) =>
      obj(
        'apps/v1',
        'ReplicaSet',
        name,
        { spec: { replicas: n, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': name.slice(6) } }, template }, status: { replicas: n, readyReplicas: n || undefined } },
        { creationTimestamp: ago(age) },
      );
    expect(table('ReplicaSet.apps', [rs('nginx-6d8f9c7b5f', 0, 334), rs('nginx-7c5ddbdf54', 3, 124)])).toBe(
      'NAME               DESIRED   CURRENT   READY   AGE\n' +
        'nginx-6d8f9c7b5f   0         0         0       5m34s\n' +
        'nginx-7c5ddbdf54   3         3         3       2m4s\n',
    );
    expect(cellsOf('ReplicaSet.apps', rs('nginx-7c5ddbdf54', 3, 124)).slice(5)).toEqual(['nginx', 'nginx:1.25', 'app=nginx,pod-template-hash=7c5ddbdf54']);
  });

  it('ReplicationController selector is a map; StatefulSet READY', () => {
    const rc = obj('v1', 'ReplicationController', 'rc', { spec: { replicas: 2, selector: { app: 'nginx' }, template }, status: { replicas: 2, readyReplicas: 1 } });
    expect(cellsOf('ReplicationController', rc)).toEqual(['rc', '2', '2', '1', '100s', 'nginx', 'nginx:1.25', 'app=nginx']);
    const sts = obj('apps/v1', 'StatefulSet', 'web', { spec: { replicas: 3, template }, status: { readyReplicas: 2 } });
    expect(headers('StatefulSet.apps', true)).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
    expect(cellsOf('StatefulSet.apps', sts)).toEqual(['web', '2/3', '100s', 'nginx', 'nginx:1.25']);
  });

  it('DaemonSet columns including NODE SELECTOR', () => {
    const ds = obj('apps/v1', 'DaemonSet', 'agent', {
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'a', image: 'agent:1' }] } } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    });
    expect(headers('DaemonSet.apps')).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(cellsOf('DaemonSet.apps', ds)).toEqual(['agent', '3', '3', '2', '3', '2', 'kubernetes.io/os=linux', '100s', 'a', 'agent:1', 'app=agent']);
    const noSel = obj('apps/v1', 'DaemonSet', 'b', { spec: { template: { spec: { containers: [] } } } });
    expect(cellsOf('DaemonSet.apps', noSel)[6]).toBe('<none>');
  });

  it('Job STATUS, COMPLETIONS, DURATION', () => {
    const base = { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } };
    const running = obj('batch/v1', 'Job', 'pi', { spec: { ...base, completions: 5, parallelism: 2 }, status: { startTime: ago(75), succeeded: 2, active: 2 } });
    expect(headers('Job.batch')).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(cellsOf('Job.batch', running)).toEqual(['pi', 'Running', '2/5', '75s', '100s', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u1']);
    const done = obj('batch/v1', 'Job', 'pi', {
      spec: { ...base, completions: 1 },
      status: { startTime: ago(90), completionTime: ago(53), succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] },
    });
    expect(cellsOf('Job.batch', done).slice(1, 4)).toEqual(['Complete', '1/1', '37s']);
    const failed = obj('batch/v1', 'Job', 'f', { spec: { ...base, completions: 1 }, status: { startTime: ago(90), conditions: [{ type: 'Failed', status: 'True' }] } });
    expect(cellsOf('Job.batch', failed).slice(1, 4)).toEqual(['Failed', '0/1', '90s']);
    const pending = obj('batch/v1', 'Job', 'p', { spec: { ...base, parallelism: 3 }, status: {} });
    expect(cellsOf('Job.batch', pending).slice(1, 4)).toEqual(['Running', '0/1 of 3', '']);
    const suspended = obj('batch/v1', 'Job', 's', { spec: { ...base }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } });
    expect(cellsOf('Job.batch', suspended).slice(1, 3)).toEqual(['Suspended', '0/1']);
    const deleting = obj('batch/v1', 'Job', 'd', { spec: base, status: {} }, { deletionTimestamp: ago(0) });
    expect(cellsOf('Job.batch', deleting)[1]).toBe('Terminating');
  });

  it('CronJob SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE', () => {
    const cj = obj('batch/v1', 'CronJob', 'hello', {
      spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } } },
      status: { active: [{ name: 'hello-29000000' }], lastScheduleTime: ago(45) },
    });
    expect(headers('CronJob.batch')).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(cellsOf('CronJob.batch', cj)).toEqual(['hello', '*/1 * * * *', '<none>', 'False', '1', '45s', '100s', 'hello', 'busybox', '<none>']);
    const tz = obj('batch/v1', 'CronJob', 'tz', { spec: { schedule: '0 0 * * *', timeZone: 'Etc/UTC', jobTemplate: { spec: { template: { spec: { containers: [] } } } } } });
    expect(cellsOf('CronJob.batch', tz).slice(1, 6)).toEqual(['0 0 * * *', 'Etc/UTC', '<unset>', '0', '<none>']);
  });

  it('HPA TARGETS', () => {
    const cpu = (current?: number, target: number | null = 80) => ({
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target ?? undefined } } }],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 3,
        currentMetrics: current === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current, averageValue: '45m' } } }],
      },
    });
    expect(headers('HorizontalPodAutoscaler.autoscaling')).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(cellsOf('HorizontalPodAutoscaler.autoscaling', obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'nginx', cpu(45)))).toEqual([
      'nginx',
      'Deployment/nginx',
      'cpu: 45%/80%',
      '1',
      '10',
      '3',
      '100s',
    ]);
    expect(cellsOf('HorizontalPodAutoscaler.autoscaling', obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'nginx', cpu()))[2]).toBe('cpu: <unknown>/80%');
    const many = obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'm', {
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
          { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
          { type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'Value', value: '2k' } } },
        ],
      },
      status: {
        currentReplicas: 2,
        currentMetrics: [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '12845056' } } }],
      },
    });
    const c = cellsOf('HorizontalPodAutoscaler.autoscaling', many);
    expect(c[2]).toBe('memory: 12845056/200Mi, <unknown>/10 + 2 more...');
    expect(c[3]).toBe('<unset>');
    const none = obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'n', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, metrics: [] }, status: {} });
    expect(cellsOf('HorizontalPodAutoscaler.autoscaling', none)[2]).toBe('<none>');
    const ext = obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'e', {
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, metrics: [{ type: 'External', external: { metric: { name: 'q' }, target: { type: 'AverageValue', averageValue: '30' } } }] },
      status: { currentMetrics: [{ type: 'External', external: { metric: { name: 'q' }, current: { averageValue: '12' } } }] },
    });
    expect(cellsOf('HorizontalPodAutoscaler.autoscaling', ext)[2]).toBe('12/30 (avg)');
    const autoTarget = obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'a', cpu(10, null));
    expect(cellsOf('HorizontalPodAutoscaler.autoscaling', autoTarget)[2]).toBe('cpu: 10%/<auto>');
  });

  it('ControllerRevision and PodDisruptionBudget', () => {
    const cr = obj(
      'apps/v1',
      'ControllerRevision',
      'web-7b8d9c',
      { revision: 2, data: {} },
      { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] },
    );
    expect(cellsOf('ControllerRevision.apps', cr)).toEqual(['web-7b8d9c', 'statefulset.apps/web', '2', '100s']);
    const pdb = obj('policy/v1', 'PodDisruptionBudget', 'pdb', { spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } });
    expect(headers('PodDisruptionBudget.policy')).toEqual(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
    expect(cellsOf('PodDisruptionBudget.policy', pdb)).toEqual(['pdb', '50%', 'N/A', '1', '100s']);
  });
});

// ---------------------------------------------------------------- networking

describe('service and networking columns', () => {
  const svc = (name: string, spec: object, status: object = {}, age = 100) =>
    obj('v1', 'Service', name, { spec: { sessionAffinity: 'None', ...spec }, status }, { creationTimestamp: ago(age) });

  it('reproduces `kubectl get svc` (reference §9)', () => {
    const list = [
      svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }, {}, 864000),
      svc('nginx', { type: 'NodePort', clusterIP: '10.96.45.12', clusterIPs: ['10.96.45.12'], selector: { app: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }, {}, 334),
      svc(
        'web-lb',
        {
          type: 'LoadBalancer',
          clusterIP: '10.96.7.200',
          clusterIPs: ['10.96.7.200'],
          selector: { app: 'web' },
          ports: [
            { name: 'http', port: 80, protocol: 'TCP', nodePort: 31234 },
            { name: 'https', port: 443, protocol: 'TCP', nodePort: 31999 },
          ],
        },
        { loadBalancer: {} },
        64,
      ),
    ];
    expect(table('Service', list)).toBe(
      [
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)                      AGE',
        'kubernetes   ClusterIP      10.96.0.1     <none>        443/TCP                      10d',
        'nginx        NodePort       10.96.45.12   <none>        80:30080/TCP                 5m34s',
        'web-lb       LoadBalancer   10.96.7.200   <pending>     80:31234/TCP,443:31999/TCP   64s',
        '',
      ].join('\n'),
    );
    expect(cellsOf('Service', list[0]!)[6]).toBe('<none>');
    expect(cellsOf('Service', list[1]!)[6]).toBe('app=nginx');
  });

  it('EXTERNAL-IP: externalIPs, load-balancer ingress (sorted, de-duplicated, never clipped by the server), ExternalName; headless', () => {
    expect(cellsOf('Service', svc('a', { type: 'ClusterIP', clusterIP: '10.0.0.1', externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 80, protocol: 'UDP' }] })).slice(2, 5)).toEqual([
      '10.0.0.1',
      '1.2.3.4,5.6.7.8',
      '80/UDP',
    ]);
    const lb = svc(
      'lb',
      { type: 'LoadBalancer', clusterIPs: ['10.0.0.2'], ports: [{ port: 80, protocol: 'TCP', nodePort: 30001 }] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.20' }, { hostname: 'a1b2c3.elb.example.com' }, { ip: '203.0.113.10' }, { ip: '203.0.113.10' }] } },
    );
    expect(cellsOf('Service', lb)[3]).toBe('203.0.113.10,203.0.113.20,a1b2c3.elb.example.com');
    const lbExt = svc(
      'lb2',
      { type: 'LoadBalancer', clusterIPs: ['10.0.0.3'], externalIPs: ['192.0.2.1'], ports: [] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
    );
    expect(cellsOf('Service', lbExt).slice(3, 5)).toEqual(['203.0.113.10,192.0.2.1', '<none>']);
    const ext = svc('db', { type: 'ExternalName', externalName: 'db.example.com' });
    expect(cellsOf('Service', ext).slice(1, 5)).toEqual(['ExternalName', '<none>', 'db.example.com', '<none>']);
    const headless = svc('h', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(cellsOf('Service', headless).slice(2, 5)).toEqual(['None', '<none>', '5432/TCP']);
    // the client-side (non-wide) clipping rule, which kubectl never reaches through the server
    expect(loadBalancerString([{ ip: '203.0.113.10' }, { ip: '203.0.113.20' }], false)).toBe('203.0.113.10,...');
  });

  it('Endpoints: ip:port lists, `+ N more...`, bare IPs, <none>', () => {
    const ep = (subsets?: object[]) => obj('v1', 'Endpoints', 'web', subsets ? { subsets } : {});
    expect(cellsOf('Endpoints', ep())).toEqual(['web', '<none>', '100s']);
    const five = [1, 2, 3, 4, 5].map((i) => ({ ip: `10.244.0.${i}` }));
    expect(cellsOf('Endpoints', ep([{ addresses: five, ports: [{ port: 80, protocol: 'TCP' }] }]))[1]).toBe(
      '10.244.0.1:80,10.244.0.2:80,10.244.0.3:80 + 2 more...',
    );
    expect(cellsOf('Endpoints', ep([{ addresses: five.slice(0, 2), ports: [{ port: 80 }, { port: 443 }] }]))[1]).toBe(
      '10.244.0.1:80,10.244.0.2:80,10.244.0.1:443 + 1 more...',
    );
    expect(cellsOf('Endpoints', ep([{ addresses: five.slice(0, 2) }]))[1]).toBe('10.244.0.1,10.244.0.2');
    expect(cellsOf('Endpoints', ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }]))[1]).toBe('[fd00::1]:80');
    expect(cellsOf('Endpoints', ep([{ notReadyAddresses: five, ports: [{ port: 80 }] }]))[1]).toBe('');
  });

  it('EndpointSlice', () => {
    const es = obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abc12', {
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      endpoints: [1, 2, 3, 4].map((i) => ({ addresses: [`10.244.0.${i}`], conditions: { ready: true } })),
    });
    expect(headers('EndpointSlice.discovery.k8s.io')).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    expect(cellsOf('EndpointSlice.discovery.k8s.io', es)).toEqual(['web-abc12', 'IPv4', '80', '10.244.0.1,10.244.0.2,10.244.0.3 + 1 more...', '100s']);
    const empty = obj('discovery.k8s.io/v1', 'EndpointSlice', 'e', { addressType: 'IPv4', ports: null, endpoints: [] });
    expect(cellsOf('EndpointSlice.discovery.k8s.io', empty).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });

  it('Ingress CLASS, HOSTS, ADDRESS, PORTS', () => {
    const ing = obj('networking.k8s.io/v1', 'Ingress', 'web', {
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }, {}, { host: 'c.example.com' }, { host: 'd.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } },
    });
    expect(headers('Ingress.networking.k8s.io')).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    expect(cellsOf('Ingress.networking.k8s.io', ing)).toEqual(['web', 'nginx', 'a.example.com,b.example.com,c.example.com + 2 more...', '192.168.49.2', '80, 443', '100s']);
    const bare = obj('networking.k8s.io/v1', 'Ingress', 'x', { spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } } }, status: { loadBalancer: {} } });
    expect(cellsOf('Ingress.networking.k8s.io', bare)).toEqual(['x', '<none>', '*', '', '80', '100s']);
  });

  it('IngressClass and NetworkPolicy', () => {
    const ic = obj('networking.k8s.io/v1', 'IngressClass', 'nginx', {
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' } },
    });
    expect(cellsOf('IngressClass.networking.k8s.io', ic)).toEqual(['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/p', '100s']);
    const np = obj('networking.k8s.io/v1', 'NetworkPolicy', 'deny', { spec: { podSelector: {} } });
    expect(headers('NetworkPolicy.networking.k8s.io')).toEqual(['NAME', 'POD-SELECTOR', 'AGE']);
    expect(cellsOf('NetworkPolicy.networking.k8s.io', np)).toEqual(['deny', '<none>', '100s']);
    const np2 = obj('networking.k8s.io/v1', 'NetworkPolicy', 'db', { spec: { podSelector: { matchLabels: { role: 'db' } } } });
    expect(cellsOf('NetworkPolicy.networking.k8s.io', np2)[1]).toBe('role=db');
  });
});

// ---------------------------------------------------------------- core / cluster

describe('core and cluster columns', () => {
  it('ConfigMap, Secret, ServiceAccount, Namespace', () => {
    expect(cellsOf('ConfigMap', obj('v1', 'ConfigMap', 'cfg', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }))).toEqual(['cfg', '3', '100s']);
    expect(cellsOf('ConfigMap', obj('v1', 'ConfigMap', 'empty'))).toEqual(['empty', '0', '100s']);
    expect(headers('Secret')).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(cellsOf('Secret', obj('v1', 'Secret', 's', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } }))).toEqual(['s', 'kubernetes.io/tls', '2', '100s']);
    expect(cellsOf('ServiceAccount', obj('v1', 'ServiceAccount', 'default'))).toEqual(['default', '0', '100s']);
    expect(cellsOf('Namespace', obj('v1', 'Namespace', 'kube-system', { status: { phase: 'Active' } }, { namespace: undefined, creationTimestamp: ago(864000) }))).toEqual([
      'kube-system',
      'Active',
      '10d',
    ]);
  });

  it('Node STATUS, ROLES, VERSION and wide columns', () => {
    const node = (conditions: object[], extra: object = {}, labels: Record<string, string> = {}) =>
      obj(
        'v1',
        'Node',
        'node-1',
        {
          spec: extra,
          status: {
            conditions,
            addresses: [
              { type: 'InternalIP', address: '172.18.0.2' },
              { type: 'Hostname', address: 'node-1' },
            ],
            nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-45-generic', containerRuntimeVersion: 'containerd://1.7.24' },
          },
        },
        { namespace: undefined, labels, creationTimestamp: ago(864000) },
      );
    const ready = [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }];
    expect(headers('Node', true)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(cellsOf('Node', node(ready, {}, { 'node-role.kubernetes.io/control-plane': '' }))).toEqual([
      'node-1',
      'Ready',
      'control-plane',
      '10d',
      'v1.32.0',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0-45-generic',
      'containerd://1.7.24',
    ]);
    expect(cellsOf('Node', node(ready, { unschedulable: true })).slice(1, 3)).toEqual(['Ready,SchedulingDisabled', '<none>']);
    expect(cellsOf('Node', node([{ type: 'Ready', status: 'Unknown' }]))[1]).toBe('NotReady');
    expect(cellsOf('Node', node([{ type: 'Ready', status: 'False' }], { unschedulable: true }))[1]).toBe('NotReady,SchedulingDisabled');
    expect(cellsOf('Node', node([]))[1]).toBe('Unknown');
    expect(cellsOf('Node', node(ready, {}, { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'infra', 'node-role.kubernetes.io/control-plane': '' }))[2]).toBe(
      'control-plane,infra,worker',
    );
    const bare = obj('v1', 'Node', 'n', { status: {} });
    expect(cellsOf('Node', bare).slice(4)).toEqual(['', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('PersistentVolume and PersistentVolumeClaim', () => {
    const pv = obj(
      'v1',
      'PersistentVolume',
      'pv-1',
      {
        spec: {
          capacity: { storage: '10Gi' },
          accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: 'standard',
          claimRef: { namespace: 'default', name: 'data' },
          volumeMode: 'Filesystem',
        },
        status: { phase: 'Bound' },
      },
      { namespace: undefined },
    );
    expect(headers('PersistentVolume', true)).toEqual([
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
      'VOLUMEMODE',
    ]);
    expect(cellsOf('PersistentVolume', pv)).toEqual(['pv-1', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '100s', 'Filesystem']);
    const deleting = obj('v1', 'PersistentVolume', 'pv-2', { spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOncePod'] }, status: { phase: 'Released' } }, { deletionTimestamp: ago(0) });
    expect(cellsOf('PersistentVolume', deleting).slice(1, 8)).toEqual(['1Gi', 'RWOP', '', 'Terminating', '', '', '<unset>']);

    const pending = obj('v1', 'PersistentVolumeClaim', 'data', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(headers('PersistentVolumeClaim')).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    expect(cellsOf('PersistentVolumeClaim', pending)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '100s', 'Filesystem']);
    const bound = obj('v1', 'PersistentVolumeClaim', 'data', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: 'pvc-123' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } },
    });
    expect(cellsOf('PersistentVolumeClaim', bound)).toEqual(['data', 'Bound', 'pvc-123', '2Gi', 'RWO', 'standard', '<unset>', '100s', '<unset>']);
  });

  it('Events: LAST SEEN fallbacks, OBJECT, MESSAGE trimmed, wide SUBOBJECT/SOURCE/FIRST SEEN/COUNT/NAME', () => {
    expect(headers('Event')).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(headers('Event', true)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(tablePrinterFor('Event').columns[9]).toEqual({ name: 'Name', priority: 1, format: 'name' });
    const ev = obj('v1', 'Event', 'crasher.18a1b2c3d4e5f607', {
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'crasher', fieldPath: 'spec.containers{crasher}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container crasher in pod crasher_default(d6b8)\n',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(391),
      lastTimestamp: ago(6),
      count: 25,
      type: 'Warning',
    });
    expect(cellsOf('Event', ev)).toEqual([
      '6s',
      'Warning',
      'BackOff',
      'pod/crasher',
      'spec.containers{crasher}',
      'kubelet, node-1',
      'Back-off restarting failed container crasher in pod crasher_default(d6b8)',
      '6m31s',
      '25',
      'crasher.18a1b2c3d4e5f607',
    ]);
    // no lastTimestamp → first seen; no firstTimestamp → eventTime; reporting controller as source; count 1
    const newApi = obj('v1', 'Event', 'nginx.1', {
      involvedObject: { kind: 'Deployment', name: 'nginx' },
      reason: 'ScalingReplicaSet',
      message: '  Scaled up replica set nginx-6d8f9c7b5f from 0 to 3  ',
      eventTime: '2026-11-21T22:34:29.123456Z',
      reportingController: 'deployment-controller',
      reportingInstance: '',
      type: 'Normal',
    });
    expect(cellsOf('Event', newApi)).toEqual(['5m30s', 'Normal', 'ScalingReplicaSet', 'deployment/nginx', '', 'deployment-controller', 'Scaled up replica set nginx-6d8f9c7b5f from 0 to 3', '5m30s', '1', 'nginx.1']);
    // series: last observed time and series count
    const series = obj('v1', 'Event', 's.1', {
      involvedObject: { kind: 'Pod', name: 'p' },
      eventTime: ago(600),
      series: { count: 7, lastObservedTime: ago(30) },
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Readiness probe failed',
    });
    expect(cellsOf('Event', series)).toEqual(['30s', 'Warning', 'Unhealthy', 'pod/p', '', '', 'Readiness probe failed', '10m', '7', 's.1']);
    // involved object without a name → bare kind; no time at all → <unknown>
    const bare = obj('v1', 'Event', 'b', { involvedObject: { kind: 'Node' }, type: 'Normal', reason: 'X', message: 'm' });
    expect(cellsOf('Event', bare).slice(0, 4)).toEqual(['<unknown>', 'Normal', 'X', 'node']);
    // events.k8s.io/v1 shape
    const v1 = obj('events.k8s.io/v1', 'Event', 'e', {
      regarding: { kind: 'Pod', name: 'web' },
      note: 'Started container web',
      reason: 'Started',
      type: 'Normal',
      eventTime: null,
      deprecatedSource: { component: 'kubelet', host: 'node-2' },
      deprecatedFirstTimestamp: ago(50),
      deprecatedLastTimestamp: ago(40),
      deprecatedCount: 2,
    });
    expect(tablePrinterFor('Event.events.k8s.io').cells(v1, ctx)).toEqual(['40s', 'Normal', 'Started', 'pod/web', '', 'kubelet, node-2', 'Started container web', '50s', '2', 'e']);
  });

  it('reproduces `kubectl get events` (reference §9)', () => {
    const ev = (name: string, type: string, reason: string, kind: string, objName: string, msg: string, last: number) =>
      obj('v1', 'Event', name, { involvedObject: { kind, name: objName }, type, reason, message: msg, firstTimestamp: ago(last), lastTimestamp: ago(last), count: 1 });
    const list = [
      ev('crasher.1', 'Normal', 'Scheduled', 'Pod', 'crasher', 'Successfully assigned default/crasher to node-1', 401),
      ev('crasher.2', 'Normal', 'Pulling', 'Pod', 'crasher', 'Pulling image "busybox"', 96),
      ev('crasher.3', 'Warning', 'BackOff', 'Pod', 'crasher', 'Back-off restarting failed container crasher in pod crasher_default(d6b8fbbb-8d69-4a92-9287-e000680b3ab0)', 6),
      ev('nginx.1', 'Normal', 'ScalingReplicaSet', 'Deployment', 'nginx', 'Scaled up replica set nginx-6d8f9c7b5f from 0 to 3', 331),
    ];
    expect(table('Event', list)).toBe(
      [
        'LAST SEEN   TYPE      REASON              OBJECT             MESSAGE',
        '6m41s       Normal    Scheduled           pod/crasher        Successfully assigned default/crasher to node-1',
        '96s         Normal    Pulling             pod/crasher        Pulling image "busybox"',
        '6s          Warning   BackOff             pod/crasher        Back-off restarting failed container crasher in pod crasher_default(d6b8fbbb-8d69-4a92-9287-e000680b3ab0)',
        '5m31s       Normal    ScalingReplicaSet   deployment/nginx   Scaled up replica set nginx-6d8f9c7b5f from 0 to 3',
        '',
      ].join('\n'),
    );
  });

  it('ResourceQuota REQUEST / LIMIT', () => {
    const rq = obj('v1', 'ResourceQuota', 'q', {
      status: {
        hard: { 'requests.cpu': '1', 'limits.memory': '2Gi', pods: '10', 'limits.cpu': '2' },
        used: { 'requests.cpu': '500m', 'limits.memory': '0', pods: '3' },
      },
    });
    expect(cellsOf('ResourceQuota', rq)).toEqual(['q', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 0/2, limits.memory: 0/2Gi', '100s']);
  });

  it('RoleBinding / ClusterRoleBinding, Role / ClusterRole / LimitRange / CRD (NAME, CREATED AT)', () => {
    const rb = obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'read-pods', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'dev' },
        { kind: 'Group', name: 'ops' },
        { kind: 'User', name: 'bob' },
      ],
    });
    expect(headers('RoleBinding.rbac.authorization.k8s.io', true)).toEqual(['NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS']);
    expect(cellsOf('RoleBinding.rbac.authorization.k8s.io', rb)).toEqual(['read-pods', 'Role/pod-reader', '100s', 'jane, bob', 'ops', 'dev/default']);
    const crb = obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'admin', { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } });
    expect(cellsOf('ClusterRoleBinding.rbac.authorization.k8s.io', crb)).toEqual(['admin', 'ClusterRole/cluster-admin', '100s', '', '', '']);
    for (const gk of ['Role.rbac.authorization.k8s.io', 'ClusterRole.rbac.authorization.k8s.io', 'LimitRange', 'CustomResourceDefinition.apiextensions.k8s.io']) {
      expect(headers(gk)).toEqual(['NAME', 'CREATED AT']);
    }
    const role = obj('rbac.authorization.k8s.io/v1', 'Role', 'pod-reader', { rules: [] }, { creationTimestamp: '2026-11-11T22:40:01Z' });
    expect(cellsOf('Role.rbac.authorization.k8s.io', role)).toEqual(['pod-reader', '2026-11-11T22:40:01Z']);
  });

  it('CSR, Lease, StorageClass, CSI, VolumeAttachment, PriorityClass, RuntimeClass', () => {
    const csr = obj('certificates.k8s.io/v1', 'CertificateSigningRequest', 'jane', {
      spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'admin', expirationSeconds: 86400 },
      status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' },
    });
    expect(headers('CertificateSigningRequest.certificates.k8s.io')).toEqual(['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION']);
    expect(cellsOf('CertificateSigningRequest.certificates.k8s.io', csr)).toEqual(['jane', '100s', 'kubernetes.io/kube-apiserver-client', 'admin', '24h', 'Approved,Issued']);
    const pendingCsr = obj('certificates.k8s.io/v1', 'CertificateSigningRequest', 'p', { spec: { signerName: 'x', username: 'u' }, status: {} });
    expect(cellsOf('CertificateSigningRequest.certificates.k8s.io', pendingCsr).slice(4)).toEqual(['<none>', 'Pending']);
    expect(cellsOf('Lease.coordination.k8s.io', obj('coordination.k8s.io/v1', 'Lease', 'node-1', { spec: { holderIdentity: 'node-1' } }))).toEqual(['node-1', 'node-1', '100s']);

    const sc = obj(
      'storage.k8s.io/v1',
      'StorageClass',
      'standard',
      { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' },
      { namespace: undefined, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    );
    expect(headers('StorageClass.storage.k8s.io')).toEqual(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    expect(cellsOf('StorageClass.storage.k8s.io', sc)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false', '100s']);
    const sc2 = obj('storage.k8s.io/v1', 'StorageClass', 'fast', { provisioner: 'x', allowVolumeExpansion: true });
    expect(cellsOf('StorageClass.storage.k8s.io', sc2)).toEqual(['fast', 'x', 'Delete', 'Immediate', 'true', '100s']);

    const drv = obj('storage.k8s.io/v1', 'CSIDriver', 'hostpath.csi.k8s.io', {
      spec: { attachRequired: false, podInfoOnMount: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'], tokenRequests: [{ audience: 'a' }, { audience: 'b' }] },
    });
    expect(headers('CSIDriver.storage.k8s.io')).toEqual(['NAME', 'ATTACHREQUIRED', 'PODINFOONMOUNT', 'STORAGECAPACITY', 'TOKENREQUESTS', 'REQUIRESREPUBLISH', 'MODES', 'AGE']);
    expect(cellsOf('CSIDriver.storage.k8s.io', drv)).toEqual(['hostpath.csi.k8s.io', 'false', 'true', 'false', 'a,b', 'false', 'Persistent,Ephemeral', '100s']);
    expect(cellsOf('CSIDriver.storage.k8s.io', obj('storage.k8s.io/v1', 'CSIDriver', 'd', { spec: {} })).slice(1, 7)).toEqual(['true', 'false', 'false', '<unset>', 'false', '<none>']);
    expect(cellsOf('CSINode.storage.k8s.io', obj('storage.k8s.io/v1', 'CSINode', 'node-1', { spec: { drivers: [{ name: 'd' }] } }))).toEqual(['node-1', '1', '100s']);
    expect(cellsOf('CSIStorageCapacity.storage.k8s.io', obj('storage.k8s.io/v1', 'CSIStorageCapacity', 'c', { storageClassName: 'standard' }))).toEqual(['c', 'standard', '<unset>']);
    const va = obj('storage.k8s.io/v1', 'VolumeAttachment', 'csi-123', { spec: { attacher: 'hostpath.csi.k8s.io', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } }, status: { attached: true } });
    expect(cellsOf('VolumeAttachment.storage.k8s.io', va)).toEqual(['csi-123', 'hostpath.csi.k8s.io', 'pv-1', 'node-1', 'true', '100s']);

    const pc = obj('scheduling.k8s.io/v1', 'PriorityClass', 'system-cluster-critical', { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(headers('PriorityClass.scheduling.k8s.io')).toEqual(['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY']);
    expect(cellsOf('PriorityClass.scheduling.k8s.io', pc)).toEqual(['system-cluster-critical', '2000000000', 'false', '100s', 'PreemptLowerPriority']);
    expect(cellsOf('RuntimeClass.node.k8s.io', obj('node.k8s.io/v1', 'RuntimeClass', 'gvisor', { handler: 'runsc' }))).toEqual(['gvisor', 'runsc', '100s']);
  });

  it('admission, flow control, APIService, ComponentStatus', () => {
    const mwc = obj('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'm', { webhooks: [{ name: 'a' }, { name: 'b' }] });
    expect(cellsOf('MutatingWebhookConfiguration.admissionregistration.k8s.io', mwc)).toEqual(['m', '2', '100s']);
    expect(cellsOf('ValidatingWebhookConfiguration.admissionregistration.k8s.io', obj('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'v'))).toEqual(['v', '0', '100s']);
    const vap = obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', 'p', {
      spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }] },
    });
    expect(headers('ValidatingAdmissionPolicy.admissionregistration.k8s.io')).toEqual(['NAME', 'VALIDATIONS', 'PARAMKIND', 'AGE']);
    expect(cellsOf('ValidatingAdmissionPolicy.admissionregistration.k8s.io', vap)).toEqual(['p', '1', 'v1/ConfigMap', '100s']);
    const gk = 'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io';
    const b = (paramRef?: object) => obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', 'b', { spec: { policyName: 'p', paramRef } });
    expect(cellsOf(gk, b())).toEqual(['b', 'p', '<unset>', '100s']);
    expect(cellsOf(gk, b({ name: 'cfg', namespace: 'default' }))[2]).toBe('default/cfg');
    expect(cellsOf(gk, b({ name: 'cfg' }))[2]).toBe('*/cfg');
    expect(cellsOf(gk, b({ selector: { matchLabels: { a: 'b' } } }))[2]).toBe('&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}');

    const fs = (name: string, prec: number, extra: object = {}) =>
      obj('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', name, { spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: prec, ...extra } });
    expect(headers('FlowSchema.flowcontrol.apiserver.k8s.io')).toEqual(['NAME', 'PRIORITYLEVEL', 'MATCHINGPRECEDENCE', 'DISTINGUISHERMETHOD', 'AGE', 'MISSINGPL']);
    expect(cellsOf('FlowSchema.flowcontrol.apiserver.k8s.io', fs('service-accounts', 9000, { distinguisherMethod: { type: 'ByUser' } }))).toEqual([
      'service-accounts',
      'workload-low',
      '9000',
      'ByUser',
      '100s',
      '?',
    ]);
    const withCond = fs('x', 1);
    withCond.status = { conditions: [{ type: 'Dangling', status: 'False' }] };
    expect(cellsOf('FlowSchema.flowcontrol.apiserver.k8s.io', withCond).slice(3)).toEqual(['<none>', '100s', 'False']);
    expect(tableRowOrder('FlowSchema.flowcontrol.apiserver.k8s.io', [fs('b', 1000), fs('a', 1000), fs('exempt', 1)]).map((o) => o.metadata.name)).toEqual(['exempt', 'a', 'b']);

    const plc = obj('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'global-default', {
      spec: { type: 'Limited', limited: { nominalConcurrencyShares: 20, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } },
    });
    expect(cellsOf('PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io', plc)).toEqual(['global-default', 'Limited', '20', '128', '6', '50', '100s']);
    const exempt = obj('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'exempt', { spec: { type: 'Exempt', exempt: {} } });
    expect(cellsOf('PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io', exempt)).toEqual(['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '100s']);

    const local = obj('apiregistration.k8s.io/v1', 'APIService', 'v1.apps', { spec: { group: 'apps', version: 'v1' }, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } });
    expect(headers('APIService.apiregistration.k8s.io')).toEqual(['NAME', 'SERVICE', 'AVAILABLE', 'AGE']);
    expect(cellsOf('APIService.apiregistration.k8s.io', local)).toEqual(['v1.apps', 'Local', 'True', '100s']);
    const remote = obj('apiregistration.k8s.io/v1', 'APIService', 'v1beta1.metrics.k8s.io', {
      spec: { service: { namespace: 'kube-system', name: 'metrics-server' } },
      status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] },
    });
    expect(cellsOf('APIService.apiregistration.k8s.io', remote)).toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '100s']);

    const cs1 = obj('v1', 'ComponentStatus', 'etcd-0', { conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] });
    expect(headers('ComponentStatus')).toEqual(['NAME', 'STATUS', 'MESSAGE', 'ERROR']);
    expect(cellsOf('ComponentStatus', cs1)).toEqual(['etcd-0', 'Healthy', 'ok', '']);
  });
});

// ---------------------------------------------------------------- custom resources, fallbacks

describe('custom resources and unknown kinds', () => {
  it('unknown kinds print NAME, AGE', () => {
    const p = tablePrinterFor('Widget.example.com');
    expect(p.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'AGE']);
    expect(p.cells(obj('example.com/v1', 'Widget', 'w1'), ctx)).toEqual(['w1', '100s']);
  });

  it('CRD additionalPrinterColumns for the preferred version', () => {
    const s = new Store(1);
    s.load('CustomResourceDefinition.apiextensions.k8s.io', [
      obj(
        'apiextensions.k8s.io/v1',
        'CustomResourceDefinition',
        'crontabs.stable.example.com',
        {
          spec: {
            group: 'stable.example.com',
            names: { kind: 'CronTab', plural: 'crontabs' },
            scope: 'Namespaced',
            versions: [
              { name: 'v1beta1', served: true, storage: false, additionalPrinterColumns: [{ name: 'Old', type: 'string', jsonPath: '.spec.x' }] },
              {
                name: 'v1',
                served: true,
                storage: true,
                additionalPrinterColumns: [
                  { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
                  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
                  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
                  { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio', priority: 1 },
                  { name: 'Tags', type: 'string', jsonPath: '.spec.tags' },
                  { name: 'Since', type: 'date', jsonPath: '.status.since' },
                  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
                ],
              },
            ],
          },
        },
        { namespace: undefined },
      ),
    ]);
    const p = tablePrinterFor('CronTab.stable.example.com', s);
    expect(p.columns).toEqual([
      { name: 'Name', priority: 0, format: 'name' },
      { name: 'Spec', priority: 0 },
      { name: 'Replicas', priority: 0 },
      { name: 'Ready', priority: 0 },
      { name: 'Ratio', priority: 1 },
      { name: 'Tags', priority: 0 },
      { name: 'Since', priority: 0 },
      { name: 'Age', priority: 0 },
    ]);
    const ct = obj('stable.example.com/v1', 'CronTab', 'my-cron', {
      spec: { cronSpec: '* * * * */5', replicas: 3, ratio: 1500000, tags: { b: 1, a: '<x>' } },
      status: { conditions: [{ type: 'Synced', status: 'True' }, { type: 'Ready', status: 'False' }], since: 'not-a-date' },
    });
    expect(p.cells(ct, ctx)).toEqual(['my-cron', '* * * * */5', '3', 'False', '1.5e+06', '{"a":"\\u003cx\\u003e","b":1}', '<invalid>', '100s']);
    const emptyCt = obj('stable.example.com/v1', 'CronTab', 'e', { spec: { replicas: 'three' } });
    expect(p.cells(emptyCt, ctx)).toEqual(['e', '', '', '', '', '', '', '100s']);
  });

  it('goFloat follows Go %v', () => {
    expect(goFloat(0.5)).toBe('0.5');
    expect(goFloat(123456)).toBe('123456');
    expect(goFloat(1234567)).toBe('1.234567e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(goFloat(0.0001)).toBe('0.0001');
  });

  it('cells containing newlines are cut with `...`', () => {
    const cm = obj('v1', 'Event', 'x', { involvedObject: { kind: 'Pod', name: 'p' }, message: 'line one\nline two', type: 'Normal', reason: 'R', count: 1, lastTimestamp: ago(1) });
    expect(cellsOf('Event', cm)[6]).toBe('line one...');
  });
});
