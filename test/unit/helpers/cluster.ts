// An in-memory cluster for controller unit tests: the same wiring as a Session (store, API server
// with strategies and admission, controllers, scheduler, kubelet), bootstrapped with the default
// nodes and system objects, on a manual clock — without a state file or the CLI.
import { Store } from '../../../src/store/store';
import { Clock, MANUAL_EPOCH_MS } from '../../../src/sim/clock';
import { Random } from '../../../src/sim/random';
import { ControllerLoop } from '../../../src/sim/loop';
import { EventRecorder } from '../../../src/sim/events';
import { ApiServer } from '../../../src/api/server';
import { installStrategies } from '../../../src/api/strategies';
import { installDefaultAdmission } from '../../../src/api/admission';
import { registerControllers } from '../../../src/cluster/controllers';
import { bootstrapCluster, addNode } from '../../../src/cluster/bootstrap';
import { defaultClusterConfig, type ClusterConfig, type NodeConfig } from '../../../src/cluster/config';
import type { Ctx } from '../../../src/controllers/context';
import { clone, type KObject } from '../../../src/api/types';

export class TestCluster {
  readonly ctx: Ctx;

  constructor(config: ClusterConfig = defaultClusterConfig()) {
    const clock = new Clock('manual', MANUAL_EPOCH_MS - 60_000);
    const store = new Store(0);
    const rng = Random.fromSeed(config.seed);
    const loop = new ControllerLoop<Ctx>(store, clock);
    const api = new ApiServer(store, clock, rng);
    installStrategies(api);
    installDefaultAdmission(api);
    const sim: Record<string, unknown> = {};
    const events = new EventRecorder(store, clock, rng, ((sim.events ??= {}) as { lastEventNanos?: string }));
    this.ctx = { store, api, clock, rng, events, loop, cluster: config, sim, transient: {} };
    loop.setContext(this.ctx);
    registerControllers(this.ctx);
    bootstrapCluster(this.ctx);
    loop.advanceTo(MANUAL_EPOCH_MS);
  }

  /** Creates an object through the API server and lets the controllers react. */
  create(obj: KObject): KObject {
    const o = this.ctx.api.create(clone(obj));
    this.ctx.loop.runUntilQuiet();
    return o;
  }

  /** Replaces an object's spec/metadata (read-modify-write) and lets the controllers react. */
  update(gk: string, ns: string | undefined, name: string, edit: (o: KObject) => void): KObject {
    const cur = clone(this.get(gk, ns, name)!);
    edit(cur);
    const o = this.ctx.api.update(cur);
    this.ctx.loop.runUntilQuiet();
    return o;
  }

  delete(gk: string, ns: string | undefined, name: string, opts: Parameters<ApiServer['delete']>[3] = {}): void {
    this.ctx.api.delete(gk, ns, name, opts);
    this.ctx.loop.runUntilQuiet();
  }

  get(gk: string, ns: string | undefined, name: string): KObject | undefined {
    return this.ctx.store.get(gk, ns, name);
  }

  list(gk: string, ns?: string): KObject[] {
    return this.ctx.store.list(gk, ns);
  }

  names(gk: string, ns?: string, filter: (o: KObject) => boolean = () => true): string[] {
    return this.list(gk, ns).filter(filter).map((o) => o.metadata.name);
  }

  /** Moves simulated time forward by `ms`, running every timer due on the way. */
  advance(ms: number): void {
    this.ctx.loop.advanceTo(this.ctx.clock.now() + ms);
  }

  /** Advances in `stepMs` steps until `cond` holds (or `maxMs` passed); returns whether it held. */
  until(cond: () => boolean, maxMs = 600_000, stepMs = 1000): boolean {
    for (let t = 0; t <= maxMs; t += stepMs) {
      if (cond()) return true;
      this.advance(stepMs);
    }
    return cond();
  }

  addNode(n: Partial<NodeConfig> & { name: string }): KObject {
    const index = this.list('Node').length;
    const node = addNode(this.ctx, { role: 'worker', cpu: '4', memory: '8148692Ki', pods: 110, ...n }, index);
    this.ctx.loop.runUntilQuiet();
    return node;
  }

  /** Messages of the events recorded about an object, oldest first. */
  events(kind: string, name: string, ns = 'default'): string[] {
    return this.list('Event', ns)
      .filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name)
      .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
      .map((e) => `${e.reason}: ${e.message}`);
  }
}

export const running = (p: KObject): boolean => p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
