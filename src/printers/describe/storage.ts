// PersistentVolume, PersistentVolumeClaim and StorageClass describers (describePersistentVolume,
// describePersistentVolumeClaim, describeStorageClass of kubectl).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, tabbed, type Writer } from './writer';
import {
  type DCtx,
  fmtTime,
  formatLabels,
  goSlice,
  goStr,
  isNil,
  maybeEvents,
  printAnnotationsMultiline,
  printBoolPtr,
  printLabelsMultiline,
  printPodsMultiline,
  since,
} from './common';
import { accessModesString, describePVSource, printPersistentVolumeClaim } from './volumes';
import { quantityString } from './quantity';

function printNodeSelectorTerms(w: Writer, level: number, title: string, reqs: any[] | undefined): void {
  w.write(level, `${title}:\t`);
  if (!reqs || reqs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  reqs.forEach((r, i) => {
    if (i !== 0) w.write(level, '\t');
    let expr = `${goStr(r.key)} ${goStr(r.operator).toLowerCase()}`;
    if ((r.values ?? []).length > 0) expr = `${expr} [${r.values.join(', ')}]`;
    w.write(LEVEL_0, `${expr}\n`);
  });
}

function printVolumeNodeAffinity(w: Writer, affinity: any): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity || !affinity.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms: any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((t, i) => printNodeSelectorTerms(w, LEVEL_2, `Term ${i}`, t.matchExpressions));
}

export function describePersistentVolume(pv: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const spec = pv.spec ?? {};
    const md = pv.metadata;
    w.write(LEVEL_0, `Name:\t${md.name}\n`);
    printLabelsMultiline(w, 'Labels', md.labels);
    printAnnotationsMultiline(w, 'Annotations', md.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(md.finalizers)}\n`);
    const ann = md.annotations ?? {};
    const cls = 'volume.beta.kubernetes.io/storage-class' in ann ? ann['volume.beta.kubernetes.io/storage-class'] : goStr(spec.storageClassName);
    w.write(LEVEL_0, `StorageClass:\t${cls}\n`);
    if (md.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(md.deletionTimestamp, ctx)})\n`);
    else w.write(LEVEL_0, `Status:\t${goStr(pv.status?.phase)}\n`);
    if (spec.claimRef) w.write(LEVEL_0, `Claim:\t${goStr(spec.claimRef.namespace)}/${goStr(spec.claimRef.name)}\n`);
    else w.write(LEVEL_0, 'Claim:\t\n');
    w.write(LEVEL_0, `Reclaim Policy:\t${goStr(spec.persistentVolumeReclaimPolicy)}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${quantityString(spec.capacity?.storage)}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${goStr(pv.status?.message)}\n`);
    w.write(LEVEL_0, 'Source:\n');
    describePVSource(spec, w);
    maybeEvents(pv, w, ctx);
  });
}

/** getPodsForPVC: pods of the namespace that mount the claim, then pods owning it. */
function podsForPVC(pvc: KObject, ctx: DCtx): KObject[] {
  const nsPods = ctx.store.list('Pod', pvc.metadata.namespace ?? '');
  const pods: KObject[] = [];
  for (const p of nsPods) {
    for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name) pods.push(p);
  }
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = nsPods.find((p) => p.metadata.uid === ref.uid);
    if (!owner) continue;
    if (pods.some((p) => p.metadata.uid === owner.metadata.uid)) continue;
    pods.push(owner);
  }
  return pods;
}

export function describePersistentVolumeClaim(pvc: KObject, ctx: DCtx): string {
  const pods = podsForPVC(pvc, ctx);
  return tabbed((w) => {
    printPersistentVolumeClaim(w, pvc, true, since(pvc.metadata.deletionTimestamp, ctx));
    printPodsMultiline(w, 'Used By', pods);
    const conditions: any[] = pvc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${goStr(c.type)} \t${goStr(c.status)} \t${fmtTime(c.lastProbeTime)} \t${fmtTime(c.lastTransitionTime)} \t${goStr(c.reason)} \t${goStr(c.message)}\n`,
        );
      }
    }
    maybeEvents(pvc, w, ctx);
  });
}

function printAllowedTopologies(w: Writer, topologies: any[]): void {
  w.write(LEVEL_0, 'AllowedTopologies:\t');
  if (topologies.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  topologies.forEach((term, i) => {
    const reqs: any[] = term.matchLabelExpressions ?? [];
    w.write(LEVEL_1, `Term ${i}:\t`);
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_1, '\t');
      let expr = `${goStr(r.key)} in`;
      if ((r.values ?? []).length > 0) expr = `${expr} [${r.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

export function describeStorageClass(sc: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    const ann = sc.metadata.annotations ?? {};
    const isDefault =
      ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${goStr(sc.provisioner)}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
    const opts: any[] = sc.mountOptions ?? [];
    if (opts.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of opts) w.write(LEVEL_1, `${o}\n`);
    }
    if (!isNil(sc.reclaimPolicy)) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (!isNil(sc.volumeBindingMode)) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (!isNil(sc.allowedTopologies)) printAllowedTopologies(w, sc.allowedTopologies);
    maybeEvents(sc, w, ctx);
  });
}

export function describeCSINode(csi: KObject, ctx: DCtx): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${csi.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', csi.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', csi.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${fmtTime(csi.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, 'Spec:\n');
    const drivers = csi.spec?.drivers;
    if (!isNil(drivers)) {
      w.write(LEVEL_1, 'Drivers:\n');
      for (const d of drivers) {
        w.write(LEVEL_2, `${goStr(d.name)}:\n`);
        w.write(LEVEL_3, `Node ID:\t${goStr(d.nodeID)}\n`);
        if (!isNil(d.allocatable?.count)) {
          w.write(LEVEL_3, 'Allocatables:\n');
          w.write(LEVEL_4, `Count:\t${d.allocatable.count}\n`);
        }
        if (!isNil(d.topologyKeys)) w.write(LEVEL_3, `Topology Keys:\t${goSlice(d.topologyKeys)}\n`);
      }
    }
    maybeEvents(csi, w, ctx);
  });
}
