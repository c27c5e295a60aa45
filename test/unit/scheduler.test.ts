// The scheduler's plugins one by one (filter reasons and codes, raw and normalized scores), the
// FitError message formatting, the whole cycle, and preemption.
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/cluster/session';
import type { KObject } from '../../src/api/types';
import { fitErrorMessage, newCycleState, runPreFilter, runFilters, unresolvable, unschedulable, type CycleState, type Status } from '../../src/scheduler/framework';
import { FILTERS, SCORES, taintToleration, nodeUnschedulable, nodeName, nodeAffinity, nodeAffinityScore, nodePorts, nodeResourcesFit, leastAllocated, balancedAllocation, taintTolerationScore, tolerates, imageLocality } from '../../src/scheduler/plugins';
import { podTopologySpread, podTopologySpreadScore } from '../../src/scheduler/spread';
import { interPodAffinity, interPodAffinityScore } from '../../src/scheduler/podaffinity';
import { nodeCache, numFeasibleNodesToFind, schedulePod } from '../../src/scheduler/schedule';
import { pickCandidate, preempt } from '../../src/scheduler/preemption';
import { simCluster, node, pod, requests, apply, advance, get, eventsOf } from './simcluster';

let s: Session;
afterEach(() => s?.close());

function state(p: KObject): CycleState {
  const st = newCycleState(s.ctx, { ...p, metadata: { namespace: 'default', uid: 'incoming', ...p.metadata } }, nodeCache(s.ctx).all());
  const pre = runPreFilter(st, FILTERS);
  if (pre.status) throw new Error(`prefilter: ${pre.status.reasons}`);
  return st;
}

function info(name: string) {
  return nodeCache(s.ctx).get(name)!;
}

/** The status every node gets from one plugin (null = passes). */
function verdicts(plugin: { name: string; filter: (st: CycleState, n: ReturnType<typeof info>) => Status | null }, p: KObject): Record<string, string | null> {
  const st = state(p);
  const out: Record<string, string | null> = {};
  for (const n of nodeCache(s.ctx).all()) {
    const r = st.skipFilter.has(plugin.name) ? null : plugin.filter(st, n);
    out[n.name] = r ? `${r.code}: ${r.reasons.join('; ')}` : null;
  }
  return out;
}

function scores(plugin: (typeof SCORES)[number], p: KObject, names: string[]): number[] | 'skip' {
  const st = state(p);
  const feasible = names.map(info);
  if (plugin.preScore?.(st, feasible) === 'skip') return 'skip';
  const raw = feasible.map((n) => plugin.score(st, n));
  return plugin.normalize ? plugin.normalize(st, raw, feasible) : raw;
}

