// The Job storage strategy (pkg/registry/batch/job/strategy.go): status starts empty, and unless the
// user asked for a manual selector the server generates the selector and the pod template labels
// from the Job's uid and name. The real server does that inside Validate, after the uid is filled
// in; here the strategy assigns the uid itself (the API server keeps a uid a strategy has set).
import type { ApiServer, KindStrategy } from './server';
import { applyDefaults } from './defaults';
import type { KObject } from './types';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

/** generateSelector: job-name and controller-uid labels on the template, controller-uid in the selector. */
export function generateJobSelector(job: KObject): void {
  const spec = (job.spec ??= {});
  const template = (spec.template ??= {});
  const meta = (template.metadata ??= {});
  const labels: Record<string, string> = (meta.labels ??= {});
  // labels the user already set are kept (a conflicting value is then rejected by validation)
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = job.metadata.name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = job.metadata.uid!;
  const selector = (spec.selector ??= {});
  const ml: Record<string, string> = (selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in ml)) ml[CONTROLLER_UID_LABEL] = job.metadata.uid!;
}

export const jobStrategy: KindStrategy = {
  prepareForCreate(obj: KObject, api: ApiServer) {
    obj.status = {};
    obj.metadata.uid = api.rng.uuid();
    if (obj.spec?.manualSelector !== true) generateJobSelector(obj);
    // a read from storage re-runs defaulting: metadata.labels picks up the generated template labels
    // when the user gave none
    applyDefaults('Job.batch', obj);
  },
};
