// Strategies of the kinds added with the batch, storage and extension controllers, installed after
// the core ones (see installStrategies).
import type { ApiServer, KindStrategy } from './server';
import { jobStrategy } from './strategies-batch';

/** PersistentVolume: Pending at creation, with lastPhaseTransitionTime (GA in 1.31). */
const persistentVolumeStrategy: KindStrategy = {
  prepareForCreate(obj, api) {
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: api.clock.rfc3339() };
  },
};

export function installExtraStrategies(api: ApiServer): void {
  api.strategies.set('Job.batch', jobStrategy);
  api.strategies.set('PersistentVolume', persistentVolumeStrategy);
}
