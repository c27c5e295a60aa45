// Node health as a whole: the node lifecycle controller, the taint eviction controller and the pod
// garbage collector, plus the kubelets' derived heartbeats written out whenever time comes to rest.
import type { Ctx } from './context';
import { nodeLifecycleController } from './nodelifecycle';
import { taintEvictionController } from './tainteviction';
import { podGcController } from './podgc';
import { refreshHeartbeats } from '../kubelet/heartbeat';

export function registerNodeHealth(ctx: Ctx): void {
  ctx.loop.register(nodeLifecycleController);
  ctx.loop.register(taintEvictionController);
  ctx.loop.register(podGcController);
  ctx.loop.onRest(() => refreshHeartbeats(ctx));
}
