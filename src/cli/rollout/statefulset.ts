// Rollout for StatefulSets and DaemonSets: kubectl's StatefulSetStatusViewer and
// DaemonSetStatusViewer messages; history, undo, restart from ControllerRevisions (./revisions).
import type { KObject } from '../../api/types';
import { rolloutHandlers, type StatusResult } from './handlers';
import { revisionRollout } from './revisions';

const ONLY_ROLLING = 'rollout status is only available for RollingUpdate strategy type';

export function statefulSetStatus(sts: KObject): StatusResult {
  const spec = sts.spec ?? {};
  const st = sts.status ?? {};
  const us = spec.updateStrategy ?? {};
  if (us.type !== 'RollingUpdate') return { message: ONLY_ROLLING, done: true, error: true };
  if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  const replicas = spec.replicas ?? 1;
  const ready = st.readyReplicas ?? 0;
  if (ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  const updated = st.updatedReplicas ?? 0;
  if (us.rollingUpdate) {
    const partition = us.rollingUpdate.partition;
    if (partition !== undefined && partition !== null && updated < replicas - partition)
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`, done: false };
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision)
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...`, done: false };
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`, done: true };
}

export function daemonSetStatus(ds: KObject): StatusResult {
  const st = ds.status ?? {};
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') return { message: ONLY_ROLLING, done: true, error: true };
  if ((ds.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  const name = JSON.stringify(ds.metadata.name);
  const desired = st.desiredNumberScheduled ?? 0;
  const updated = st.updatedNumberScheduled ?? 0;
  const available = st.numberAvailable ?? 0;
  if (updated < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`, done: false };
  if (available < desired) return { message: `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`, done: false };
  return { message: `daemon set ${name} successfully rolled out`, done: true };
}

rolloutHandlers.set('StatefulSet.apps', revisionRollout('statefulsets.apps', statefulSetStatus));
rolloutHandlers.set('DaemonSet.apps', revisionRollout('daemonsets.apps', daemonSetStatus));
