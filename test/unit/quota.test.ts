// LimitRanger and ResourceQuota admission, the quota controller's counting, and kubectl taint's parser.
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';
import { KubeError } from '../../src/api/errors';
import { addLists, listOf, podUsage, prettyPrint, podConstraints, calculateUsage, qadd } from '../../src/api/quota';
import { parseQuantity } from '../../src/api/quantity';
import { parseTaints, reorganizeTaints, taintString } from '../../src/cli/commands/taint';
import { aggregateMessage } from '../../src/cli/commands/drain';
import { simCluster, pod, apply } from './simcluster';

let s: Session;
afterEach(() => s?.close());

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeError) return e.render();
    throw e;
  }
  return '(admitted)';
}

const limitRange = (limits: unknown[]): KObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits } }) as KObject;
const quota = (hard: Record<string, string>, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard, ...extra } }) as KObject;
const res = (requests?: Record<string, string>, limits?: Record<string, string>, name = 'c') => ({ containers: [{ name, image: 'nginx', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }] });

describe('LimitRanger', () => {
  it('defaults requests and limits of containers that leave them out, and says so in an annotation', () => {
    s = simCluster({ workers: 1 });
    apply(s, limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }]));
    const [p] = apply(s, pod('p', { containers: [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'nginx', resources: { requests: { cpu: '50m' } } }] }));
    expect(p!.spec.containers.map((c: { resources: unknown }) => c.resources)).toEqual([
      { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
      { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '50m', memory: '256Mi' } },
    ]);
    expect(p!.metadata.annotations!['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; memory request for container side; cpu, memory limit for container side');
    expect(p!.status.qosClass).toBe('Burstable');
  });

  it('rejects containers outside min/max/ratio with the real messages (several in brackets)', () => {
    s = simCluster({ workers: 1 });
    apply(s, limitRange([{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1', memory: '1Gi' }, maxLimitRequestRatio: { cpu: '2' } }]));
    expect(rejection(() => s.ctx.api.create(pod('small', res({ cpu: '50m' }, { cpu: '50m', memory: '100Mi' }))))).toBe(
      'Error from server (Forbidden): pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m',
    );
    expect(rejection(() => s.ctx.api.create(pod('big', res({ cpu: '200m' }, { cpu: '2', memory: '2Gi' }))))).toBe(
      'Error from server (Forbidden): pods "big" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000]',
    );
    // max defaults the limit (SetDefaults_LimitRangeItem), so a bare pod gets limit = max and passes
    const [bare] = apply(s, pod('bare', res({ cpu: '500m' })));
    expect(bare!.spec.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
  });

  it('Pod-type limits apply to the pod total', () => {
    s = simCluster({ workers: 1 });
    apply(s, limitRange([{ type: 'Pod', max: { cpu: '1' } }]));
    expect(rejection(() => s.ctx.api.create(pod('two', { containers: [{ name: 'a', image: 'nginx', resources: { limits: { cpu: '600m' } } }, { name: 'b', image: 'nginx', resources: { limits: { cpu: '600m' } } }] })))).toBe(
      'Error from server (Forbidden): pods "two" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m',
    );
  });
});

describe('ResourceQuota', () => {
  it('quantities add with the zero-value format rule and print sorted', () => {
    expect(qadd(parseQuantity('0'), parseQuantity('128Mi')).toString()).toBe('128Mi');
    expect(addLists(listOf({ 'requests.memory': '128Mi', pods: '1' }), listOf({ 'requests.memory': '64Mi', pods: '1' })).get('requests.memory')!.toString()).toBe('192Mi');
    expect(prettyPrint(listOf({ pods: '1', 'limits.cpu': '500m' }))).toBe('limits.cpu=500m,pods=1');
  });

  it('pod usage: count, requests and limits (init containers as their maximum); finished pods only count as objects', () => {
    const p = pod('p', {
      initContainers: [{ name: 'i', image: 'busybox', resources: { requests: { cpu: '1' } } }],
      containers: [
        { name: 'a', image: 'nginx', resources: { requests: { cpu: '200m', memory: '64Mi' }, limits: { cpu: '400m' } } },
        { name: 'b', image: 'nginx', resources: { requests: { cpu: '300m' } } },
      ],
    });
    const u = podUsage(p, 0);
    expect(Object.fromEntries([...u].map(([k, v]) => [k, v.toString()]))).toEqual({ 'count/pods': '1', cpu: '1', 'limits.cpu': '400m', memory: '64Mi', pods: '1', 'requests.cpu': '1', 'requests.memory': '64Mi' });
    expect([...podUsage({ ...p, status: { phase: 'Succeeded' } }, 0).keys()]).toEqual(['count/pods']);
    expect(podConstraints(['requests.cpu', 'limits.memory', 'pods'], p)).toBe('must specify limits.memory for: a,b,i');
    expect(podConstraints(['limits.cpu', 'requests.cpu'], pod('x'))).toBe('must specify limits.cpu for: c; requests.cpu for: c');
  });

  it('the controller fills status.hard and status.used; admission charges and rejects with the real messages', () => {
    s = simCluster({ workers: 1 });
    apply(s, quota({ pods: '2', 'requests.cpu': '1', 'limits.memory': '1Gi' }));
    const q = () => s.store.get('ResourceQuota', 'default', 'q')!;
    expect(q().status).toEqual({ hard: { 'limits.memory': '1Gi', pods: '2', 'requests.cpu': '1' }, used: { 'limits.memory': '0', pods: '0', 'requests.cpu': '0' } });
    expect(rejection(() => s.ctx.api.create(pod('bare')))).toBe('Error from server (Forbidden): pods "bare" is forbidden: failed quota: q: must specify limits.memory for: c; requests.cpu for: c');
    apply(s, pod('a', res({ cpu: '600m' }, { memory: '256Mi' })));
    expect(q().status.used).toEqual({ 'limits.memory': '256Mi', pods: '1', 'requests.cpu': '600m' });
    expect(rejection(() => s.ctx.api.create(pod('b', res({ cpu: '500m' }, { memory: '256Mi' }))))).toBe(
      'Error from server (Forbidden): pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
    apply(s, pod('b', res({ cpu: '400m' }, { memory: '256Mi' })));
    expect(rejection(() => s.ctx.api.create(pod('c', res({ cpu: '100m' }, { memory: '1Gi' }))))).toBe(
      'Error from server (Forbidden): pods "c" is forbidden: exceeded quota: q, requested: limits.memory=1Gi,pods=1,requests.cpu=100m, used: limits.memory=512Mi,pods=2,requests.cpu=1, limited: limits.memory=1Gi,pods=2,requests.cpu=1',
    );
    // deleting a pod gives its share back
    s.ctx.api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    s.settle();
    expect(q().status.used).toEqual({ 'limits.memory': '256Mi', pods: '1', 'requests.cpu': '400m' });
    expect(calculateUsage(s.store, q(), s.clock.now()).get('pods')!.toString()).toBe('1');
  });

  it('object counts and scopes: count/configmaps, services, BestEffort-scoped pods', () => {
    s = simCluster({ workers: 1 });
    apply(s, quota({ 'count/configmaps': '2', services: '1' }), { ...quota({ pods: '1' }, { scopes: ['BestEffort'] }), metadata: { name: 'be', namespace: 'default' } } as KObject);
    apply(s, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace: 'default' } } as KObject);
    // kube-root-ca.crt is a ConfigMap of the namespace too
    expect(rejection(() => s.ctx.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two', namespace: 'default' } } as KObject))).toBe(
      'Error from server (Forbidden): configmaps "two" is forbidden: exceeded quota: q, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2',
    );
    // the kubernetes Service already uses the one allowed
    expect(rejection(() => s.ctx.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'default' }, spec: { ports: [{ port: 80 }] } } as KObject))).toBe(
      'Error from server (Forbidden): services "svc" is forbidden: exceeded quota: q, requested: services=1, used: services=1, limited: services=1',
    );
    apply(s, pod('be1'));
    expect(rejection(() => s.ctx.api.create(pod('be2')))).toBe('Error from server (Forbidden): pods "be2" is forbidden: exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1');
    apply(s, pod('burstable', res({ cpu: '10m' })));
  });
});

