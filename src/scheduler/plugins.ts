// Filter and score plugins with kube-scheduler's semantics and reason texts. A new scheduling rule is
// a new entry here, not a new branch in the scheduler.
import type { KObject, Toleration, Taint } from '../api/types';
import type { Ctx } from '../controllers/context';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, hostPorts, type NodeInfo, type Resources } from './nodeinfo';
import { fromLabelSelector, fromMap, type Selector } from '../api/selectors';
import { matchNodeSelectorTerms } from './affinity';
import { volumeBinding } from './volumebinding';

export interface CycleState {
  pod: KObject;
  requests: Resources & { nonZeroMilliCPU: number; nonZeroMemory: number };
  ctx: Ctx;
  infos: NodeInfo[];
  /** Plugin scratch space for one cycle. */
  scratch?: Record<string, unknown>;
}

export interface FilterResult {
  plugin: string;
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help. */
  unresolvable: boolean;
}

export interface FilterPlugin {
  name: string;
  filter(s: CycleState, n: NodeInfo): FilterResult | null;
  /** PreFilter: a failure here makes the pod unschedulable on every node with one message. */
  preFilter?(s: CycleState): FilterResult | null;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  score(s: CycleState, n: NodeInfo): number;
  /** NormalizeScore over all feasible nodes (raw scores in, 0..100 out). */
  normalize?(scores: number[]): number[];
}

const fail = (plugin: string, reasons: string[], unresolvable: boolean): FilterResult => ({ plugin, reasons, unresolvable });

/** Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function firstUntoleratedTaint(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(s, n) {
    if (!n.node.spec?.unschedulable) return null;
    const tolerated = ((s.pod.spec?.tolerations ?? []) as Toleration[]).some((t) =>
      tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    );
    return tolerated ? null : fail(this.name, ['node(s) were unschedulable'], true);
  },
};

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(s, n) {
    const want = s.pod.spec?.nodeName;
    return want && want !== n.name ? fail(this.name, ["node(s) didn't match the requested node name"], true) : null;
  },
};

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(s, n) {
    const taint = firstUntoleratedTaint(n.node.spec?.taints ?? [], s.pod.spec?.tolerations ?? [], ['NoSchedule', 'NoExecute']);
    if (!taint) return null;
    return fail(this.name, [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], true);
  },
};

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter(s, n) {
    const labels = n.node.metadata.labels ?? {};
    const sel = s.pod.spec?.nodeSelector as Record<string, string> | undefined;
    const msg = "node(s) didn't match Pod's node affinity/selector";
    if (sel && !fromMap(sel).matches(labels)) return fail(this.name, [msg], true);
    const req = s.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (req && !matchNodeSelectorTerms(req.nodeSelectorTerms ?? [], n.node)) return fail(this.name, [msg], true);
    return null;
  },
};

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(s, n) {
    for (const hp of hostPorts(s.pod)) {
      const [ip, proto, port] = hp.split('/');
      for (const used of n.usedPorts) {
        const [uip, uproto, uport] = used.split('/');
        if (uproto === proto && uport === port && (uip === ip || uip === '0.0.0.0' || ip === '0.0.0.0'))
          return fail(this.name, ["node(s) didn't have free ports for the requested pod ports"], false);
      }
    }
    return null;
  },
};

/** NodeResourcesFit: requests against allocatable minus what bound pods request. */
export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(s, n) {
    const r = s.requests;
    const reasons: string[] = [];
    if (n.requested.pods + 1 > n.allocatable.pods) reasons.push('Too many pods');
    if (r.milliCPU > 0 && r.milliCPU > n.allocatable.milliCPU - n.requested.milliCPU) reasons.push('Insufficient cpu');
    if (r.memory > 0 && r.memory > n.allocatable.memory - n.requested.memory) reasons.push('Insufficient memory');
    if (r.ephemeralStorage > 0 && r.ephemeralStorage > n.allocatable.ephemeralStorage - n.requested.ephemeralStorage) reasons.push('Insufficient ephemeral-storage');
    for (const [k, v] of Object.entries(r.scalar)) {
      if (v > 0 && v > (n.allocatable.scalar[k] ?? 0) - (n.requested.scalar[k] ?? 0)) reasons.push(`Insufficient ${k}`);
    }
    return reasons.length ? fail(this.name, reasons, false) : null;
  },
};

/** Filters in the default profile's order. Later stages add volume, affinity and spread filters. */
export const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding];

