// Filter and score plugins of the default profile (apis/config/v1/default_plugins.go, 1.32), with
// kube-scheduler's semantics and reason texts. A new scheduling rule is a new entry here, not a new
// branch in the scheduler. VolumeBinding lives in volumebinding.ts; VolumeRestrictions,
// NodeVolumeLimits and VolumeZone are not simulated.
import type { KObject, Toleration, Taint } from '../api/types';
import { type NodeInfo } from './nodeinfo';
import { matchNodeSelectorTerm } from './affinity';
import { tolerates, firstUntoleratedTaint, matchesRequiredNodeAffinity } from './helpers';
import {
  defaultNormalize,
  MAX_NODE_SCORE,
  unresolvable,
  unschedulable,
  type CycleState,
  type FilterPlugin,
  type ScorePlugin,
} from './framework';
import { podTopologySpread, podTopologySpreadScore } from './spread';
import { interPodAffinity, interPodAffinityScore } from './podaffinity';
import { volumeBinding } from './volumebinding';

export type { CycleState, FilterPlugin, ScorePlugin } from './framework';

export { tolerates, firstUntoleratedTaint, matchesRequiredNodeAffinity };

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(s, n) {
    if (!n.node.spec?.unschedulable) return null;
    const tolerated = ((s.pod.spec?.tolerations ?? []) as Toleration[]).some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }));
    return tolerated ? null : unresolvable(this.name, 'node(s) were unschedulable');
  },
};

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(s, n) {
    const want = s.pod.spec?.nodeName;
    return want && want !== n.name ? unresolvable(this.name, "node(s) didn't match the requested node name") : null;
  },
};

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(s, n) {
    const taint = firstUntoleratedTaint(n.node.spec?.taints ?? [], s.pod.spec?.tolerations ?? [], ['NoSchedule', 'NoExecute']);
    if (!taint) return null;
    return unresolvable(this.name, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
};

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter(s) {
    const req = s.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!req && !s.pod.spec?.nodeSelector) return { skip: true };
    const terms: { matchFields?: { key: string; operator: string; values?: string[] }[] }[] = req?.nodeSelectorTerms ?? [];
    if (!req || terms.length === 0) return {};
    // terms that pin metadata.name narrow the candidate nodes (DaemonSet pods)
    let names: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key === 'metadata.name' && r.operator === 'In') {
          const vs = new Set(r.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((v) => vs.has(v))) : vs;
        }
      }
      if (!termNames) return {};
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names && names.size === 0) return { status: unresolvable(this.name, 'pod affinity terms conflict') };
    return names && names.size ? { nodeNames: names } : {};
  },
  filter(s, n) {
    return matchesRequiredNodeAffinity(s.pod, n.node) ? null : unresolvable(this.name, "node(s) didn't match Pod's node affinity/selector");
  },
};

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  preFilter(s) {
    const wanted = hostPortsOf(s.pod);
    if (!wanted.length) return { skip: true };
    s.data.set('NodePorts', wanted);
    return {};
  },
  filter(s, n) {
    const wanted = (s.data.get('NodePorts') as string[] | undefined) ?? hostPortsOf(s.pod);
    for (const hp of wanted) {
      const [ip, proto, port] = hp.split('/');
      for (const used of n.usedPorts.keys()) {
        const [uip, uproto, uport] = used.split('/');
        if (uproto === proto && uport === port && (uip === ip || uip === '0.0.0.0' || ip === '0.0.0.0')) return unschedulable(this.name, "node(s) didn't have free ports for the requested pod ports");
      }
    }
    return null;
  },
};

function hostPortsOf(p: KObject): string[] {
  const out: string[] = [];
  for (const c of (p.spec?.containers ?? []) as { ports?: { hostPort?: number; protocol?: string; hostIP?: string }[] }[])
    for (const port of c.ports ?? []) if (port.hostPort) out.push(`${port.hostIP || '0.0.0.0'}/${port.protocol ?? 'TCP'}/${port.hostPort}`);
  return out;
}

/** NodeResourcesFit (fitsRequest): requests against allocatable minus what bound pods request. */
export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(s, n) {
    const r = s.requests;
    const reasons: string[] = [];
    if (n.pods.size + 1 > n.allocatable.pods) reasons.push('Too many pods');
    if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && Object.values(r.scalar).every((v) => v === 0))
      return reasons.length ? unschedulable(this.name, ...reasons) : null;
    if (r.milliCPU > 0 && r.milliCPU > n.allocatable.milliCPU - n.requested.milliCPU) reasons.push('Insufficient cpu');
    if (r.memory > 0 && r.memory > n.allocatable.memory - n.requested.memory) reasons.push('Insufficient memory');
    if (r.ephemeralStorage > 0 && r.ephemeralStorage > n.allocatable.ephemeralStorage - n.requested.ephemeralStorage) reasons.push('Insufficient ephemeral-storage');
    for (const [k, v] of Object.entries(r.scalar)) {
      if (v > 0 && v > (n.allocatable.scalar[k] ?? 0) - (n.requested.scalar[k] ?? 0)) reasons.push(`Insufficient ${k}`);
    }
    return reasons.length ? unschedulable(this.name, ...reasons) : null;
  },
};

/** Filters in the default profile's order (the framework stops at the first failing plugin per node). */
export const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding, podTopologySpread, interPodAffinity];

