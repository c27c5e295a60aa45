// The PersistentVolume controller (kube-controller-manager's persistentvolume-binder): binds claims
// to volumes (pre-bound, or the smallest Available volume that fits), hands claims of a
// provisioning class to their provisioner (ExternalProvisioning), waits for the first consumer
// with WaitForFirstConsumer classes, marks volumes Available/Bound/Released, reclaims released
// volumes (Retain keeps them, Delete removes dynamically provisioned ones), and re-syncs pending
// claims every 15 s (--pvclaimbinder-sync-period), as the real one does.
//
// Beside it: the simulated local-path provisioner behind kind's `standard` class (it creates
// `pvc-<claim uid>` hostPath volumes pinned to the selected node), and the pvc-protection and
// pv-protection controllers that hold deletion while a claim is in use or a volume is bound.
import { clone, type KObject } from '../api/types';
import { KubeError } from '../api/errors';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { splitKey } from './util';
import { defaultClass, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER, SC_GK } from '../api/admission-storage';
import { LOCAL_PATH_PROVISIONER } from '../cluster/bootstrap-extra';
import { fnv1a32 } from '../api/naming';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  findMatchingVolume,
  isDelayBinding,
  isVolumeBoundToClaim,
  podClaimNames,
  volumeModeMismatch,
  volumeSatisfiesClaim,
} from './volumeutil';

export const PV_CONTROLLER = 'persistentvolume-binder-controller';
/** The events' source component, as kube-controller-manager reports it. */
const PV_COMPONENT = 'persistentvolume-controller';
export const RESYNC_MS = 15_000;
const PV = 'PersistentVolume';
const PVC = 'PersistentVolumeClaim';

type Events = [type: 'Normal' | 'Warning', reason: string, message: string][];

function setPhase(ctx: Ctx, v: KObject, phase: string, extra: Record<string, unknown> = {}): KObject {
  if (v.status?.phase === phase && Object.entries(extra).every(([k, x]) => v.status?.[k] === x)) return v;
  const next = clone(v);
  const prev = next.status?.phase;
  next.status = { ...(next.status ?? {}), phase, ...extra };
  for (const [k, x] of Object.entries(extra)) if (x === undefined) delete next.status[k];
  // only volumes record when their phase changed (lastPhaseTransitionTime)
  if (prev !== phase && v.kind === 'PersistentVolume') next.status.lastPhaseTransitionTime = ctx.clock.rfc3339();
  return ctx.store.put(v.kind === 'PersistentVolume' ? PV : PVC, next);
}

function claimRefFor(c: KObject): Record<string, string> {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: c.metadata.name, namespace: c.metadata.namespace!, resourceVersion: c.metadata.resourceVersion!, uid: c.metadata.uid! };
}

/** bind: the volume's claimRef, its Bound phase, the claim's volumeName, then the claim's Bound status. */
export function bindClaim(ctx: Ctx, volume: KObject, claim: KObject): void {
  let v = volume;
  const ref = v.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid) {
    const next = clone(v);
    next.spec.claimRef = claimRefFor(claim);
    if (!ref) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    v = ctx.store.put(PV, next);
  }
  v = setPhase(ctx, v, 'Bound');
  let c = claim;
  if (c.spec?.volumeName !== v.metadata.name || c.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) {
    const next = clone(c);
    const ann: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
    if (next.spec.volumeName !== v.metadata.name) {
      if (!next.spec.volumeName) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
      next.spec.volumeName = v.metadata.name;
    }
    ann[ANN_BIND_COMPLETED] = 'yes';
    next.metadata.annotations = ann;
    c = ctx.store.put(PVC, next);
  }
  const status = { ...(c.status ?? {}), phase: 'Bound', accessModes: clone(v.spec?.accessModes ?? []), capacity: clone(v.spec?.capacity ?? {}) };
  if (!deepEqual(status, c.status)) {
    const next = clone(c);
    next.status = status;
    ctx.store.put(PVC, next);
  }
}