function defaultNormalize(scores: number[]): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => 0);
  return scores.map((s) => Math.floor((s * 100) / max));
}

/** NodeResourcesFit scoring with the LeastAllocated strategy (cpu and memory, weight 1 each). */
export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(s, n) {
    const part = (req: number, alloc: number) => (alloc <= 0 || req > alloc ? 0 : Math.floor(((alloc - req) * 100) / alloc));
    const cpu = part(n.nonZeroRequested.milliCPU + s.requests.nonZeroMilliCPU, n.allocatable.milliCPU);
    const mem = part(n.nonZeroRequested.memory + s.requests.nonZeroMemory, n.allocatable.memory);
    return Math.floor((cpu + mem) / 2);
  },
};

/** NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory fractions stay close. */
export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(s, n) {
    const frac = (req: number, alloc: number) => (alloc <= 0 ? 1 : Math.min(1, req / alloc));
    const cpu = frac(n.requested.milliCPU + s.requests.milliCPU, n.allocatable.milliCPU);
    const mem = frac(n.requested.memory + s.requests.memory, n.allocatable.memory);
    const std = Math.abs(cpu - mem) / 2;
    return Math.floor((1 - std) * 100);
  },
};

/** TaintToleration scoring: fewer intolerable PreferNoSchedule taints is better. */
export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(s, n) {
    const tolerations = ((s.pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return ((n.node.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'PreferNoSchedule' && !tolerations.some((tol) => tolerates(tol, t))).length;
  },
  normalize(scores) {
    const max = Math.max(0, ...scores);
    return scores.map((v) => (max === 0 ? 100 : Math.floor(100 - (v * 100) / max)));
  },
};

/** The selector of the pod's owner/services, used by the default topology spreading. */
function spreadSelector(s: CycleState): Selector | undefined {
  const cached = s.scratch?.spread as Selector | null | undefined;
  if (cached !== undefined) return cached ?? undefined;
  const pod = s.pod;
  const ns = pod.metadata.namespace;
  const ref = (pod.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller);
  let sel: Selector | undefined;
  if (ref) {
    const gk = ref.kind === 'ReplicaSet' ? 'ReplicaSet.apps' : ref.kind === 'StatefulSet' ? 'StatefulSet.apps' : ref.kind === 'ReplicationController' ? 'ReplicationController' : undefined;
    const owner = gk ? s.ctx.store.get(gk, ns, ref.name) : undefined;
    if (owner) sel = gk === 'ReplicationController' ? fromMap(owner.spec?.selector) : fromLabelSelector(owner.spec?.selector);
  }
  s.scratch = { ...(s.scratch ?? {}), spread: sel ?? null };
  return sel;
}

/**
 * PodTopologySpread with the system default constraints (hostname, ScheduleAnyway): nodes with fewer
 * pods of the same workload score higher, which spreads replicas over nodes.
 */
export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(s, n) {
    const sel = spreadSelector(s);
    if (!sel) return 0;
    let count = 0;
    for (const key of n.pods) {
      const slash = key.indexOf('/');
      const p = s.ctx.store.get('Pod', key.slice(0, slash), key.slice(slash + 1));
      if (p && p.metadata.namespace === s.pod.metadata.namespace && !p.metadata.deletionTimestamp && sel.matches(p.metadata.labels)) count++;
    }
    return count;
  },
  normalize(scores) {
    const max = Math.max(0, ...scores);
    const min = Math.min(...scores);
    if (max === min) return scores.map(() => 100);
    return scores.map((v) => Math.floor((100 * (max - v)) / (max - min)));
  },
};

/** ImageLocality: nodes that already have the images score a little higher. */
export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  score(s, n) {
    const images: { names?: string[] }[] = n.node.status?.images ?? [];
    let have = 0;
    for (const c of s.pod.spec?.containers ?? []) {
      const img = normalizeImage(c.image ?? '');
      if (images.some((i) => (i.names ?? []).some((nm) => nm === img || nm.endsWith(`/${img}`)))) have++;
    }
    return have;
  },
  normalize: defaultNormalize,
};

export function normalizeImage(image: string): string {
  return image.includes(':') || image.includes('@') ? image : `${image}:latest`;
}

export const SCORES: ScorePlugin[] = [taintTolerationScore, leastAllocated, balancedAllocation, imageLocality, podTopologySpread];

export { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST };
