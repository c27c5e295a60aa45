// What every controller, the scheduler and the kubelet receive: the store, the API server, the
// session's clock and random source, the event recorder, and their own persisted private state.
import type { ApiServer } from '../api/server';
import type { Store } from '../store/store';
import type { Clock } from '../sim/clock';
import type { Random } from '../sim/random';
import type { EventRecorder } from '../sim/events';
import type { ControllerLoop } from '../sim/loop';
import type { ClusterConfig } from '../cluster/config';

export interface Ctx {
  store: Store;
  api: ApiServer;
  clock: Clock;
  rng: Random;
  events: EventRecorder;
  loop: ControllerLoop<Ctx>;
  cluster: ClusterConfig;
  /**
   * Private, persisted state of simulated components (the kubelet's container runtime, IPAM cursors,
   * load settings…): lives beside the objects in the state file, never inside them.
   */
  sim: Record<string, unknown>;
  /** Per-process scratch space (hints between watch and sync); never saved. */
  transient: Record<string, unknown>;
}

/** The named section of `ctx.sim`, created on first use. */
export function simState<T extends object>(ctx: Ctx, name: string, init: () => T): T {
  let s = ctx.sim[name] as T | undefined;
  if (!s) {
    s = init();
    ctx.sim[name] = s;
  }
  return s;
}