describe('FitError message (framework.FitError.Error)', () => {
  const st = (reasons: string[], code: Status['code'] = 'Unschedulable'): Status => ({ plugin: 'X', code, reasons });
  it('counts the reasons over nodes and sorts them as strings', () => {
    const statuses = new Map<string, Status>();
    for (let i = 0; i < 10; i++) statuses.set(`w${i}`, st(['Insufficient cpu']));
    statuses.set('cp1', st(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']));
    statuses.set('cp2', st(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']));
    statuses.set('big', st(['Insufficient cpu', 'Insufficient memory']));
    expect(fitErrorMessage(13, { statuses })).toBe(
      '0/13 nodes are available: 1 Insufficient memory, 11 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
    );
  });
  it('adds the preemption verdict after the filter reasons, with its own final period', () => {
    const statuses = new Map([['a', st(['Insufficient cpu'])]]);
    expect(fitErrorMessage(1, { statuses, postFilterMsg: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.' })).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });
  it('uses the PreFilter message instead of node reasons, and counts nodes PreFilter left out', () => {
    expect(fitErrorMessage(3, { preFilterMsg: 'pod affinity terms conflict', statuses: new Map() })).toBe('0/3 nodes are available: pod affinity terms conflict.');
    const statuses = new Map([['a', st(['Insufficient cpu'])]]);
    expect(fitErrorMessage(3, { statuses, absent: unresolvable('NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]") })).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});

describe('taints and tolerations', () => {
  it('ToleratesTaint: empty key or effect matches any, Exists ignores the value, Equal compares it', () => {
    const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' } as const;
    expect(tolerates({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint)).toBe(true);
    expect(tolerates({ key: 'dedicated', value: 'gpu' }, taint)).toBe(true);
    expect(tolerates({ key: 'dedicated', operator: 'Equal', value: 'cpu' }, taint)).toBe(false);
    expect(tolerates({ key: 'dedicated', operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
  });

  it('TaintToleration filters NoSchedule and NoExecute taints the pod does not tolerate (unresolvable)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('a', { taints: [{ key: 'x', value: 'y', effect: 'NoExecute' }] }), node('b', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] })] });
    expect(verdicts(taintToleration, pod('p'))).toEqual({
      a: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {x: y}',
      b: null,
      cp: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    });
    expect(verdicts(taintToleration, pod('p', { tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] })).a).toBeNull();
  });

  it('TaintToleration scores intolerable PreferNoSchedule taints, reversed (fewer is better)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a'), node('b', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }), node('c', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }, { key: 'soft2', effect: 'PreferNoSchedule' }] })] });
    expect(scores(taintTolerationScore, pod('p'), ['a', 'b', 'c'])).toEqual([100, 50, 0]);
    expect(scores(taintTolerationScore, pod('p', { tolerations: [{ key: 'soft', operator: 'Exists' }] }), ['a', 'b', 'c'])).toEqual([100, 100, 0]);
  });

  it('NodeUnschedulable rejects cordoned nodes unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a')] });
    const n = clone(s.store.get('Node', undefined, 'a')!);
    n.spec.unschedulable = true;
    s.ctx.api.update(n);
    s.settle();
    expect(verdicts(nodeUnschedulable, pod('p')).a).toBe('UnschedulableAndUnresolvable: node(s) were unschedulable');
    expect(verdicts(nodeUnschedulable, pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] })).a).toBeNull();
    // the node lifecycle controller put the NoSchedule taint on the cordoned node
    expect(s.store.get('Node', undefined, 'a')!.spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: '2026-01-01T00:00:00Z' }]);
  });
});

function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o));
}

describe('node affinity and nodeSelector', () => {
  const labelled = () => simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('ssd', { labels: { disktype: 'ssd', gen: '5' } }), node('hdd', { labels: { disktype: 'hdd', gen: '3' } }), node('plain')] });

  it('filters on nodeSelector and required terms (terms ORed, expressions ANDed)', () => {
    s = labelled();
    const msg = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
    expect(verdicts(nodeAffinity, pod('p', { nodeSelector: { disktype: 'ssd' } }))).toEqual({ cp: msg, hdd: msg, plain: msg, ssd: null });
    const req = (terms: unknown[]) => pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
    expect(verdicts(nodeAffinity, req([{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }, { matchExpressions: [{ key: 'disktype', operator: 'DoesNotExist' }] }]))).toEqual({ cp: null, hdd: msg, plain: null, ssd: null });
    expect(verdicts(nodeAffinity, req([{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd', 'ssd'] }, { key: 'gen', operator: 'NotIn', values: ['3'] }] }]))).toEqual({ cp: msg, hdd: msg, plain: msg, ssd: null });
  });

  it('skips itself without a selector or required affinity', () => {
    s = labelled();
    expect(state(pod('p')).skipFilter.has('NodeAffinity')).toBe(true);
  });

  it('scores the weights of the preferred terms a node matches, normalized to the best', () => {
    s = labelled();
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'gen', operator: 'Exists' }] } },
          ],
        },
      },
    });
    expect(scores(nodeAffinityScore, p, ['ssd', 'hdd', 'plain'])).toEqual([100, 20, 0]);
    expect(scores(nodeAffinityScore, pod('q'), ['ssd', 'hdd'])).toBe('skip');
  });

  it('narrows the nodes to those a metadata.name term names; the others count as not satisfying the plugin', () => {
    s = labelled();
    const p = apply(s, pod('pinned', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['hdd'] }] }] } } }, ...requests('5') }))[0]!;
    expect(get(s, 'pinned').spec.nodeName).toBeUndefined();
    expect(get(s, 'pinned').status.conditions[0].message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
    void p;
  });
});

describe('NodeName', () => {
  it('rejects every node but the one spec.nodeName asks for (unresolvable)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a'), node('b')] });
    expect(verdicts(nodeName, pod('p', { nodeName: 'a' }))).toEqual({ a: null, b: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name", cp: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name" });
    expect(Object.values(verdicts(nodeName, pod('q')))).toEqual([null, null, null]);
  });
});

describe('NodePorts and NodeResourcesFit', () => {
  it('rejects a node whose host port is taken (same protocol; 0.0.0.0 conflicts with any address)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a'), node('b')] });
    const hp = (ip?: string) => ({ containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP', ...(ip ? { hostIP: ip } : {}) }] }] });
    apply(s, pod('web', { nodeName: 'a', ...hp() }));
    expect(verdicts(nodePorts, pod('p', hp('10.0.0.1')))).toEqual({ a: "Unschedulable: node(s) didn't have free ports for the requested pod ports", b: null, cp: null });
    expect(state(pod('q')).skipFilter.has('NodePorts')).toBe(true);
  });

  it('reports every insufficient resource of a node; too many pods counts first', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('small', { cpu: '1', memory: '1Gi', pods: 1 }), node('big', { cpu: '8', memory: '32Gi' })] });
    advance(s, 10_000);
    // the kube-proxy pod already fills the one pod slot of "small"
    expect(verdicts(nodeResourcesFit, pod('p', requests('1500m', '2Gi')))).toEqual({ big: null, cp: null, small: 'Unschedulable: Too many pods; Insufficient cpu; Insufficient memory' });
    expect(verdicts(nodeResourcesFit, pod('p', requests('500m')))).toEqual({ big: null, cp: null, small: 'Unschedulable: Too many pods' });
  });

  it('counts the largest init container, and sidecars on top of the app containers', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a', { cpu: '1' })] });
    const p = pod('p', {
      initContainers: [
        { name: 'setup', image: 'busybox', resources: { requests: { cpu: '900m' } } },
        { name: 'sidecar', image: 'busybox', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
      ],
      ...requests('300m'),
    });
    const st = state(p);
    expect(st.requests.milliCPU).toBe(900);
    const q = pod('q', { initContainers: [{ name: 'sidecar', image: 'busybox', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } }, { name: 'setup', image: 'busybox', resources: { requests: { cpu: '900m' } } }], ...requests('300m') });
    expect(state(q).requests.milliCPU).toBe(1100);
  });

  it('LeastAllocated and BalancedAllocation score as kube-scheduler does (integer arithmetic)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a', { cpu: '4', memory: '8Gi' }), node('b', { cpu: '4', memory: '8Gi' })] });
    advance(s, 10_000);
    apply(s, pod('load', { nodeName: 'b', ...requests('2', '1Gi') }));
    const a = info('a');
    const b = info('b');
    const p = pod('p', requests('1', '2Gi'));
    const part = (req: number, alloc: number) => Math.trunc(((alloc - req) * 100) / alloc);
    const least = (n: typeof a) => Math.trunc((part(n.nonZeroRequested.milliCPU + 1000, 4000) + part(n.nonZeroRequested.memory + 2 * 1024 ** 3, 8 * 1024 ** 3)) / 2);
    expect(scores(leastAllocated, p, ['a', 'b'])).toEqual([least(a), least(b)]);
    const bal = (n: typeof a) => Math.trunc((1 - Math.abs(((n.requested.milliCPU + 1000) / 4000 - (n.requested.memory + 2 * 1024 ** 3) / (8 * 1024 ** 3)) / 2)) * 100);
    expect(scores(balancedAllocation, p, ['a', 'b'])).toEqual([bal(a), bal(b)]);
    expect(bal(b)).toBe(Math.trunc((1 - Math.abs((3000 + b.requested.milliCPU - 2000) / 4000 - (3 * 1024 ** 3 + b.requested.memory - 1024 ** 3) / (8 * 1024 ** 3)) / 2) * 100));
  });

  it('ImageLocality: short image names never match the full references nodes report (score 0)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a'), node('b')] });
    advance(s, 30_000);
    expect(scores(imageLocality, pod('p'), ['a', 'b'])).toEqual([0, 0]);
  });
});

