// Rollout for Deployments: status lines, history from the ReplicaSets, undo by restoring an old
// ReplicaSet's template, pause/resume/restart.
import { CliError } from '../../api/errors';
import { clone, type KObject } from '../../api/types';
import { controllerRef } from '../../controllers/util';
import { equalIgnoreHash, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS } from '../../controllers/deployment';
import { rolloutHandlers, type HistoryEntry, type RolloutHandler } from './handlers';
import type { Session } from '../../cluster/session';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const skipOnRollback = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

function ownedReplicaSets(s: Session, d: KObject): KObject[] {
  return s.store.list('ReplicaSet.apps', d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
}

function rev(rs: KObject): number {
  return parseInt(rs.metadata.annotations?.[REVISION] ?? '0', 10) || 0;
}

export const deploymentRollout: RolloutHandler = {
  status(d, revision) {
    const name = d.metadata.name;
    if (revision > 0) {
      const cur = parseInt(d.metadata.annotations?.[REVISION] ?? '0', 10);
      if (cur !== revision) return { message: `desired revision (${revision}) is different from the running revision (${cur})`, done: true, error: true };
    }
    const st = d.status ?? {};
    if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
    const progressing = (st.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { message: `deployment ${JSON.stringify(name)} exceeded its progress deadline`, done: true, error: true };
    const want = d.spec?.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < want) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
    if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
    if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
    return { message: `deployment ${JSON.stringify(name)} successfully rolled out`, done: true };
  },

  history(s, d) {
    const out: HistoryEntry[] = [];
    for (const rs of ownedReplicaSets(s, d)) {
      const r = rev(rs);
      if (!r) continue;
      out.push({ revision: r, changeCause: rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '', template: rs.spec?.template });
    }
    return out.sort((a, b) => a.revision - b.revision);
  },

  undo(s, d, toRevision, dryRun) {
    if (d.spec?.paused) throw new CliError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
    const list = ownedReplicaSets(s, d);
    let target: KObject | undefined;
    if (toRevision === 0) {
      // the second-highest revision
      let max = 0;
      let second = 0;
      for (const rs of list) {
        const r = rev(rs);
        if (r > max) {
          second = max;
          max = r;
        } else if (r > second && r < max) second = r;
      }
      if (second === 0) throw new CliError(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
      target = list.find((rs) => rev(rs) === second);
    } else {
      target = list.find((rs) => rev(rs) === toRevision);
      if (!target) throw new CliError(`unable to find specified revision ${toRevision} in history`);
    }
    const targetRev = rev(target!);
    if (equalIgnoreHash(target!.spec?.template, d.spec?.template)) return { message: `skipped rollback (current template already matches revision ${targetRev})` };
    const template = clone(target!.spec?.template ?? {});
    if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
    if (dryRun) return { message: 'rolled back', template };
    const annotations: Record<string, string> = {};
    for (const k of skipOnRollback) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k];
    for (const [k, v] of Object.entries((target!.metadata.annotations ?? {}) as Record<string, string>)) if (!skipOnRollback.has(k)) annotations[k] = v;
    const next = clone(d);
    next.spec.template = template;
    next.metadata.annotations = annotations;
    s.ctx.api.update(next);
    return { message: 'rolled back', template };
  },

  pause(d) {
    if (d.spec?.paused) throw new CliError(`deployments.apps ${JSON.stringify(d.metadata.name)} is already paused`);
    const next = clone(d);
    next.spec.paused = true;
    return next;
  },

  resume(d) {
    if (!d.spec?.paused) throw new CliError(`deployments.apps ${JSON.stringify(d.metadata.name)} is not paused`);
    const next = clone(d);
    delete next.spec.paused;
    return next;
  },

  restart(d, now) {
    if (d.spec?.paused) throw new CliError(`deployments.apps ${JSON.stringify(d.metadata.name)} can't restart paused deployment (run rollout resume first)`);
    const prev = d.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
    if (prev === now)
      throw new CliError(`failed to create patch for ${d.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    const next = clone(d);
    next.spec.template.metadata = next.spec.template.metadata ?? {};
    next.spec.template.metadata.annotations = { ...(next.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': now };
    return next;
  },
};

rolloutHandlers.set('Deployment.apps', deploymentRollout);
