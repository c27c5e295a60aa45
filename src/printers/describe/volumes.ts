// Volume sources as kubectl describes them (describeVolumes and the print*VolumeSource helpers of
// pkg/describe), shared by pods, pod templates and PersistentVolumes.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, NestedPrefixWriter, type Writer } from './writer';
import { goBool, goInt, goMap, goRef, goSlice, goStr, byString, printLabelsMultiline, printAnnotationsMultiline } from './common';
import { parseQuantity, formatQuantity, quantityString } from './quantity';

/** Go %v of a *bool: kubectl prints a pointer; we print `<nil>` or the value (a pointer address is not reproducible). */
function boolPtr(v: unknown): string {
  return v === undefined || v === null ? '<nil>' : goBool(v);
}

export function describeVolumes(volumes: any[] | undefined, w: Writer, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    const nameIndent = space.length > 0 ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath) printHostPath(v.hostPath, w);
    else if (v.emptyDir) printEmptyDir(v.emptyDir, w);
    else if (v.gcePersistentDisk) printGCEPersistentDisk(v.gcePersistentDisk, w);
    else if (v.awsElasticBlockStore) printAWSElasticBlockStore(v.awsElasticBlockStore, w);
    else if (v.gitRepo) printGitRepo(v.gitRepo, w);
    else if (v.secret) printSecret(v.secret, w);
    else if (v.configMap) printConfigMap(v.configMap, w);
    else if (v.nfs) printNFS(v.nfs, w);
    else if (v.iscsi) printISCSI(v.iscsi, w, false);
    else if (v.glusterfs) printGlusterfs(v.glusterfs, w, false);
    else if (v.persistentVolumeClaim) printPVCSource(v.persistentVolumeClaim, w);
    else if (v.ephemeral) printEphemeral(v.ephemeral, w);
    else if (v.rbd) printRBD(v.rbd, w);
    else if (v.quobyte) printQuobyte(v.quobyte, w);
    else if (v.downwardAPI) printDownwardAPI(v.downwardAPI, w);
    else if (v.azureDisk) printAzureDisk(v.azureDisk, w);
    else if (v.vsphereVolume) printVsphere(v.vsphereVolume, w);
    else if (v.cinder) printCinder(v.cinder, w);
    else if (v.photonPersistentDisk) printPhoton(v.photonPersistentDisk, w);
    else if (v.portworxVolume) printPortworx(v.portworxVolume, w);
    else if (v.scaleIO) printScaleIO(v.scaleIO, w, false);
    else if (v.cephfs) printCephFS(v.cephfs, w, false);
    else if (v.storageos) printStorageOS(v.storageos, w);
    else if (v.fc) printFC(v.fc, w);
    else if (v.azureFile) printAzureFile(v.azureFile, w, false);
    else if (v.flexVolume) printFlex(v.flexVolume, w, false);
    else if (v.flocker) printFlocker(v.flocker, w);
    else if (v.projected) printProjected(v.projected, w);
    else if (v.csi) printCSI(v.csi, w);
    else if (v.image) printImage(v.image, w);
    else w.write(LEVEL_1, '<unknown>\n');
  }
}

/** The source of a PersistentVolume (describePersistentVolume's switch). */
export function describePVSource(spec: any, w: Writer): void {
  if (spec.hostPath) printHostPath(spec.hostPath, w);
  else if (spec.gcePersistentDisk) printGCEPersistentDisk(spec.gcePersistentDisk, w);
  else if (spec.awsElasticBlockStore) printAWSElasticBlockStore(spec.awsElasticBlockStore, w);
  else if (spec.nfs) printNFS(spec.nfs, w);
  else if (spec.iscsi) printISCSI(spec.iscsi, w, true);
  else if (spec.glusterfs) printGlusterfs(spec.glusterfs, w, true);
  else if (spec.rbd) printRBD(spec.rbd, w);
  else if (spec.quobyte) printQuobyte(spec.quobyte, w);
  else if (spec.vsphereVolume) printVsphere(spec.vsphereVolume, w);
  else if (spec.cinder) printCinder(spec.cinder, w);
  else if (spec.azureDisk) printAzureDisk(spec.azureDisk, w);
  else if (spec.photonPersistentDisk) printPhoton(spec.photonPersistentDisk, w);
  else if (spec.portworxVolume) printPortworx(spec.portworxVolume, w);
  else if (spec.scaleIO) printScaleIO(spec.scaleIO, w, true);
  else if (spec.local) printLocal(spec.local, w);
  else if (spec.cephfs) printCephFS(spec.cephfs, w, true);
  else if (spec.storageos) printStorageOS(spec.storageos, w);
  else if (spec.fc) printFC(spec.fc, w);
  else if (spec.azureFile) printAzureFile(spec.azureFile, w, true);
  else if (spec.flexVolume) printFlex(spec.flexVolume, w, true);
  else if (spec.flocker) printFlocker(spec.flocker, w);
  else if (spec.csi) printCSIPersistent(spec.csi, w);
  else w.write(LEVEL_1, '<unknown>\n');
}