describe('PodTopologySpread', () => {
  const zoned = () =>
    simCluster({
      nodes: [
        node('cp', { role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], labels: { 'topology.kubernetes.io/zone': 'a' } }),
        node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
        node('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
        node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
        node('nolabel'),
      ],
    });
  const spreadPod = (name: string, tsc: Record<string, unknown>, nodeName?: string) =>
    pod(name, { ...(nodeName ? { nodeName } : {}), topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } }, ...tsc }] }, { labels: { app: 's' } });

  it('filters domains whose count would exceed maxSkew over the least loaded one; nodes without the key are unresolvable', () => {
    s = zoned();
    apply(s, pod('x1', { nodeName: 'a1' }, { labels: { app: 's' } }));
    const v = verdicts(podTopologySpread, spreadPod('p', {}));
    expect(v).toEqual({
      a1: "Unschedulable: node(s) didn't match pod topology spread constraints",
      a2: "Unschedulable: node(s) didn't match pod topology spread constraints",
      b1: null,
      cp: "Unschedulable: node(s) didn't match pod topology spread constraints",
      nolabel: "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)",
    });
  });

  it('minDomains above the number of domains makes the global minimum 0', () => {
    s = zoned();
    apply(s, pod('x1', { nodeName: 'b1' }, { labels: { app: 's' } }));
    expect(verdicts(podTopologySpread, spreadPod('p', { minDomains: 3 })).b1).toBe("Unschedulable: node(s) didn't match pod topology spread constraints");
    expect(verdicts(podTopologySpread, spreadPod('p', { minDomains: 3, maxSkew: 2 })).b1).toBeNull();
  });

  it('nodeTaintsPolicy Honor leaves tainted nodes out of the domains', () => {
    s = zoned();
    apply(s, ...['a1', 'a2', 'b1', 'nolabel'].map((n, i) => pod(`x${i}`, { nodeName: n }, { labels: { app: 's' } })));
    const host = (policy?: string) => verdicts(podTopologySpread, spreadPod('p', { topologyKey: 'kubernetes.io/hostname', ...(policy ? { nodeTaintsPolicy: policy } : {}) }));
    // Ignore (default): the empty control-plane node is a domain with 0 pods
    expect(host().a1).toBe("Unschedulable: node(s) didn't match pod topology spread constraints");
    expect(host('Honor').a1).toBeNull();
  });

  it('skips itself for pods without constraints and without Services/owners to spread by default', () => {
    s = zoned();
    expect(state(pod('p')).skipFilter.has('PodTopologySpread')).toBe(true);
    expect(scores(podTopologySpreadScore, pod('p'), ['a1', 'b1'])).toBe('skip');
  });

  it('scores with the system default constraints for a ReplicaSet: fewer replicas on the node and in the zone is better', () => {
    s = zoned();
    apply(s, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'r' } }, template: { metadata: { labels: { app: 'r' } }, spec: { nodeSelector: { 'topology.kubernetes.io/zone': 'a' }, containers: [{ name: 'c', image: 'nginx' }] } } },
    } as KObject);
    const placed = s.store.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'r');
    expect(placed.map((p) => p.spec.nodeName).sort()).toEqual(['a1', 'a2']);
    const rs = s.store.get('ReplicaSet.apps', 'default', 'rs')!;
    const p = pod('p', {}, { labels: { app: 'r' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: rs.metadata.uid, controller: true }] });
    // hostname: weight log(3 feasible + 2); zone: the feasible nodes show 3 values (a, b, and "" for
    // the unlabelled node), weight log(3+2); a1: 1 pod, zone a 2 pods; b1: 0 and 0; nolabel: no zone score
    const w1 = Math.log(5);
    const w2 = Math.log(5);
    const raw = { a1: Math.round(1 * w1 + 2 + 2 * w2 + 4), b1: Math.round(0 + 2 + 0 + 4), nolabel: Math.round(0 + 2) };
    const max = Math.max(...Object.values(raw));
    const min = Math.min(...Object.values(raw));
    const norm = (v: number) => Math.trunc((100 * (max + min - v)) / max);
    expect(scores(podTopologySpreadScore, p, ['a1', 'b1', 'nolabel'])).toEqual([norm(raw.a1), norm(raw.b1), norm(raw.nolabel)]);
  });
});

describe('InterPodAffinity', () => {
  const three = () => simCluster({ nodes: [node('cp', { role: 'control-plane', labels: { 'topology.kubernetes.io/zone': 'a' } }), node('a', { labels: { 'topology.kubernetes.io/zone': 'a' } }), node('b', { labels: { 'topology.kubernetes.io/zone': 'b' } })] });
  const term = (app: string, key = 'kubernetes.io/hostname') => ({ labelSelector: { matchLabels: { app } }, topologyKey: key });

  it('required affinity needs a matching pod in the domain, except for the first pod of a group matching itself', () => {
    s = three();
    const p = pod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', 'topology.kubernetes.io/zone')] } } }, { labels: { app: 'web' } });
    const none = verdicts(interPodAffinity, p);
    expect(none).toEqual({ a: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules", b: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules", cp: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules" });
    const self = pod('q', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', 'topology.kubernetes.io/zone')] } } }, { labels: { app: 'db' } });
    expect(Object.values(verdicts(interPodAffinity, self))).toEqual([null, null, null]);
    apply(s, pod('db', { nodeName: 'b' }, { labels: { app: 'db' } }));
    expect(verdicts(interPodAffinity, p)).toEqual({ a: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules", b: null, cp: "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules" });
  });

  it('required anti-affinity rejects domains holding a match; existing pods’ anti-affinity is symmetric', () => {
    s = three();
    apply(s, pod('web1', { nodeName: 'a', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } }, { labels: { app: 'web' } }));
    const p = pod('web2', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } }, { labels: { app: 'web' } });
    expect(verdicts(interPodAffinity, p).a).toBe("Unschedulable: node(s) didn't match pod anti-affinity rules");
    expect(verdicts(interPodAffinity, p).b).toBeNull();
    // a pod without anti-affinity of its own is kept away by web1's
    expect(verdicts(interPodAffinity, pod('other', {}, { labels: { app: 'web' } })).a).toBe("Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules");
    expect(verdicts(interPodAffinity, pod('unrelated', {}, { labels: { app: 'x' } })).a).toBeNull();
  });

  it('preferred terms score domains by weight, min-max normalized; the plugin skips without any', () => {
    s = three();
    apply(s, pod('cache', { nodeName: 'b' }, { labels: { app: 'cache' } }), pod('noisy', { nodeName: 'a' }, { labels: { app: 'noisy' } }));
    const p = pod('p', {
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term('cache') }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('noisy') }] },
      },
    });
    expect(scores(interPodAffinityScore, p, ['a', 'b', 'cp'])).toEqual([0, 100, 66]);
    expect(scores(interPodAffinityScore, pod('q'), ['a', 'b'])).toBe('skip');
  });
});