/** TaintToleration scoring: fewer intolerable PreferNoSchedule taints is better (reversed normalization). */
export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(s, n) {
    const tolerations = ((s.pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return ((n.node.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'PreferNoSchedule' && !tolerations.some((tol) => tolerates(tol, t))).length;
  },
  normalize(_s, scores) {
    return defaultNormalize(scores, true);
  },
};

interface PreferredTerm {
  weight: number;
  preference: { matchExpressions?: unknown[]; matchFields?: unknown[] };
}

/** NodeAffinity scoring: the sum of the weights of the preferred terms the node matches. */
export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore(s) {
    const terms = (s.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as PreferredTerm[];
    if (terms.length === 0) return 'skip';
  },
  score(s, n) {
    let total = 0;
    for (const t of (s.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as PreferredTerm[]) {
      const term = t.preference ?? {};
      if (!t.weight || ((term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0)) continue;
      if (matchNodeSelectorTerm(term as Parameters<typeof matchNodeSelectorTerm>[0], n.node)) total += t.weight;
    }
    return total;
  },
  normalize(_s, scores) {
    return defaultNormalize(scores, false);
  },
};

/** NodeResourcesFit scoring with the LeastAllocated strategy (cpu and memory, weight 1 each, non-zero requests). */
export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(s, n) {
    const part = (req: number, alloc: number) => (alloc === 0 || req > alloc ? 0 : Math.trunc(((alloc - req) * MAX_NODE_SCORE) / alloc));
    let sum = 0;
    let weights = 0;
    if (n.allocatable.milliCPU !== 0) {
      sum += part(n.nonZeroRequested.milliCPU + s.requests.nonZeroMilliCPU, n.allocatable.milliCPU);
      weights++;
    }
    if (n.allocatable.memory !== 0) {
      sum += part(n.nonZeroRequested.memory + s.requests.nonZeroMemory, n.allocatable.memory);
      weights++;
    }
    return weights ? Math.trunc(sum / weights) : 0;
  },
};

/** NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory fractions stay close (actual requests). */
export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(s, n) {
    const fractions: number[] = [];
    if (n.allocatable.milliCPU !== 0) fractions.push(Math.min(1, (n.requested.milliCPU + s.requests.milliCPU) / n.allocatable.milliCPU));
    if (n.allocatable.memory !== 0) fractions.push(Math.min(1, (n.requested.memory + s.requests.memory) / n.allocatable.memory));
    let std = 0;
    if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};

const MB = 1024 * 1024;
const IMAGE_MIN_THRESHOLD = 23 * MB;
const IMAGE_MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: `name` without a tag gets `:latest`. */
export function normalizeImage(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * ImageLocality: nodes that already hold the pod's images score higher, by image size scaled by how
 * widely the image is spread over the cluster (so one node does not attract every replica).
 */
const imageStateMemo = new WeakMap<NodeInfo[], { nodes: KObject[]; states: Map<string, { size: number; nodes: number }> }>();

export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  preScore(s) {
    // ImageStates: image name → { size, nodes holding it }, which the scheduler cache keeps between
    // cycles (the same node list: the same summary until a node changes)
    let memo = imageStateMemo.get(s.infos);
    if (!memo || !memo.nodes.every((n, i) => n === s.infos[i]!.node)) {
      const states = new Map<string, { size: number; nodes: number }>();
      for (const info of s.infos) {
        for (const img of (info.node.status?.images ?? []) as { names?: string[]; sizeBytes?: number }[]) {
          for (const nm of img.names ?? []) {
            const st = states.get(nm);
            if (st) st.nodes++;
            else states.set(nm, { size: img.sizeBytes ?? 0, nodes: 1 });
          }
        }
      }
      memo = { nodes: s.infos.map((i) => i.node), states };
      imageStateMemo.set(s.infos, memo);
    }
    s.data.set('ImageLocality', memo.states);
  },
  score(s, n) {
    const states = s.data.get('ImageLocality') as Map<string, { size: number; nodes: number }>;
    const containers = [...(s.pod.spec?.initContainers ?? []), ...(s.pod.spec?.containers ?? [])] as { image?: string }[];
    const onNode = new Set<string>();
    for (const img of (n.node.status?.images ?? []) as { names?: string[] }[]) for (const nm of img.names ?? []) onNode.add(nm);
    let sum = 0;
    for (const c of containers) {
      // the node reports full references (docker.io/library/nginx:1.27): like kube-scheduler 1.32,
      // only an identical name matches, so short names such as nginx:1.27 earn nothing here
      const want = normalizeImage(c.image ?? '');
      const st = onNode.has(want) ? states.get(want) : undefined;
      if (st) sum += Math.trunc(st.size * (st.nodes / s.infos.length));
    }
    const maxThreshold = IMAGE_MAX_CONTAINER_THRESHOLD * containers.length;
    const clamped = Math.min(Math.max(sum, IMAGE_MIN_THRESHOLD), maxThreshold);
    return Math.trunc((MAX_NODE_SCORE * (clamped - IMAGE_MIN_THRESHOLD)) / (maxThreshold - IMAGE_MIN_THRESHOLD));
  },
};

/** Score plugins in the default profile's order, with their weights. */
export const SCORES: ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, leastAllocated, podTopologySpreadScore, interPodAffinityScore, balancedAllocation, imageLocality];
