// The controllers around nodes: the taint manager (NoExecute eviction), the NoSchedule tainting of
// cordoned nodes, the pod garbage collector, the disruption controller, and the eviction subresource.
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';
import { matchingTolerations, minTolerationMs } from '../../src/controllers/tainteviction';
import { evictPod, TooManyRequestsError } from '../../src/api/eviction';
import { protoLabelSelector } from '../../src/controllers/disruption';
import { KubeError } from '../../src/api/errors';
import { simCluster, node, pod, apply, advance, get, eventsOf } from './simcluster';

let s: Session;
afterEach(() => s?.close());

function setTaints(name: string, taints: unknown[]): void {
  const n = JSON.parse(JSON.stringify(s.store.get('Node', undefined, name)));
  n.spec.taints = taints;
  s.ctx.api.update(n);
  s.settle();
}

function taintEvents(name: string): string[] {
  return s.store
    .list('Event', 'default')
    .filter((e) => e.involvedObject?.name === name && e.reason === 'TaintManagerEviction')
    .map((e) => `${e.lastTimestamp} ${e.message}`);
}

describe('taint eviction controller', () => {
  it('GetMatchingTolerations and the shortest tolerationSeconds', () => {
    const taints = [{ key: 'a', effect: 'NoExecute' }, { key: 'b', effect: 'NoExecute' }] as never[];
    expect(matchingTolerations(taints, [{ key: 'a', operator: 'Exists' }] as never[])[0]).toBe(false);
    const [ok, used] = matchingTolerations(taints, [{ key: 'a', operator: 'Exists', tolerationSeconds: 60 }, { operator: 'Exists', tolerationSeconds: 30 }] as never[]);
    expect(ok).toBe(true);
    expect(minTolerationMs(used)).toBe(30_000);
    expect(minTolerationMs([{ operator: 'Exists' }] as never[])).toBe(-1);
    expect(minTolerationMs([{ operator: 'Exists', tolerationSeconds: 0 }] as never[])).toBe(0);
  });

  it('evicts intolerant pods at once and tolerating ones after tolerationSeconds; never the ones tolerating forever', () => {
    s = simCluster({ workers: 1 });
    apply(
      s,
      pod('plain', { nodeName: 'worker-1' }, { ownerReferences: [] }),
      pod('patient', { nodeName: 'worker-1', tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }),
      pod('forever', { nodeName: 'worker-1', tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoExecute' }] }),
    );
    advance(s, 5000);
    setTaints('worker-1', [{ key: 'maintenance', value: 'now', effect: 'NoExecute' }]);
    expect(get(s, 'plain').metadata.deletionTimestamp).toBeDefined();
    expect(get(s, 'plain').status.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }));
    expect(taintEvents('plain')).toEqual(['2026-01-01T00:00:05Z Marking for deletion Pod default/plain']);
    expect(get(s, 'patient').metadata.deletionTimestamp).toBeUndefined();
    advance(s, 59_000);
    expect(get(s, 'patient').metadata.deletionTimestamp).toBeUndefined();
    advance(s, 1000);
    expect(get(s, 'patient').metadata.deletionTimestamp).toBe('2026-01-01T00:01:35Z');
    expect(taintEvents('patient')).toEqual(['2026-01-01T00:01:05Z Marking for deletion Pod default/patient']);
    advance(s, 600_000);
    expect(get(s, 'forever').metadata.deletionTimestamp).toBeUndefined();
    // the events name the pod without its uid, so describe (which selects by uid) does not list them
    const ev = s.store.list('Event', 'default').find((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === 'plain')!;
    expect(ev.involvedObject).toEqual({ apiVersion: 'v1', kind: 'Pod', name: 'plain', namespace: 'default' });
    expect(ev.source).toEqual({ component: 'taint-eviction-controller' });
  });

  it('cancels a pending eviction when the taint goes away', () => {
    s = simCluster({ workers: 1 });
    apply(s, pod('patient', { nodeName: 'worker-1', tolerations: [{ key: 'm', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    setTaints('worker-1', [{ key: 'm', effect: 'NoExecute' }]);
    advance(s, 10_000);
    setTaints('worker-1', []);
    advance(s, 120_000);
    expect(get(s, 'patient').metadata.deletionTimestamp).toBeUndefined();
    expect(taintEvents('patient')).toEqual(['2026-01-01T00:00:10Z Cancelling deletion of Pod default/patient']);
  });

  it('a deletion that ran is not cancelled with an event when the pod goes or the taint is removed (CancelWork returns false for a fired worker)', () => {
    s = simCluster({ workers: 1 });
    apply(s, pod('plain', { nodeName: 'worker-1' }));
    setTaints('worker-1', [{ key: 'm', effect: 'NoExecute' }]);
    advance(s, 60_000);
    expect(get(s, 'plain')).toBeUndefined();
    setTaints('worker-1', []);
    expect(taintEvents('plain')).toEqual(['2026-01-01T00:00:00Z Marking for deletion Pod default/plain']);
  });

  it('a scheduled deletion keeps its time when a later taint is tolerated for less (processPodOnNode keeps existing work)', () => {
    s = simCluster({ workers: 1 });
    const tolerations = [
      { key: 'm', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 120 },
      { key: 'n', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
    ];
    apply(s, pod('patient', { nodeName: 'worker-1', tolerations }));
    setTaints('worker-1', [{ key: 'm', effect: 'NoExecute' }]);
    advance(s, 30_000);
    setTaints('worker-1', [{ key: 'm', effect: 'NoExecute' }, { key: 'n', effect: 'NoExecute' }]);
    advance(s, 89_000);
    expect(get(s, 'patient').metadata.deletionTimestamp).toBeUndefined();
    advance(s, 1000);
    expect(get(s, 'patient').metadata.deletionTimestamp).toBeDefined();
    expect(taintEvents('patient')).toEqual(['2026-01-01T00:02:00Z Marking for deletion Pod default/patient']);
  });
});

describe('node lifecycle: NoSchedule taints', () => {
  it('puts node.kubernetes.io/unschedulable on a cordoned node (timeAdded, after the others) and removes it on uncordon', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a', { taints: [{ key: 'x', effect: 'NoSchedule' }] })] });
    const n = JSON.parse(JSON.stringify(s.store.get('Node', undefined, 'a')));
    n.spec.unschedulable = true;
    s.ctx.api.update(n);
    s.settle();
    expect(s.store.get('Node', undefined, 'a')!.spec.taints).toEqual([
      { effect: 'NoSchedule', key: 'x' },
      { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: '2026-01-01T00:00:00Z' },
    ]);
    const m = JSON.parse(JSON.stringify(s.store.get('Node', undefined, 'a')));
    delete m.spec.unschedulable;
    s.ctx.api.update(m);
    s.settle();
    expect(s.store.get('Node', undefined, 'a')!.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'x' }]);
  });

  it('puts the unschedulable taint back when someone removes it from a cordoned node (every node update is a NoSchedule pass)', () => {
    s = simCluster({ workers: 1 });
    const n = JSON.parse(JSON.stringify(s.store.get('Node', undefined, 'worker-1')));
    n.spec.unschedulable = true;
    s.ctx.api.update(n);
    s.settle();
    advance(s, 5000);
    setTaints('worker-1', []);
    expect(s.store.get('Node', undefined, 'worker-1')!.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: '2026-01-01T00:00:05Z' }]);
  });

  it('maps a NotReady condition to node.kubernetes.io/not-ready:NoSchedule', () => {
    s = simCluster({ workers: 1 });
    const n = JSON.parse(JSON.stringify(s.store.get('Node', undefined, 'worker-1')));
    n.status.conditions = n.status.conditions.map((c: { type: string; status: string }) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c));
    s.store.put('Node', n);
    s.settle();
    expect(s.store.get('Node', undefined, 'worker-1')!.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable', timeAdded: '2026-01-01T00:00:00Z' }]);
  });
});

describe('pod garbage collector', () => {
  it('deletes the pods of a deleted node after the 40 s quarantine (marked Failed, DisruptionTarget DeletionByPodGC); the ReplicaSet replaces them', () => {
    s = simCluster({ workers: 2 });
    apply(s, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'r' } }, template: { metadata: { labels: { app: 'r' } }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [{ name: 'c', image: 'nginx' }] } } },
    } as KObject);
    advance(s, 5000);
    const first = s.store.list('Pod', 'default')[0]!;
    expect(first.spec.nodeName).toBe('worker-1');
    const seen: KObject[] = [];
    s.store.watch((ev) => {
      if (ev.gk === 'Pod' && ev.type === 'DELETED' && ev.obj.metadata.name === first.metadata.name) seen.push(ev.obj);
    });
    s.ctx.api.delete('Node', undefined, 'worker-1');
    s.settle();
    advance(s, 30_000);
    expect(get(s, first.metadata.name)).toBeDefined();
    advance(s, 30_000);
    expect(get(s, first.metadata.name)).toBeUndefined();
    expect(seen[0]!.status.phase).toBe('Failed');
    expect(seen[0]!.status.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }));
    // the replacement cannot go anywhere (its selector names the gone node)
    const again = s.store.list('Pod', 'default');
    expect(again).toHaveLength(1);
    expect(again[0]!.spec.nodeName).toBeUndefined();
  });
});

