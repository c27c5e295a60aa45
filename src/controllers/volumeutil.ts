// Claim/volume matching shared by the PV controller and the scheduler's VolumeBinding plugin
// (pkg/controller/volume/persistentvolume/util and component-helpers/storage/volume).
import type { KObject } from '../api/types';
import type { Store } from '../store/store';
import { tryParseQuantity } from '../api/quantity';
import { fromLabelSelector } from '../api/selectors';
import { matchNodeSelectorTerms } from '../scheduler/affinity';
import { SC_GK } from '../api/admission-storage';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';
const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClaimClass: the beta annotation wins, then spec.storageClassName. */
export function claimClass(c: KObject): string {
  const a = c.metadata.annotations?.[ANN_BETA_CLASS];
  if (a !== undefined) return a;
  return c.spec?.storageClassName ?? '';
}

export function volumeClass(v: KObject): string {
  const a = v.metadata.annotations?.[ANN_BETA_CLASS];
  if (a !== undefined) return a;
  return v.spec?.storageClassName ?? '';
}

export function storageClassOf(store: Store, claim: KObject): KObject | undefined {
  const name = claimClass(claim);
  return name ? store.get(SC_GK, undefined, name) : undefined;
}

/** IsDelayBindingMode: the claim's class binds when the first consumer is scheduled. */
export function isDelayBinding(store: Store, claim: KObject): boolean {
  return storageClassOf(store, claim)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, once set). */
export function isVolumeBoundToClaim(v: KObject, c: KObject): boolean {
  const ref = v.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== c.metadata.name || ref.namespace !== c.metadata.namespace) return false;
  return !ref.uid || ref.uid === c.metadata.uid;
}

function storageOf(resources: Record<string, string> | undefined): ReturnType<typeof tryParseQuantity> {
  return tryParseQuantity(resources?.storage ?? '0');
}

export function volumeModeMismatch(c: KObject, v: KObject): boolean {
  return (c.spec?.volumeMode ?? 'Filesystem') !== (v.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function accessModesMatch(c: KObject, v: KObject): boolean {
  const have: string[] = v.spec?.accessModes ?? [];
  return ((c.spec?.accessModes ?? []) as string[]).every((m) => have.includes(m));
}

export function nodeAffinityMatches(v: KObject, node: KObject): boolean {
  const terms = v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return matchNodeSelectorTerms(terms, node);
}

/** checkVolumeSatisfyClaim's error text, or undefined when the volume fits. */
export function volumeSatisfiesClaim(v: KObject, c: KObject): string | undefined {
  if (v.metadata.deletionTimestamp) return `the volume is marked for deletion "${v.metadata.name}"`;
  const want = storageOf(c.spec?.resources?.requests);
  const have = storageOf(v.spec?.capacity);
  if (want && have && have.cmp(want) < 0) return 'requested PV is too small';
  if (volumeClass(v) !== claimClass(c)) return 'storageClassName does not match';
  if (volumeModeMismatch(c, v)) return 'incompatible volumeMode';
  if (!accessModesMatch(c, v)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume: a volume pre-bound to the claim, else the smallest Available volume that fits
 * (class, size, access modes, volume mode, selector, node affinity when a node is given). With
 * delayed binding and no node, only pre-bound volumes count (the scheduler binds the rest).
 */
export function findMatchingVolume(claim: KObject, volumes: KObject[], node: KObject | undefined, delayBinding: boolean): KObject | undefined {
  const want = storageOf(claim.spec?.resources?.requests);
  const cls = claimClass(claim);
  const selector = claim.spec?.selector ? fromLabelSelector(claim.spec.selector) : undefined;
  let best: KObject | undefined;
  let bestQty: ReturnType<typeof tryParseQuantity> = null;
  for (const v of volumes) {
    if (v.spec?.claimRef && !isVolumeBoundToClaim(v, claim)) continue;
    const qty = storageOf(v.spec?.capacity);
    if (!qty || (want && qty.cmp(want) < 0)) continue;
    if (volumeModeMismatch(claim, v)) continue;
    if (v.metadata.deletionTimestamp) continue;
    const affinityOk = !node || nodeAffinityMatches(v, node);
    if (isVolumeBoundToClaim(v, claim)) return affinityOk ? v : undefined;
    if (!node && delayBinding) continue;
    if (v.status?.phase !== 'Available') continue;
    if (selector && !selector.matches(v.metadata.labels)) continue;
    if (volumeClass(v) !== cls) continue;
    if (!affinityOk) continue;
    // the controller's index only offers volumes with all the claim's access modes
    if (!accessModesMatch(claim, v)) continue;
    if (!best || bestQty!.cmp(qty) > 0) {
      best = v;
      bestQty = qty;
    }
  }
  return best;
}

/** The claims a pod's volumes name (PVC sources and generic ephemeral volumes). */
export function podClaimNames(pod: KObject): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

/** A claim is bound once the controller completed it against an existing volume. */
export function isClaimBound(store: Store, claim: KObject): boolean {
  const name = claim.spec?.volumeName;
  if (!name) return false;
  const v = store.get('PersistentVolume', undefined, name);
  if (!v || !isVolumeBoundToClaim(v, claim)) return false;
  return claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}