describe('a scheduling cycle', () => {
  it('anti-affinity spreads replicas one per node and leaves the next Pending with the real message', () => {
    s = simCluster({ workers: 3, controlPlanes: 2 });
    const aff = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
    apply(s, ...['w1', 'w2', 'w3', 'w4'].map((n) => pod(n, aff, { labels: { app: 'web' } })));
    expect(['w1', 'w2', 'w3'].map((n) => get(s, n).spec.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(get(s, 'w4').spec.nodeName).toBeUndefined();
    expect(eventsOf(s, 'w4', 'FailedScheduling')).toEqual([
      "FailedScheduling: 0/5 nodes are available: 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    ]);
    expect(get(s, 'w4').status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: expect.stringContaining("3 node(s) didn't match pod anti-affinity rules") }),
    ]);
  });

  it('a pod asking nothing still fits somewhere; no nodes at all is its own message', () => {
    s = simCluster({ workers: 1 });
    expect(schedulePod(s.ctx, { ...pod('p'), metadata: { name: 'p', namespace: 'default', uid: 'u' } }).node).toBe('worker-1');
    for (const n of s.store.list('Node')) s.ctx.api.delete('Node', undefined, n.metadata.name);
    s.settle();
    apply(s, pod('lonely'));
    expect(eventsOf(s, 'lonely', 'FailedScheduling')).toEqual(['FailedScheduling: no nodes available to schedule pods']);
  });
});

describe('large clusters: percentageOfNodesToScore and nextStartNodeIndex', () => {
  it('filters every node below 100, then an adaptive share that never drops under 100 nodes or 5%', () => {
    expect([1, 99, 100, 500, 1000, 2000, 4000, 5000, 6250, 10000].map(numFeasibleNodesToFind)).toEqual([1, 99, 100, 230, 420, 680, 720, 500, 312, 500]);
  });

  it('stops after enough feasible nodes and starts the next search where the last one stopped', () => {
    s = simCluster({ workers: 150 });
    const p = (n: string) => ({ ...pod(n), metadata: { name: n, namespace: 'default', uid: n } });
    const all = nodeCache(s.ctx).all();
    (s.ctx.sim.scheduler as { nextStartNodeIndex?: number }).nextStartNodeIndex = 0;
    const first = schedulePod(s.ctx, p('a'));
    // 151 nodes: the tainted control plane rejected, then 100 feasible workers and the search stops
    expect(first.statuses.size).toBe(1);
    expect(first.feasible).toEqual(all.slice(1, 101).map((n) => n.name));
    const second = schedulePod(s.ctx, p('b'));
    // the second search began at the 102nd node and wrapped around past the control plane
    expect(second.feasible).toEqual([...all.slice(101), ...all.slice(1, 51)].map((n) => n.name));
    expect(new Set([...first.feasible, ...second.feasible]).size).toBe(150);
  });
});

describe('the scheduling queue', () => {
  it('retries a pod Pending for resources when room is freed, and skips retries events cannot help', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('a', { cpu: '2' })] });
    advance(s, 10_000);
    const free = info('a').allocatable.milliCPU - info('a').requested.milliCPU;
    apply(s, pod('hog', requests(`${free}m`)), pod('waiting', requests('500m')));
    expect(get(s, 'waiting').spec.nodeName).toBeUndefined();
    apply(s, pod('small'));
    // a pod bound elsewhere does not retry a pod only NodeResourcesFit rejected
    expect(eventsOf(s, 'waiting', 'FailedScheduling')).toHaveLength(1);
    expect(s.store.list('Event', 'default').find((e) => e.involvedObject.name === 'waiting' && e.reason === 'FailedScheduling')!.count).toBe(1);
    s.ctx.api.delete('Pod', 'default', 'hog', { gracePeriodSeconds: 0 });
    s.settle();
    // the freed room sends it to the backoff queue: its one failed attempt was this very moment,
    // so it is tried again 1 s later (podInitialBackoffSeconds)
    expect(get(s, 'waiting').spec.nodeName).toBeUndefined();
    advance(s, 999);
    expect(get(s, 'waiting').spec.nodeName).toBeUndefined();
    advance(s, 1);
    expect(get(s, 'waiting').spec.nodeName).toBe('a');
  });

  it('backs off 1 s after the first failed attempt, doubling up to 10 s, when an event could help', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('a', { cpu: '2' })] });
    advance(s, 10_000);
    apply(s, pod('big', requests('3')));
    const failures = () => s.store.list('Event', 'default').find((e) => e.involvedObject.name === 'big' && e.reason === 'FailedScheduling')!.count;
    expect(failures()).toBe(1);
    // a node event every 100 ms: attempts only as the back-off allows (1 s, 2 s, 4 s, 8 s, 10 s, 10 s)
    for (let t = 0; t < 36_000; t += 100) {
      const n = s.store.get('Node', undefined, 'a')!;
      s.ctx.api.update({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, tick: String(t) } } });
      s.settle();
      advance(s, 100);
    }
    expect(failures()).toBe(7);
  });
});