/** Writes `Type:\t<desc>` then `    Key:\tvalue` lines, all at LEVEL_2 like kubectl's multi-line formats. */
function block(w: Writer, type: string, rows: [string, string][]): void {
  let s = `Type:\t${type}\n`;
  for (const [k, v] of rows) s += `    ${k}\t${v}\n`;
  w.write(LEVEL_2, s);
}

function printHostPath(hp: any, w: Writer): void {
  block(w, 'HostPath (bare host directory volume)', [
    ['Path:', goStr(hp.path)],
    ['HostPathType:', hp.type !== undefined && hp.type !== null ? String(hp.type) : '<none>'],
  ]);
}

function printEmptyDir(ed: any, w: Writer): void {
  const limit = parseQuantity(ed.sizeLimit);
  const sizeLimit = limit && limit.sign() > 0 ? formatQuantity(limit) : '<unset>';
  block(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [
    ['Medium:', goStr(ed.medium)],
    ['SizeLimit:', sizeLimit],
  ]);
}

function printGCEPersistentDisk(g: any, w: Writer): void {
  block(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
    ['PDName:', goStr(g.pdName)],
    ['FSType:', goStr(g.fsType)],
    ['Partition:', goInt(g.partition)],
    ['ReadOnly:', goBool(g.readOnly)],
  ]);
}

function printAWSElasticBlockStore(a: any, w: Writer): void {
  block(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
    ['VolumeID:', goStr(a.volumeID)],
    ['FSType:', goStr(a.fsType)],
    ['Partition:', goInt(a.partition)],
    ['ReadOnly:', goBool(a.readOnly)],
  ]);
}

function printGitRepo(g: any, w: Writer): void {
  block(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [
    ['Repository:', goStr(g.repository)],
    ['Revision:', goStr(g.revision)],
  ]);
}

function printSecret(s: any, w: Writer): void {
  block(w, 'Secret (a volume populated by a Secret)', [
    ['SecretName:', goStr(s.secretName)],
    ['Optional:', goBool(s.optional)],
  ]);
}

function printConfigMap(c: any, w: Writer): void {
  block(w, 'ConfigMap (a volume populated by a ConfigMap)', [
    ['Name:', goStr(c.name)],
    ['Optional:', goBool(c.optional)],
  ]);
}

