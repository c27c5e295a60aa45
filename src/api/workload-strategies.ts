// Storage strategies of the workload kinds whose controllers read what the strategy writes:
// DaemonSet (spec.templateGeneration, kept in the v1 annotation `deprecated.daemonset.template.
// generation`, bumped on every template change), and the status a fresh StatefulSet, DaemonSet or
// ReplicationController reads back with (the v1 status fields without omitempty are zero, not absent).
import type { ApiServer, KindStrategy } from './server';
import type { KObject } from './types';
import { deepEqual } from './equality';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function generationOf(o: KObject): number {
  const v = parseInt(o.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '', 10);
  return Number.isNaN(v) ? 0 : v;
}

/** daemonSetStrategy: PrepareForCreate (templateGeneration ≥ 1) and PrepareForUpdate (+1 on a new template). */
export const daemonSetStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(Math.max(1, generationOf(obj))) };
  },
  prepareForUpdate(obj, old) {
    // update may not set templateGeneration: it follows the template
    const gen = generationOf(old) + (deepEqual(obj.spec?.template, old.spec?.template) ? 0 : 1);
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(gen) };
  },
};

const statusOnCreate = (status: Record<string, unknown>): KindStrategy => ({
  prepareForCreate(obj) {
    obj.status = { ...status };
  },
});

export function installWorkloadStrategies(api: ApiServer): void {
  api.strategies.set('DaemonSet.apps', daemonSetStrategy);
  api.strategies.set('StatefulSet.apps', statusOnCreate({ availableReplicas: 0, replicas: 0 }));
  api.strategies.set('ReplicationController', statusOnCreate({ replicas: 0 }));
}
