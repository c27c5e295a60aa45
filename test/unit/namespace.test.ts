import { describe, expect, it } from 'vitest';
import { TestCluster, running } from './helpers/cluster';
import type { KObject } from '../../src/api/types';
import { StatusError } from '../../src/api/errors';

const pod = (name: string, ns: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...extra },
});

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('namespace lifecycle', () => {
  it('a deleted namespace shows Terminating, empties itself (pods get their grace period), then disappears', () => {
    const c = new TestCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(c.get('ServiceAccount', 'dev', 'default')).toBeDefined();
    expect(c.get('ConfigMap', 'dev', 'kube-root-ca.crt')).toBeDefined();
    c.create(pod('web', 'dev'));
    c.until(() => running(c.get('Pod', 'dev', 'web')!));
    c.delete('Namespace', undefined, 'dev');
    const ns = c.get('Namespace', undefined, 'dev')!;
    expect(ns.status.phase).toBe('Terminating');
    expect(ns.metadata.deletionTimestamp).toBeDefined();
    expect(ns.spec.finalizers).toEqual(['kubernetes']);
    const cond = Object.fromEntries((ns.status.conditions as { type: string; message: string }[]).map((x) => [x.type, x.message]));
    expect(cond.NamespaceContentRemaining).toBe('Some resources are remaining: pods has 1 resource instances');
    expect(cond.NamespaceDeletionContentFailure).toBe('All content successfully deleted, may be waiting on finalization');
    expect(c.get('Pod', 'dev', 'web')!.metadata.deletionTimestamp).toBeDefined();
    expect(c.get('ServiceAccount', 'dev', 'default')).toBeUndefined();
    expect(c.until(() => !c.get('Namespace', undefined, 'dev'), 60_000)).toBe(true);
  });

  it('refuses new content in a terminating namespace and in a missing one', () => {
    const c = new TestCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    c.create(pod('web', 'dev'));
    c.until(() => running(c.get('Pod', 'dev', 'web')!));
    c.delete('Namespace', undefined, 'dev');
    let e = thrown(() => c.create(pod('x', 'dev')));
    expect(e.render()).toBe('Error from server (Forbidden): pods "x" is forbidden: unable to create new content in namespace dev because it is being terminated');
    e = thrown(() => c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }));
    expect(e.render()).toBe('Error from server (AlreadyExists): object is being deleted: namespaces "dev" already exists');
    e = thrown(() => c.create(pod('x', 'nope')));
    expect(e.render()).toBe('Error from server (NotFound): namespaces "nope" not found');
  });

  it('default, kube-system and kube-public cannot be deleted', () => {
    const c = new TestCluster();
    for (const n of ['default', 'kube-system', 'kube-public'])
      expect(thrown(() => c.delete('Namespace', undefined, n)).render()).toBe(`Error from server (Forbidden): namespaces "${n}" is forbidden: this namespace may not be deleted`);
    c.delete('Namespace', undefined, 'kube-node-lease');
    expect(c.get('Namespace', undefined, 'kube-node-lease')?.status.phase ?? 'gone').not.toBe('Active');
  });
});

describe('service accounts', () => {
  it('pods run as default with the projected kube-api-access volume mounted read-only', () => {
    const c = new TestCluster();
    const p = c.create(pod('p', 'default', { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }] }));
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.serviceAccount).toBe('default');
    const vol = p.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    });
    for (const ctr of [...p.spec.initContainers, ...p.spec.containers])
      expect(ctr.volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true }]);
  });

  it('automountServiceAccountToken: false on the account or the pod means no token volume', () => {
    const c = new TestCluster();
    c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet', namespace: 'default' }, automountServiceAccountToken: false });
    expect(c.create(pod('a', 'default', { serviceAccountName: 'quiet' })).spec.volumes).toBeUndefined();
    expect(c.create(pod('b', 'default', { automountServiceAccountToken: false })).spec.volumes).toBeUndefined();
  });

  it('a pod naming a missing service account is rejected', () => {
    const c = new TestCluster();
    expect(thrown(() => c.create(pod('p', 'default', { serviceAccountName: 'nope' }))).render()).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found',
    );
    // generated names are not known yet when admission runs
    expect(thrown(() => c.create({ ...pod('', 'default', { serviceAccountName: 'nope' }), metadata: { name: '', generateName: 'web-', namespace: 'default' } })).message).toBe(
      'pods "web-" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found',
    );
  });

  it('every namespace gets a default account, recreated when deleted', () => {
    const c = new TestCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const uid = c.get('ServiceAccount', 'team', 'default')!.metadata.uid;
    c.delete('ServiceAccount', 'team', 'default');
    expect(c.get('ServiceAccount', 'team', 'default')!.metadata.uid).not.toBe(uid);
  });
});
