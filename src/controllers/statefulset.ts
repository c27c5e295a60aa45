// The StatefulSet controller (kubernetes/pkg/controller/statefulset: stateful_set.go,
// stateful_set_control.go, stateful_pod_control.go, stateful_set_utils.go), re-expressed: pods
// `<set>-<ordinal>` with stable identity (hostname, subdomain, pod-name/pod-index labels), created
// one at a time in ordinal order once the previous one is Running and Ready (OrderedReady) or all
// at once (Parallel), removed from the highest ordinal down; PersistentVolumeClaims from
// volumeClaimTemplates with the ownerReferences the retention policy asks for; revisions kept as
// ControllerRevisions; RollingUpdate (highest ordinal first, down to the partition) and OnDelete.
import { fromLabelSelector } from '../api/selectors';
import { registry } from '../api/registry';
import { clone, type KObject, type OwnerReference } from '../api/types';
import { InvalidError, KubeError, StatusError } from '../api/errors';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { availableAt, claim, controllerRef, isPodAvailable, isPodReady, keyFor, splitKey } from './util';
import { podFromTemplate } from './replicaset';
import {
  claimRevisions,
  controllerRevisionName,
  CR_GK,
  CR_HASH_LABEL,
  equalRevision,
  hashControllerRevision,
  REVISION_HASH_LABEL,
  sortRevisions,
  templatePatch,
  templateOfRevision,
} from './history';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';
const NAME = STATEFULSET_CONTROLLER;
const GK = 'StatefulSet.apps';
const PVC = 'PersistentVolumeClaim';
/** apps.StatefulSetPodNameLabel and apps.PodIndexLabel. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const statefulPodRe = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → [`web`, 2]; not a member name → ['', -1]. */
export function parentAndOrdinal(name: string): [string, number] {
  const m = statefulPodRe.exec(name);
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return [m[1]!, Number.isSafeInteger(n) && n <= 2147483647 ? n : -1];
}

export function ordinalOf(pod: KObject): number {
  return parentAndOrdinal(pod.metadata.name)[1];
}

export function startOrdinal(set: KObject): number {
  return set.spec?.ordinals ? (set.spec.ordinals.start ?? 0) : 0;
}

function replicasOf(set: KObject): number {
  return set.spec?.replicas ?? 1;
}

function endOrdinal(set: KObject): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