function printProjected(p: any, w: Writer): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const src of p.sources ?? []) {
    if (src.secret) {
      w.write(LEVEL_2, `SecretName:\t${goStr(src.secret.name)}\n    SecretOptionalName:\t${boolPtr(src.secret.optional)}\n`);
    } else if (src.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (src.configMap) {
      w.write(LEVEL_2, `ConfigMapName:\t${goStr(src.configMap.name)}\n    ConfigMapOptional:\t${boolPtr(src.configMap.optional)}\n`);
    } else if (src.serviceAccountToken) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${goInt(src.serviceAccountToken.expirationSeconds)}\n`);
    }
  }
}

function printNFS(n: any, w: Writer): void {
  block(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [
    ['Server:', goStr(n.server)],
    ['Path:', goStr(n.path)],
    ['ReadOnly:', goBool(n.readOnly)],
  ]);
}

function printQuobyte(q: any, w: Writer): void {
  block(w, "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
    ['Registry:', goStr(q.registry)],
    ['Volume:', goStr(q.volume)],
    ['ReadOnly:', goBool(q.readOnly)],
  ]);
}

function printPortworx(p: any, w: Writer): void {
  block(w, 'PortworxVolume (a Portworx Volume resource)', [['VolumeID:', goStr(p.volumeID)]]);
}

function printISCSI(i: any, w: Writer, persistent: boolean): void {
  block(w, "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)", [
    ['TargetPortal:', goStr(i.targetPortal)],
    ['IQN:', goStr(i.iqn)],
    ['Lun:', goInt(i.lun)],
    ['ISCSIInterface', goStr(i.iscsiInterface)],
    ['FSType:', goStr(i.fsType)],
    ['ReadOnly:', goBool(i.readOnly)],
    ['Portals:', goSlice(i.portals)],
    ['DiscoveryCHAPAuth:', goBool(i.chapAuthDiscovery)],
    ['SessionCHAPAuth:', goBool(i.chapAuthSession)],
    ['SecretRef:', goRef(i.secretRef, persistent ? 'SecretReference' : 'LocalObjectReference')],
    ['InitiatorName:', i.initiatorName ?? '<none>'],
  ]);
}

function printGlusterfs(g: any, w: Writer, persistent: boolean): void {
  const rows: [string, string][] = [['EndpointsName:', goStr(g.endpoints)]];
  if (persistent) rows.push(['EndpointsNamespace:', g.endpointsNamespace ?? '<unset>']);
  rows.push(['Path:', goStr(g.path)], ['ReadOnly:', goBool(g.readOnly)]);
  block(w, "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", rows);
}

function printPVCSource(c: any, w: Writer): void {
  block(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
    ['ClaimName:', goStr(c.claimName)],
    ['ReadOnly:', goBool(c.readOnly)],
  ]);
}

function printEphemeral(e: any, w: Writer): void {
  w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  if (e.volumeClaimTemplate) {
    const t = e.volumeClaimTemplate;
    printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { metadata: t.metadata ?? {}, spec: t.spec ?? {} }, false);
  }
}

function printRBD(r: any, w: Writer): void {
  block(w, "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
    ['CephMonitors:', goSlice(r.monitors)],
    ['RBDImage:', goStr(r.image)],
    ['FSType:', goStr(r.fsType)],
    ['RBDPool:', goStr(r.pool)],
    ['RadosUser:', goStr(r.user)],
    ['Keyring:', goStr(r.keyring)],
    ['SecretRef:', goRef(r.secretRef)],
    ['ReadOnly:', goBool(r.readOnly)],
  ]);
}

function printDownwardAPI(d: any, w: Writer): void {
  w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  for (const item of d.items ?? []) {
    if (item.fieldRef) w.write(LEVEL_3, `${goStr(item.fieldRef.fieldPath)} -> ${goStr(item.path)}\n`);
    if (item.resourceFieldRef) w.write(LEVEL_3, `${goStr(item.resourceFieldRef.resource)} -> ${goStr(item.path)}\n`);
  }
}

function printAzureDisk(d: any, w: Writer): void {
  block(w, 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
    ['DiskName:', goStr(d.diskName)],
    ['DiskURI:', goStr(d.diskURI)],
    ['Kind: ', goStr(d.kind)],
    ['FSType:', goStr(d.fsType)],
    ['CachingMode:', goStr(d.cachingMode)],
    ['ReadOnly:', goBool(d.readOnly)],
  ]);
}

function printVsphere(v: any, w: Writer): void {
  block(w, 'vSphereVolume (a Persistent Disk resource in vSphere)', [
    ['VolumePath:', goStr(v.volumePath)],
    ['FSType:', goStr(v.fsType)],
    ['StoragePolicyName:', goStr(v.storagePolicyName)],
  ]);
}

function printPhoton(p: any, w: Writer): void {
  block(w, 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [
    ['PdID:', goStr(p.pdID)],
    ['FSType:', goStr(p.fsType)],
  ]);
}

function printCinder(c: any, w: Writer): void {
  block(w, 'Cinder (a Persistent Disk resource in OpenStack)', [
    ['VolumeID:', goStr(c.volumeID)],
    ['FSType:', goStr(c.fsType)],
    ['ReadOnly:', goBool(c.readOnly)],
    ['SecretRef:', goRef(c.secretRef)],
  ]);
}

function printScaleIO(s: any, w: Writer, persistent: boolean): void {
  const rows: [string, string][] = [
    ['Gateway:', goStr(s.gateway)],
    ['System:', goStr(s.system)],
    ['Protection Domain:', goStr(s.protectionDomain)],
    ['Storage Pool:', goStr(s.storagePool)],
    ['Storage Mode:', goStr(s.storageMode)],
    ['VolumeName:', goStr(s.volumeName)],
  ];
  if (persistent) rows.push(['SecretName:', goStr(s.secretRef?.name)], ['SecretNamespace:', goStr(s.secretRef?.namespace)]);
  rows.push(['FSType:', goStr(s.fsType)], ['ReadOnly:', goBool(s.readOnly)]);
  block(w, 'ScaleIO (a persistent volume backed by a block device in ScaleIO)', rows);
}

function printLocal(l: any, w: Writer): void {
  block(w, 'LocalVolume (a persistent volume backed by local storage on a node)', [['Path:', goStr(l.path)]]);
}

function printCephFS(c: any, w: Writer, persistent: boolean): void {
  block(w, "CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
    ['Monitors:', goSlice(c.monitors)],
    ['Path:', goStr(c.path)],
    ['User:', goStr(c.user)],
    ['SecretFile:', goStr(c.secretFile)],
    ['SecretRef:', goRef(c.secretRef, persistent ? 'SecretReference' : 'LocalObjectReference')],
    ['ReadOnly:', goBool(c.readOnly)],
  ]);
}

function printStorageOS(s: any, w: Writer): void {
  block(w, 'StorageOS (a StorageOS Persistent Disk resource)', [
    ['VolumeName:', goStr(s.volumeName)],
    ['VolumeNamespace:', goStr(s.volumeNamespace)],
    ['FSType:', goStr(s.fsType)],
    ['ReadOnly:', goBool(s.readOnly)],
  ]);
}

function printFC(f: any, w: Writer): void {
  block(w, 'FC (a Fibre Channel disk)', [
    ['TargetWWNs:', (f.targetWWNs ?? []).join(', ')],
    ['LUN:', f.lun !== undefined && f.lun !== null ? String(f.lun) : '<none>'],
    ['FSType:', goStr(f.fsType)],
    ['ReadOnly:', goBool(f.readOnly)],
  ]);
}

function printAzureFile(a: any, w: Writer, persistent: boolean): void {
  const rows: [string, string][] = [['SecretName:', goStr(a.secretName)]];
  if (persistent) rows.push(['SecretNamespace:', goStr(a.secretNamespace)]);
  rows.push(['ShareName:', goStr(a.shareName)], ['ReadOnly:', goBool(a.readOnly)]);
  block(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', rows);
}

function printFlex(f: any, w: Writer, persistent: boolean): void {
  block(w, 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)', [
    ['Driver:', goStr(f.driver)],
    ['FSType:', goStr(f.fsType)],
    ['SecretRef:', goRef(f.secretRef, persistent ? 'SecretReference' : 'LocalObjectReference')],
    ['ReadOnly:', goBool(f.readOnly)],
    ['Options:', goMap(f.options)],
  ]);
}

function printFlocker(f: any, w: Writer): void {
  block(w, 'Flocker (a Flocker volume mounted by the Flocker agent)', [
    ['DatasetName:', goStr(f.datasetName)],
    ['DatasetUUID:', goStr(f.datasetUUID)],
  ]);
}

function printCSI(c: any, w: Writer): void {
  block(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
    ['Driver:', goStr(c.driver)],
    ['FSType:', goStr(c.fsType)],
    ['ReadOnly:', goBool(c.readOnly)],
  ]);
  printCSIAttributes(w, 'VolumeAttributes', c.volumeAttributes);
}

function printCSIPersistent(c: any, w: Writer): void {
  block(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
    ['Driver:', goStr(c.driver)],
    ['FSType:', goStr(c.fsType)],
    ['VolumeHandle:', goStr(c.volumeHandle)],
    ['ReadOnly:', goBool(c.readOnly)],
  ]);
  printCSIAttributes(w, 'VolumeAttributes', c.volumeAttributes);
}

/** printCSIPersistentVolumeAttributesMultilineIndent (continuation lines keep kubectl's odd indentation). */
function printCSIAttributes(w: Writer, title: string, attrs: Record<string, string> | undefined): void {
  w.write(LEVEL_2, `${title}:\t`);
  const keys = Object.keys(attrs ?? {}).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attrs![key]}`;
    if (line.length > 140) w.write(LEVEL_2, `${line.slice(0, 140)}...\n`);
    else w.write(LEVEL_2, `${line}\n`);
  });
}

