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

/** CustomResourceDefinition: status starts with the storage version (the controllers fill the rest). */
const crdStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const storage = (obj.spec?.versions ?? []).find((v: { storage?: boolean }) => v.storage)?.name;
    obj.status = storage ? { storedVersions: [storage] } : {};
  },
};

export function installExtraStrategies(api: ApiServer): void {
  api.strategies.set('Job.batch', jobStrategy);
  api.strategies.set('PersistentVolume', persistentVolumeStrategy);
  api.strategies.set('CustomResourceDefinition.apiextensions.k8s.io', crdStrategy);
}