describe('preemption (DefaultPreemption)', () => {
  const priorityClass = (name: string, value: number, policy?: string) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...(policy ? { preemptionPolicy: policy } : {}) }) as KObject;

  function full(): Session {
    const c = simCluster({ nodes: [node('cp', { role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('a', { cpu: '2' }), node('b', { cpu: '2' })] });
    apply(c, priorityClass('bottom', -1), priorityClass('low', 10), priorityClass('high', 1000), priorityClass('high-never', 1000, 'Never'));
    advance(c, 10_000);
    // each worker: 100m for coredns (maybe), then fill up
    for (const n of ['a', 'b']) {
      const free = nodeCacheFree(c, n);
      apply(c, pod(`low-${n}`, { nodeName: n, priorityClassName: 'low', ...requests(`${free}m`) }));
    }
    advance(c, 10_000);
    return c;
  }
  function nodeCacheFree(c: Session, n: string): number {
    const i = nodeCache(c.ctx).get(n)!;
    return i.allocatable.milliCPU - i.requested.milliCPU;
  }

  it('evicts the lower-priority pod, nominates the node, then binds the preemptor once the victim is gone', () => {
    s = full();
    apply(s, pod('vip', { priorityClassName: 'high', ...requests('1') }));
    const vip = get(s, 'vip');
    expect(vip.spec.nodeName).toBeUndefined();
    const node = vip.status.nominatedNodeName as string;
    expect(['a', 'b']).toContain(node);
    const victim = get(s, `low-${node}`);
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' }));
    expect(eventsOf(s, `low-${node}`, 'Preempted')).toEqual([`Preempted: Preempted by pod ${vip.metadata.uid} on node ${node}`]);
    // success leaves no preemption clause in the message
    expect(eventsOf(s, 'vip', 'FailedScheduling')).toEqual(['FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.']);
    advance(s, 40_000);
    expect(get(s, 'vip').spec.nodeName).toBe(node);
    expect(get(s, `low-${node}`)).toBeUndefined();
  });

  it('explains why not: preemptionPolicy Never, no lower-priority pods, or not enough even without them', () => {
    s = full();
    apply(s, pod('polite', { priorityClassName: 'high-never', ...requests('1') }));
    expect(eventsOf(s, 'polite', 'FailedScheduling')).toEqual([
      'FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    ]);
    // below every pod on the workers (system pods such as ingress-nginx's run at priority 0)
    apply(s, pod('peer', { priorityClassName: 'bottom', ...requests('1') }));
    expect(eventsOf(s, 'peer', 'FailedScheduling')).toEqual([
      'FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ]);
    apply(s, pod('huge', { priorityClassName: 'high', ...requests('3') }));
    expect(eventsOf(s, 'huge', 'FailedScheduling')).toEqual([
      'FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 Insufficient cpu.',
    ]);
  });

  it('pickOneNodeForPreemption: fewest PDB violations, then lowest victim priority, fewest victims', () => {
    const v = (prio: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${prio}` }, spec: { priority: prio }, status: {} }) as KObject;
    expect(pickCandidate([{ node: 'a', victims: [v(5)], pdbViolations: 1 }, { node: 'b', victims: [v(50), v(40)], pdbViolations: 0 }], 0)!.node).toBe('b');
    expect(pickCandidate([{ node: 'a', victims: [v(50)], pdbViolations: 0 }, { node: 'b', victims: [v(10), v(5)], pdbViolations: 0 }], 0)!.node).toBe('b');
    expect(pickCandidate([{ node: 'a', victims: [v(10), v(10)], pdbViolations: 0 }, { node: 'b', victims: [v(10)], pdbViolations: 0 }], 0)!.node).toBe('b');
  });

  it('keeps (reprieves) the victims it does not need, PDB-protected ones first', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('a', { cpu: '2' })] });
    apply(s, priorityClass('low', 10), priorityClass('high', 1000));
    advance(s, 10_000);
    const free = nodeCacheFree(s, 'a');
    apply(s, pod('small', { nodeName: 'a', priorityClassName: 'low', ...requests('100m') }, { labels: { app: 'x' } }), pod('large', { nodeName: 'a', priorityClassName: 'low', ...requests(`${free - 100}m`) }));
    advance(s, 10_000);
    const st = newCycleState(s.ctx, { ...pod('vip', { priorityClassName: 'high', priority: 1000, ...requests('1') }), metadata: { name: 'vip', namespace: 'default', uid: 'v' } }, nodeCache(s.ctx).all());
    runPreFilter(st, FILTERS);
    const statuses = new Map<string, Status>([['a', unschedulable('NodeResourcesFit', 'Insufficient cpu')], ['cp', unresolvable('TaintToleration', 'x')]]);
    const r = preempt(st, statuses, undefined);
    expect(r.candidate!.victims.map((p) => p.metadata.name)).toEqual(['large']);
    expect(get(s, 'small').metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('filters run in the default profile order', () => {
  it('the first rejecting plugin names the reason (a tainted, cordoned, too-small node says unschedulable)', () => {
    s = simCluster({ nodes: [node('cp', { role: 'control-plane' }), node('a', { cpu: '100m', taints: [{ key: 'k', effect: 'NoSchedule' }] })] });
    const n = clone(s.store.get('Node', undefined, 'a')!);
    n.spec.unschedulable = true;
    s.ctx.api.update(n);
    s.settle();
    const st = state(pod('p', requests('1')));
    expect(runFilters(st, FILTERS, info('a'))).toEqual({ plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
    expect(FILTERS.map((f) => f.name)).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity']);
    expect(SCORES.map((p) => `${p.name}:${p.weight}`)).toEqual(['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1']);
  });
});
