// The Deployment controller (kubernetes/pkg/controller/deployment: sync.go, rolling.go, recreate.go,
// progress.go, util/deployment_util.go), re-expressed: new ReplicaSet per pod-template hash,
// RollingUpdate with maxSurge/maxUnavailable fenceposts, Recreate, proportional scaling, revisions and
// their history, pause, rollback by template, Progressing/Available conditions and the deadline.
import { fromLabelSelector } from '../api/selectors';
import { registry } from '../api/registry';
import { clone, type KObject } from '../api/types';
import { KubeError, StatusError } from '../api/errors';
import { computeHash } from '../api/naming';
import { scaledValue } from '../api/intstr';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { claim, controllerRef, keyFor, ownerRefTo, splitKey } from './util';

const NAME = 'deployment-controller';
const GK = 'Deployment.apps';
const RS = 'ReplicaSet.apps';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const HASH_LABEL = 'pod-template-hash';

const skipCopy = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS]);

type Cond = { type: string; status: string; lastUpdateTime?: string; lastTransitionTime?: string; reason?: string; message?: string };

function replicas(o: KObject | undefined): number {
  return o?.spec?.replicas ?? 0;
}

function revisionOf(rs: KObject): number {
  const v = rs.metadata.annotations?.[REVISION];
  const n = v === undefined ? 0 : parseInt(v, 10);
  return Number.isNaN(n) ? 0 : n;
}

function isRolling(d: KObject): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 → maxUnavailable 1. */
export function fenceposts(d: KObject): [surge: number, unavailable: number] {
  const desired = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: KObject): number {
  if (!isRolling(d)) return 0;
  return fenceposts(d)[0];
}

export function maxUnavailable(d: KObject): number {
  if (!isRolling(d) || replicas(d) === 0) return 0;
  const u = fenceposts(d)[1];
  return u > replicas(d) ? replicas(d) : u;
}

