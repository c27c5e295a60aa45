// The disruption controller (pkg/controller/disruption): keeps every PodDisruptionBudget's status —
// expectedPods, desiredHealthy (from minAvailable / maxUnavailable over the owning controllers'
// scale), currentHealthy (Ready pods not being deleted and not just approved for eviction),
// disruptionsAllowed and the DisruptionAllowed condition — which the eviction API (and so `drain`)
// checks before it lets a pod go. Evicted pods sit in status.disruptedPods until their deletion is
// seen, at most DeletionTimeout (2 min).
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { fromLabelSelector } from '../api/selectors';
import { scaledValue } from '../api/intstr';
import { isPodReady } from './util';
import { deepEqual } from '../api/equality';

export const DISRUPTION = 'disruption-controller';
const PDB = 'PodDisruptionBudget.policy';
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** The protobuf String() of a *metav1.LabelSelector (what `%v` prints). */
export function protoLabelSelector(ls: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): string {
  if (!ls) return 'nil';
  const labels = Object.keys(ls.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${ls.matchLabels![k]},`)
    .join('');
  const exprs = (ls.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

function podsFor(ctx: Ctx, pdb: KObject): KObject[] {
  const sel = fromLabelSelector(pdb.spec?.selector);
  return ctx.store.list('Pod', pdb.metadata.namespace).filter((p) => sel.matches(p.metadata.labels));
}

/** The finders: scale of the controller behind a pod (RC, ReplicaSet, Deployment, StatefulSet). */
function controllerScale(ctx: Ctx, pod: KObject): { uid: string; scale: number } | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller) as { kind: string; name: string; uid: string } | undefined;
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const replicas = (o: KObject) => (typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1);
  if (ref.kind === 'ReplicationController') {
    const rc = ctx.store.get('ReplicationController', ns, ref.name);
    if (rc && rc.metadata.uid === ref.uid) return { uid: rc.metadata.uid!, scale: replicas(rc) };
  }
  if (ref.kind === 'ReplicaSet') {
    const rs = ctx.store.get('ReplicaSet.apps', ns, ref.name);
    if (rs && rs.metadata.uid === ref.uid) {
      const dref = (rs.metadata.ownerReferences ?? []).find((r: { controller?: boolean; kind: string }) => r.controller) as { kind: string; name: string; uid: string } | undefined;
      if (!dref) return { uid: rs.metadata.uid!, scale: replicas(rs) };
      if (dref.kind === 'Deployment') {
        const d = ctx.store.get('Deployment.apps', ns, dref.name);
        if (d && d.metadata.uid === dref.uid) return { uid: d.metadata.uid!, scale: replicas(d) };
      }
    }
  }
  if (ref.kind === 'StatefulSet') {
    const ss = ctx.store.get('StatefulSet.apps', ns, ref.name);
    if (ss && ss.metadata.uid === ref.uid) return { uid: ss.metadata.uid!, scale: replicas(ss) };
  }
  return undefined;
}

function expectedScale(ctx: Ctx, pods: KObject[]): { expected: number; unmanaged: string[]; error?: string } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    if (!(pod.metadata.ownerReferences ?? []).some((r: { controller?: boolean }) => r.controller)) {
      unmanaged.push(pod.metadata.name);
      continue;
    }
    const c = controllerScale(ctx, pod);
    if (!c) return { expected: 0, unmanaged, error: `found no controllers for pod "${pod.metadata.name}"` };
    scales.set(c.uid, c.scale);
  }
  let expected = 0;
  for (const v of scales.values()) expected += v;
  return { expected, unmanaged };
}

/** metav1 SetStatusCondition for the DisruptionAllowed condition. */
function setCondition(st: Record<string, unknown>, status: 'True' | 'False', reason: string, message: string, now: string): void {
  const conds = [...((st.conditions ?? []) as Record<string, unknown>[])];
  const i = conds.findIndex((c) => c.type === 'DisruptionAllowed');
  const prev = i >= 0 ? conds[i] : undefined;
  const c: Record<string, unknown> = {
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
    message,
    observedGeneration: st.observedGeneration,
    reason,
    status,
    type: 'DisruptionAllowed',
  };
  if (i >= 0) conds[i] = c;
  else conds.push(c);
  st.conditions = conds;
}

function writeStatus(ctx: Ctx, pdb: KObject, status: Record<string, unknown>): void {
  if (deepEqual(pdb.status, status)) return;
  const next = clone(pdb);
  next.status = status;
  ctx.api.updateStatus(next);
}

function sync(ctx: Ctx, pdb: KObject): void {
  const now = ctx.clock.now();
  const nowStr = ctx.clock.rfc3339();
  const pods = podsFor(ctx, pdb);
  if (pods.length === 0) ctx.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found', { component: 'controllermanager' });
  const spec = pdb.spec ?? {};
  let expected = 0;
  let desired = 0;
  let unmanaged: string[] = [];
  let error: string | undefined;
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const r = expectedScale(ctx, pods);
    ({ expected, unmanaged, error } = r);
    desired = Math.max(0, expected - scaledValue(spec.maxUnavailable, expected, true));
  } else if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') {
      desired = spec.minAvailable;
      expected = pods.length;
    } else {
      const r = expectedScale(ctx, pods);
      ({ expected, unmanaged, error } = r);
      desired = scaledValue(spec.minAvailable, expected, true);
    }
  }
  if (error) {
    ctx.events.record(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${error}`, { component: 'controllermanager' });
    // failSafe: no disruptions until the status can be computed again
    const st: Record<string, unknown> = { ...(clone(pdb.status ?? {}) as Record<string, unknown>), disruptionsAllowed: 0 };
    st.observedGeneration = st.observedGeneration ?? 0;
    setCondition(st, 'False', 'SyncFailed', error, nowStr);
    writeStatus(ctx, pdb, st);
    return;
  }
  if (unmanaged.length) {
    ctx.events.record(
      pdb,
      'Warning',
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${protoLabelSelector(spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      { component: 'controllermanager' },
    );
  }
  // buildDisruptedPodMap
  const disrupted: Record<string, string> = {};
  let recheck: number | undefined;
  const prevDisrupted = (pdb.status?.disruptedPods ?? {}) as Record<string, string>;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const t = prevDisrupted[pod.metadata.name];
    if (!t) continue;
    const expectedDeletion = Date.parse(t) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < now) {
      ctx.events.record(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`, { component: 'controllermanager' });
    } else {
      disrupted[pod.metadata.name] = t;
      if (recheck === undefined || expectedDeletion < recheck) recheck = expectedDeletion;
    }
  }
  let current = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const t = disrupted[pod.metadata.name];
    if (t && Date.parse(t) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) current++;
  }
  let allowed = current - desired;
  if (expected <= 0 || allowed <= 0) allowed = 0;
  const st: Record<string, unknown> = {
    conditions: clone(pdb.status?.conditions ?? []),
    currentHealthy: current,
    desiredHealthy: desired,
    disruptionsAllowed: allowed,
    expectedPods: expected,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
  if (Object.keys(disrupted).length) st.disruptedPods = disrupted;
  if (allowed > 0) setCondition(st, 'True', 'SufficientPods', '', nowStr);
  else setCondition(st, 'False', 'InsufficientPods', '', nowStr);
  writeStatus(ctx, pdb, st);
  if (recheck !== undefined) ctx.loop.at(recheck, DISRUPTION, `${pdb.metadata.namespace}/${pdb.metadata.name}`);
}

export const disruptionController: Controller<Ctx> = {
  name: DISRUPTION,
  watch(ev, enqueue, ctx) {
    if (ev.gk === PDB) {
      if (ev.type === 'DELETED') return;
      // our own status writes need no new pass
      if (ev.old && deepEqual(ev.old.spec, ev.obj.spec) && ev.old.metadata.generation === ev.obj.metadata.generation && deepEqual(ev.old.status?.disruptedPods, ev.obj.status?.disruptedPods) && ev.old.status?.disruptionsAllowed === ev.obj.status?.disruptionsAllowed) return;
      enqueue(`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
      return;
    }
    if (ev.gk !== 'Pod') return;
    const ns = ev.obj.metadata.namespace;
    const pdbs = ctx.store.list(PDB, ns);
    if (!pdbs.length) return;
    for (const pdb of pdbs) {
      const sel = fromLabelSelector(pdb.spec?.selector);
      if (sel.matches(ev.obj.metadata.labels) || (ev.old && sel.matches(ev.old.metadata.labels))) enqueue(`${ns}/${pdb.metadata.name}`);
    }
  },
  sync(key, ctx) {
    const [ns, name] = key.split('/');
    const pdb = ctx.store.get(PDB, ns, name!);
    if (pdb) sync(ctx, pdb);
  },
};
