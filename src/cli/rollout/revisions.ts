// Rollout for the kinds whose history is kept in ControllerRevisions (StatefulSet, DaemonSet), as
// kubectl's polymorphichelpers do it: history lists the revisions the object controls, undo
// strategic-merge-patches the object with the chosen revision's stored patch (its pod template).
import { CliError } from '../../api/errors';
import { clone, type KObject } from '../../api/types';
import { deepEqual } from '../../api/equality';
import { revisionsControlledBy, templateOfRevision, templatePatch } from '../../controllers/history';
import type { Session } from '../../cluster/session';
import type { HistoryEntry, RolloutHandler } from './handlers';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export function revisionHistory(s: Session, obj: KObject): HistoryEntry[] {
  // one entry per revision number (a later duplicate wins, as kubectl's map does)
  const byRevision = new Map<number, HistoryEntry>();
  for (const cr of revisionsControlledBy(s.store, obj)) {
    byRevision.set(cr.revision ?? 0, { revision: cr.revision ?? 0, changeCause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '', template: templateOfRevision(cr) });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** findHistory: the given revision, or (0) the one before the newest. */
function findRevision(list: KObject[], toRevision: number): KObject | undefined {
  if (toRevision === 0) return list.length <= 1 ? undefined : list[list.length - 2];
  return list.find((cr) => (cr.revision ?? 0) === toRevision);
}

/** DaemonSetRollbacker / StatefulSetRollbacker. */
export function undoToRevision(s: Session, obj: KObject, toRevision: number, dryRun: boolean): { message: string; template?: unknown; prefix?: string } {
  const notFound = () => new CliError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision < 0) throw notFound();
  const list = revisionsControlledBy(s.store, obj);
  if (toRevision === 0 && list.length <= 1) throw new CliError('no last revision to roll back to');
  const target = findRevision(list, toRevision);
  if (!target) throw notFound();
  const template = templateOfRevision(target);
  if (dryRun) return { message: 'rolled back', template, prefix: 'will roll back to ' };
  if (deepEqual(templatePatch(obj.spec?.template), target.data)) return { message: `skipped rollback (current template already matches revision ${toRevision})` };
  const next = clone(obj);
  next.spec.template = template;
  s.ctx.api.update(next);
  return { message: 'rolled back', template };
}

/** The restart patch (an annotation on the pod template), refused twice within one second. */
function restart(obj: KObject, now: string): KObject {
  if (obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT] === now)
    throw new CliError(`failed to create patch for ${obj.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
  const next = clone(obj);
  next.spec.template.metadata = next.spec.template.metadata ?? {};
  next.spec.template.metadata.annotations = { ...(next.spec.template.metadata.annotations ?? {}), [RESTARTED_AT]: now };
  return next;
}

/** The handler of a revision-history kind; `resource` is how pause/resume errors name it (`daemonsets.apps`). */
export function revisionRollout(resource: string, status: RolloutHandler['status']): RolloutHandler {
  return {
    status,
    history: revisionHistory,
    undo: undoToRevision,
    pause(o) {
      throw new CliError(`${resource} ${JSON.stringify(o.metadata.name)} pausing is not supported`);
    },
    resume(o) {
      throw new CliError(`${resource} ${JSON.stringify(o.metadata.name)} resuming is not supported`);
    },
    restart,
  };
}
