// Simulated resource usage and the metrics-server that reports it (what `kubectl top` and the HPA
// read through metrics.k8s.io).
//
// A running container uses its image's idle CPU and memory (images.ts `idle`, 1m/4Mi for images the
// catalog does not describe), plus its share of the load a user puts on a workload with
// `kubesim load deploy/web --cpu 300m --memory 100Mi`: that load is spread evenly over the workload's
// Ready pods (as a Service would spread requests) and lands on each pod's first container, capped
// by the container's CPU limit. A small, fixed per-pod variation (±4 %, from the pod's uid) keeps
// numbers from looking machine-made. Nodes use what their pods use plus the kubelet, the runtime and
// the system (25m, 230Mi).
//
// Like metrics-server (--metric-resolution 15s), values are scraped every 15 s: what is reported is
// the usage as of the last scrape, a pod appears once two scrapes have seen it running, and a node
// whose kubelet is stopped reports nothing.
import type { Container, KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import { tryParseQuantity } from '../api/quantity';
import { fnv1a32 } from '../api/naming';
import { lookupImage, parseImage } from '../kubelet/images';
import { kubeletStopped } from '../kubelet/heartbeat';
import { parseTime } from '../sim/clock';
import { controllerRef } from '../controllers/util';

export const METRIC_RESOLUTION_MS = 15_000;
const MiB = 1024 * 1024;
const DEFAULT_IDLE = { cpuMilli: 1, memoryMi: 4 };
const NODE_OVERHEAD = { cpuMilli: 25, memoryMi: 230 };

export interface LoadSetting {
  cpuMilli: number;
  memoryBytes: number;
  /** When it was set (ms), and what it replaced (so a scrape before that still sees the old one). */
  since: number;
  prev?: { cpuMilli: number; memoryBytes: number };
}

type LoadState = Record<string, LoadSetting>;

function loads(ctx: Ctx): LoadState {
  return simState<LoadState>(ctx, 'load', () => ({}));
}

export function loadKey(gk: string, ns: string | undefined, name: string): string {
  return `${gk}/${ns ?? ''}/${name}`;
}

/** `kubesim load`: puts (or, with zeros, removes) load on a workload or a pod. */
export function setLoad(ctx: Ctx, key: string, cpuMilli: number, memoryBytes: number): void {
  const all = loads(ctx);
  const cur = all[key];
  const now = ctx.clock.now();
  const prev = cur ? (cur.since <= lastScrape(now) ? { cpuMilli: cur.cpuMilli, memoryBytes: cur.memoryBytes } : cur.prev) : { cpuMilli: 0, memoryBytes: 0 };
  all[key] = { cpuMilli, memoryBytes, since: now, prev };
}

/** The load in effect at a scrape at time `t`. */
function loadAt(l: LoadSetting, t: number): { cpuMilli: number; memoryBytes: number } {
  return l.since <= t ? l : (l.prev ?? { cpuMilli: 0, memoryBytes: 0 });
}

/** Forgets loads on workloads and pods that no longer exist. */
export function pruneLoads(ctx: Ctx, exists: (key: string) => boolean): void {
  const all = ctx.sim.load as LoadState | undefined;
  if (!all) return;
  for (const k of Object.keys(all)) if (!exists(k)) delete all[k];
}

/** The metrics-server scrape at or before `t`. */
export function lastScrape(t: number): number {
  return Math.floor(t / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
}

export interface ContainerUsage {
  name: string;
  /** CPU in nanocores, memory in bytes (metrics.k8s.io's units). */
  cpuNanos: number;
  memoryBytes: number;
}

export interface PodUsage {
  pod: KObject;
  /** The scrape the values come from (ms). */
  timestamp: number;
  windowMs: number;
  containers: ContainerUsage[];
}

export interface NodeUsage {
  node: KObject;
  timestamp: number;
  windowMs: number;
  cpuNanos: number;
  memoryBytes: number;
}

function isReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** A pod's controllers, closest first, as load keys (`ReplicaSet.apps/ns/web-abc`, `Deployment.apps/ns/web`). */
function ancestors(ctx: Ctx, pod: KObject): string[] {
  const ns = pod.metadata.namespace;
  const out = [loadKey('Pod', ns, pod.metadata.name)];
  let cur: KObject | undefined = pod;
  for (let depth = 0; depth < 3 && cur; depth++) {
    const ref = controllerRef(cur);
    if (!ref) break;
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion.split('/')[0] : '';
    const gk = group ? `${ref.kind}.${group}` : ref.kind;
    out.push(loadKey(gk, ns, ref.name));
    cur = ctx.store.get(gk, ns, ref.name);
  }
  return out;
}

function quantityMilli(v: unknown): number | undefined {
  const q = tryParseQuantity(v);
  return q ? q.milliValue() : undefined;
}

/**
 * A snapshot of usage at one instant: computes, once, which pods share each load, then answers for
 * any pod or node (what `top` and one HPA sync need).
 */
export class MetricsView {
  readonly scrape: number;
  private readonly shares = new Map<string, number>();
  private readonly loadsAtScrape: Record<string, { cpuMilli: number; memoryBytes: number }> = {};

  constructor(private readonly ctx: Ctx) {
    this.scrape = lastScrape(ctx.clock.now());
    const all = (ctx.sim.load as LoadState | undefined) ?? {};
    for (const [k, l] of Object.entries(all)) this.loadsAtScrape[k] = loadAt(l, this.scrape);
  }

  private readyCount(key: string, ns: string | undefined): number {
    let n = this.shares.get(key);
    if (n === undefined) {
      n = 0;
      for (const p of this.ctx.store.list('Pod', ns)) if (this.serves(p) && ancestors(this.ctx, p).includes(key)) n++;
      this.shares.set(key, n);
    }
    return n;
  }

  /** Does the pod take traffic (Ready, running, not being deleted)? */
  private serves(p: KObject): boolean {
    return p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && isReady(p);
  }

  /** When metrics-server has seen a container of the pod running for two scrapes. */
  private podAvailable(p: KObject): boolean {
    if (p.status?.phase !== 'Running' || !p.spec?.nodeName) return false;
    if (kubeletStopped(this.ctx, p.spec.nodeName)) return false;
    const starts = (p.status?.containerStatuses ?? []).map((s: { state?: { running?: { startedAt?: string } } }) => parseTime(s.state?.running?.startedAt)).filter((t: number) => Number.isFinite(t));
    if (!starts.length) return false;
    const first = Math.min(...starts);
    return Math.ceil(first / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS + METRIC_RESOLUTION_MS <= this.scrape;
  }

  /** The pod's metrics as metrics-server reports them, or undefined when it has none. */
  pod(p: KObject): PodUsage | undefined {
    if (!this.podAvailable(p)) return undefined;
    const jitter = 0.96 + (fnv1a32(p.metadata.uid ?? p.metadata.name) % 801) / 10000;
    let extraCpu = 0;
    let extraMem = 0;
    if (this.serves(p)) {
      for (const key of ancestors(this.ctx, p)) {
        const l = this.loadsAtScrape[key];
        if (!l || (l.cpuMilli === 0 && l.memoryBytes === 0)) continue;
        const n = this.readyCount(key, p.metadata.namespace);
        if (n === 0) continue;
        extraCpu += l.cpuMilli / n;
        extraMem += l.memoryBytes / n;
      }
    }
    const running = new Set(
      [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].filter((s: { state?: { running?: unknown } }) => s.state?.running).map((s: { name: string }) => s.name),
    );
    const specs: Container[] = [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? []).filter((c: Container) => c.restartPolicy === 'Always')];
    const containers: ContainerUsage[] = [];
    specs.forEach((c, i) => {
      if (!running.has(c.name)) return;
      const ref = c.image ? parseImage(c.image) : undefined;
      const idle = (ref && lookupImage(ref)?.idle) ?? DEFAULT_IDLE;
      let cpuMilli = idle.cpuMilli + (i === 0 ? extraCpu : 0);
      const limit = quantityMilli(c.resources?.limits?.cpu);
      if (limit !== undefined && cpuMilli > limit) cpuMilli = limit;
      let mem = idle.memoryMi * MiB + (i === 0 ? extraMem : 0);
      const memLimit = quantityMilli(c.resources?.limits?.memory);
      if (memLimit !== undefined && mem > memLimit / 1000) mem = memLimit / 1000;
      containers.push({ name: c.name, cpuNanos: Math.round(cpuMilli * jitter * 1_000_000), memoryBytes: Math.round((mem * (1 + (jitter - 1) / 2)) / 1024) * 1024 });
    });
    if (!containers.length) return undefined;
    return { pod: p, timestamp: this.scrape, windowMs: METRIC_RESOLUTION_MS, containers };
  }

  /** The node's metrics, or undefined when its kubelet is not reporting. */
  node(n: KObject): NodeUsage | undefined {
    const name = n.metadata.name;
    if (kubeletStopped(this.ctx, name)) return undefined;
    const ready = (n.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
    if (!ready) return undefined;
    const created = parseTime(n.metadata.creationTimestamp);
    if (Number.isFinite(created) && Math.ceil(created / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS + METRIC_RESOLUTION_MS > this.scrape) return undefined;
    let cpu = NODE_OVERHEAD.cpuMilli * 1_000_000;
    let mem = NODE_OVERHEAD.memoryMi * MiB;
    for (const p of this.ctx.store.podsOnNode(name)) {
      const u = this.pod(p);
      if (!u) continue;
      for (const c of u.containers) {
        cpu += c.cpuNanos;
        mem += c.memoryBytes;
      }
    }
    const jitter = 1 + ((fnv1a32(n.metadata.uid ?? name) % 201) - 100) / 10000;
    return { node: n, timestamp: this.scrape, windowMs: 20_000, cpuNanos: Math.round(cpu * jitter), memoryBytes: Math.round((mem * jitter) / 1024) * 1024 };
  }
}
