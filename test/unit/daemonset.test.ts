import { describe, expect, it } from 'vitest';
import { TestCluster, running } from './helpers/cluster';
import type { KObject } from '../../src/api/types';
import { addDaemonPodTolerations, nodeShouldRunDaemonPod, targetNodeName } from '../../src/controllers/daemonset';

const DS = 'DaemonSet.apps';

function fluentd(spec: Record<string, unknown> = {}, templateSpec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluentd', namespace: 'default' },
    spec: {
      selector: { matchLabels: { name: 'fluentd' } },
      template: { metadata: { labels: { name: 'fluentd' } }, spec: { containers: [{ name: 'fluentd', image: 'nginx:1.27' }], ...templateSpec } },
      ...spec,
    },
  };
}

const dsPods = (c: TestCluster) => c.list('Pod', 'default').filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet');
const nodesOf = (c: TestCluster) => dsPods(c).filter((p) => !p.metadata.deletionTimestamp).map((p) => targetNodeName(p)).sort();
const allRunning = (c: TestCluster) => dsPods(c).length > 0 && dsPods(c).every(running);

describe('DaemonSet controller', () => {
  it('runs one pod per schedulable node, leaving the tainted control plane out', () => {
    const c = new TestCluster();
    c.create(fluentd());
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2']);
    c.until(() => allRunning(c));
    expect(dsPods(c).map((p) => p.spec.nodeName).sort()).toEqual(['worker-1', 'worker-2']);
    const st = c.get(DS, 'default', 'fluentd')!.status;
    expect(st).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
    expect(c.events('DaemonSet', 'fluentd').every((e) => /^SuccessfulCreate: Created pod: fluentd-[a-z0-9]{5}$/.test(e))).toBe(true);
  });

  it('runs on the control plane when its taint is tolerated', () => {
    const c = new TestCluster();
    c.create(fluentd({}, { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(nodesOf(c)).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  it('pins each pod to its node and adds the standard DaemonSet tolerations and labels', () => {
    const c = new TestCluster();
    c.create(fluentd({}, { hostNetwork: true }));
    const pod = dsPods(c).find((p) => targetNodeName(p) === 'worker-1')!;
    expect(pod.metadata.generateName).toBe('fluentd-');
    expect(pod.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }] } } });
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const ds = c.get(DS, 'default', 'fluentd')!;
    const cr = c.list('ControllerRevision.apps', 'default')[0]!;
    expect(cr.metadata.name).toBe(`fluentd-${pod.metadata.labels!['controller-revision-hash']}`);
    expect(cr.revision).toBe(1);
    expect(pod.metadata.labels).toEqual({ name: 'fluentd', 'controller-revision-hash': cr.metadata.labels!['controller-revision-hash'], 'pod-template-generation': '1' });
    expect(ds.metadata.annotations!['deprecated.daemonset.template.generation']).toBe('1');
  });

  it('without hostNetwork there is no network-unavailable toleration; existing ones are kept first', () => {
    const spec: { tolerations?: { key?: string; operator?: string; effect?: string }[]; hostNetwork?: boolean } = { tolerations: [{ operator: 'Exists' }] };
    addDaemonPodTolerations(spec);
    expect(spec.tolerations!.map((t) => t.key ?? '*')).toEqual(['*', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable']);
  });

  it('honours nodeSelector and node affinity (matchExpressions)', () => {
    const c = new TestCluster();
    c.update('Node', undefined, 'worker-2', (n) => (n.metadata.labels!.disktype = 'ssd'));
    c.create(fluentd({}, { nodeSelector: { disktype: 'ssd' } }));
    expect(nodesOf(c)).toEqual(['worker-2']);
    const node = (name: string) => c.get('Node', undefined, name)!;
    const withAffinity = (op: string, values?: string[]) =>
      fluentd({}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: op, ...(values ? { values } : {}) }] }] } } } });
    expect(nodeShouldRunDaemonPod(node('worker-1'), withAffinity('NotIn', ['ssd']))).toEqual([true, true]);
    expect(nodeShouldRunDaemonPod(node('worker-2'), withAffinity('NotIn', ['ssd']))).toEqual([false, false]);
    expect(nodeShouldRunDaemonPod(node('worker-2'), withAffinity('Exists'))).toEqual([true, true]);
    expect(nodeShouldRunDaemonPod(node('worker-1'), withAffinity('DoesNotExist'))).toEqual([true, true]);
    expect(nodeShouldRunDaemonPod(node('worker-1'), withAffinity('In', ['ssd', 'nvme']))).toEqual([false, false]);
    // a NoExecute taint stops new pods and existing ones; NoSchedule only new ones
    const tainted = { ...node('worker-1'), spec: { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } };
    expect(nodeShouldRunDaemonPod(tainted, fluentd())).toEqual([false, true]);
    tainted.spec.taints[0]!.effect = 'NoExecute';
    expect(nodeShouldRunDaemonPod(tainted, fluentd())).toEqual([false, false]);
  });

  it('adds a pod when a node joins and removes it (pod GC) once the node is gone', () => {
    const c = new TestCluster();
    c.create(fluentd());
    c.until(() => allRunning(c));
    c.addNode({ name: 'worker-3' });
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    c.until(() => allRunning(c) && dsPods(c).length === 3);
    expect(c.get(DS, 'default', 'fluentd')!.status.desiredNumberScheduled).toBe(3);
    c.delete('Node', undefined, 'worker-3');
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    // the pod GC notices the missing node at its next 20 s round and waits out the 40 s quarantine
    c.advance(60_000);
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2']);
    expect(c.get(DS, 'default', 'fluentd')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2 });
  });

  it('deletes the pod of a node that stops matching (misscheduled until then)', () => {
    const c = new TestCluster();
    c.update('Node', undefined, 'worker-1', (n) => (n.metadata.labels!.logging = 'on'));
    c.update('Node', undefined, 'worker-2', (n) => (n.metadata.labels!.logging = 'on'));
    c.create(fluentd({}, { nodeSelector: { logging: 'on' } }));
    c.until(() => allRunning(c));
    c.update('Node', undefined, 'worker-2', (n) => delete n.metadata.labels!.logging);
    expect(nodesOf(c)).toEqual(['worker-1']);
  });

  it('rolling update with maxUnavailable 1 replaces one node at a time and bumps the template generation', () => {
    const c = new TestCluster();
    c.create(fluentd());
    c.until(() => allRunning(c));
    c.update(DS, 'default', 'fluentd', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27.3'));
    const ds = c.get(DS, 'default', 'fluentd')!;
    expect(ds.metadata.annotations!['deprecated.daemonset.template.generation']).toBe('2');
    expect(ds.metadata.generation).toBe(2);
    expect(dsPods(c).filter((p) => p.metadata.deletionTimestamp).length).toBe(1);
    c.until(() => allRunning(c) && dsPods(c).every((p) => p.spec.containers[0].image === 'nginx:1.27.3') && dsPods(c).length === 2);
    expect(dsPods(c).every((p) => p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    expect(c.list('ControllerRevision.apps', 'default').map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(c.get(DS, 'default', 'fluentd')!.status).toMatchObject({ updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 2 });
  });

  it('rolling update with maxSurge starts the new pod before the old one goes', () => {
    const c = new TestCluster();
    c.create(fluentd({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }));
    c.until(() => allRunning(c));
    c.update(DS, 'default', 'fluentd', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27.3'));
    expect(dsPods(c).length).toBe(3);
    expect(dsPods(c).filter((p) => p.metadata.deletionTimestamp).length).toBe(0);
    c.until(() => dsPods(c).length === 2 && allRunning(c) && dsPods(c).every((p) => p.spec.containers[0].image === 'nginx:1.27.3'));
  });

  it('OnDelete leaves running pods alone until they are deleted', () => {
    const c = new TestCluster();
    c.create(fluentd({ updateStrategy: { type: 'OnDelete' } }));
    c.until(() => allRunning(c));
    c.update(DS, 'default', 'fluentd', (o) => (o.spec.template.spec.containers[0].image = 'nginx:1.27.3'));
    c.advance(30_000);
    expect(dsPods(c).map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.27', 'nginx:1.27']);
    expect(c.get(DS, 'default', 'fluentd')!.status.updatedNumberScheduled).toBeUndefined();
    const victim = dsPods(c)[0]!;
    c.delete('Pod', 'default', victim.metadata.name);
    c.until(() => dsPods(c).length === 2 && allRunning(c) && dsPods(c).some((p) => p.spec.containers[0].image === 'nginx:1.27.3'));
    expect(c.get(DS, 'default', 'fluentd')!.status.updatedNumberScheduled).toBe(1);
  });

  it('runs kube-proxy of the default cluster: one Running pod per node after bootstrap', () => {
    const c = new TestCluster();
    const pods = c.list('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(pods.every(running)).toBe(true);
    expect(c.get(DS, 'kube-system', 'kube-proxy')!.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3 });
  });
});
