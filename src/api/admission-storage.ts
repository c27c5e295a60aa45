// Storage admission plugins of kube-apiserver's default set: DefaultStorageClass (a claim that names
// no class gets the default one) and StorageObjectInUseProtection (claims and volumes get the
// kubernetes.io/pvc-protection / kubernetes.io/pv-protection finalizers at creation).
import type { AdmissionPlugin } from './server';
import type { KObject } from './types';
import type { Store } from '../store/store';

export const SC_GK = 'StorageClass.storage.k8s.io';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
const IS_DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT = 'storageclass.beta.kubernetes.io/is-default-class';

export function isDefaultClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IS_DEFAULT] === 'true' || (a[IS_DEFAULT] === undefined && a[BETA_IS_DEFAULT] === 'true');
}

/** GetDefaultClass: with several default classes the newest wins (then the name). */
export function defaultClass(store: Store): KObject | undefined {
  const defaults = store.list(SC_GK).filter(isDefaultClass);
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
  return defaults[0];
}

export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(a) {
    if (a.op !== 'CREATE' || a.gk !== 'PersistentVolumeClaim') return;
    const pvc = a.obj;
    const spec = (pvc.spec ??= {});
    // an explicit class, even "", is kept; so is the deprecated beta annotation
    if (spec.storageClassName != null || pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
    const def = defaultClass(a.api.store);
    if (def) spec.storageClassName = def.metadata.name;
  },
};

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(a) {
    if (a.op !== 'CREATE') return;
    const fin = a.gk === 'PersistentVolumeClaim' ? PVC_PROTECTION_FINALIZER : a.gk === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : undefined;
    if (!fin) return;
    const list: string[] = a.obj.metadata.finalizers ?? [];
    if (!list.includes(fin)) a.obj.metadata.finalizers = [...list, fin];
  },
};