describe('pod garbage collector: orphans found by pods', () => {
  it('collects a pod bound to a node that does not exist, after the quarantine counted from the gc pass that found it', () => {
    s = simCluster({ workers: 1 });
    advance(s, 5000);
    apply(s, pod('lost', { nodeName: 'ghost' }));
    // found by the pass at 00:00:20, deleted by the pass at 00:01:00
    advance(s, 54_000);
    expect(get(s, 'lost')).toBeDefined();
    advance(s, 1000);
    expect(get(s, 'lost')).toBeUndefined();
  });

  it('spares the pods of a node that comes back within the quarantine', () => {
    s = simCluster({ workers: 1 });
    apply(s, pod('kept', { nodeName: 'worker-1' }));
    const n = JSON.parse(JSON.stringify(s.store.get('Node', undefined, 'worker-1')));
    s.ctx.api.delete('Node', undefined, 'worker-1');
    s.settle();
    advance(s, 20_000);
    delete n.metadata.resourceVersion;
    delete n.metadata.uid;
    delete n.metadata.creationTimestamp;
    s.ctx.api.create(n);
    s.settle();
    advance(s, 120_000);
    expect(get(s, 'kept').metadata.deletionTimestamp).toBeUndefined();
  });
});

function pdb(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } } as KObject;
}

function deployment(replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  } as KObject;
}

describe('disruption controller and the eviction subresource', () => {
  it('fills the status: expected, desired and current healthy, allowed disruptions, the DisruptionAllowed condition', () => {
    s = simCluster({ workers: 2 });
    apply(s, deployment(3), pdb({ minAvailable: 2 }));
    expect(s.store.get('PodDisruptionBudget.policy', 'default', 'pdb')!.status).toEqual({
      conditions: [{ lastTransitionTime: '2026-01-01T00:00:00Z', message: '', observedGeneration: 1, reason: 'InsufficientPods', status: 'False', type: 'DisruptionAllowed' }],
      currentHealthy: 0,
      desiredHealthy: 2,
      disruptionsAllowed: 0,
      expectedPods: 3,
      observedGeneration: 1,
    });
    advance(s, 10_000);
    expect(s.store.get('PodDisruptionBudget.policy', 'default', 'pdb')!.status).toEqual({
      conditions: [{ lastTransitionTime: expect.any(String), message: '', observedGeneration: 1, reason: 'SufficientPods', status: 'True', type: 'DisruptionAllowed' }],
      currentHealthy: 3,
      desiredHealthy: 2,
      disruptionsAllowed: 1,
      expectedPods: 3,
      observedGeneration: 1,
    });
  });

  it('maxUnavailable and percentages use the owning Deployment’s scale', () => {
    s = simCluster({ workers: 2 });
    apply(s, deployment(4), pdb({ maxUnavailable: '30%' }));
    advance(s, 10_000);
    const st = s.store.get('PodDisruptionBudget.policy', 'default', 'pdb')!.status;
    expect([st.expectedPods, st.desiredHealthy, st.disruptionsAllowed]).toEqual([4, 2, 2]);
  });

  it('an eviction decrements the budget and records the pod; at zero it answers 429', () => {
    s = simCluster({ workers: 2 });
    apply(s, deployment(3), pdb({ minAvailable: 2 }));
    advance(s, 10_000);
    const pods = s.store.list('Pod', 'default').map((p) => p.metadata.name);
    evictPod(s.ctx.api, 'default', pods[0]!);
    const st = s.store.get('PodDisruptionBudget.policy', 'default', 'pdb')!.status;
    expect(st.disruptionsAllowed).toBe(0);
    expect(st.disruptedPods).toEqual({ [pods[0]!]: '2026-01-01T00:00:10Z' });
    expect(get(s, pods[0]!).status.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }));
    let err: unknown;
    try {
      evictPod(s.ctx.api, 'default', pods[1]!);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect((err as KubeError).render()).toBe("Error from server (TooManyRequests): Cannot evict pod as it would violate the pod's disruption budget.");
    expect(get(s, pods[1]!).metadata.deletionTimestamp).toBeUndefined();
    // the replacement becomes Ready and the budget opens again
    advance(s, 10_000);
    expect(s.store.get('PodDisruptionBudget.policy', 'default', 'pdb')!.status.disruptionsAllowed).toBe(1);
    evictPod(s.ctx.api, 'default', pods[1]!);
    expect(get(s, pods[1]!).metadata.deletionTimestamp).toBeDefined();
  });

  it('Pending pods are deleted without asking the budget; unknown pods are NotFound', () => {
    s = simCluster({ workers: 1 });
    apply(s, pdb({ minAvailable: 5 }), pod('pending', { nodeSelector: { nowhere: 'x' } }, { labels: { app: 'web' } }));
    evictPod(s.ctx.api, 'default', 'pending');
    expect(get(s, 'pending')).toBeUndefined();
    expect(() => evictPod(s.ctx.api, 'default', 'ghost')).toThrow('pods "ghost" not found');
  });

  it('the UnmanagedPods warning prints the selector as %v of *metav1.LabelSelector', () => {
    expect(protoLabelSelector({ matchLabels: { app: 'web', tier: 'fe' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{app: web,tier: fe,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[a b],},},}',
    );
    s = simCluster({ workers: 1 });
    apply(s, pdb({ maxUnavailable: 1 }), pod('bare', {}, { labels: { app: 'web' } }));
    expect(eventsOf(s, 'pdb', 'UnmanagedPods')).toEqual([
      'UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    ]);
  });
});