interface PvState {
  /** Claims whose FailedBinding/WaitForFirstConsumer event the 15 s resync repeats. */
  pending?: Record<string, true>;
}

function syncUnboundClaim(ctx: Ctx, claim: KObject, events: Events, resync: boolean): void {
  const store = ctx.store;
  if (claim.spec?.volumeName) {
    const v = store.get(PV, undefined, claim.spec.volumeName);
    if (!v) return;
    if (!v.spec?.claimRef) {
      const err = volumeSatisfiesClaim(v, claim);
      if (err) events.push(['Warning', 'VolumeMismatch', `Cannot bind to requested volume "${v.metadata.name}": ${err}`]);
      else bindClaim(ctx, v, claim);
    } else if (isVolumeBoundToClaim(v, claim)) bindClaim(ctx, v, claim);
    else if (claim.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) events.push(['Warning', 'FailedBinding', `volume "${v.metadata.name}" already bound to a different claim.`]);
    return;
  }
  const delay = isDelayBinding(store, claim);
  const volume = findMatchingVolume(claim, store.list(PV), undefined, delay);
  if (volume) {
    bindClaim(ctx, volume, claim);
    return;
  }
  // retroactive default StorageClass assignment (GA in 1.28)
  if (claim.spec?.storageClassName == null && claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] === undefined) {
    const def = defaultClass(store);
    if (def) {
      const next = clone(claim);
      next.spec.storageClassName = def.metadata.name;
      store.put(PVC, next);
      return;
    }
  }
  if (delay && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
    const waiting = store.list('Pod', claim.metadata.namespace).filter((p) => !p.spec?.nodeName && podClaimNames(p).includes(claim.metadata.name)).map((p) => p.metadata.name);
    if (waiting.length === 0) events.push(['Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding']);
    else if (waiting.length === 1) events.push(['Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`]);
    else events.push(['Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`]);
  } else if (claimClass(claim) !== '') provisionClaim(ctx, claim, events, resync);
  else events.push(['Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set']);
}

/** provisionClaim: no in-tree plugins remain, so every provisioner is external. */
function provisionClaim(ctx: Ctx, claim: KObject, events: Events, resync: boolean): void {
  const cls = ctx.store.get(SC_GK, undefined, claimClass(claim));
  if (!cls) {
    events.push(['Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${claimClass(claim)}" not found`]);
    return;
  }
  const provisioner: string = cls.provisioner ?? '';
  const ann = claim.metadata.annotations ?? {};
  if (ann[ANN_STORAGE_PROVISIONER] !== provisioner) {
    const next = clone(claim);
    next.metadata.annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
    ctx.store.put(PVC, next);
  } else if (!resync) return;
  events.push([
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  ]);
}

function syncBoundClaim(ctx: Ctx, claim: KObject, events: Events): void {
  const name = claim.spec?.volumeName;
  const v = name ? ctx.store.get(PV, undefined, name) : undefined;
  if (!v) {
    if (claim.status?.phase !== 'Lost') {
      setPhase(ctx, claim, 'Lost');
      events.push(['Warning', 'ClaimLost', name ? 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' : 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!']);
    }
    return;
  }
  if (!v.spec?.claimRef || isVolumeBoundToClaim(v, claim)) bindClaim(ctx, v, claim);
  else if (claim.status?.phase !== 'Lost') {
    setPhase(ctx, claim, 'Lost');
    events.push(['Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly']);
  }
}

function syncVolume(ctx: Ctx, v: KObject, events: Events): void {
  const ref = v.spec?.claimRef;
  if (!ref) {
    setPhase(ctx, v, 'Available');
    return;
  }
  if (!ref.uid) {
    // pre-bound by the user to a claim that may not exist yet
    setPhase(ctx, v, 'Available');
    if (ctx.store.get(PVC, ref.namespace, ref.name)) ctx.loop.enqueue(PV_CONTROLLER, `claim:${ref.namespace}/${ref.name}`);
    return;
  }
  let claim = ctx.store.get(PVC, ref.namespace, ref.name);
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = setPhase(ctx, v, 'Released');
    reclaim(ctx, v, events);
    return;
  }
  if (!claim.spec?.volumeName) {
    if (volumeModeMismatch(claim, v)) {
      events.push(['Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`]);
      return;
    }
    ctx.loop.enqueue(PV_CONTROLLER, `claim:${claim.metadata.namespace}/${claim.metadata.name}`);
    return;
  }
  if (claim.spec.volumeName === v.metadata.name) setPhase(ctx, v, 'Bound');
  else if (v.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined && claim.status?.phase !== 'Bound') {
    // the binding never completed: release the volume for another claim
    const next = clone(v);
    delete next.spec.claimRef;
    setPhase(ctx, ctx.store.put(PV, next), 'Available');
  } else setPhase(ctx, v, 'Released');
}

/** reclaimVolume: Retain keeps the data; Delete removes volumes a provisioner made. */
function reclaim(ctx: Ctx, v: KObject, events: Events): void {
  const policy = v.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
  if (policy !== 'Delete' || v.metadata.deletionTimestamp || v.status?.phase === 'Failed') return;
  const by = v.metadata.annotations?.[ANN_PROVISIONED_BY];
  if (by === LOCAL_PATH_PROVISIONER) {
    try {
      ctx.api.delete(PV, undefined, v.metadata.name);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
    return;
  }
  if (!by && v.spec?.hostPath) {
    // the in-tree hostPath deleter only removes directories under /tmp
    const path: string = v.spec.hostPath.path ?? '';
    if (!/^\/tmp\/.+/.test(path)) {
      const message = `host_path deleter only supports /tmp/.+ but received provided ${path}`;
      setPhase(ctx, v, 'Failed', { message });
      events.push(['Warning', 'VolumeFailedDelete', message]);
      return;
    }
    try {
      ctx.api.delete(PV, undefined, v.metadata.name);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
    }
  }
  // any other volume waits for an external deleter, as on a cluster without one
}

function record(ctx: Ctx, gk: string, ns: string | undefined, name: string, events: Events, component = PV_COMPONENT): void {
  if (!events.length) return;
  const obj = ctx.store.get(gk, ns, name);
  if (!obj) return;
  for (const [type, reason, message] of events) ctx.events.record(obj, type, reason, message, { component });
}

export const persistentVolumeController: Controller<Ctx> = {
  name: PV_CONTROLLER,
  watch(ev, enqueue, ctx) {
    if (ev.gk === PVC) {
      const o = ev.obj;
      enqueue(`claim:${o.metadata.namespace}/${o.metadata.name}`);
      if (ev.type === 'DELETED') {
        if (o.spec?.volumeName) enqueue(`volume:${o.spec.volumeName}`);
        const pvName = volumeOfClaim(ctx, o);
        if (pvName) enqueue(`volume:${pvName}`);
      }
      return;
    }
    if (ev.gk === PV) {
      if (ev.type === 'DELETED') {
        const ref = ev.obj.spec?.claimRef;
        if (ref) enqueue(`claim:${ref.namespace}/${ref.name}`);
        return;
      }
      enqueue(`volume:${ev.obj.metadata.name}`);
      const ref = ev.obj.spec?.claimRef;
      if (ref && (ev.type === 'ADDED' || !deepEqual(ref, ev.old?.spec?.claimRef))) enqueue(`claim:${ref.namespace}/${ref.name}`);
      return;
    }
    if (ev.gk === SC_GK && ev.type !== 'DELETED') {
      // a new default class may be assigned to class-less claims
      const st = simState<PvState>(ctx, 'persistentvolume', () => ({}));
      for (const k of Object.keys(st.pending ?? {})) enqueue(`claim:${k}`);
    }
  },
  sync(key, ctx) {
    const st = simState<PvState>(ctx, 'persistentvolume', () => ({}));
    if (key === 'resync') {
      // the periodic resync syncs every pending claim again (and repeats its event)
      for (const k of Object.keys(st.pending ?? {})) syncClaimKey(ctx, k, true, st);
      scheduleResync(ctx, st);
      return;
    }
    if (key.startsWith('claim:')) {
      syncClaimKey(ctx, key.slice(6), false, st);
      scheduleResync(ctx, st);
      return;
    }
    if (key.startsWith('volume:')) {
      const v = ctx.store.get(PV, undefined, key.slice(7));
      if (!v) return;
      const events: Events = [];
      syncVolume(ctx, v, events);
      record(ctx, PV, undefined, v.metadata.name, events);
    }
  },
};

function volumeOfClaim(ctx: Ctx, claim: KObject): string | undefined {
  return ctx.store.list(PV).find((v) => v.spec?.claimRef?.uid === claim.metadata.uid)?.metadata.name;
}

function syncClaimKey(ctx: Ctx, nsName: string, resync: boolean, st: PvState): void {
  const [ns, name] = splitKey(nsName);
  const claim = ctx.store.get(PVC, ns, name);
  const pending = (st.pending ??= {});
  if (!claim || claim.metadata.deletionTimestamp) {
    delete pending[nsName];
    return;
  }
  const events: Events = [];
  if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) syncUnboundClaim(ctx, claim, events, resync);
  else syncBoundClaim(ctx, claim, events);
  const now = ctx.store.get(PVC, ns, name);
  if (now && now.status?.phase === 'Pending') pending[nsName] = true;
  else delete pending[nsName];
  record(ctx, PVC, ns, name, events);
}

function scheduleResync(ctx: Ctx, st: PvState): void {
  if (Object.keys(st.pending ?? {}).length === 0) return;
  const now = ctx.clock.now();
  ctx.loop.at(Math.floor(now / RESYNC_MS) * RESYNC_MS + RESYNC_MS, PV_CONTROLLER, 'resync');
}

// ---------------------------------------------------------------- simulated local-path provisioner

export const LOCAL_PATH_CONTROLLER = 'local-path-provisioner';
/** How long the provisioner takes to create a volume (its helper pod makes the directory). */
export const PROVISION_MS = 2000;

interface ProvisionerState {
  /** Claim uid → when its volume will be ready (ms). */
  inFlight: Record<string, number>;
  /** Claim uid → the failure already reported. */
  failed: Record<string, string>;
}

/** The provisioner's identity in its events: `<provisioner>_<host>_<uuid>`, as the provisioner library names it. */
export function provisionerIdentity(seed: number): string {
  const h = (salt: string) => fnv1a32(`${salt}:${seed}`).toString(16).padStart(8, '0');
  const hex = h('a') + h('b') + h('c') + h('d');
  return `${LOCAL_PATH_PROVISIONER}_local-path-provisioner_${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const localPathProvisioner: Controller<Ctx> = {
  name: LOCAL_PATH_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk !== PVC || ev.type === 'DELETED') return;
    if (ev.obj.metadata.annotations?.[ANN_STORAGE_PROVISIONER] === LOCAL_PATH_PROVISIONER && !ev.obj.spec?.volumeName) enqueue(`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const claim = ctx.store.get(PVC, ns, name);
    const st = simState<ProvisionerState>(ctx, 'localPathProvisioner', () => ({ inFlight: {}, failed: {} }));
    if (!claim || claim.spec?.volumeName || claim.metadata.deletionTimestamp) return;
    if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return;
    const uid = claim.metadata.uid!;
    const pvName = `pvc-${uid}`;
    if (ctx.store.get(PV, undefined, pvName)) return;
    const component = provisionerIdentity(ctx.cluster.seed);
    const cls = ctx.store.get(SC_GK, undefined, claimClass(claim));
    if (!cls) return;
    const now = ctx.clock.now();
    const at = st.inFlight[uid];
    if (at === undefined) {
      const node = claim.metadata.annotations?.[ANN_SELECTED_NODE];
      const modes: string[] = claim.spec?.accessModes ?? [];
      let failure: string | undefined;
      if (claim.spec?.volumeMode === 'Block') failure = `${LOCAL_PATH_PROVISIONER} does not support block volume provisioning`;
      else if (modes.some((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod')) failure = `failed to provision volume with StorageClass "${cls.metadata.name}": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes`;
      else if (!node) failure = `failed to provision volume with StorageClass "${cls.metadata.name}": configuration error, no node was specified`;
      const events: Events = [['Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`]];
      if (failure) {
        if (st.failed[uid] === failure) return;
        st.failed[uid] = failure;
        events.push(['Warning', 'ProvisioningFailed', failure]);
        record(ctx, PVC, ns, name, events, component);
        return;
      }
      st.inFlight[uid] = now + PROVISION_MS;
      record(ctx, PVC, ns, name, events, component);
      ctx.loop.at(now + PROVISION_MS, LOCAL_PATH_CONTROLLER, key);
      return;
    }
    if (now < at) {
      ctx.loop.at(at, LOCAL_PATH_CONTROLLER, key);
      return;
    }
    delete st.inFlight[uid];
    delete st.failed[uid];
    const node = claim.metadata.annotations?.[ANN_SELECTED_NODE] ?? '';
    const pv: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
      spec: {
        accessModes: clone(claim.spec?.accessModes ?? []),
        capacity: { storage: claim.spec?.resources?.requests?.storage },
        claimRef: claimRefFor(claim),
        hostPath: { path: `/var/local-path-provisioner/${pvName}_${ns}_${name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      },
    };
    try {
      ctx.api.create(pv);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      record(ctx, PVC, ns, name, [['Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls.metadata.name}": ${e.message}`]], component);
      return;
    }
    record(ctx, PVC, ns, name, [['Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`]], component);
  },
};

// ---------------------------------------------------------------- protection controllers

export const PVC_PROTECTION_CONTROLLER = 'pvc-protection-controller';
export const PV_PROTECTION_CONTROLLER = 'pv-protection-controller';

/** A scheduled pod that names the claim keeps it (podUsesPVC). */
function claimInUse(ctx: Ctx, claim: KObject): boolean {
  return ctx.store.list('Pod', claim.metadata.namespace).some((p) => !!p.spec?.nodeName && podClaimNames(p).includes(claim.metadata.name));
}

export const pvcProtectionController: Controller<Ctx> = {
  name: PVC_PROTECTION_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk === PVC && ev.type !== 'DELETED' && ev.obj.metadata.deletionTimestamp) enqueue(`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`);
    if (ev.gk === 'Pod' && (ev.type === 'DELETED' || ev.obj.metadata.deletionTimestamp)) for (const c of podClaimNames(ev.obj)) enqueue(`${ev.obj.metadata.namespace}/${c}`);
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const claim = ctx.store.get(PVC, ns, name);
    if (!claim || !claim.metadata.deletionTimestamp || !(claim.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return;
    if (claimInUse(ctx, claim)) return;
    ctx.api.removeFinalizer(PVC, claim, PVC_PROTECTION_FINALIZER);
  },
};

export const pvProtectionController: Controller<Ctx> = {
  name: PV_PROTECTION_CONTROLLER,
  watch(ev, enqueue) {
    if (ev.gk === PV && ev.type !== 'DELETED' && ev.obj.metadata.deletionTimestamp) enqueue(ev.obj.metadata.name);
  },
  sync(key, ctx) {
    const v = ctx.store.get(PV, undefined, key);
    if (!v || !v.metadata.deletionTimestamp || !(v.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return;
    if (v.status?.phase === 'Bound') return;
    ctx.api.removeFinalizer(PV, v, PV_PROTECTION_FINALIZER);
  },
};
