// Strategies of the kinds added with the batch, storage and extension controllers, installed after
// the core ones (see installStrategies).
import type { ApiServer } from './server';
import { jobStrategy } from './strategies-batch';

export function installExtraStrategies(api: ApiServer): void {
  api.strategies.set('Job.batch', jobStrategy);
}
