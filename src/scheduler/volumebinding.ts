// The VolumeBinding scheduler plugin (pkg/scheduler/framework/plugins/volumebinding):
//  - PreFilter: a missing, lost or deleting claim, or a claim of an Immediate class not yet bound,
//    makes the pod unschedulable on every node with one message (`pod has unbound immediate
//    PersistentVolumeClaims`, `persistentvolumeclaim "x" not found`);
//  - Filter: bound volumes' node affinity must admit the node; claims of a WaitForFirstConsumer
//    class need a matching Available volume on the node or a class that can provision there;
//  - PreBind: binds the chosen static volumes, or names the node on claims to provision
//    (volume.kubernetes.io/selected-node), and holds the pod until every claim is bound.
import { clone, type KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { unresolvable, type CycleState, type FilterPlugin, type Status } from './framework';
import type { NodeInfo } from './nodeinfo';
import { matchNodeSelectorTerms } from './affinity';
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  NOT_SUPPORTED_PROVISIONER,
  findMatchingVolume,
  isClaimBound,
  isDelayBinding,
  nodeAffinityMatches,
  podClaimNames,
  storageClassOf,
} from '../controllers/volumeutil';

const NAME = 'VolumeBinding';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";

interface PodVolumes {
  bound: KObject[];
  delayed: KObject[];
}

function podVolumes(s: CycleState): PodVolumes | Status | null {
  if (s.data.has(NAME)) return s.data.get(NAME) as PodVolumes | Status | null;
  const result = computePodVolumes(s);
  s.data.set(NAME, result);
  return result;
}

function computePodVolumes(s: CycleState): PodVolumes | Status | null {
  const names = podClaimNames(s.pod);
  if (names.length === 0) return null;
  const store = s.ctx.store;
  const fail = (reason: string): Status => unresolvable(NAME, reason);
  const out: PodVolumes = { bound: [], delayed: [] };
  let unboundImmediate = false;
  for (const name of names) {
    const claim = store.get('PersistentVolumeClaim', s.pod.metadata.namespace, name);
    if (!claim) return fail(`persistentvolumeclaim "${name}" not found`);
    if (claim.status?.phase === 'Lost') return fail(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`);
    if (claim.metadata.deletionTimestamp) return fail(`persistentvolumeclaim "${name}" is being deleted`);
    if (isClaimBound(store, claim)) out.bound.push(claim);
    else if (isDelayBinding(store, claim)) out.delayed.push(claim);
    else unboundImmediate = true;
  }
  if (unboundImmediate) return fail('pod has unbound immediate PersistentVolumeClaims');
  return out;
}

function isFailure(v: PodVolumes | Status | null): v is Status {
  return !!v && 'reasons' in v;
}

/** Whether an unbound delayed claim can be satisfied on the node: a static volume, or provisioning. */
function delayedClaimFits(ctx: Ctx, claim: KObject, node: KObject): { volume?: KObject; provision?: boolean } | undefined {
  const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  if (selected) return selected === node.metadata.name ? { provision: true } : undefined;
  const volume = findMatchingVolume(claim, ctx.store.list('PersistentVolume'), node, true);
  if (volume) return { volume };
  const cls = storageClassOf(ctx.store, claim);
  if (!cls || !cls.provisioner || cls.provisioner === NOT_SUPPORTED_PROVISIONER) return undefined;
  const topologies = cls.allowedTopologies as { matchLabelExpressions?: { key: string; values?: string[] }[] }[] | undefined;
  if (topologies?.length) {
    const terms = topologies.map((t) => ({ matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In', values: e.values ?? [] })) }));
    if (!matchNodeSelectorTerms(terms, node)) return undefined;
  }
  return { provision: true };
}

export const volumeBinding: FilterPlugin = {
  name: NAME,
  preFilter(s) {
    const v = podVolumes(s);
    // a pod without claims skips the plugin's Filter
    if (!v) return { skip: true };
    return isFailure(v) ? { status: v } : undefined;
  },
  filter(s, n: NodeInfo) {
    const v = podVolumes(s);
    if (!v || isFailure(v)) return null;
    for (const claim of v.bound) {
      const pv = s.ctx.store.get('PersistentVolume', undefined, claim.spec.volumeName);
      if (pv && !nodeAffinityMatches(pv, n.node)) return unresolvable(NAME, ERR_NODE_CONFLICT);
    }
    for (const claim of v.delayed) {
      if (!delayedClaimFits(s.ctx, claim, n.node)) return unresolvable(NAME, ERR_BIND_CONFLICT);
    }
    return null;
  },
};

/**
 * PreBind for the chosen node: binds static volumes, asks for provisioning on the node, and tells
 * whether every claim of the pod is bound (the pod may be bound to the node now).
 */
export function volumePreBind(ctx: Ctx, pod: KObject, nodeName: string): boolean {
  const node = ctx.store.get('Node', undefined, nodeName);
  if (!node) return true;
  let ready = true;
  for (const name of podClaimNames(pod)) {
    const claim = ctx.store.get('PersistentVolumeClaim', pod.metadata.namespace, name);
    if (!claim || isClaimBound(ctx.store, claim)) continue;
    ready = false;
    if (!isDelayBinding(ctx.store, claim)) continue;
    const fit = delayedClaimFits(ctx, claim, node);
    if (fit?.volume && !fit.volume.spec?.claimRef) {
      // the scheduler's binder pre-binds the volume; the PV controller completes the binding
      const next = clone(fit.volume);
      next.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid };
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      ctx.store.put('PersistentVolume', next);
    } else if (fit?.provision && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
      const next = clone(claim);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
      ctx.store.put('PersistentVolumeClaim', next);
    }
  }
  if (!ready) {
    // binding may have completed synchronously
    ready = podClaimNames(pod).every((name) => {
      const c = ctx.store.get('PersistentVolumeClaim', pod.metadata.namespace, name);
      return !c || isClaimBound(ctx.store, c);
    });
  }
  return ready;
}
