import { describe, expect, it } from 'vitest';
import { TestCluster, running } from './helpers/cluster';
import type { KObject } from '../../src/api/types';

function deployment(name = 'web', replicas = 2): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  };
}

function rc(name = 'kubia', replicas = 2): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name, namespace: 'default' },
    spec: { replicas, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx:1.27' }] } } },
  };
}

const pods = (c: TestCluster) => c.list('Pod', 'default');

describe('garbage collector and cascading deletion', () => {
  it('background: the owner goes at once, its dependents right after', () => {
    const c = new TestCluster();
    c.create(deployment());
    c.until(() => pods(c).length === 2 && pods(c).every(running));
    c.delete('Deployment.apps', 'default', 'web', { propagationPolicy: 'Background' });
    expect(c.get('Deployment.apps', 'default', 'web')).toBeUndefined();
    expect(c.list('ReplicaSet.apps', 'default')).toEqual([]);
    expect(pods(c).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    c.until(() => pods(c).length === 0);
  });

  it('foreground: the owner waits with a deletionTimestamp and the foregroundDeletion finalizer', () => {
    const c = new TestCluster();
    c.create(deployment());
    c.until(() => pods(c).length === 2 && pods(c).every(running));
    c.delete('Deployment.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
    const d = c.get('Deployment.apps', 'default', 'web')!;
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    // the ReplicaSet, which has dependents itself, is deleted in the foreground too
    const rs = c.list('ReplicaSet.apps', 'default')[0]!;
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    // pods (no dependents) are deleted in the background: no finalizer, just their grace period
    expect(pods(c).every((p) => p.metadata.deletionTimestamp && !p.metadata.finalizers)).toBe(true);
    c.until(() => pods(c).length === 0);
    expect(c.list('ReplicaSet.apps', 'default')).toEqual([]);
    expect(c.get('Deployment.apps', 'default', 'web')).toBeUndefined();
  });

  it('orphan: dependents stay, without the owner reference, and are adopted by a new matching owner', () => {
    const c = new TestCluster();
    c.create(rc());
    c.until(() => pods(c).length === 2 && pods(c).every(running));
    const before = pods(c).map((p) => p.metadata.uid);
    c.delete('ReplicationController', 'default', 'kubia', { propagationPolicy: 'Orphan' });
    expect(c.get('ReplicationController', 'default', 'kubia')).toBeUndefined();
    expect(pods(c).map((p) => p.metadata.uid)).toEqual(before);
    expect(pods(c).every((p) => !p.metadata.ownerReferences && !p.metadata.deletionTimestamp)).toBe(true);
    const again = c.create(rc('kubia', 3));
    // the two orphans are adopted, one more pod is created
    expect(pods(c).length).toBe(3);
    expect(pods(c).every((p) => p.metadata.ownerReferences?.[0]?.uid === again.metadata.uid)).toBe(true);
    expect(pods(c).filter((p) => before.includes(p.metadata.uid)).length).toBe(2);
  });

  it('a ReplicaSet adopts matching orphaned pods (set-based selector)', () => {
    const c = new TestCluster();
    for (const [name, env] of [['a', 'dev'], ['b', 'prod'], ['c', 'test']])
      c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: name!, namespace: 'default', labels: { app: 'x', env: env! } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    const rs = c.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'x', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }, { key: 'canary', operator: 'DoesNotExist' }] },
        template: { metadata: { labels: { app: 'x', env: 'dev' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      },
    });
    const owned = pods(c).filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid).map((p) => p.metadata.name);
    expect(owned).toEqual(['a', 'b']);
    expect(c.get('Pod', 'default', 'c')!.metadata.ownerReferences).toBeUndefined();
    expect(pods(c).length).toBe(3);
  });

  it('a dependent with another live owner only loses the reference of an owner deleted in the foreground', () => {
    const c = new TestCluster();
    const a = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    const b = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } });
    const ref = (o: KObject) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid!, blockOwnerDeletion: true });
    c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', namespace: 'default', ownerReferences: [ref(a), ref(b)] } });
    c.delete('ConfigMap', 'default', 'a', { propagationPolicy: 'Foreground' });
    expect(c.get('ConfigMap', 'default', 'a')).toBeUndefined();
    expect(c.get('ConfigMap', 'default', 'dep')!.metadata.ownerReferences).toEqual([ref(b)]);
    c.delete('ConfigMap', 'default', 'b');
    expect(c.get('ConfigMap', 'default', 'dep')).toBeUndefined();
  });

  it('refuses to create over a name whose holder is being deleted, as the registry says', () => {
    const c = new TestCluster();
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    c.until(() => running(c.get('Pod', 'default', 'p')!));
    c.delete('Pod', 'default', 'p');
    expect(() => c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } })).toThrow(
      'object is being deleted: pods "p" already exists',
    );
  });
});

describe('ReplicationController', () => {
  it('defaults selector and labels from the template and keeps replicas pods named <rc>-xxxxx', () => {
    const c = new TestCluster();
    const o = c.create(rc('kubia', 3));
    expect(o.spec.selector).toEqual({ app: 'kubia' });
    expect(o.metadata.labels).toEqual({ app: 'kubia' });
    expect(pods(c).map((p) => p.metadata.name).every((n) => /^kubia-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toBe(true);
    expect(pods(c).length).toBe(3);
    expect(c.events('ReplicationController', 'kubia').every((e) => e.startsWith('SuccessfulCreate: Created pod: kubia-'))).toBe(true);
    c.until(() => pods(c).every(running));
    expect(c.get('ReplicationController', 'default', 'kubia')!.status).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
    c.update('ReplicationController', 'default', 'kubia', (r) => (r.spec.replicas = 1));
    expect(pods(c).filter((p) => !p.metadata.deletionTimestamp).length).toBe(1);
    expect(c.events('ReplicationController', 'kubia').filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: kubia-')).length).toBe(2);
  });

  it('a failed create is retried with back-off until it succeeds', () => {
    const c = new TestCluster();
    const o = rc('api', 1);
    o.spec.template.spec.serviceAccountName = 'api-sa';
    c.create(o);
    expect(pods(c)).toEqual([]);
    const ev = c.events('ReplicationController', 'api');
    expect(ev[0]).toBe('FailedCreate: Error creating: pods "api-" is forbidden: error looking up service account default/api-sa: serviceaccount "api-sa" not found');
    c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api-sa', namespace: 'default' } });
    expect(c.until(() => pods(c).length === 1, 20 * 60_000, 10_000)).toBe(true);
  });
});
