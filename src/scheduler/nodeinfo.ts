// The scheduler's view of each node: allocatable resources and what the pods bound to it request.
// Kept up to date from store events instead of being recomputed for every pod.
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
  pods: Set<string>;
  usedPorts: Set<string>;
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
}

/**
 * The pod's effective request (resourcehelper.PodRequests): sum of containers, at least the largest
 * init container (sidecars add up), plus overhead.
 */
export function podRequests(pod: KObject): Resources & { nonZeroMilliCPU: number; nonZeroMemory: number } {
  const sum = zero();
  let nzCPU = 0;
  let nzMem = 0;
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[]) {
    addList(sum, c.resources?.requests);
    const cpu = c.resources?.requests?.cpu;
    const mem = c.resources?.requests?.memory;
    nzCPU += cpu !== undefined ? q(cpu, true) : DEFAULT_MILLI_CPU_REQUEST;
    nzMem += mem !== undefined ? q(mem) : DEFAULT_MEMORY_REQUEST;
  }
  let sidecars = zero();
  for (const c of (pod.spec?.initContainers ?? []) as ContainerLike[]) {
    const r = zero();
    addList(r, c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      addList(sum, c.resources?.requests);
      const s = zero();
      addList(s, c.resources?.requests);
      sidecars = { ...sidecars, milliCPU: sidecars.milliCPU + s.milliCPU, memory: sidecars.memory + s.memory };
      continue;
    }
    sum.milliCPU = Math.max(sum.milliCPU, r.milliCPU + sidecars.milliCPU);
    sum.memory = Math.max(sum.memory, r.memory + sidecars.memory);
  }
  addList(sum, pod.spec?.overhead);
  sum.pods = 1;
  return { ...sum, nonZeroMilliCPU: nzCPU, nonZeroMemory: nzMem };
}

function counts(p: KObject): boolean {
  return !!p.spec?.nodeName && !['Succeeded', 'Failed'].includes(p.status?.phase);
}

export function hostPorts(p: KObject): string[] {
  const out: string[] = [];
  for (const c of [...((p.spec?.containers ?? []) as ContainerLike[]), ...((p.spec?.initContainers ?? []) as ContainerLike[])])
    for (const port of c.ports ?? []) if (port.hostPort) out.push(`${port.hostIP || '0.0.0.0'}/${port.protocol ?? 'TCP'}/${port.hostPort}`);
  return out;
}

export class NodeInfoCache {
  private infos: Map<string, NodeInfo> | null = null;
  private podNode = new Map<string, string>();

  constructor(private readonly store: Store) {}

  private build(): Map<string, NodeInfo> {
    const m = new Map<string, NodeInfo>();
    for (const n of this.store.list('Node')) m.set(n.metadata.name, this.fresh(n));
    for (const p of this.store.list('Pod')) if (counts(p)) this.addPod(m, p);
    return m;
  }

  private fresh(n: KObject): NodeInfo {
    const alloc = zero();
    addList(alloc, n.status?.allocatable);
    alloc.pods = q(n.status?.allocatable?.pods ?? 0);
    return { name: n.metadata.name, node: n, allocatable: alloc, requested: zero(), nonZeroRequested: { milliCPU: 0, memory: 0 }, pods: new Set(), usedPorts: new Set() };
  }

  private addPod(m: Map<string, NodeInfo>, p: KObject): void {
    const info = m.get(p.spec.nodeName);
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    if (!info) return;
    const r = podRequests(p);
    info.requested.milliCPU += r.milliCPU;
    info.requested.memory += r.memory;
    info.requested.ephemeralStorage += r.ephemeralStorage;
    info.requested.pods += 1;
    for (const [k, v] of Object.entries(r.scalar)) info.requested.scalar[k] = (info.requested.scalar[k] ?? 0) + v;
    info.nonZeroRequested.milliCPU += r.nonZeroMilliCPU;
    info.nonZeroRequested.memory += r.nonZeroMemory;
    info.pods.add(key);
    for (const hp of hostPorts(p)) info.usedPorts.add(hp);
    this.podNode.set(key, p.spec.nodeName);
  }

  private removePod(m: Map<string, NodeInfo>, p: KObject): void {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const nodeName = this.podNode.get(key);
    if (!nodeName) return;
    this.podNode.delete(key);
    const info = m.get(nodeName);
    if (!info || !info.pods.has(key)) return;
    const r = podRequests(p);
    info.requested.milliCPU -= r.milliCPU;
    info.requested.memory -= r.memory;
    info.requested.ephemeralStorage -= r.ephemeralStorage;
    info.requested.pods -= 1;
    for (const [k, v] of Object.entries(r.scalar)) info.requested.scalar[k] = (info.requested.scalar[k] ?? 0) - v;
    info.nonZeroRequested.milliCPU -= r.nonZeroMilliCPU;
    info.nonZeroRequested.memory -= r.nonZeroMemory;
    info.pods.delete(key);
    for (const hp of hostPorts(p)) info.usedPorts.delete(hp);
  }

  observe(ev: WatchEvent): void {
    const m = this.infos;
    if (!m) return;
    if (ev.gk === 'Node') {
      if (ev.type === 'DELETED') m.delete(ev.obj.metadata.name);
      else if (!m.has(ev.obj.metadata.name)) this.infos = null; // rebuild to pick up pods bound earlier
      else {
        const info = m.get(ev.obj.metadata.name)!;
        const f = this.fresh(ev.obj);
        info.node = ev.obj;
        info.allocatable = f.allocatable;
      }
      return;
    }
    if (ev.gk !== 'Pod') return;
    if (ev.old && counts(ev.old)) this.removePod(m, ev.old);
    else if (ev.type === 'DELETED' && counts(ev.obj)) this.removePod(m, ev.obj);
    if (ev.type !== 'DELETED' && counts(ev.obj)) this.addPod(m, ev.obj);
  }

  all(): NodeInfo[] {
    if (!this.infos) this.infos = this.build();
    return [...this.infos.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get(name: string): NodeInfo | undefined {
    if (!this.infos) this.infos = this.build();
    return this.infos.get(name);
  }
}