function printImage(i: any, w: Writer): void {
  block(w, 'Image (a container image or OCI artifact)', [
    ['Reference:', goStr(i.reference)],
    ['PullPolicy:', goStr(i.pullPolicy)],
  ]);
}

/** storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModesString(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** storageutil.GetPersistentVolumeClaimClass. */
export function pvcClass(pvc: any): string {
  const ann = pvc.metadata?.annotations ?? {};
  if ('volume.beta.kubernetes.io/storage-class' in ann) return ann['volume.beta.kubernetes.io/storage-class'];
  return pvc.spec?.storageClassName ?? '';
}

/** printPersistentVolumeClaim: used for PVCs and (isFullPVC=false) ephemeral volume claim templates. */
export function printPersistentVolumeClaim(w: Writer, pvc: any, isFullPVC: boolean, deletionSince?: string): void {
  const md = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  if (isFullPVC) {
    w.write(LEVEL_0, `Name:\t${goStr(md.name)}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(md.namespace)}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${pvcClass(pvc)}\n`);
  if (isFullPVC) {
    if (md.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${deletionSince ?? '<unknown>'})\n`);
    else w.write(LEVEL_0, `Status:\t${goStr(pvc.status?.phase)}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${goStr(spec.volumeName)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  if (isFullPVC) w.write(LEVEL_0, `Finalizers:\t${goSlice(md.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (spec.volumeName) {
    accessModes = accessModesString(pvc.status?.accessModes);
    capacity = quantityString(pvc.status?.capacity?.storage);
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined && spec.dataSource.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${goStr(spec.dataSource.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${goStr(spec.dataSource.name)}\n`);
  }
}
