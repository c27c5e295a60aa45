import { describe, expect, it } from 'vitest';
import { TestCluster, running } from './helpers/cluster';
import type { KObject } from '../../src/api/types';
import { parentAndOrdinal } from '../../src/controllers/statefulset';
import { fnv1_32, goJson, hashControllerRevision, templatePatch } from '../../src/controllers/history';

const STS = 'StatefulSet.apps';

function web(extra: Record<string, unknown> = {}, replicas = 3): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { terminationGracePeriodSeconds: 10, containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

const webPods = (c: TestCluster) => c.names('Pod', 'default', (p) => p.metadata.name.startsWith('web-'));

describe('StatefulSet controller', () => {
  it('parses member names like getParentNameAndOrdinal', () => {
    expect(parentAndOrdinal('web-0')).toEqual(['web', 0]);
    expect(parentAndOrdinal('my-app-12')).toEqual(['my-app', 12]);
    expect(parentAndOrdinal('web')).toEqual(['', -1]);
    expect(parentAndOrdinal('web-x')).toEqual(['', -1]);
  });

  it('OrderedReady: creates one pod at a time, the next only once the previous is Running and Ready', () => {
    const c = new TestCluster();
    c.create(web());
    expect(webPods(c)).toEqual(['web-0']);
    expect(c.names('PersistentVolumeClaim', 'default')).toEqual(['www-web-0']);
    const p0 = c.get('Pod', 'default', 'web-0')!;
    expect(running(p0)).toBe(false);
    // web-1 does not exist while web-0 is not ready
    c.advance(500);
    expect(webPods(c)).toEqual(['web-0']);
    expect(c.until(() => running(c.get('Pod', 'default', 'web-0')!))).toBe(true);
    expect(webPods(c)).toEqual(['web-0', 'web-1']);
    expect(c.until(() => webPods(c).length === 3 && webPods(c).every((n) => running(c.get('Pod', 'default', n)!)))).toBe(true);
    expect(c.events('StatefulSet', 'web')).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('gives pods a stable identity: name, hostname, subdomain, labels, the claim volume, generateName', () => {
    const c = new TestCluster();
    c.create(web());
    c.until(() => webPods(c).length === 3);
    const pod = c.get('Pod', 'default', 'web-2')!;
    const sts = c.get(STS, 'default', 'web')!;
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.spec.hostname).toBe('web-2');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'apps.kubernetes.io/pod-index': '2',
      'controller-revision-hash': sts.status.updateRevision,
      'statefulset.kubernetes.io/pod-name': 'web-2',
    });
    expect(pod.spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const pvc = c.get('PersistentVolumeClaim', 'default', 'www-web-2')!;
    expect(pvc.metadata.labels).toEqual({ app: 'nginx' });
    expect(pvc.metadata.ownerReferences).toBeUndefined();
    expect(pvc.status.phase).toBe('Pending');
    expect(pvc.spec.resources.requests.storage).toBe('1Gi');
  });

  it('honours spec.ordinals.start', () => {
    const c = new TestCluster();
    c.create(web({ ordinals: { start: 5 } }, 2));
    c.until(() => webPods(c).length === 2 && running(c.get('Pod', 'default', 'web-6')!));
    expect(webPods(c)).toEqual(['web-5', 'web-6']);
    expect(c.get('Pod', 'default', 'web-5')!.metadata.labels!['apps.kubernetes.io/pod-index']).toBe('5');
  });

  it('Parallel: creates every pod at once', () => {
    const c = new TestCluster();
    c.create(web({ podManagementPolicy: 'Parallel' }));
    expect(webPods(c)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, one at a time, keeping the claims (Retain)', () => {
    const c = new TestCluster();
    c.create(web());
    c.until(() => webPods(c).length === 3 && webPods(c).every((n) => running(c.get('Pod', 'default', n)!)));
    c.update(STS, 'default', 'web', (o) => (o.spec.replicas = 1));
    expect(c.get('Pod', 'default', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    expect(c.get('Pod', 'default', 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    // web-1 is condemned only once web-2 is gone
    let sawOrder = true;
    c.until(() => {
      if (c.get('Pod', 'default', 'web-2') && c.get('Pod', 'default', 'web-1')?.metadata.deletionTimestamp) sawOrder = false;
      return webPods(c).length === 1;
    }, 60_000, 100);
    expect(sawOrder).toBe(true);
    expect(webPods(c)).toEqual(['web-0']);
    expect(c.names('PersistentVolumeClaim', 'default')).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    const ev = c.events('StatefulSet', 'web');
    expect(ev.slice(-2)).toEqual(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
  });

  it('recreates a deleted pod with the same name and the same claim', () => {
    const c = new TestCluster();
    c.create(web({}, 2));
    c.until(() => webPods(c).length === 2 && running(c.get('Pod', 'default', 'web-1')!));
    const oldUid = c.get('Pod', 'default', 'web-0')!.metadata.uid;
    const pvcUid = c.get('PersistentVolumeClaim', 'default', 'www-web-0')!.metadata.uid;
    c.delete('Pod', 'default', 'web-0');
    c.until(() => c.get('Pod', 'default', 'web-0')?.metadata.uid !== oldUid);
    const again = c.get('Pod', 'default', 'web-0')!;
    expect(again.metadata.uid).not.toBe(oldUid);
    expect(again.spec.volumes[0].persistentVolumeClaim.claimName).toBe('www-web-0');
    expect(c.get('PersistentVolumeClaim', 'default', 'www-web-0')!.metadata.uid).toBe(pvcUid);
  });

  it('retention policy Delete/Delete: claims owned by the set, by the pod once scaled down, and collected', () => {
    const c = new TestCluster();
    c.create(web({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' } }));
    c.until(() => webPods(c).length === 3 && webPods(c).every((n) => running(c.get('Pod', 'default', n)!)));
    const sts = c.get(STS, 'default', 'web')!;
    for (const n of ['www-web-0', 'www-web-1', 'www-web-2'])
      expect(c.get('PersistentVolumeClaim', 'default', n)!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    c.update(STS, 'default', 'web', (o) => (o.spec.replicas = 2));
    const pod2 = c.get('Pod', 'default', 'web-2')!;
    expect(c.get('PersistentVolumeClaim', 'default', 'www-web-2')!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: pod2.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    c.until(() => !c.get('Pod', 'default', 'web-2'));
    expect(c.names('PersistentVolumeClaim', 'default')).toEqual(['www-web-0', 'www-web-1']);
    c.delete(STS, 'default', 'web');
    // the claims are deleted with the set; pvc-protection holds them until their pods are gone
    expect(c.list('PersistentVolumeClaim', 'default').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(c.until(() => c.names('PersistentVolumeClaim', 'default').length === 0, 120_000)).toBe(true);
  });

  it('retention policy Retain/Delete keeps scaled-down claims but not those of a deleted set', () => {
    const c = new TestCluster();
    c.create(web({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }, 2));
    c.until(() => webPods(c).length === 2 && running(c.get('Pod', 'default', 'web-1')!));
    c.update(STS, 'default', 'web', (o) => (o.spec.replicas = 1));
    c.until(() => !c.get('Pod', 'default', 'web-1'));
    expect(c.names('PersistentVolumeClaim', 'default')).toEqual(['www-web-0', 'www-web-1']);
    c.delete(STS, 'default', 'web');
    expect(c.until(() => c.names('PersistentVolumeClaim', 'default').length === 0, 120_000)).toBe(true);
  });

  it('rolling update replaces pods from the highest ordinal down to the partition, with revisions', () => {
    const c = new TestCluster();
    c.create(web({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    c.until(() => webPods(c).length === 3 && webPods(c).every((n) => running(c.get('Pod', 'default', n)!)));
    const rev1 = c.get(STS, 'default', 'web')!.status.currentRevision;
    c.update(STS, 'default', 'web', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27.3'));
    const st = c.get(STS, 'default', 'web')!.status;
    const rev2 = st.updateRevision;
    expect(rev2).not.toBe(rev1);
    expect(c.get('Pod', 'default', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    c.until(() => c.get(STS, 'default', 'web')!.status.updatedReplicas === 2 && c.get(STS, 'default', 'web')!.status.readyReplicas === 3);
    c.advance(60_000);
    const image = (n: string) => c.get('Pod', 'default', n)!.spec.containers[0].image;
    expect([image('web-0'), image('web-1'), image('web-2')]).toEqual(['nginx:1.27', 'nginx:1.27.3', 'nginx:1.27.3']);
    const status = c.get(STS, 'default', 'web')!.status;
    expect(status).toMatchObject({ currentRevision: rev1, updateRevision: rev2, currentReplicas: 1, updatedReplicas: 2, readyReplicas: 3, replicas: 3, availableReplicas: 3, collisionCount: 0 });
    const revs = c.list('ControllerRevision.apps', 'default').map((r) => [r.metadata.name, r.revision]);
    expect(revs).toEqual(expect.arrayContaining([[rev1, 1], [rev2, 2]]));
    // lowering the partition finishes the rollout and completes it
    c.update(STS, 'default', 'web', (o) => (o.spec.updateStrategy.rollingUpdate.partition = 0));
    c.until(() => c.get(STS, 'default', 'web')!.status.currentRevision === rev2);
    expect(image('web-0')).toBe('nginx:1.27.3');
  });

  it('OnDelete: new template only for pods that are deleted', () => {
    const c = new TestCluster();
    c.create(web({ updateStrategy: { type: 'OnDelete' } }, 2));
    c.until(() => webPods(c).length === 2 && running(c.get('Pod', 'default', 'web-1')!));
    c.update(STS, 'default', 'web', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27.3'));
    c.advance(30_000);
    expect(c.get('Pod', 'default', 'web-1')!.spec.containers[0].image).toBe('nginx:1.27');
    c.delete('Pod', 'default', 'web-1');
    c.until(() => c.get('Pod', 'default', 'web-1')?.spec.containers[0].image === 'nginx:1.27.3');
    expect(c.get('Pod', 'default', 'web-0')!.spec.containers[0].image).toBe('nginx:1.27');
  });

  it('adopts an orphaned pod whose name and labels say it is a member', () => {
    const c = new TestCluster();
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
    const set = web({ volumeClaimTemplates: [] }, 1);
    delete set.spec.template.spec.containers[0].volumeMounts;
    c.create(set);
    expect(c.get('Pod', 'default', 'web-0')!.metadata.ownerReferences?.[0]?.kind).toBe('StatefulSet');
    // once it runs, its identity labels are restored by an update
    expect(c.until(() => c.get('Pod', 'default', 'web-0')?.metadata.labels?.['statefulset.kubernetes.io/pod-name'] === 'web-0')).toBe(true);
    expect(c.events('StatefulSet', 'web')).toContain('SuccessfulUpdate: update Pod web-0 in StatefulSet web successful');
    // it had no revision label: the rolling update then replaces it with a pod of the current revision
    expect(c.until(() => c.get('Pod', 'default', 'web-0')?.metadata.labels?.['controller-revision-hash'] === c.get(STS, 'default', 'web')!.status.updateRevision)).toBe(true);
  });

  it('names revisions <set>-<hash>: FNV-1 over the patch (as Go marshals it) and the collision count', () => {
    const patch = templatePatch({ metadata: { labels: { app: 'a' } }, spec: {} });
    expect(goJson(patch)).toBe('{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"a"}},"spec":{}}}}');
    expect(goJson({ s: '<a&b>' })).toBe('{"s":"\\u003ca\\u0026b\\u003e"}');
    // FNV-1 (multiply, then xor) of "a" is 0x050c5d7e
    expect(fnv1_32('a')).toBe(0x050c5d7e);
    const h = hashControllerRevision(patch, 0);
    expect(h).toMatch(/^[4-9bcdf]+$/);
    expect(hashControllerRevision(patch, 1)).not.toBe(h);
  });
});