function withoutHash(template: unknown): unknown {
  const t = clone(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is removed. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

function byCreation(a: KObject, b: KObject): number {
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** FindNewReplicaSet: the oldest RS whose template equals the deployment's. */
export function findNewReplicaSet(d: KObject, rsList: KObject[]): KObject | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** The ReplicaSets a deployment controls (what describe and rollout history read). */
export function replicaSetsOf(ctx: { store: Ctx['store'] }, d: KObject): KObject[] {
  const uid = d.metadata.uid;
  return ctx.store.list(RS, d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === uid);
}

function getCondition(status: { conditions?: Cond[] } | undefined, type: string): Cond | undefined {
  return (status?.conditions ?? []).find((c) => c.type === type);
}

function newCondition(ctx: Ctx, type: string, status: string, reason: string, message: string): Cond {
  const now = ctx.clock.rfc3339();
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** SetDeploymentCondition: same status+reason → untouched; same status → keep lastTransitionTime. */
function setCondition(status: { conditions?: Cond[] }, c: Cond): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), c];
}

function removeCondition(status: { conditions?: Cond[] }, type: string): void {
  status.conditions = (status.conditions ?? []).filter((x) => x.type !== type);
}

class DeploymentSync {
  private d: KObject;
  constructor(
    private readonly ctx: Ctx,
    d: KObject,
    private readonly key: string,
  ) {
    this.d = d;
  }

  private rsInfo = registry.mustGroupKind(RS);

  run(): void {
    const ctx = this.ctx;
    const d = this.d;
    if (d.metadata.deletionTimestamp) {
      this.syncStatusOnly(this.replicaSets());
      return;
    }
    const rsList = this.replicaSets();
    this.checkPausedConditions();
    if (d.spec?.paused) {
      this.syncScale(rsList);
      return;
    }
    if (this.isScalingEvent(rsList)) {
      this.syncScale(rsList);
      return;
    }
    if (isRolling(d)) this.rolloutRolling(rsList);
    else this.rolloutRecreate(rsList);
    void ctx;
  }

  private replicaSets(): KObject[] {
    const d = this.d;
    const info = registry.mustGroupKind(GK);
    const selector = fromLabelSelector(d.spec?.selector);
    const candidates = this.ctx.store.list(RS, d.metadata.namespace).filter((rs) => !controllerRef(rs));
    return claim(this.ctx, d, info, RS, selector, candidates);
  }

  private refresh(): void {
    const cur = this.ctx.store.get(GK, this.d.metadata.namespace, this.d.metadata.name);
    if (cur) this.d = cur;
  }

  private writeDeployment(next: KObject): void {
    this.d = this.ctx.store.put(GK, next);
  }

  private checkPausedConditions(): void {
    const d = this.d;
    if (d.spec?.progressDeadlineSeconds === undefined || d.spec?.progressDeadlineSeconds === null) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return;
    const paused = !!d.spec?.paused;
    let c: Cond | undefined;
    if (paused && cond?.reason !== 'DeploymentPaused') c = newCondition(this.ctx, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
    else if (!paused && cond?.reason === 'DeploymentPaused') c = newCondition(this.ctx, 'Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed');
    if (!c) return;
    const next = clone(d);
    next.status = next.status ?? {};
    setCondition(next.status, c);
    this.writeDeployment(next);
  }

  /** getAllReplicaSetsAndSyncRevision. */
  private getAllAndSyncRevision(rsList: KObject[], create: boolean): { newRS?: KObject; oldRSs: KObject[] } {
    const d = this.d;
    const existingNew = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existingNew);
    let maxOld = 0;
    for (const rs of oldRSs) maxOld = Math.max(maxOld, revisionOf(rs));
    const newRevision = maxOld + 1;
    let newRS: KObject | undefined;
    if (existingNew) newRS = this.syncExistingNew(existingNew, newRevision);
    else if (create) newRS = this.createNew(rsList, oldRSs, newRevision);
    if (newRS) this.setDeploymentRevision(String(revisionOf(newRS)));
    return { newRS, oldRSs };
  }

  private setDeploymentRevision(rev: string): void {
    const d = this.d;
    if (d.metadata.annotations?.[REVISION] === rev) return;
    const next = clone(d);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: rev };
    this.writeDeployment(next);
  }

  /** SetNewReplicaSetAnnotations on a copy; returns whether anything changed. */
  private newRSAnnotations(rs: KObject, newRevision: number, exists: boolean): boolean {
    const d = this.d;
    let changed = false;
    const ann: Record<string, string> = (rs.metadata.annotations ??= {});
    for (const [k, v] of Object.entries((d.metadata.annotations ?? {}) as Record<string, string>)) {
      if (skipCopy.has(k)) continue;
      if (ann[k] !== v) {
        ann[k] = v;
        changed = true;
      }
    }
    const oldRevision = ann[REVISION];
    const oldNum = oldRevision === undefined ? 0 : parseInt(oldRevision, 10) || 0;
    if (oldNum < newRevision) {
      ann[REVISION] = String(newRevision);
      changed = true;
      if (oldRevision !== undefined && oldRevision !== '') {
        const hist = ann[REVISION_HISTORY];
        ann[REVISION_HISTORY] = hist ? `${hist},${oldRevision}` : oldRevision;
      }
    }
    if (!exists || ann[DESIRED_REPLICAS] === undefined || ann[MAX_REPLICAS] === undefined) {
      if (this.setReplicasAnnotations(rs)) changed = true;
    }
    return changed;
  }

  private setReplicasAnnotations(rs: KObject): boolean {
    const d = this.d;
    const ann: Record<string, string> = (rs.metadata.annotations ??= {});
    const desired = String(replicas(d) || 0);
    const max = String((d.spec?.replicas ?? 0) + maxSurge(d));
    let changed = false;
    if (ann[DESIRED_REPLICAS] !== desired) {
      ann[DESIRED_REPLICAS] = desired;
      changed = true;
    }
    if (ann[MAX_REPLICAS] !== max) {
      ann[MAX_REPLICAS] = max;
      changed = true;
    }
    return changed;
  }

  private syncExistingNew(rs: KObject, newRevision: number): KObject {
    const copy = clone(rs);
    const annChanged = this.newRSAnnotations(copy, newRevision, true);
    const minReadyChanged = (copy.spec?.minReadySeconds ?? 0) !== (this.d.spec?.minReadySeconds ?? 0);
    if (minReadyChanged) copy.spec.minReadySeconds = this.d.spec?.minReadySeconds ?? 0;
    let out = rs;
    if (annChanged || minReadyChanged) out = this.ctx.store.put(RS, bumpGeneration(copy, rs));
    // a Progressing condition for a deployment that never had one
    const cond = getCondition(this.d.status, 'Progressing');
    if (this.hasProgressDeadline() && !cond) {
      const next = clone(this.d);
      next.status = next.status ?? {};
      setCondition(next.status, newCondition(this.ctx, 'Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${out.metadata.name}"`));
      this.writeDeployment(next);
    }
    return out;
  }

  private hasProgressDeadline(): boolean {
    const p = this.d.spec?.progressDeadlineSeconds;
    return p !== undefined && p !== null && p !== 2147483647;
  }

  private createNew(rsList: KObject[], oldRSs: KObject[], newRevision: number): KObject | undefined {
    const ctx = this.ctx;
    const d = this.d;
    const collision = d.status?.collisionCount;
    const hash = computeHash(d.spec?.template, collision);
    const template = clone(d.spec?.template ?? {});
    template.metadata = template.metadata ?? {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const rs: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: { ...(template.metadata.labels ?? {}) },
        ownerReferences: [ownerRefTo(d, registry.mustGroupKind(GK))],
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec?.minReadySeconds ?? 0,
        selector,
        template,
      },
    };
    const all = [...rsList];
    rs.spec.replicas = this.newRSNewReplicas(all, undefined);
    this.newRSAnnotations(rs, newRevision, false);
    let created: KObject;
    try {
      created = ctx.api.create(rs);
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'AlreadyExists') {
        const existing = ctx.store.get(RS, d.metadata.namespace, name)!;
        if (controllerRef(existing)?.uid === d.metadata.uid && equalIgnoreHash(existing.spec?.template, d.spec?.template)) return existing;
        // a hash collision: bump the count and try again on the next sync
        const next = clone(d);
        next.status = { ...(next.status ?? {}), collisionCount: (collision ?? 0) + 1 };
        this.writeDeployment(next);
        ctx.loop.enqueue(NAME, this.key);
        return undefined;
      }
      if (e instanceof KubeError) {
        const msg = `Failed to create new replica set "${name}": ${e.message}`;
        ctx.events.record(d, 'Warning', 'ReplicaSetCreateError', msg, { component: NAME });
        if (this.hasProgressDeadline()) {
          const next = clone(d);
          next.status = next.status ?? {};
          setCondition(next.status, newCondition(ctx, 'Progressing', 'False', 'ReplicaSetCreateError', msg));
          this.writeDeployment(next);
        }
        return undefined;
      }
      throw e;
    }
    if (replicas(created) > 0)
      ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas(created)}`, { component: NAME });
    if (this.hasProgressDeadline()) {
      const next = clone(this.d);
      next.status = next.status ?? {};
      setCondition(next.status, newCondition(ctx, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`));
      this.writeDeployment(next);
    }
    void oldRSs;
    return created;
  }

  /** NewRSNewReplicas. */
  private newRSNewReplicas(allRSs: KObject[], newRS: KObject | undefined): number {
    const d = this.d;
    if (!isRolling(d)) return replicas(d);
    const current = allRSs.reduce((n, rs) => n + replicas(rs), 0);
    const maxTotal = replicas(d) + maxSurge(d);
    if (current >= maxTotal) return replicas(newRS);
    let up = maxTotal - current;
    up = Math.min(up, replicas(d) - replicas(newRS));
    return replicas(newRS) + up;
  }

  /** scaleReplicaSetAndRecordEvent; returns the updated RS. */
  private scaleRS(rs: KObject, newScale: number): { scaled: boolean; rs: KObject } {
    const ctx = this.ctx;
    const d = this.d;
    const sizeChanged = replicas(rs) !== newScale;
    const copy = clone(rs);
    const annChanged = this.setReplicasAnnotations(copy);
    if (!sizeChanged && !annChanged) return { scaled: false, rs };
    const from = replicas(rs);
    copy.spec.replicas = newScale;
    const out = ctx.store.put(RS, bumpGeneration(copy, rs));
    if (sizeChanged) {
      const op = from < newScale ? 'up' : 'down';
      ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${from} to ${newScale}`, { component: NAME });
    }
    return { scaled: sizeChanged, rs: out };
  }

  private isScalingEvent(rsList: KObject[]): boolean {
    const { newRS, oldRSs } = this.getAllAndSyncRevision(rsList, false);
    for (const rs of activeRSs([...(newRS ? [newRS] : []), ...oldRSs])) {
      const v = rs.metadata.annotations?.[DESIRED_REPLICAS];
      if (v === undefined) continue;
      if (parseInt(v, 10) !== replicas(this.d)) return true;
    }
    return false;
  }

  /** sync(): scaling and paused deployments. */
  private syncScale(rsList: KObject[]): void {
    let { newRS, oldRSs } = this.getAllAndSyncRevision(rsList, false);
    ({ newRS, oldRSs } = this.scale(newRS, oldRSs));
    if (this.d.spec?.paused) this.cleanup(oldRSs);
    this.syncDeploymentStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  private scale(newRS: KObject | undefined, oldRSs: KObject[]): { newRS?: KObject; oldRSs: KObject[] } {
    const d = this.d;
    const update = (rs: KObject) => {
      if (newRS && rs.metadata.uid === newRS.metadata.uid) newRS = rs;
      else oldRSs = oldRSs.map((o) => (o.metadata.uid === rs.metadata.uid ? rs : o));
    };
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicas(activeOrLatest) === replicas(d)) return { newRS, oldRSs };
      update(this.scaleRS(activeOrLatest, replicas(d)).rs);
      return { newRS, oldRSs };
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeRSs(oldRSs)) update(this.scaleRS(old, 0).rs);
      return { newRS, oldRSs };
    }
    if (isRolling(d)) {
      const all = activeRSs([...(newRS ? [newRS] : []), ...oldRSs]);
      const allReplicas = all.reduce((n, rs) => n + replicas(rs), 0);
      const allowed = replicas(d) > 0 ? replicas(d) + maxSurge(d) : 0;
      const toAdd = allowed - allReplicas;
      const sorted = toAdd > 0 ? [...all].sort(bySizeNewer) : [...all].sort(bySizeOlder);
      let added = 0;
      const sizes = new Map<string, number>();
      for (const rs of sorted) {
        if (toAdd !== 0) {
          const p = this.proportion(rs, toAdd, added);
          sizes.set(rs.metadata.uid!, replicas(rs) + p);
          added += p;
        } else sizes.set(rs.metadata.uid!, replicas(rs));
      }
      const leftover = toAdd - added;
      if (leftover !== 0 && sorted.length) {
        const first = sorted[0]!.metadata.uid!;
        sizes.set(first, Math.max(0, sizes.get(first)! + leftover));
      }
      for (const rs of sorted) update(this.scaleRS(rs, sizes.get(rs.metadata.uid!)!).rs);
    }
    return { newRS, oldRSs };
  }

  private proportion(rs: KObject, toAdd: number, added: number): number {
    if (replicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    const d = this.d;
    let fraction: number;
    if (replicas(d) === 0) fraction = -replicas(rs);
    else {
      const deploymentReplicas = replicas(d) + maxSurge(d);
      const ann = rs.metadata.annotations?.[MAX_REPLICAS];
      const annotated = ann !== undefined ? parseInt(ann, 10) : (d.status?.replicas ?? 0);
      const size = annotated ? (replicas(rs) * deploymentReplicas) / annotated : replicas(rs);
      fraction = Math.round(size) - replicas(rs);
    }
    const allowed = toAdd - added;
    return allowed > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private rolloutRolling(rsList: KObject[]): void {
    let { newRS, oldRSs } = this.getAllAndSyncRevision(rsList, true);
    if (!newRS) {
      this.syncRolloutStatus(oldRSs, undefined);
      return;
    }
    // reconcileNewReplicaSet
    let scaledUp = false;
    if (replicas(newRS) !== replicas(this.d)) {
      if (replicas(newRS) > replicas(this.d)) {
        const r = this.scaleRS(newRS, replicas(this.d));
        newRS = r.rs;
        scaledUp = r.scaled;
      } else {
        const target = this.newRSNewReplicas([...oldRSs, newRS], newRS);
        const r = this.scaleRS(newRS, target);
        newRS = r.rs;
        scaledUp = r.scaled;
      }
    }
    if (scaledUp) {
      this.syncRolloutStatus([...oldRSs, newRS], newRS);
      return;
    }
    const down = this.reconcileOld([...oldRSs, newRS], oldRSs, newRS);
    oldRSs = down.oldRSs;
    if (down.scaled) {
      this.syncRolloutStatus([...oldRSs, newRS], newRS);
      return;
    }
    if (this.complete(this.d.status)) this.cleanup(oldRSs);
    this.syncRolloutStatus([...oldRSs, newRS], newRS);
  }

  private reconcileOld(allRSs: KObject[], oldRSs: KObject[], newRS: KObject): { scaled: boolean; oldRSs: KObject[] } {
    const d = this.d;
    const oldPods = oldRSs.reduce((n, rs) => n + replicas(rs), 0);
    if (oldPods === 0) return { scaled: false, oldRSs };
    const allPods = allRSs.reduce((n, rs) => n + replicas(rs), 0);
    const minAvailable = replicas(d) - maxUnavailable(d);
    const newUnavailable = replicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return { scaled: false, oldRSs };
    let current = [...oldRSs];
    const replace = (rs: KObject) => (current = current.map((o) => (o.metadata.uid === rs.metadata.uid ? rs : o)));
    // cleanupUnhealthyReplicas: old pods that are not available go first
    let cleaned = 0;
    for (const rs of activeRSs(current).sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      if (replicas(rs) === 0) continue;
      const avail = rs.status?.availableReplicas ?? 0;
      if (replicas(rs) === avail) continue;
      const n = Math.min(maxScaledDown - cleaned, replicas(rs) - avail);
      replace(this.scaleRS(rs, replicas(rs) - n).rs);
      cleaned += n;
    }
    // scaleDownOldReplicaSetsForRollingUpdate
    let scaledDown = 0;
    const all = [...current, newRS];
    const availablePods = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    if (availablePods > minAvailable) {
      const total = availablePods - minAvailable;
      for (const rs of activeRSs(current).sort(byCreation)) {
        if (scaledDown >= total) break;
        if (replicas(rs) === 0) continue;
        const n = Math.min(replicas(rs), total - scaledDown);
        replace(this.scaleRS(rs, replicas(rs) - n).rs);
        scaledDown += n;
      }
    }
    return { scaled: cleaned + scaledDown > 0, oldRSs: current };
  }

  private rolloutRecreate(rsList: KObject[]): void {
    const ctx = this.ctx;
    let { newRS, oldRSs } = this.getAllAndSyncRevision(rsList, false);
    let scaledDown = false;
    for (const rs of activeRSs(oldRSs)) {
      const r = this.scaleRS(rs, 0);
      if (r.scaled) scaledDown = true;
      oldRSs = oldRSs.map((o) => (o.metadata.uid === r.rs.metadata.uid ? r.rs : o));
    }
    if (scaledDown) {
      this.syncRolloutStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
      return;
    }
    // wait until no pod of an old ReplicaSet is left running (terminating ones included)
    const oldRunning = oldRSs.some((rs) =>
      ctx.store.dependents(rs.metadata.uid!).some((dep) => dep.gk === 'Pod' && !['Failed', 'Succeeded'].includes(dep.obj.status?.phase)),
    );
    if (oldRunning) {
      this.syncRolloutStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
      return;
    }
    if (!newRS) ({ newRS, oldRSs } = this.getAllAndSyncRevision(rsList, true));
    if (newRS && replicas(newRS) !== replicas(this.d)) newRS = this.scaleRS(newRS, replicas(this.d)).rs;
    if (this.complete(this.d.status)) this.cleanup(oldRSs);
    this.syncRolloutStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  /** DeploymentComplete. */
  private complete(status: Record<string, number> | undefined): boolean {
    const d = this.d;
    const s = status ?? {};
    return (
      (s.updatedReplicas ?? 0) === replicas(d) &&
      (s.replicas ?? 0) === replicas(d) &&
      (s.availableReplicas ?? 0) === replicas(d) &&
      (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
    );
  }

  /** cleanupDeployment: keep at most revisionHistoryLimit old, empty ReplicaSets. */
  private cleanup(oldRSs: KObject[]): void {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (let i = 0; i < diff; i++) {
      const rs = sorted[i]!;
      if ((rs.status?.replicas ?? 0) !== 0 || replicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.ctx.api.delete(RS, rs.metadata.namespace, rs.metadata.name);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
      }
    }
  }

  private calculateStatus(allRSs: KObject[], newRS: KObject | undefined): Record<string, unknown> {
    const d = this.d;
    const sum = (f: (rs: KObject) => number) => allRSs.reduce((n, rs) => n + f(rs), 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const specTotal = sum((rs) => replicas(rs));
    let unavailable = specTotal - available;
    if (unavailable < 0) unavailable = 0;
    const status: Record<string, unknown> & { conditions?: Cond[] } = {
      observedGeneration: d.metadata.generation,
      replicas: sum((rs) => rs.status?.replicas ?? 0),
      updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
      readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
      availableReplicas: available,
      unavailableReplicas: unavailable,
    };
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    status.conditions = clone((d.status?.conditions ?? []) as Cond[]);
    if (available >= replicas(d) - maxUnavailable(d))
      setCondition(status, newCondition(this.ctx, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
    else setCondition(status, newCondition(this.ctx, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
    return status;
  }

  private syncRolloutStatus(allRSs: KObject[], newRS: KObject | undefined): void {
    const ctx = this.ctx;
    this.refresh();
    const d = this.d;
    allRSs = allRSs.map((rs) => ctx.store.get(RS, rs.metadata.namespace, rs.metadata.name) ?? rs);
    if (newRS) newRS = ctx.store.get(RS, newRS.metadata.namespace, newRS.metadata.name) ?? newRS;
    const status = this.calculateStatus(allRSs, newRS) as Record<string, unknown> & { conditions?: Cond[] };
    if (!this.hasProgressDeadline()) removeCondition(status, 'Progressing');
    const cur = getCondition(status, 'Progressing');
    const isComplete = status.replicas === status.updatedReplicas && cur?.reason === 'NewReplicaSetAvailable';
    if (this.hasProgressDeadline() && !isComplete) {
      const who = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
      if (this.complete(status as Record<string, number>)) {
        setCondition(status, newCondition(ctx, 'Progressing', 'True', 'NewReplicaSetAvailable', `${who} has successfully progressed.`));
      } else if (progressing(d, status)) {
        const c = newCondition(ctx, 'Progressing', 'True', 'ReplicaSetUpdated', `${who} is progressing.`);
        if (cur) {
          if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
          removeCondition(status, 'Progressing');
        }
        setCondition(status, c);
      } else if (this.timedOut(status)) {
        setCondition(status, newCondition(ctx, 'Progressing', 'False', 'ProgressDeadlineExceeded', `${who} has timed out progressing.`));
      }
    }
    // ReplicaFailure mirrors the first failing ReplicaSet condition
    const failing = allRSs.map((rs) => getCondition(rs.status, 'ReplicaFailure')).find((c) => c?.status === 'True');
    if (failing) setCondition(status, { type: 'ReplicaFailure', status: failing.status, lastUpdateTime: failing.lastTransitionTime, lastTransitionTime: failing.lastTransitionTime, reason: failing.reason, message: failing.message });
    else removeCondition(status, 'ReplicaFailure');
    this.writeStatus(status);
    this.requeueStuck(status);
  }

  private timedOut(status: { conditions?: Cond[] }): boolean {
    if (!this.hasProgressDeadline()) return false;
    const c = getCondition(status, 'Progressing');
    if (!c) return false;
    if (c.reason === 'NewReplicaSetAvailable') return false;
    if (c.reason === 'ProgressDeadlineExceeded') return true;
    const from = Date.parse(c.lastUpdateTime ?? '');
    return from + this.d.spec.progressDeadlineSeconds * 1000 < this.ctx.clock.now();
  }

  /** requeueStuckDeployment: wake up when the progress deadline would pass. */
  private requeueStuck(status: { conditions?: Cond[] }): void {
    const c = getCondition(status, 'Progressing');
    if (!this.hasProgressDeadline() || !c) return;
    if (c.reason === 'NewReplicaSetAvailable' || c.reason === 'ProgressDeadlineExceeded' || c.status === 'Unknown') return;
    if (this.complete(status as Record<string, number>)) return;
    const from = Date.parse(c.lastUpdateTime ?? '');
    this.ctx.loop.at(from + this.d.spec.progressDeadlineSeconds * 1000 + 1000, NAME, this.key);
  }

  private syncDeploymentStatus(allRSs: KObject[], newRS: KObject | undefined): void {
    this.refresh();
    allRSs = allRSs.map((rs) => this.ctx.store.get(RS, rs.metadata.namespace, rs.metadata.name) ?? rs);
    if (newRS) newRS = this.ctx.store.get(RS, newRS.metadata.namespace, newRS.metadata.name) ?? newRS;
    this.writeStatus(this.calculateStatus(allRSs, newRS));
  }

  private syncStatusOnly(rsList: KObject[]): void {
    const { newRS, oldRSs } = this.getAllAndSyncRevision(rsList, false);
    this.syncDeploymentStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  private writeStatus(status: Record<string, unknown>): void {
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'])
      if (!status[k]) delete status[k];
    if (Array.isArray(status.conditions) && status.conditions.length === 0) delete status.conditions;
    this.refresh();
    if (deepEqual(status, this.d.status)) return;
    const next = clone(this.d);
    next.status = status;
    this.writeDeployment(next);
  }
}

function bumpGeneration(copy: KObject, old: KObject): KObject {
  if (!deepEqual(copy.spec, old.spec)) copy.metadata.generation = (old.metadata.generation ?? 1) + 1;
  return copy;
}

function activeRSs(list: KObject[]): KObject[] {
  return list.filter((rs) => replicas(rs) > 0);
}

function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort(byCreation).reverse();
  const all = activeRSs([...(newRS ? [newRS] : []), ...oldRSs]);
  if (all.length === 0) return newRS ?? sortedOld[0];
  if (all.length === 1) return all[0];
  return undefined;
}

function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS] ?? '', 10);
  return replicas(rs) === replicas(d) && desired === replicas(d) && (rs.status?.availableReplicas ?? 0) === replicas(d);
}

function bySizeNewer(a: KObject, b: KObject): number {
  if (replicas(a) !== replicas(b)) return replicas(b) - replicas(a);
  return -byCreation(a, b);
}

function bySizeOlder(a: KObject, b: KObject): number {
  if (replicas(a) !== replicas(b)) return replicas(b) - replicas(a);
  return byCreation(a, b);
}

/** DeploymentProgressing: any progress since the last observed status. */
function progressing(d: KObject, s: Record<string, unknown>): boolean {
  const old = d.status ?? {};
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const oldOld = n(old.replicas) - n(old.updatedReplicas);
  const newOld = n(s.replicas) - n(s.updatedReplicas);
  return (
    n(s.updatedReplicas) > n(old.updatedReplicas) ||
    newOld < oldOld ||
    n(s.readyReplicas) > n(old.readyReplicas) ||
    n(s.availableReplicas) > n(old.availableReplicas)
  );
}

export const deploymentController: Controller<Ctx> = {
  name: NAME,
  watch(ev, enqueue, ctx) {
    if (ev.gk === GK) {
      enqueue(keyFor(ev.obj));
      return;
    }
    if (ev.gk === RS) {
      const ref = controllerRef(ev.obj) ?? (ev.old ? controllerRef(ev.old) : undefined);
      if (ref?.kind === 'Deployment') {
        enqueue(`${ev.obj.metadata.namespace}/${ref.name}`);
        return;
      }
      if (!ref && ev.type !== 'DELETED') {
        for (const d of ctx.store.list(GK, ev.obj.metadata.namespace))
          if (fromLabelSelector(d.spec?.selector).matches(ev.obj.metadata.labels)) enqueue(keyFor(d));
      }
      return;
    }
    if (ev.gk === 'Pod' && ev.type === 'DELETED') {
      // Recreate waits for old pods to be gone
      const rsRef = controllerRef(ev.obj);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = ctx.store.get(RS, ev.obj.metadata.namespace, rsRef.name);
      const dRef = rs ? controllerRef(rs) : undefined;
      if (dRef?.kind === 'Deployment') {
        const d = ctx.store.get(GK, ev.obj.metadata.namespace, dRef.name);
        if (d && d.spec?.strategy?.type === 'Recreate') enqueue(keyFor(d));
      }
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const d = ctx.store.get(GK, ns, name);
    if (!d) return;
    new DeploymentSync(ctx, d, key).run();
  },
};
