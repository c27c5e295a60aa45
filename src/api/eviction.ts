// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, 1.32): a pod that is
// finished, Pending or already terminating is simply deleted; otherwise the PodDisruptionBudget that
// selects it must allow a disruption — the budget is decremented and the pod recorded in
// status.disruptedPods before the pod is deleted (with the DisruptionTarget condition
// EvictionByEvictionAPI); a budget at zero answers 429 `Cannot evict pod as it would violate the
// pod's disruption budget.`, which clients retry.
import { clone, type KObject } from './types';
import type { ApiServer } from './server';
import { KubeError, StatusError, notFound } from './errors';
import { fromLabelSelector } from './selectors';

/** HTTP 429 with reason TooManyRequests (kubectl retries these). */
export class TooManyRequestsError extends KubeError {
  readonly reason = 'TooManyRequests';
  readonly code = 429;
  override render(): string {
    return `Error from server (TooManyRequests): ${this.message}`;
  }
}

/** A Status the server answers with code 500 but no reason. */
export class InternalStatusError extends KubeError {
  readonly code = 500;
  override render(): string {
    return `Error from server: ${this.message}`;
  }
}

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function isReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

function pdbsFor(api: ApiServer, pod: KObject): KObject[] {
  return api.store.list('PodDisruptionBudget.policy', pod.metadata.namespace).filter((pdb) => {
    const sel = fromLabelSelector(pdb.spec?.selector);
    return !sel.none && !sel.empty() && sel.matches(pod.metadata.labels);
  });
}

export interface EvictOptions {
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

function deleteWithCondition(api: ApiServer, pod: KObject, opts: EvictOptions): void {
  if (!opts.dryRun && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
    const next = clone(pod);
    next.status = next.status ?? {};
    const conds = [...((next.status.conditions ?? []) as Record<string, unknown>[])];
    const i = conds.findIndex((c) => c.type === 'DisruptionTarget');
    const prev = i >= 0 ? conds[i] : undefined;
    const entry = {
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === 'True' ? prev.lastTransitionTime : api.clock.rfc3339(),
      message: 'Eviction API: evicting',
      reason: 'EvictionByEvictionAPI',
      status: 'True',
      type: 'DisruptionTarget',
    };
    if (i >= 0) conds[i] = entry;
    else conds.push(entry);
    next.status.conditions = conds;
    api.updateStatus(next);
  }
  api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: opts.gracePeriodSeconds, dryRun: opts.dryRun });
}

/** POST pods/<name>/eviction. Throws what the server would answer. */
export function evictPod(api: ApiServer, namespace: string, name: string, opts: EvictOptions = {}): void {
  const pod = api.store.get('Pod', namespace, name);
  if (!pod) throw notFound('pods', '', name);
  const phase = pod.status?.phase;
  // canIgnorePDB: the pod is not (or no longer) running, its disruption already happened
  if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp) {
    deleteWithCondition(api, pod, opts);
    return;
  }
  const pdbs = pdbsFor(api, pod);
  if (pdbs.length > 1) throw new InternalStatusError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  if (pdbs.length === 1) {
    const pdb = pdbs[0]!;
    const st = pdb.status ?? {};
    const unhealthyOk = !isReady(pod) && (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
    if (!unhealthyOk) {
      // checkAndDecrement
      if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw new TooManyRequestsError(PDB_VIOLATION);
      const allowed = (st.disruptionsAllowed as number | undefined) ?? 0;
      if (allowed < 0) throw new StatusError('Forbidden', `poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`);
      if (Object.keys(st.disruptedPods ?? {}).length > 2000)
        throw new StatusError('Forbidden', `poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
      if (allowed === 0) throw new TooManyRequestsError(PDB_VIOLATION);
      if (!opts.dryRun) {
        const next = clone(pdb);
        next.status = { ...(next.status ?? {}), disruptionsAllowed: allowed - 1, disruptedPods: { ...(st.disruptedPods ?? {}), [pod.metadata.name]: api.clock.rfc3339() } };
        if (allowed - 1 === 0) {
          const conds = [...((next.status.conditions ?? []) as Record<string, unknown>[])];
          const i = conds.findIndex((c) => c.type === 'DisruptionAllowed');
          const prev = i >= 0 ? conds[i] : undefined;
          const c = { lastTransitionTime: prev && prev.status === 'False' ? prev.lastTransitionTime : api.clock.rfc3339(), message: '', observedGeneration: next.status.observedGeneration, reason: 'InsufficientPods', status: 'False', type: 'DisruptionAllowed' };
          if (i >= 0) conds[i] = c;
          else conds.push(c);
          next.status.conditions = conds;
        }
        api.updateStatus(next);
      }
    }
  }
  deleteWithCondition(api, pod, opts);
}
