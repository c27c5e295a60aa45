// Controllers of the batch, storage and extension APIs, registered after the workload controllers.
import type { Ctx } from '../controllers/context';
import { jobController } from '../controllers/job';
import { ttlAfterFinishedController } from '../controllers/ttlafterfinished';
import { cronJobController } from '../controllers/cronjob';
import { clusterRoleAggregationController } from '../controllers/clusterroleaggregation';
import { crdController } from '../controllers/crd';
import { localPathProvisioner, persistentVolumeController, pvcProtectionController, pvProtectionController } from '../controllers/persistentvolume';

export function registerExtraControllers(ctx: Ctx): void {
  const loop = ctx.loop;
  loop.register(jobController);
  loop.register(cronJobController);
  loop.register(ttlAfterFinishedController);
  loop.register(clusterRoleAggregationController);
  loop.register(persistentVolumeController);
  loop.register(localPathProvisioner);
  loop.register(pvcProtectionController);
  loop.register(pvProtectionController);
  loop.register(crdController);
}