function inOrdinalRange(pod: KObject, set: KObject): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export function statefulPodName(set: KObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function claimName(set: KObject, template: KObject, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata.name}-${ordinal}`;
}

function isMemberOf(set: KObject, pod: KObject): boolean {
  return parentAndOrdinal(pod.metadata.name)[0] === set.metadata.name;
}

const isCreated = (p: KObject) => !!p.status?.phase;
const isPending = (p: KObject) => p.status?.phase === 'Pending';
const isFailed = (p: KObject) => p.status?.phase === 'Failed';
const isSucceeded = (p: KObject) => p.status?.phase === 'Succeeded';
const isTerminating = (p: KObject) => !!p.metadata.deletionTimestamp;
const isRunningAndReady = (p: KObject) => p.status?.phase === 'Running' && isPodReady(p);
const podRevision = (p: KObject): string => p.metadata.labels?.[REVISION_HASH_LABEL] ?? '';

interface RetentionPolicy {
  whenDeleted: string;
  whenScaled: string;
}

function retentionPolicy(set: KObject): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: p.whenDeleted || 'Retain', whenScaled: p.whenScaled || 'Retain' };
}

/** metav1.NewControllerRef. */
function controllerRefTo(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

const matchesSetRef = (r: OwnerReference, set: KObject) => r.apiVersion === 'apps/v1' && r.kind === 'StatefulSet' && r.name === set.metadata.name;
const matchesPodRef = (r: OwnerReference, pod: KObject) => r.apiVersion === 'v1' && r.kind === 'Pod' && r.name === pod.metadata.name;
const hasOwnerRef = (claimObj: KObject, owner: KObject) => !!owner.metadata.uid && (claimObj.metadata.ownerReferences ?? []).some((r: OwnerReference) => r.uid === owner.metadata.uid);

/** hasStaleOwnerRef: a reference to an object of that name whose uid is another's. */
function hasStaleRef(claimObj: KObject, owner: KObject, isRef: (r: OwnerReference) => boolean): boolean {
  const r = (claimObj.metadata.ownerReferences ?? []).find(isRef);
  return !!r && r.uid !== owner.metadata.uid;
}

function hasUnexpectedController(claimObj: KObject, set: KObject, pod: KObject): boolean {
  const p = retentionPolicy(set);
  if (p.whenScaled === 'Retain' && p.whenDeleted === 'Retain') return false;
  for (const r of (claimObj.metadata.ownerReferences ?? []) as OwnerReference[]) {
    if (matchesSetRef(r, set)) {
      if (r.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesPodRef(r, pod)) {
      if (r.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (r.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claimObj: KObject, set: KObject, pod: KObject): boolean {
  return (claimObj.metadata.ownerReferences ?? []).some((r: OwnerReference) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller);
}

/** isClaimOwnerUpToDate: the claim's references agree with the retention policy. */
function claimOwnerUpToDate(claimObj: KObject, set: KObject, pod: KObject): boolean {
  if (hasStaleRef(claimObj, set, (r) => matchesSetRef(r, set)) || hasStaleRef(claimObj, pod, (r) => matchesPodRef(r, pod))) return true;
  if (hasUnexpectedController(claimObj, set, pod)) return !(hasOwnerRef(claimObj, set) || hasOwnerRef(claimObj, pod));
  if (hasNonControllerOwner(claimObj, set, pod)) return false;
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === 'Delete' && p.whenDeleted === 'Delete') return scaledDown !== hasOwnerRef(claimObj, set) && scaledDown === hasOwnerRef(claimObj, pod);
  if (p.whenScaled === 'Delete') return !hasOwnerRef(claimObj, set) && scaledDown === hasOwnerRef(claimObj, pod);
  if (p.whenDeleted === 'Delete') return hasOwnerRef(claimObj, set) && !hasOwnerRef(claimObj, pod);
  return !hasOwnerRef(claimObj, set) && !hasOwnerRef(claimObj, pod);
}

/** updateClaimOwnerRefForSetAndPod: the references the retention policy asks for. */
function claimRefsForPolicy(claimObj: KObject, set: KObject, pod: KObject): OwnerReference[] {
  const unexpected = hasUnexpectedController(claimObj, set, pod);
  let refs = ((claimObj.metadata.ownerReferences ?? []) as OwnerReference[]).filter((r) => !matchesSetRef(r, set) && !matchesPodRef(r, pod));
  if (unexpected) return refs;
  const add = (owner: KObject, apiVersion: string, kind: string) => {
    if (!owner.metadata.uid || refs.some((r) => r.uid === owner.metadata.uid)) return;
    refs = [...refs, controllerRefTo(owner, apiVersion, kind)];
  };
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === 'Retain' && p.whenDeleted === 'Delete') add(set, 'apps/v1', 'StatefulSet');
  else if (p.whenScaled === 'Delete') {
    if (scaledDown) add(pod, 'v1', 'Pod');
    else if (p.whenDeleted === 'Delete') add(set, 'apps/v1', 'StatefulSet');
  }
  return refs;
}

/** getPersistentVolumeClaims: one claim per template, named for the pod's ordinal. */
function claimsFor(set: KObject, pod: KObject): { template: string; claim: KObject }[] {
  const ordinal = ordinalOf(pod);
  const matchLabels = (set.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  return ((set.spec?.volumeClaimTemplates ?? []) as KObject[]).map((t) => {
    const c = clone(t);
    const labels = c.metadata?.labels ? { ...c.metadata.labels, ...matchLabels } : { ...matchLabels };
    const metadata: KObject['metadata'] = { name: claimName(set, t, ordinal), namespace: set.metadata.namespace };
    if (Object.keys(labels).length) metadata.labels = labels;
    if (c.metadata?.annotations) metadata.annotations = c.metadata.annotations;
    if (c.metadata?.finalizers) metadata.finalizers = c.metadata.finalizers;
    return { template: t.metadata?.name ?? '', claim: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: c.spec ?? {} } };
  });
}

function identityMatches(set: KObject, pod: KObject): boolean {
  const [parent, ordinal] = parentAndOrdinal(pod.metadata.name);
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.name === statefulPodName(set, ordinal) && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name;
}

function storageMatches(set: KObject, pod: KObject): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map<string, KObject>(((pod.spec?.volumes ?? []) as KObject[]).map((v) => [v.name as string, v]));
  for (const t of (set.spec?.volumeClaimTemplates ?? []) as KObject[]) {
    const v = volumes.get(t.metadata?.name);
    if (!v || v.persistentVolumeClaim?.claimName !== claimName(set, t, ordinal)) return false;
  }
  return true;
}

/** updateIdentity: name, namespace and the pod-name/pod-index labels. */
function updateIdentity(set: KObject, pod: KObject): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = statefulPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
}

/** updateStorage: a PVC volume per template (in template order), then the pod's other volumes. */
function updateStorage(set: KObject, pod: KObject): void {
  const claims = claimsFor(set, pod);
  const names = new Set(claims.map((c) => c.template));
  const volumes: KObject[] = claims.map((c) => ({ name: c.template, persistentVolumeClaim: { claimName: c.claim.metadata.name } }) as unknown as KObject);
  for (const v of (pod.spec?.volumes ?? []) as KObject[]) if (!names.has(v.name)) volumes.push(v);
  pod.spec = pod.spec ?? {};
  if (volumes.length) pod.spec.volumes = volumes;
}

/** newStatefulSetPod: the template, with the set's controller reference and the pod's identity. */
export function newStatefulSetPod(set: KObject, ordinal: number): KObject {
  const pod = podFromTemplate(set, GK, set.spec?.template, `${set.metadata.name}-`);
  pod.metadata.name = statefulPodName(set, ordinal);
  updateIdentity(set, pod);
  // hostname and subdomain are set on creation only (they are immutable afterwards)
  pod.spec.hostname = pod.metadata.name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  updateStorage(set, pod);
  return pod;
}

/** ApplyRevision: the set with the revision's template. */
function applyRevision(set: KObject, cr: KObject): KObject {
  const s = clone(set);
  s.spec = { ...(s.spec ?? {}), template: templateOfRevision(cr) };
  return s;
}

function errText(e: KubeError): string {
  return e instanceof InvalidError ? e.statusMessage() : e.message;
}

interface Status {
  observedGeneration?: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/** A failed sync is retried with the work queue's exponential back-off (5 ms doubling, 1000 s cap). */
function retryAfterFailure(ctx: Ctx, key: string): void {
  const st = simState(ctx, 'statefulsetRetries', () => ({}) as Record<string, number>);
  const n = st[key] ?? 0;
  st[key] = n + 1;
  ctx.loop.at(ctx.clock.now() + Math.min(5 * 2 ** n, 1_000_000), NAME, key);
}

function clearRetries(ctx: Ctx, key: string): void {
  const st = ctx.sim.statefulsetRetries as Record<string, number> | undefined;
  if (st && key in st) delete st[key];
}

class StatefulSetSync {
  private readonly info = registry.mustGroupKind(GK);
  private failed = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly set: KObject,
    private readonly key: string,
  ) {}

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.set, type, reason, message, { component: NAME });
  }

  /** recordPodEvent. */
  private podEvent(verb: 'create' | 'update' | 'delete', pod: KObject, err?: string): void {
    const title = verb[0]!.toUpperCase() + verb.slice(1);
    if (err === undefined) this.event('Normal', `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} successful`);
    else {
      this.failed = true;
      this.event('Warning', `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} failed error: ${err}`);
    }
  }

  /** recordClaimEvent. */
  private claimEvent(c: KObject, pod: KObject, err?: string): void {
    const set = this.set.metadata.name;
    if (err === undefined) this.event('Normal', 'SuccessfulCreate', `create Claim ${c.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set} success`);
    else {
      this.failed = true;
      this.event('Warning', 'FailedCreate', `create Claim ${c.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set} failed error: ${err}`);
    }
  }

  run(): void {
    const ctx = this.ctx;
    const set = this.set;
    const selector = fromLabelSelector(set.spec?.selector);
    const revisions = sortRevisions(claimRevisions(ctx, set, this.info, selector));
    const ns = set.metadata.namespace;
    const hints = (ctx.transient[`${NAME}.scan`] ??= new Set<string>()) as Set<string>;
    const scan = hints.has(this.key) || hints.has(`ns:${ns}`);
    hints.delete(this.key);
    const candidates = scan ? ctx.store.list('Pod', ns).filter((p) => !controllerRef(p) && isMemberOf(set, p)) : [];
    const pods = claim(ctx, set, this.info, 'Pod', selector, candidates, (p) => isMemberOf(set, p));

    let status: Status | undefined;
    let current: KObject | undefined;
    let update: KObject | undefined;
    if (set.metadata.deletionTimestamp) {
      // a set being deleted only reports on what is left
      current = revisions.find((r) => r.metadata.name === set.status?.currentRevision);
      update = revisions.find((r) => r.metadata.name === set.status?.updateRevision) ?? current;
      status = this.baseStatus(current, update, set.status?.collisionCount ?? 0);
      this.count(status, pods, current, update);
    } else {
      const revs = this.revisions(revisions);
      if (!revs) {
        retryAfterFailure(ctx, this.key);
        return;
      }
      ({ current, update } = revs);
      status = this.update(pods, current, update, revs.collisionCount);
      this.truncateHistory(revisions, pods, current, update);
    }
    this.writeStatus(status);
    if (this.failed) retryAfterFailure(ctx, this.key);
    else clearRetries(ctx, this.key);
  }

  /** getStatefulSetRevisions: the current and update revisions, creating or re-numbering one. */
  private revisions(revisions: KObject[]): { current: KObject; update: KObject; collisionCount: number } | undefined {
    const ctx = this.ctx;
    const set = this.set;
    let collisionCount = set.status?.collisionCount ?? 0;
    const next = revisions.length ? (revisions[revisions.length - 1]!.revision ?? 0) + 1 : 1;
    const data = templatePatch(set.spec?.template);
    const candidate: KObject = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: '' }, data, revision: next };
    const equal = revisions.filter((r) => equalRevision(r, candidate));
    let update: KObject;
    if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
      update = revisions[revisions.length - 1]!;
    } else if (equal.length) {
      // a template seen before: roll back by giving that revision the next number
      const cr = clone(equal[equal.length - 1]!);
      cr.revision = next;
      try {
        update = ctx.api.update(cr);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        return undefined;
      }
    } else {
      const labels: Record<string, string> = { ...((set.spec?.template?.metadata?.labels ?? {}) as Record<string, string>) };
      const hashLabel = hashControllerRevision(data, collisionCount);
      labels[CR_HASH_LABEL] = hashLabel;
      const created = this.createRevision(data, labels, next, collisionCount);
      if (!created) return undefined;
      ({ cr: update, collisionCount } = created);
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** CreateControllerRevision: a name collision with another template bumps the collision count. */
  private createRevision(data: unknown, labels: Record<string, string>, revision: number, collisionCount: number): { cr: KObject; collisionCount: number } | undefined {
    const ctx = this.ctx;
    const set = this.set;
    for (let tries = 0; tries < 100; tries++) {
      const name = controllerRevisionName(set.metadata.name, hashControllerRevision(data, collisionCount));
      const cr: KObject = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: set.metadata.namespace,
          labels,
          ...(set.metadata.annotations && Object.keys(set.metadata.annotations).length ? { annotations: { ...set.metadata.annotations } } : {}),
          ownerReferences: [controllerRefTo(set, 'apps/v1', 'StatefulSet')],
        },
        data,
        revision,
      };
      try {
        return { cr: ctx.api.create(cr), collisionCount };
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'AlreadyExists') {
          const existing = ctx.store.get(CR_GK, set.metadata.namespace, name);
          if (existing && deepEqual(existing.data, data)) return { cr: existing, collisionCount };
          collisionCount++;
          continue;
        }
        if (e instanceof KubeError) return undefined;
        throw e;
      }
    }
    return undefined;
  }

  private baseStatus(current: KObject | undefined, update: KObject | undefined, collisionCount: number): Status {
    return {
      observedGeneration: this.set.metadata.generation,
      replicas: 0,
      readyReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
      currentRevision: current?.metadata.name ?? '',
      updateRevision: update?.metadata.name ?? '',
      collisionCount,
    };
  }

  /** updateStatus / computeReplicaStatus over the given pods. */
  private count(status: Status, pods: (KObject | undefined)[], current: KObject | undefined, update: KObject | undefined): void {
    const minReady = this.set.spec?.minReadySeconds ?? 0;
    const now = this.ctx.clock.now();
    status.replicas = status.readyReplicas = status.availableReplicas = status.currentReplicas = status.updatedReplicas = 0;
    for (const p of pods) {
      if (!p) continue;
      if (isCreated(p)) status.replicas++;
      if (isRunningAndReady(p)) {
        status.readyReplicas++;
        if (isPodAvailable(p, minReady, now)) status.availableReplicas++;
      }
      if (isCreated(p) && !isTerminating(p)) {
        const rev = podRevision(p);
        if (current && rev === current.metadata.name) status.currentReplicas++;
        if (update && rev === update.metadata.name) status.updatedReplicas++;
      }
    }
  }

  private unavailable(p: KObject): boolean {
    return !isCreated(p) || isTerminating(p) || !(isRunningAndReady(p) && isPodAvailable(p, this.set.spec?.minReadySeconds ?? 0, this.ctx.clock.now()));
  }

  /** updateStatefulSet: create, fix, delete and update pods toward the target state. */
  private update(pods: KObject[], current: KObject, update: KObject, collisionCount: number): Status {
    const set = this.set;
    const currentSet = applyRevision(set, current);
    const updateSet = applyRevision(set, update);
    const status = this.baseStatus(current, update, collisionCount);
    this.count(status, pods, current, update);

    const start = startOrdinal(set);
    const count = replicasOf(set);
    const replicas: KObject[] = new Array(count);
    const condemned: KObject[] = [];
    for (const p of pods) {
      if (inOrdinalRange(p, set)) replicas[ordinalOf(p) - start] = p;
      else if (ordinalOf(p) >= 0) condemned.push(p);
    }
    for (let i = 0; i < count; i++) if (!replicas[i]) replicas[i] = this.versionedPod(currentSet, updateSet, current, update, start + i);
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    let firstUnavailable: KObject | undefined;
    for (const p of replicas) if (!firstUnavailable && this.unavailable(p)) firstUnavailable = p;
    for (let i = condemned.length - 1; i >= 0; i--) if (!firstUnavailable && this.unavailable(condemned[i]!)) firstUnavailable = condemned[i];

    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    const finish = () => {
      this.count(status, [...replicas, ...condemned], current, update);
      return status;
    };
    for (let i = 0; i < replicas.length; i++) {
      if (this.processReplica(updateSet, monotonic, replicas, i) && monotonic) return finish();
    }
    // claims of condemned pods get the references the scale-down policy asks for
    for (const p of condemned) this.fixClaims(updateSet, p);
    for (const p of condemned) {
      if (isTerminating(p)) {
        if (monotonic) return finish();
        continue;
      }
      if (monotonic && p !== firstUnavailable && this.unavailable(p)) return finish();
      this.deletePod(p);
      if (monotonic) return finish();
    }
    this.count(status, [...replicas, ...condemned], current, update);
    if (set.spec?.updateStrategy?.type === 'OnDelete') return status;
    // rolling update: the highest ordinal not at the update revision goes first, down to the partition
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const p = replicas[target]!;
      if (podRevision(p) !== update.metadata.name && !isTerminating(p)) {
        this.deletePod(p);
        status.currentReplicas--;
        return status;
      }
      if (this.unavailable(p)) return status;
    }
    return status;
  }

  /** newVersionedStatefulSetPod: ordinals below the partition keep the current revision. */
  private versionedPod(currentSet: KObject, updateSet: KObject, current: KObject, update: KObject, ordinal: number): KObject {
    const us = currentSet.spec?.updateStrategy ?? {};
    const start = startOrdinal(currentSet);
    const useCurrent =
      (us.type === 'RollingUpdate' && !us.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
      (!!us.rollingUpdate && ordinal < start + (us.rollingUpdate.partition ?? 0));
    const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_HASH_LABEL]: (useCurrent ? current : update).metadata.name };
    return pod;
  }

  /** processReplica; returns true when a monotonic set must stop here for now. */
  private processReplica(updateSet: KObject, monotonic: boolean, replicas: KObject[], i: number): boolean {
    const pod = replicas[i]!;
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) this.deletePod(pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (this.claimIsStale(pod)) return true;
      // the new pod is counted from the next sync on, when the store reports it
      if (!this.createPod(pod)) return true;
      return monotonic;
    }
    if (isPending(pod)) this.createClaims(updateSet, pod, true);
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, this.set.spec?.minReadySeconds ?? 0, this.ctx.clock.now()))) return true;
    const retentionMatch = this.claimsMatchPolicy(updateSet, pod);
    if (identityMatches(this.set, pod) && storageMatches(this.set, pod) && retentionMatch) return false;
    this.updatePod(updateSet, pod);
    return false;
  }

  /** PodClaimIsStale: with whenScaled=Delete, a claim still owned by an earlier pod of that name blocks. */
  private claimIsStale(pod: KObject): boolean {
    if (retentionPolicy(this.set).whenScaled === 'Retain') return false;
    for (const { claim: c } of claimsFor(this.set, pod)) {
      const cur = this.ctx.store.get(PVC, c.metadata.namespace, c.metadata.name);
      if (cur && (cur.metadata.ownerReferences ?? []).some((r: OwnerReference) => r.name === pod.metadata.name && r.uid !== pod.metadata.uid)) return true;
    }
    return false;
  }

  /**
   * createPersistentVolumeClaims (and, with `retention`, createMissingPersistentVolumeClaims's
   * reference update); returns the error text when a claim could not be created.
   */
  private createClaims(set: KObject, pod: KObject, retention = false): string | undefined {
    const errs: string[] = [];
    for (const { claim: c } of claimsFor(set, pod)) {
      const cur = this.ctx.store.get(PVC, c.metadata.namespace, c.metadata.name);
      if (cur) {
        if (cur.metadata.deletionTimestamp) errs.push(`pvc ${c.metadata.name} is being deleted`);
        continue;
      }
      try {
        this.ctx.api.create(c);
        this.claimEvent(c, pod);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        errs.push(`failed to create PVC ${c.metadata.name}: ${errText(e)}`);
        this.claimEvent(c, pod, errText(e));
      }
    }
    if (errs.length === 0) {
      if (retention) this.fixClaims(set, pod);
      return undefined;
    }
    this.failed = true;
    return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  }

  /** CreateStatefulPod: claims first, then the pod, then the claims' retention references. */
  private createPod(pod: KObject): KObject | undefined {
    const err = this.createClaims(this.set, pod);
    if (err !== undefined) {
      this.podEvent('create', pod, err);
      return undefined;
    }
    let created: KObject;
    try {
      created = this.ctx.api.create(pod);
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'AlreadyExists') return undefined;
      if (!(e instanceof KubeError)) throw e;
      this.podEvent('create', pod, errText(e));
      return undefined;
    }
    this.fixClaims(this.set, created);
    this.podEvent('create', created);
    return created;
  }

  private claimsMatchPolicy(set: KObject, pod: KObject): boolean {
    for (const { claim: c } of claimsFor(set, pod)) {
      const cur = this.ctx.store.get(PVC, c.metadata.namespace, c.metadata.name);
      if (cur && !claimOwnerUpToDate(cur, set, pod)) return false;
    }
    return true;
  }

  /** UpdatePodClaimForRetentionPolicy. */
  private fixClaims(set: KObject, pod: KObject): void {
    for (const { claim: c } of claimsFor(set, pod)) {
      const cur = this.ctx.store.get(PVC, c.metadata.namespace, c.metadata.name);
      if (!cur || claimOwnerUpToDate(cur, set, pod)) continue;
      const refs = claimRefsForPolicy(cur, set, pod);
      if (deepEqual(refs, cur.metadata.ownerReferences ?? [])) continue;
      const next = clone(cur);
      if (refs.length) next.metadata.ownerReferences = refs;
      else delete next.metadata.ownerReferences;
      try {
        this.ctx.api.update(next);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        this.failed = true;
      }
    }
  }

  /** UpdateStatefulPod: restores identity, storage and claim references. */
  private updatePod(set: KObject, pod: KObject): void {
    const next = clone(pod);
    let consistent = true;
    if (!identityMatches(set, next)) {
      updateIdentity(set, next);
      consistent = false;
    }
    if (!storageMatches(set, next)) {
      updateStorage(set, next);
      consistent = false;
      const err = this.createClaims(set, next);
      if (err !== undefined) {
        this.podEvent('update', pod, err);
        return;
      }
    }
    if (!this.claimsMatchPolicy(set, next)) {
      this.fixClaims(set, next);
      consistent = false;
    }
    if (consistent) return;
    try {
      this.ctx.api.update(next);
      this.podEvent('update', next);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      this.podEvent('update', pod, errText(e));
    }
  }

  private deletePod(pod: KObject): void {
    try {
      this.ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name);
      this.podEvent('delete', pod);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      if (e instanceof StatusError && e.reason === 'NotFound') return;
      this.podEvent('delete', pod, errText(e));
    }
  }

  /** truncateHistory: keep revisionHistoryLimit revisions besides the live ones. */
  private truncateHistory(revisions: KObject[], pods: KObject[], current: KObject, update: KObject): void {
    const live = new Set<string>([current.metadata.name, update.metadata.name, ...pods.map(podRevision)]);
    const history = revisions.filter((r) => !live.has(r.metadata.name) && this.ctx.store.get(CR_GK, r.metadata.namespace, r.metadata.name));
    const limit = this.set.spec?.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) {
      try {
        this.ctx.api.delete(CR_GK, r.metadata.namespace, r.metadata.name);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
      }
    }
  }

  /** updateStatefulSetStatus: completes a finished rolling update, writes only real changes. */
  private writeStatus(s: Status): void {
    const ctx = this.ctx;
    const cur = ctx.store.get(GK, this.set.metadata.namespace, this.set.metadata.name);
    if (!cur) return;
    const replicas = replicasOf(cur);
    if (cur.spec?.updateStrategy?.type === 'RollingUpdate' && s.updatedReplicas === replicas && s.readyReplicas === replicas && s.replicas === replicas) {
      s.currentReplicas = s.updatedReplicas;
      s.currentRevision = s.updateRevision;
    }
    const status: Record<string, unknown> = {};
    if (s.observedGeneration) status.observedGeneration = s.observedGeneration;
    status.replicas = s.replicas;
    if (s.readyReplicas) status.readyReplicas = s.readyReplicas;
    if (s.currentReplicas) status.currentReplicas = s.currentReplicas;
    if (s.updatedReplicas) status.updatedReplicas = s.updatedReplicas;
    if (s.currentRevision) status.currentRevision = s.currentRevision;
    if (s.updateRevision) status.updateRevision = s.updateRevision;
    status.collisionCount = s.collisionCount;
    status.availableReplicas = s.availableReplicas;
    if (cur.status?.conditions?.length) status.conditions = cur.status.conditions;
    if (!deepEqual(status, cur.status)) {
      const next = clone(cur);
      next.status = status;
      ctx.store.put(GK, next);
    }
    // pods that are ready but not yet available: look again when minReadySeconds has passed
    const minReady = cur.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && s.availableReplicas !== replicas) {
      let next: number | undefined;
      for (const p of ctx.store.dependents(cur.metadata.uid!)) {
        if (p.gk !== 'Pod') continue;
        const at = availableAt(p.obj, minReady);
        if (at !== undefined && at > ctx.clock.now() && (next === undefined || at < next)) next = at;
      }
      if (next !== undefined) ctx.loop.at(next, NAME, this.key);
    }
  }
}

export const statefulSetController: Controller<Ctx> = {
  name: NAME,
  watch(ev, enqueue, ctx) {
    const hints = (ctx.transient[`${NAME}.scan`] ??= new Set<string>()) as Set<string>;
    if (ev.gk === GK) {
      if (ev.type === 'ADDED' || !deepEqual(ev.obj.spec?.selector, ev.old?.spec?.selector)) hints.add(keyFor(ev.obj));
      if (ev.type !== 'DELETED') enqueue(keyFor(ev.obj));
      return;
    }
    if (ev.gk === 'Pod') {
      const ref = controllerRef(ev.obj);
      const oldRef = ev.old ? controllerRef(ev.old) : undefined;
      if (ref?.kind === 'StatefulSet') enqueue(`${ev.obj.metadata.namespace}/${ref.name}`);
      if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid) enqueue(`${ev.obj.metadata.namespace}/${oldRef.name}`);
      if (!ref && ev.type !== 'DELETED' && !ev.obj.metadata.deletionTimestamp) {
        // an orphan whose name and labels say it belongs to a set may be adopted
        const [parent] = parentAndOrdinal(ev.obj.metadata.name);
        const set = parent ? ctx.store.get(GK, ev.obj.metadata.namespace, parent) : undefined;
        if (set && fromLabelSelector(set.spec?.selector).matches(ev.obj.metadata.labels)) {
          hints.add(`ns:${ev.obj.metadata.namespace}`);
          enqueue(keyFor(set));
        }
      }
      return;
    }
    if (ev.gk === PVC && ev.type === 'DELETED') {
      // a stale claim going away unblocks the pod that waited for it
      for (const s of ctx.store.list(GK, ev.obj.metadata.namespace)) if (s.spec?.volumeClaimTemplates?.length) enqueue(keyFor(s));
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const set = ctx.store.get(GK, ns, name);
    if (!set) {
      clearRetries(ctx, key);
      return;
    }
    new StatefulSetSync(ctx, set, key).run();
  },
};
