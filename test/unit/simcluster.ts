// An in-memory simulated cluster for unit tests: the real API server, controllers, scheduler and
// kubelet on a manual clock, never saved to disk.
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from '../../src/cluster/session';
import { StateLock } from '../../src/store/statefile';
import { defaultClusterConfig, type ClusterConfig, type NodeConfig } from '../../src/cluster/config';
import type { KObject } from '../../src/api/types';

export function simCluster(opts: { workers?: number; controlPlanes?: number; nodes?: NodeConfig[]; config?: ClusterConfig } = {}): Session {
  const file = path.join(os.tmpdir(), `kubesim-unit-${process.pid}.json`);
  let config = opts.config ?? defaultClusterConfig({ workers: opts.workers ?? 2, controlPlanes: opts.controlPlanes ?? 1 });
  if (opts.nodes) config = { ...config, nodes: opts.nodes };
  return Session.fresh(file, new StateLock(`${file}.lock`), { clock: 'manual', config });
}

export function node(name: string, extra: Partial<NodeConfig> = {}): NodeConfig {
  return { name, role: 'worker', cpu: '4', memory: '8Gi', pods: 110, ...extra };
}

export function pod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec },
  } as KObject;
}

export function requests(cpu?: string, memory?: string): Record<string, unknown> {
  const r: Record<string, string> = {};
  if (cpu) r.cpu = cpu;
  if (memory) r.memory = memory;
  return { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: r } }] };
}

/** Creates objects through the API and lets the controllers settle. */
export function apply(s: Session, ...objs: KObject[]): KObject[] {
  const out = objs.map((o) => s.ctx.api.create(o));
  s.settle();
  return out;
}

export function advance(s: Session, ms: number): void {
  s.ctx.loop.advanceTo(s.clock.now() + ms);
}

export function get(s: Session, name: string, ns = 'default'): KObject {
  return s.store.get('Pod', ns, name)!;
}

/** Messages of the events about a pod (by name), oldest first. */
export function eventsOf(s: Session, name: string, reason?: string): string[] {
  return s.store
    .list('Event', 'default')
    .filter((e) => e.involvedObject?.name === name && (!reason || e.reason === reason))
    .sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0))
    .map((e) => `${e.reason}: ${e.message}`);
}
