// The controller manager's roster: every simulated component, in the order they see changes.
import type { Ctx } from '../controllers/context';
import { deploymentController } from '../controllers/deployment';
import { replicaSetController, replicationManager } from '../controllers/replicaset';
import { garbageCollector } from '../controllers/garbagecollector';
import { statefulSetController } from '../controllers/statefulset';
import { daemonSetController } from '../controllers/daemonset';
import { namespaceController } from '../controllers/namespace';
import { serviceAccountController, rootCaPublisher } from '../controllers/serviceaccount';
import { eventTtlController } from '../controllers/eventttl';
import { tokensController } from '../controllers/sa-tokens';
import { scheduler } from '../scheduler';
import { kubelet } from '../kubelet';
import { registerExtraControllers } from './controllers-extra';
import { endpointsController } from '../controllers/endpoints';
import { endpointSliceController, endpointSliceMirroringController } from '../controllers/endpointslice';
import { serviceLoadBalancerController } from '../controllers/servicelb';
import { ingressNginxController } from '../controllers/ingress-nginx';
import { registerNodeHealth } from '../controllers/nodehealth';
import { hpaController } from '../controllers/hpa';
import { disruptionController } from '../controllers/disruption';
import { resourceQuotaController } from '../controllers/resourcequota';

export function registerControllers(ctx: Ctx): void {
  const loop = ctx.loop;
  loop.register(namespaceController);
  loop.register(serviceAccountController);
  loop.register(rootCaPublisher);
  loop.register(tokensController);
  loop.register(deploymentController);
  loop.register(replicaSetController);
  loop.register(replicationManager);
  registerExtraControllers(ctx);
  loop.register(statefulSetController);
  loop.register(daemonSetController);
  loop.register(garbageCollector);
  loop.register(scheduler);
  loop.register(kubelet);
  loop.register(eventTtlController);
  loop.register(endpointsController);
  loop.register(endpointSliceController);
  loop.register(endpointSliceMirroringController);
  loop.register(serviceLoadBalancerController);
  loop.register(ingressNginxController);
  registerNodeHealth(ctx);
  loop.register(hpaController);
  loop.register(disruptionController);
  loop.register(resourceQuotaController);
}
