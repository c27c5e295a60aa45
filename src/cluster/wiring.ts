// The heavy half of a session: the API server with its strategies and admission plugins, and every
// controller, the scheduler and the kubelet. A session wires them only when something needs them
// (see Session.wire), so a read-only command on a quiet cluster never loads this code.
import { ApiServer } from '../api/server';
import { installDefaultAdmission } from '../api/admission';
import { installStrategies } from '../api/strategies';
import type { Ctx } from '../controllers/context';
import { registerControllers } from './controllers';
export { bootstrapCluster } from './bootstrap';

/** Builds the API server for `ctx` (store, clock, rng already set). */
export function newApiServer(ctx: Pick<Ctx, 'store' | 'clock' | 'rng'>): ApiServer {
  const api = new ApiServer(ctx.store, ctx.clock, ctx.rng);
  installStrategies(api);
  installDefaultAdmission(api);
  return api;
}

export { registerControllers };
