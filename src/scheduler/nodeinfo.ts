// The scheduler's view of each node (framework.NodeInfo): allocatable resources, what the pods bound
// to it request, its pods (and which of them carry pod (anti-)affinity), host ports in use and the
// images it holds. Kept up to date from store events instead of being recomputed for every pod.
import type { KObject } from '../api/types';
import type { Store, WatchEvent } from '../store/store';
import { tryParseQuantity } from '../api/quantity';

export interface Resources {
  milliCPU: number;
  memory: number;
  pods: number;
  ephemeralStorage: number;
  scalar: Record<string, number>;
}

export interface NodeInfo {
  name: string;
  node: KObject;
  allocatable: Resources;
  requested: Resources;
  /** Requests with the scheduler's non-zero defaults (100m CPU, 200Mi memory) for scoring. */
  nonZeroRequested: { milliCPU: number; memory: number };
  /** The pods bound to the node (`ns/name` → pod), including terminating ones. */
  pods: Map<string, KObject>;
  /** Keys of pods with any pod affinity or anti-affinity (PodsWithAffinity). */
  affinityPods: Set<string>;
  /** Keys of pods with required anti-affinity (PodsWithRequiredAntiAffinity). */
  antiAffinityPods: Set<string>;
  usedPorts: Map<string, number>;
  /** Memo of countMatching (namespace + selector → live matching pods), dropped when the pods change. */
  matchCounts?: Map<string, number>;
  /** The lowest priority among the node's pods (preemption's quick no), dropped when the pods change. */
  lowestPriority?: number;
}

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function q(v: unknown, milli = false): number {
  const parsed = tryParseQuantity(v);
  if (!parsed) return 0;
  return milli ? parsed.milliValue() : parsed.value();
}

export function zero(): Resources {
  return { milliCPU: 0, memory: 0, pods: 0, ephemeralStorage: 0, scalar: {} };
}

function addList(r: Resources, list: Record<string, unknown> | undefined, sign = 1): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    if (k === 'cpu') r.milliCPU += sign * q(v, true);
    else if (k === 'memory') r.memory += sign * q(v);
    else if (k === 'ephemeral-storage') r.ephemeralStorage += sign * q(v);
    else if (k !== 'pods') r.scalar[k] = (r.scalar[k] ?? 0) + sign * q(v);
  }
}

interface ContainerLike {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  restartPolicy?: string;
  ports?: { hostPort?: number; protocol?: string; hostIP?: string }[];
  image?: string;
}

export type PodRequests = Resources & { nonZeroMilliCPU: number; nonZeroMemory: number };

/**
 * The pod's effective request (resourcehelper.PodRequests): the sum of its containers and sidecars,
 * at least what its largest init container needs on top of the sidecars started before it, plus
 * overhead. The non-zero variant counts 100m CPU / 200Mi memory for containers that ask for none
 * (NonMissingContainerRequests), as the scheduler's scoring does.
 */
export function podRequests(pod: KObject): PodRequests {
  const sum = zero();
  let nzCPU = 0;
  let nzMem = 0;
  const cpuOf = (c: ContainerLike) => q(c.resources?.requests?.cpu, true);
  const memOf = (c: ContainerLike) => q(c.resources?.requests?.memory);
  const nzCpuOf = (c: ContainerLike) => (c.resources?.requests?.cpu !== undefined ? cpuOf(c) : DEFAULT_MILLI_CPU_REQUEST);
  const nzMemOf = (c: ContainerLike) => (c.resources?.requests?.memory !== undefined ? memOf(c) : DEFAULT_MEMORY_REQUEST);
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[]) {
    addList(sum, c.resources?.requests);
    nzCPU += nzCpuOf(c);
    nzMem += nzMemOf(c);
  }
  // init containers run one at a time before the app containers; restartable ones (sidecars) keep
  // running, so each later init container needs room on top of the sidecars started so far
  let sideCPU = 0;
  let sideMem = 0;
  let nzSideCPU = 0;
  let nzSideMem = 0;
  let initMaxCPU = 0;
  let initMaxMem = 0;
  let nzInitMaxCPU = 0;
  let nzInitMaxMem = 0;
  for (const c of (pod.spec?.initContainers ?? []) as ContainerLike[]) {
    if (c.restartPolicy === 'Always') {
      addList(sum, c.resources?.requests);
      sideCPU += cpuOf(c);
      sideMem += memOf(c);
      nzSideCPU += nzCpuOf(c);
      nzSideMem += nzMemOf(c);
      nzCPU += nzCpuOf(c);
      nzMem += nzMemOf(c);
      initMaxCPU = Math.max(initMaxCPU, sideCPU);
      initMaxMem = Math.max(initMaxMem, sideMem);
      nzInitMaxCPU = Math.max(nzInitMaxCPU, nzSideCPU);
      nzInitMaxMem = Math.max(nzInitMaxMem, nzSideMem);
      continue;
    }
    initMaxCPU = Math.max(initMaxCPU, cpuOf(c) + sideCPU);
    initMaxMem = Math.max(initMaxMem, memOf(c) + sideMem);
    nzInitMaxCPU = Math.max(nzInitMaxCPU, nzCpuOf(c) + nzSideCPU);
    nzInitMaxMem = Math.max(nzInitMaxMem, nzMemOf(c) + nzSideMem);
  }
  sum.milliCPU = Math.max(sum.milliCPU, initMaxCPU);
  sum.memory = Math.max(sum.memory, initMaxMem);
  nzCPU = Math.max(nzCPU, nzInitMaxCPU);
  nzMem = Math.max(nzMem, nzInitMaxMem);
  addList(sum, pod.spec?.overhead);
  nzCPU += q(pod.spec?.overhead?.cpu, true);
  nzMem += q(pod.spec?.overhead?.memory);
  sum.pods = 1;
  return { ...sum, nonZeroMilliCPU: nzCPU, nonZeroMemory: nzMem };
}

