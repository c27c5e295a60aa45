import { describe, expect, it } from 'vitest';
import { testCluster } from './support/cluster';
import type { KObject } from '../../src/api/types';
import { findMatchingVolume } from '../../src/controllers/volumeutil';
import { fitErrorMessage, unresolvable, type Status } from '../../src/scheduler/framework';

const pv = (name: string, size: string, extra: Record<string, unknown> = {}, labels?: Record<string, string>): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/srv/${name}` }, ...extra },
});
const pvc = (name: string, size: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...extra },
});
const pod = (name: string, claim: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] },
});

describe('storage admission', () => {
  it('gives class-less claims the default class and protects claims and volumes', () => {
    const c = testCluster();
    const [claim, explicit, volume] = c.apply(pvc('a', '1Gi'), pvc('b', '1Gi', { storageClassName: '' }), pv('v', '1Gi'));
    expect(claim!.spec.storageClassName).toBe('standard');
    expect(explicit!.spec.storageClassName).toBe('');
    expect(claim!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(volume!.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(volume!.spec.persistentVolumeReclaimPolicy).toBe('Retain');
  });
});

describe('static binding', () => {
  it('binds the smallest Available volume that fits, and marks both sides', () => {
    const c = testCluster();
    c.apply(pv('big', '10Gi', { storageClassName: '' }), pv('small', '2Gi'), pv('tiny', '500Mi'));
    c.apply(pvc('claim', '1Gi', { storageClassName: '' }));
    const claim = c.get('PersistentVolumeClaim', 'default', 'claim')!;
    expect(claim.spec.volumeName).toBe('small');
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(claim.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const v = c.get('PersistentVolume', undefined, 'small')!;
    expect(v.status.phase).toBe('Bound');
    expect(v.spec.claimRef).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'claim', namespace: 'default', uid: claim.metadata.uid });
    expect(v.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(c.get('PersistentVolume', undefined, 'tiny')!.status.phase).toBe('Available');
  });

  it('honours the selector, access modes and the class', () => {
    const volumes = [
      { ...pv('rwx', '5Gi', { accessModes: ['ReadWriteMany'] }), status: { phase: 'Available' } },
      { ...pv('fast', '5Gi', { storageClassName: 'fast' }), status: { phase: 'Available' } },
      { ...pv('labelled', '5Gi', {}, { tier: 'gold' }), status: { phase: 'Available' } },
    ];
    const claim = (spec: Record<string, unknown>) => ({ ...pvc('x', '1Gi', { storageClassName: '', ...spec }), metadata: { name: 'x', namespace: 'default', uid: 'u' } });
    expect(findMatchingVolume(claim({ accessModes: ['ReadWriteMany'] }), volumes, undefined, false)?.metadata.name).toBe('rwx');
    expect(findMatchingVolume(claim({ storageClassName: 'fast' }), volumes, undefined, false)?.metadata.name).toBe('fast');
    expect(findMatchingVolume(claim({ selector: { matchLabels: { tier: 'gold' } } }), volumes, undefined, false)?.metadata.name).toBe('labelled');
    expect(findMatchingVolume(claim({ resources: { requests: { storage: '6Gi' } } }), volumes, undefined, false)).toBeUndefined();
  });

  it('leaves a claim nothing fits Pending and repeats FailedBinding on every 15 s resync', () => {
    const c = testCluster();
    const [claim] = c.apply(pvc('big', '1Ti', { storageClassName: '' }));
    c.advance(31_000);
    expect(c.get('PersistentVolumeClaim', 'default', 'big')!.status.phase).toBe('Pending');
    const ev = c.ctx.store.list('Event').find((e) => e.involvedObject.uid === claim!.metadata.uid)!;
    expect(ev.reason).toBe('FailedBinding');
    expect(ev.message).toBe('no persistent volumes available for this claim and no storage class is set');
    expect(ev.count).toBe(3);
    // a volume that fits is picked up at the next resync
    c.apply(pv('huge', '2Ti'));
    c.advance(15_000);
    expect(c.get('PersistentVolumeClaim', 'default', 'big')!.status.phase).toBe('Bound');
  });

  it('Retain leaves a Released volume; a deleted volume leaves the claim Lost', () => {
    const c = testCluster();
    c.apply(pv('keep', '1Gi'), pvc('k', '1Gi', { storageClassName: '' }));
    c.ctx.api.delete('PersistentVolumeClaim', 'default', 'k');
    c.ctx.loop.runUntilQuiet();
    expect(c.get('PersistentVolume', undefined, 'keep')!.status.phase).toBe('Released');
    c.apply(pv('gone', '1Gi'), pvc('l', '1Gi', { storageClassName: '' }));
    // a bound volume is protected until its claim is gone
    c.ctx.api.delete('PersistentVolume', undefined, 'gone');
    c.ctx.loop.runUntilQuiet();
    expect(c.get('PersistentVolume', undefined, 'gone')!.metadata.deletionTimestamp).toBeDefined();
    c.ctx.api.removeFinalizer('PersistentVolume', c.get('PersistentVolume', undefined, 'gone')!, 'kubernetes.io/pv-protection');
    c.ctx.loop.runUntilQuiet();
    const l = c.get('PersistentVolumeClaim', 'default', 'l')!;
    expect(l.status.phase).toBe('Lost');
    expect(c.events(l)).toContain('ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  });
});

describe('dynamic provisioning with WaitForFirstConsumer (kind’s standard class)', () => {
  it('waits for a pod, provisions on its node, binds, then schedules the pod', () => {
    const c = testCluster();
    const [claim] = c.apply(pvc('data', '10Mi'));
    expect(c.events(claim!)).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    c.apply(pod('writer', 'data'));
    let p = c.get('Pod', 'default', 'writer')!;
    expect(p.spec.nodeName).toBeUndefined();
    const selected = c.get('PersistentVolumeClaim', 'default', 'data')!.metadata.annotations!['volume.kubernetes.io/selected-node'];
    expect(selected).toMatch(/^worker-/);
    c.advance(2_000);
    const bound = c.get('PersistentVolumeClaim', 'default', 'data')!;
    const name = `pvc-${bound.metadata.uid}`;
    expect(bound.spec.volumeName).toBe(name);
    expect(bound.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': selected,
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    const v = c.get('PersistentVolume', undefined, name)!;
    expect(v.metadata.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(v.spec).toMatchObject({
      capacity: { storage: '10Mi' },
      hostPath: { path: `/var/local-path-provisioner/${name}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selected] }] }] } },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
    });
    p = c.get('Pod', 'default', 'writer')!;
    expect(p.spec.nodeName).toBe(selected);
    const evs = c.events(bound).map((e) => e.split(':')[0]);
    expect(evs).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  });

  it('the claim is kept while a pod uses it, then the Delete policy removes the volume', () => {
    const c = testCluster();
    c.apply(pvc('data', '10Mi'), pod('user', 'data'));
    c.advance(10_000);
    const name = c.get('PersistentVolumeClaim', 'default', 'data')!.spec.volumeName;
    c.ctx.api.delete('PersistentVolumeClaim', 'default', 'data');
    c.ctx.loop.runUntilQuiet();
    expect(c.get('PersistentVolumeClaim', 'default', 'data')!.metadata.deletionTimestamp).toBeDefined();
    c.ctx.api.delete('Pod', 'default', 'user');
    c.advance(35_000);
    expect(c.get('PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
    expect(c.get('PersistentVolume', undefined, name)).toBeUndefined();
  });

  it('local-path cannot provision ReadWriteMany', () => {
    const c = testCluster();
    const [claim] = c.apply(pvc('shared', '10Mi', { accessModes: ['ReadWriteMany'] }), pod('rwx', 'shared'));
    c.advance(5_000);
    expect(c.events(claim!)).toContain('ProvisioningFailed: failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    expect(c.get('Pod', 'default', 'rwx')!.spec.nodeName).toBeUndefined();
  });

  it('a class of an external provisioner that is not running waits with ExternalProvisioning', () => {
    const c = testCluster();
    c.apply({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'ebs' }, provisioner: 'ebs.csi.aws.com' });
    const [claim] = c.apply(pvc('cloud', '1Gi', { storageClassName: 'ebs' }));
    expect(c.events(claim!)).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
    expect(c.get('PersistentVolumeClaim', 'default', 'cloud')!.status.phase).toBe('Pending');
  });
});

describe('scheduling pods with claims', () => {
  it('explains unbound immediate claims and missing claims the way the scheduler does', () => {
    const c = testCluster();
    c.apply(pvc('pending', '1Ti', { storageClassName: '' }), pod('a', 'pending'), pod('b', 'nope'));
    const msg = (name: string) => c.get('Pod', 'default', name)!.status.conditions.find((x: { type: string }) => x.type === 'PodScheduled').message;
    expect(msg('a')).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(msg('b')).toBe('0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it('keeps pods with bound local volumes on the volume’s node', () => {
    const c = testCluster();
    c.apply(
      pv('pinned', '1Gi', { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-2'] }] }] } } }),
      pvc('p', '1Gi', { storageClassName: '' }),
      pod('on2', 'p'),
    );
    expect(c.get('Pod', 'default', 'on2')!.spec.nodeName).toBe('worker-2');
  });

  it('formats the node-affinity conflict as a filter reason', () => {
    const taint = unresolvable('TaintToleration', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
    const conflict = unresolvable('VolumeBinding', 'node(s) had volume node affinity conflict');
    const statuses = new Map<string, Status>([
      ['control-plane', taint],
      ['worker-1', conflict],
      ['worker-2', conflict],
    ]);
    expect(fitErrorMessage(3, { statuses, postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' })).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('rejects the other nodes of a bound local volume in the scheduler (VolumeBinding after NodeAffinity)', () => {
    const c = testCluster();
    const elsewhere = pod('on1', 'p');
    elsewhere.spec.nodeSelector = { 'kubernetes.io/hostname': 'worker-1' };
    c.apply(
      pv('pinned', '1Gi', { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-2'] }] }] } } }),
      pvc('p', '1Gi', { storageClassName: '' }),
      elsewhere,
    );
    const got = c.get('Pod', 'default', 'on1')!;
    expect(got.spec.nodeName).toBeUndefined();
    expect(got.status.conditions.find((x: { type: string }) => x.type === 'PodScheduled').message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
});