describe('kubectl taint parsing', () => {
  it('parses additions and removals and refuses bad specs with kubectl’s messages', () => {
    expect(parseTaints(['dedicated=gpu:NoSchedule', 'k:NoExecute', 'old-', 'x:PreferNoSchedule-'])).toEqual({
      add: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'k', effect: 'NoExecute' },
      ],
      remove: [
        { key: 'old', effect: '' },
        { key: 'x', effect: 'PreferNoSchedule' },
      ],
    });
    const msg = (specs: string[]) => rejection(() => parseTaints(specs));
    expect(msg(['a=b'])).toContain("error: invalid taint spec: a=b, name part must consist of alphanumeric characters");
    expect(msg(['a=b:Bad'])).toBe("error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubesim taint -h' for help and examples");
    expect(msg(['a=b=c:NoSchedule'])).toBe("error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubesim taint -h' for help and examples");
    expect(msg(['a:b:c'])).toBe("error: invalid taint spec: a:b:c\nSee 'kubesim taint -h' for help and examples");
    expect(msg(['a=b:NoSchedule', 'a=c:NoSchedule'])).toBe("error: duplicated taints with the same key and effect: {a c NoSchedule <nil>}\nSee 'kubesim taint -h' for help and examples");
  });

  it('reorganizes: new taints first, tainted / untainted / modified, and not-found removals', () => {
    const old = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] as never[];
    expect(reorganizeTaints(old, false, [{ key: 'd', value: 'x', effect: 'NoSchedule' }] as never[], [])).toEqual({
      op: 'tainted',
      taints: [{ key: 'd', value: 'x', effect: 'NoSchedule' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      errors: [],
    });
    expect(reorganizeTaints(old, false, [], [{ key: 'node-role.kubernetes.io/control-plane', effect: '' }] as never[]).op).toBe('untainted');
    expect(reorganizeTaints(old, true, [{ key: 'node-role.kubernetes.io/control-plane', value: 'v', effect: 'NoSchedule' }] as never[], []).op).toBe('modified');
    expect(reorganizeTaints(old, false, [], [{ key: 'gone', effect: 'NoExecute' }] as never[]).errors).toEqual(['taint "gone:NoExecute" not found']);
    expect(taintString({ key: 'k', value: 'v', effect: '' })).toBe('k=v:');
  });

  it('drain aggregates errors as utilerrors does', () => {
    expect(aggregateMessage(['a'])).toBe('a');
    expect(aggregateMessage(['a', 'b', 'a'])).toBe('[a, b]');
  });
});