/** Pods that occupy a node in the scheduler's cache: bound and not finished. */
export function countsOnNode(p: KObject): boolean {
  return !!p.spec?.nodeName && !['Succeeded', 'Failed'].includes(p.status?.phase);
}

export function hostPorts(p: KObject): string[] {
  const out: string[] = [];
  for (const c of [...((p.spec?.containers ?? []) as ContainerLike[]), ...((p.spec?.initContainers ?? []) as ContainerLike[])])
    for (const port of c.ports ?? []) if (port.hostPort) out.push(`${port.hostIP || '0.0.0.0'}/${port.protocol ?? 'TCP'}/${port.hostPort}`);
  return out;
}

export function hasPodAffinity(p: KObject): boolean {
  const a = p.spec?.affinity;
  return !!(a?.podAffinity || a?.podAntiAffinity);
}

export function hasRequiredAntiAffinity(p: KObject): boolean {
  return (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}

export function podKey(p: KObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

export function newNodeInfo(n: KObject): NodeInfo {
  const alloc = zero();
  addList(alloc, n.status?.allocatable);
  alloc.pods = q(n.status?.allocatable?.pods ?? 0);
  return {
    name: n.metadata.name,
    node: n,
    allocatable: alloc,
    requested: zero(),
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    pods: new Map(),
    affinityPods: new Set(),
    antiAffinityPods: new Set(),
    usedPorts: new Map(),
  };
}

/** NodeInfo.AddPod. */
export function addPodToInfo(info: NodeInfo, p: KObject): void {
  const key = podKey(p);
  if (info.pods.has(key)) removePodFromInfo(info, info.pods.get(key)!);
  info.matchCounts = undefined;
  info.lowestPriority = undefined;
  const r = podRequests(p);
  info.requested.milliCPU += r.milliCPU;
  info.requested.memory += r.memory;
  info.requested.ephemeralStorage += r.ephemeralStorage;
  info.requested.pods += 1;
  for (const [k, v] of Object.entries(r.scalar)) info.requested.scalar[k] = (info.requested.scalar[k] ?? 0) + v;
  info.nonZeroRequested.milliCPU += r.nonZeroMilliCPU;
  info.nonZeroRequested.memory += r.nonZeroMemory;
  info.pods.set(key, p);
  if (hasPodAffinity(p)) info.affinityPods.add(key);
  if (hasRequiredAntiAffinity(p)) info.antiAffinityPods.add(key);
  for (const hp of hostPorts(p)) info.usedPorts.set(hp, (info.usedPorts.get(hp) ?? 0) + 1);
}

/** NodeInfo.RemovePod. */
export function removePodFromInfo(info: NodeInfo, p: KObject): void {
  const key = podKey(p);
  const cur = info.pods.get(key);
  if (!cur) return;
  info.matchCounts = undefined;
  info.lowestPriority = undefined;
  const r = podRequests(cur);
  info.requested.milliCPU -= r.milliCPU;
  info.requested.memory -= r.memory;
  info.requested.ephemeralStorage -= r.ephemeralStorage;
  info.requested.pods -= 1;
  for (const [k, v] of Object.entries(r.scalar)) info.requested.scalar[k] = (info.requested.scalar[k] ?? 0) - v;
  info.nonZeroRequested.milliCPU -= r.nonZeroMilliCPU;
  info.nonZeroRequested.memory -= r.nonZeroMemory;
  info.pods.delete(key);
  info.affinityPods.delete(key);
  info.antiAffinityPods.delete(key);
  for (const hp of hostPorts(cur)) {
    const n = (info.usedPorts.get(hp) ?? 0) - 1;
    if (n > 0) info.usedPorts.set(hp, n);
    else info.usedPorts.delete(hp);
  }
}

/** NodeInfo.Snapshot: an independent copy the preemption dry run may change. */
export function cloneNodeInfo(info: NodeInfo): NodeInfo {
  return {
    name: info.name,
    node: info.node,
    allocatable: { ...info.allocatable, scalar: { ...info.allocatable.scalar } },
    requested: { ...info.requested, scalar: { ...info.requested.scalar } },
    nonZeroRequested: { ...info.nonZeroRequested },
    pods: new Map(info.pods),
    affinityPods: new Set(info.affinityPods),
    antiAffinityPods: new Set(info.antiAffinityPods),
    usedPorts: new Map(info.usedPorts),
  };
}

export class NodeInfoCache {
  private infos: Map<string, NodeInfo> | null = null;
  private sorted: NodeInfo[] = [];
  private sortedFor: Map<string, NodeInfo> | null = null;
  private sortedSize = -1;
  private podNode = new Map<string, string>();
  /** Pending pods nominated to a node by preemption: node → pod keys. */
  private nominatedOn = new Map<string, Map<string, KObject>>();
  private nominatedOf = new Map<string, string>();

  constructor(private readonly store: Store) {}

  private build(): Map<string, NodeInfo> {
    const m = new Map<string, NodeInfo>();
    this.podNode.clear();
    this.nominatedOn.clear();
    this.nominatedOf.clear();
    for (const n of this.store.list('Node')) m.set(n.metadata.name, newNodeInfo(n));
    for (const p of this.store.list('Pod')) {
      if (countsOnNode(p)) this.addPod(m, p);
      else this.nominate(p);
    }
    return m;
  }

  private addPod(m: Map<string, NodeInfo>, p: KObject): void {
    const info = m.get(p.spec.nodeName);
    if (!info) return;
    addPodToInfo(info, p);
    this.podNode.set(podKey(p), p.spec.nodeName);
  }

  private removePod(m: Map<string, NodeInfo>, p: KObject): void {
    const key = podKey(p);
    const nodeName = this.podNode.get(key);
    if (!nodeName) return;
    this.podNode.delete(key);
    const info = m.get(nodeName);
    if (info) removePodFromInfo(info, p);
  }

  private nominate(p: KObject | undefined, key?: string): void {
    const k = key ?? (p ? podKey(p) : '');
    const prev = this.nominatedOf.get(k);
    if (prev) {
      this.nominatedOn.get(prev)?.delete(k);
      this.nominatedOf.delete(k);
    }
    const nnn = p && !p.spec?.nodeName && !p.metadata.deletionTimestamp ? (p.status?.nominatedNodeName as string | undefined) : undefined;
    if (!nnn || !p) return;
    let s = this.nominatedOn.get(nnn);
    if (!s) this.nominatedOn.set(nnn, (s = new Map()));
    s.set(k, p);
    this.nominatedOf.set(k, nnn);
  }

  observe(ev: WatchEvent): void {
    const m = this.infos;
    if (!m) return;
    if (ev.gk === 'Node') {
      if (ev.type === 'DELETED') m.delete(ev.obj.metadata.name);
      else if (!m.has(ev.obj.metadata.name)) this.infos = null; // rebuild to pick up pods bound earlier
      else {
        const info = m.get(ev.obj.metadata.name)!;
        info.node = ev.obj;
        info.allocatable = newNodeInfo(ev.obj).allocatable;
      }
      return;
    }
    if (ev.gk !== 'Pod') return;
    if (ev.old && countsOnNode(ev.old)) this.removePod(m, ev.old);
    else if (ev.type === 'DELETED' && countsOnNode(ev.obj)) this.removePod(m, ev.obj);
    if (ev.type !== 'DELETED' && countsOnNode(ev.obj)) this.addPod(m, ev.obj);
    this.nominate(ev.type === 'DELETED' ? undefined : ev.obj, podKey(ev.obj));
  }

  /** Every node's info, by name (a shared list: callers must not change it). */
  all(): NodeInfo[] {
    if (!this.infos) this.infos = this.build();
    if (this.sortedFor !== this.infos || this.sortedSize !== this.infos.size) {
      this.sorted = [...this.infos.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.sortedFor = this.infos;
      this.sortedSize = this.infos.size;
    }
    return this.sorted;
  }

  get(name: string): NodeInfo | undefined {
    if (!this.infos) this.infos = this.build();
    return this.infos.get(name);
  }

  /** Pending pods nominated to `node` (status.nominatedNodeName). */
  nominatedPods(node: string): KObject[] {
    if (!this.infos) this.infos = this.build();
    return [...(this.nominatedOn.get(node)?.values() ?? [])];
  }
}
