// Node heartbeats, the node lifecycle controller, taint eviction and pod GC.
import { afterEach, describe, expect, it } from 'vitest';
import { lastRenewal, startNode, stopNode } from '../../src/kubelet/heartbeat';
import { monitorTickAtOrAfter, zoneKey } from '../../src/controllers/nodelifecycle';
import { SimCluster, deployment, pod } from './sim-helper';
import type { KObject } from '../../src/api/types';

const ready = (n: KObject | undefined) => n?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready');
const taints = (n: KObject | undefined) => (n?.spec?.taints ?? []).map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`).sort();

describe('node lifecycle', () => {
  let c: SimCluster;
  afterEach(() => c?.cleanup());

  it('derives lease renewals every 10 s and writes them out when time comes to rest', () => {
    c = new SimCluster();
    c.advance(37_000);
    const { renew, lease, beat } = c.do((s) => ({
      renew: lastRenewal(s.ctx, 'worker-1'),
      lease: s.store.get('Lease.coordination.k8s.io', 'kube-node-lease', 'worker-1')!,
      beat: ready(s.store.get('Node', undefined, 'worker-1'))!.lastHeartbeatTime,
    }));
    expect(renew % 10_000).toBe(0);
    expect(c.now() - renew).toBeLessThan(10_000);
    expect(lease.spec.renewTime).toBe(new Date(renew).toISOString().replace('.000Z', '.000000Z'));
    // node status is reported every 5 minutes when nothing changes (the last post was at
    // registration or when the node's image list last changed)
    expect(Date.parse(beat)).toBeLessThanOrEqual(c.now());
    expect(Date.parse(beat)).toBeGreaterThanOrEqual(Date.parse('2025-12-31T23:59:00Z'));
    c.advance(5 * 60_000);
    const next = new Date(Date.parse(beat) + 5 * 60_000).toISOString().replace('.000Z', 'Z');
    expect(ready(c.get('Node', undefined, 'worker-1'))!.lastHeartbeatTime).toBe(next);
  });

  it('a stopped kubelet: NotReady (Unknown) 40-50 s later, unreachable taints, pods not ready, evicted after 300 s', () => {
    c = new SimCluster();
    c.apply(deployment('web', 4, { image: 'nginx:1.27' }));
    c.advance(20_000);
    const onW1 = () => c.pods().filter((p) => p.spec.nodeName === 'worker-1');
    expect(onW1().length).toBeGreaterThan(0);
    const stoppedAt = c.now();
    c.do((s) => stopNode(s.ctx, 'worker-1'));
    // still Ready for the grace period
    c.advance(40_000);
    expect(ready(c.get('Node', undefined, 'worker-1'))!.status).toBe('True');
    c.advance(10_000);
    const node = c.get('Node', undefined, 'worker-1')!;
    expect(ready(node)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const notReadyAt = Date.parse(ready(node)!.lastTransitionTime);
    expect(notReadyAt - stoppedAt).toBeGreaterThanOrEqual(40_000);
    expect(notReadyAt - stoppedAt).toBeLessThanOrEqual(55_000);
    expect(notReadyAt % 5000).toBe(0);
    expect(taints(node)).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    for (const p of onW1()) expect(p.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('False');
    const ev = c.events((e) => e.involvedObject.kind === 'Node' && e.reason === 'NodeNotReady')[0]!;
    expect(ev.message).toBe('Node worker-1 status is now: NodeNotReady');
    expect(ev.source.component).toBe('node-controller');
    expect(c.events((e) => e.reason === 'NodeNotReady' && e.involvedObject.kind === 'Pod')[0]!.message).toBe('Node is not ready');
    // evicted 300 s after the NoExecute taint; replacements run on worker-2
    c.advance(250_000);
    expect(onW1().every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    c.advance(60_000);
    expect(onW1().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(onW1()[0]!.status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByTaintManager', status: 'True' });
    const evictions = c.events((e) => e.reason === 'TaintManagerEviction');
    expect(evictions[0]!.message).toMatch(/^Marking for deletion Pod default\/web-/);
    expect(evictions[0]!.involvedObject.uid).toBeUndefined();
    c.advance(10_000);
    const running = c.pods().filter((p) => !p.metadata.deletionTimestamp);
    expect(running).toHaveLength(4);
    expect(running.every((p) => p.spec.nodeName === 'worker-2' && p.status.phase === 'Running')).toBe(true);
    // the kubelet comes back: Ready, taints gone, the evicted pods cleaned up
    c.do((s) => startNode(s.ctx, 'worker-1'));
    c.advance(10_000);
    const back = c.get('Node', undefined, 'worker-1')!;
    expect(ready(back)).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(taints(back)).toEqual([]);
    expect(onW1().filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(0);
    const kubeletEvents = c.events((e) => e.involvedObject.kind === 'Node' && e.source.component === 'kubelet').map((e) => e.reason);
    expect(kubeletEvents).toEqual(['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'NodeReady']);
  });

  it('keeps a bare pod with a forever toleration, and never evicts when every node is down', () => {
    c = new SimCluster();
    c.apply(pod('tolerant', { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'worker-1', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] }));
    c.advance(5000);
    c.do((s) => stopNode(s.ctx, 'worker-1'));
    c.advance(10 * 60_000);
    expect(c.get('Pod', 'default', 'tolerant')!.metadata.deletionTimestamp).toBeUndefined();
    // all nodes down: full disruption, no taints
    c.do((s) => {
      stopNode(s.ctx, 'worker-2');
      stopNode(s.ctx, 'control-plane');
    });
    c.advance(2 * 60_000);
    for (const n of ['worker-1', 'worker-2', 'control-plane']) {
      expect(ready(c.get('Node', undefined, n))!.status).toBe('Unknown');
      expect(taints(c.get('Node', undefined, n)).filter((t: string) => t.endsWith('NoExecute'))).toEqual([]);
    }
  });

  it('pod GC force-deletes pods bound to a deleted node after the quarantine', () => {
    c = new SimCluster();
    c.apply(pod('stuck', { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'worker-1' }));
    c.advance(5000);
    c.do((s) => stopNode(s.ctx, 'worker-1'));
    c.advance(6 * 60_000);
    expect(c.get('Pod', 'default', 'stuck')!.metadata.deletionTimestamp).toBeDefined();
    c.do((s) => s.ctx.api.delete('Node', undefined, 'worker-1'));
    c.advance(30_000);
    expect(c.get('Pod', 'default', 'stuck')).toBeDefined();
    c.advance(40_000);
    expect(c.get('Pod', 'default', 'stuck')).toBeUndefined();
    const removing = c.events((e) => e.reason === 'RemovingNode')[0]!;
    expect(removing.message).toBe('Node worker-1 event: Removing Node worker-1 from Controller');
  });

  it('registers nodes, mirrors cordon as a NoSchedule taint, and groups zones', () => {
    c = new SimCluster();
    const reg = c.events((e) => e.reason === 'RegisteredNode').map((e) => e.message).sort();
    expect(reg).toEqual(['Node control-plane event: Registered Node control-plane in Controller', 'Node worker-1 event: Registered Node worker-1 in Controller', 'Node worker-2 event: Registered Node worker-2 in Controller']);
    c.do((s) => {
      const n = structuredClone(s.store.get('Node', undefined, 'worker-2')!);
      n.spec.unschedulable = true;
      s.ctx.api.update(n);
    });
    expect(taints(c.get('Node', undefined, 'worker-2'))).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(zoneKey({ metadata: { name: 'x', labels: { 'topology.kubernetes.io/zone': 'a', 'topology.kubernetes.io/region': 'r' } } } as unknown as KObject)).toBe('r:\u0000:a');
    expect(monitorTickAtOrAfter(12_001)).toBe(15_000);
  });
});
