// The TTL-after-finished controller (ttlafterfinished/ttlafterfinished_controller.go): a finished
// Job with spec.ttlSecondsAfterFinished is deleted (foreground propagation, so its pods go first)
// that many seconds after its Complete/Failed condition was set. It records no events.
import { KubeError } from '../api/errors';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { keyFor, splitKey } from './util';
import { isJobFinished, jobFinishTime } from './job';

export const TTL_AFTER_FINISHED_CONTROLLER = 'ttl-after-finished-controller';

function needsCleanup(job: { metadata: { deletionTimestamp?: string }; spec?: { ttlSecondsAfterFinished?: number | null } }): boolean {
  return job.spec?.ttlSecondsAfterFinished != null && !job.metadata.deletionTimestamp;
}

export const ttlAfterFinishedController: Controller<Ctx> = {
  name: TTL_AFTER_FINISHED_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk !== 'Job.batch' || ev.type === 'DELETED') return;
    if (needsCleanup(ev.obj) && isJobFinished(ev.obj)) enqueue(keyFor(ev.obj));
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const job = ctx.store.get('Job.batch', ns, name);
    if (!job || !needsCleanup(job) || !isJobFinished(job)) return;
    const finishedAt = jobFinishTime(job);
    if (finishedAt === undefined) return;
    const expireAt = finishedAt + job.spec.ttlSecondsAfterFinished * 1000;
    if (ctx.clock.now() < expireAt) {
      ctx.loop.at(expireAt, TTL_AFTER_FINISHED_CONTROLLER, key);
      return;
    }
    try {
      ctx.api.delete('Job.batch', ns, name, { propagationPolicy: 'Foreground', uid: job.metadata.uid });
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  },
};
