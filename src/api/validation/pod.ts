// Pod and PodSpec validation, after pkg/apis/core/validation/validation.go (ValidatePodSpec,
// validateContainers, ValidateVolumes, ValidatePodUpdate …). Feature gates as in a default 1.32 server:
// RelaxedEnvironmentVariableValidation on (beta), InPlacePodVerticalScaling off (alpha),
// AllowPodLifecycleSleepActionZeroValue off (alpha), PodHostIPs on (GA), ImageVolume off (alpha).
//
// Required checks for fields the v1 defaulting always fills (restartPolicy, dnsPolicy,
// terminationGracePeriodSeconds, imagePullPolicy, terminationMessagePolicy, protocol, probe periods …)
// are only reported for an explicit empty value, never for an absent one.
import { fieldErr } from '../errors';
import { tryParseQuantity, type Quantity } from '../quantity';
import { cmpDiff, goStringMap } from './godump';
import { validateAnnotations, validateLabelName, validateLabels, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import {
  IS_NEGATIVE_ERROR_MSG,
  type Any,
  type Errs,
  arr,
  child,
  deepEqual,
  dns1123LabelErrs,
  dns1123SubdomainErrs,
  idx,
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123Subdomain,
  isHTTPHeaderName,
  isObj,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidGroupID,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  key,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nonNegative,
  qualifiedNameErrs,
  raw,
  sortedEntries,
  str,
} from './util';

const MAX_INT32 = 2147483647;
const FILE_MODE_ERROR_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

export interface PodOpts {
  /** The top-level resource is a Pod (not a template). */
  resourceIsPod?: boolean;
}

const sortedList = (xs: string[]) => [...xs].sort();

// ---------------------------------------------------------------- volumes

const VOLUME_SOURCES: [string, string][] = [
  // [json field, path used for "may not specify more than 1 volume type"] in validateVolumeSource order
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validatePathNoBacksteps(p: string, fld: string): Errs {
  return p.split('/').includes('..') ? [fieldErr.invalid(fld, p, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(p: string, fld: string): Errs {
  const errs: Errs = [];
  if (p.startsWith('/')) errs.push(fieldErr.invalid(fld, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, fld));
  return errs;
}

function validateLocalNonReservedPath(p: string, fld: string): Errs {
  const errs = validateLocalDescendingPath(p, fld);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fieldErr.invalid(fld, p, "must not start with '..'"));
  return errs;
}

function fileModeErrs(fld: string, mode: unknown): Errs {
  if (typeof mode === 'number' && (mode > 0o777 || mode < 0)) return [fieldErr.invalid(fld, mode, FILE_MODE_ERROR_MSG)];
  return [];
}

function validateKeyToPath(kp: Any, fld: string): Errs {
  const errs: Errs = [];
  if (!str(kp?.key)) errs.push(fieldErr.required(child(fld, 'key')));
  if (!str(kp?.path)) errs.push(fieldErr.required(child(fld, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp?.path), child(fld, 'path')));
  errs.push(...fileModeErrs(child(fld, 'mode'), kp?.mode));
  return errs;
}

const VOLUME_DOWNWARD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const ENV_DOWNWARD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
  'spec.host',
]);
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function splitSubscript(p: string): [string, string, boolean] {
  if (!p.endsWith(']')) return [p, '', false];
  const s = p.indexOf("['");
  if (s < 0 || !p.endsWith("']")) return [p, '', false];
  return [p.slice(0, s), p.slice(s + 2, p.length - 2), true];
}

function validateObjectFieldSelector(fs: Any, expressions: string[], fld: string): Errs {
  const apiVersion = str(fs?.apiVersion) || 'v1'; // SetDefaults_ObjectFieldSelector
  const fieldPath = str(fs?.fieldPath);
  if (!fieldPath) return [fieldErr.required(child(fld, 'fieldPath'))];
  // podshelper.ConvertDownwardAPIFieldLabel
  let err = '';
  let internal = fieldPath;
  const [path0, , sub0] = splitSubscript(fieldPath);
  if (apiVersion !== 'v1') err = `unsupported pod version: ${apiVersion}`;
  else if (sub0) {
    if (path0 !== 'metadata.annotations' && path0 !== 'metadata.labels') err = `field label does not support subscript: ${fieldPath}`;
  } else if (!CONVERTIBLE_FIELD_LABELS.has(fieldPath)) err = `field label not supported: ${fieldPath}`;
  else if (fieldPath === 'spec.host') internal = 'spec.nodeName';
  if (err) return [fieldErr.invalid(child(fld, 'fieldPath'), fieldPath, `error converting fieldPath: ${err}`)];
  const [path, subscript, ok] = splitSubscript(internal);
  if (ok) {
    if (path === 'metadata.annotations') return qualifiedNameErrs(fld, subscript.toLowerCase());
    if (path === 'metadata.labels') return qualifiedNameErrs(fld, subscript);
    return [fieldErr.invalid(fld, path, 'does not support subscript')];
  }
  if (!expressions.includes(path)) return [fieldErr.notSupported(child(fld, 'fieldPath'), path, sortedList(expressions))];
  return [];
}

const DIVISORS_CPU = new Set(['1m', '1']);
const DIVISORS_MEM = new Set(['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei']);

function validateResourceFieldSelector(fs: Any, fld: string, volume: boolean): Errs {
  const errs: Errs = [];
  const resource = str(fs?.resource);
  if (volume && !str(fs?.containerName)) errs.push(fieldErr.required(child(fld, 'containerName')));
  else if (!resource) errs.push(fieldErr.required(child(fld, 'resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource)) {
    if (!resource.startsWith('limits.hugepages-') && !resource.startsWith('requests.hugepages-')) {
      errs.push(fieldErr.notSupported(child(fld, 'resource'), resource, RESOURCE_FIELD_PATHS));
    }
  }
  const divisor = fs?.divisor === undefined ? null : tryParseQuantity(fs.divisor);
  if (divisor && !divisor.isZero()) {
    const d = divisor.toString();
    const dfld = child(fld, 'divisor');
    if ((resource === 'limits.cpu' || resource === 'requests.cpu') && !DIVISORS_CPU.has(d)) {
      errs.push(fieldErr.invalid(dfld, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
    } else if ((resource === 'limits.memory' || resource === 'requests.memory') && !DIVISORS_MEM.has(d)) {
      errs.push(
        fieldErr.invalid(dfld, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"),
      );
    } else if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !DIVISORS_MEM.has(d)) {
      errs.push(
        fieldErr.invalid(
          dfld,
          resource,
          "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource",
        ),
      );
    }
    if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !DIVISORS_MEM.has(d)) {
      errs.push(
        fieldErr.invalid(dfld, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"),
      );
    }
  }
  return errs;
}

function validateDownwardAPIVolumeFile(file: Any, fld: string): Errs {
  const errs: Errs = [];
  const p = str(file?.path);
  if (!p) errs.push(fieldErr.required(child(fld, 'path')));
  errs.push(...validateLocalNonReservedPath(p, child(fld, 'path')));
  if (isObj(file?.fieldRef)) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_DOWNWARD_PATHS, child(fld, 'fieldRef')));
    if (isObj(file?.resourceFieldRef)) {
      errs.push(fieldErr.invalid(fld, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    }
  } else if (isObj(file?.resourceFieldRef)) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, child(fld, 'resourceFieldRef'), true));
  } else {
    errs.push(fieldErr.required(fld, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...fileModeErrs(child(fld, 'mode'), file?.mode));
  return errs;
}

function validateProjectedSources(proj: Any, fld: string, opts: PodOpts): Errs {
  const errs: Errs = [];
  const allPaths = new Set<string>();
  arr<Any>(proj?.sources).forEach((source, i) => {
    let numSources = 0;
    const srcPath = idx(child(fld, 'sources'), i);
    for (const kind of ['secret', 'configMap'] as const) {
      const s = source?.[kind];
      if (!isObj(s)) continue;
      numSources++;
      const projPath = child(srcPath, kind);
      if (!str(s.name)) errs.push(fieldErr.required(child(projPath, 'name')));
      arr<Any>(s.items).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, idx(child(projPath, 'items'), j)));
        const p = str(kp?.path);
        if (p) {
          if (allPaths.has(p)) errs.push(fieldErr.invalid(fld, str(s.name), 'conflicting duplicate paths'));
          else allPaths.add(p);
        }
      });
    }
    if (isObj(source?.downwardAPI)) {
      numSources++;
      const projPath = child(srcPath, 'downwardAPI');
      for (const file of arr<Any>(source.downwardAPI.items)) {
        errs.push(...validateDownwardAPIVolumeFile(file, projPath));
        const p = str(file?.path);
        if (p) {
          if (allPaths.has(p)) errs.push(fieldErr.invalid(fld, p, 'conflicting duplicate paths'));
          else allPaths.add(p);
        }
      }
    }
    if (isObj(source?.serviceAccountToken)) {
      numSources++;
      const sat = source.serviceAccountToken;
      const projPath = child(srcPath, 'serviceAccountToken');
      const exp = typeof sat.expirationSeconds === 'number' ? sat.expirationSeconds : 3600;
      if (exp < 600) errs.push(fieldErr.invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fieldErr.invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!str(sat.path)) errs.push(fieldErr.required(child(fld, 'path')));
      else errs.push(...validateLocalNonReservedPath(str(sat.path), child(fld, 'path')));
    }
    if (isObj(source?.clusterTrustBundle)) numSources++;
    if (numSources > 1) errs.push(fieldErr.forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  void opts;
  return errs;
}

function validateVolumeSource(vol: Any, fld: string, podName: string, opts: PodOpts): Errs {
  const errs: Errs = [];
  let num = 0;
  for (const [k, pathName] of VOLUME_SOURCES) {
    const src = vol?.[k];
    if (src === undefined || src === null) continue;
    if (num > 0) {
      errs.push(fieldErr.forbidden(child(fld, pathName), 'may not specify more than 1 volume type'));
      continue;
    }
    num++;
    const p = child(fld, k);
    switch (k) {
      case 'emptyDir': {
        const q = src.sizeLimit === undefined ? null : tryParseQuantity(src.sizeLimit);
        if (q && q.sign() < 0) errs.push(fieldErr.forbidden(child(p, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'hostPath': {
        const hp = str(src.path);
        if (!hp) {
          errs.push(fieldErr.required(child(p, 'path')));
          break;
        }
        errs.push(...validatePathNoBacksteps(hp, child(p, 'path')));
        if (src.type !== undefined && src.type !== null && !HOST_PATH_TYPES.includes(str(src.type))) {
          errs.push(fieldErr.notSupported(child(p, 'type'), str(src.type), HOST_PATH_TYPES));
        }
        break;
      }
      case 'secret':
        if (!str(src.secretName)) errs.push(fieldErr.required(child(p, 'secretName')));
        errs.push(...fileModeErrs(child(p, 'defaultMode'), src.defaultMode));
        arr<Any>(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, idx(child(p, 'items'), i))));
        break;
      case 'configMap':
        if (!str(src.name)) errs.push(fieldErr.required(child(p, 'name')));
        errs.push(...fileModeErrs(child(p, 'defaultMode'), src.defaultMode));
        arr<Any>(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(kp, idx(child(p, 'items'), i))));
        break;
      case 'persistentVolumeClaim':
        if (!str(src.claimName)) errs.push(fieldErr.required(child(p, 'claimName')));
        break;
      case 'nfs':
        if (!str(src.server)) errs.push(fieldErr.required(child(p, 'server')));
        if (!str(src.path)) errs.push(fieldErr.required(child(p, 'path')));
        if (!str(src.path).startsWith('/')) errs.push(fieldErr.invalid(child(p, 'path'), str(src.path), 'must be an absolute path'));
        break;
      case 'downwardAPI':
        errs.push(...fileModeErrs(child(p, 'defaultMode'), src.defaultMode));
        for (const file of arr<Any>(src.items)) errs.push(...validateDownwardAPIVolumeFile(file, p));
        break;
      case 'projected':
        errs.push(...fileModeErrs(child(p, 'defaultMode'), src.defaultMode));
        errs.push(...validateProjectedSources(src, p, opts));
        break;
      case 'csi':
        if (!str(src.driver)) errs.push(fieldErr.required(child(p, 'driver')));
        break;
      case 'ephemeral':
        if (!isObj(src.volumeClaimTemplate)) errs.push(fieldErr.required(child(p, 'volumeClaimTemplate')));
        if (podName && vol.name) {
          const pvcName = `${podName}-${str(vol.name)}`;
          for (const m of isDNS1123Subdomain(pvcName)) {
            errs.push(fieldErr.invalid(child(fld, 'name'), str(vol.name), `PVC name ${JSON.stringify(pvcName)}: ${m}`));
          }
        }
        break;
      default:
        break;
    }
  }
  if (num === 0) errs.push(fieldErr.required(fld, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: returns the names of the valid volumes (with their sources) and the errors. */
export function validateVolumes(volumes: unknown, podName: string, fld: string, opts: PodOpts): [Map<string, Any>, Errs] {
  const errs: Errs = [];
  const names = new Set<string>();
  const vols = new Map<string, Any>();
  const created = new Set<string>();
  if (podName) for (const v of arr<Any>(volumes)) if (isObj(v?.ephemeral)) created.add(`${podName}-${str(v.name)}`);
  arr<Any>(volumes).forEach((vol, i) => {
    const p = idx(fld, i);
    const name = str(vol?.name);
    // v1 defaulting turns a volume without source into emptyDir: {}
    const source = VOLUME_SOURCES.some(([k]) => vol?.[k] !== undefined && vol?.[k] !== null) ? vol : { ...vol, emptyDir: {} };
    const el = validateVolumeSource(source, p, podName, opts);
    if (!name) el.push(fieldErr.required(child(p, 'name')));
    else el.push(...dns1123LabelErrs(child(p, 'name'), name));
    if (names.has(name)) el.push(fieldErr.duplicate(child(p, 'name'), name));
    if (el.length === 0) {
      names.add(name);
      vols.set(name, source);
    } else errs.push(...el);
    if (isObj(vol?.persistentVolumeClaim) && created.has(str(vol.persistentVolumeClaim.claimName))) {
      errs.push(
        fieldErr.invalid(
          child(child(p, 'persistentVolumeClaim'), 'claimName'),
          str(vol.persistentVolumeClaim.claimName),
          'must not reference a PVC that gets created for an ephemeral volume',
        ),
      );
    }
  });
  return [vols, errs];
}

// ---------------------------------------------------------------- containers

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: unknown, fld: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  arr<Any>(ports).forEach((port, i) => {
    const p = idx(fld, i);
    const name = str(port?.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(fieldErr.invalid(child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(fieldErr.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = typeof port?.containerPort === 'number' ? port.containerPort : 0;
    if (cp === 0) errs.push(fieldErr.required(child(p, 'containerPort')));
    else for (const m of isValidPortNum(cp)) errs.push(fieldErr.invalid(child(p, 'containerPort'), cp, m));
    const hp = typeof port?.hostPort === 'number' ? port.hostPort : 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(fieldErr.invalid(child(p, 'hostPort'), hp, m));
    if (port?.protocol === '') errs.push(fieldErr.required(child(p, 'protocol')));
    else if (port?.protocol !== undefined && !PROTOCOLS.includes(str(port.protocol))) {
      errs.push(fieldErr.notSupported(child(p, 'protocol'), str(port.protocol), PROTOCOLS));
    }
  });
  return errs;
}

function validateEnv(vars: unknown, fld: string): Errs {
  const errs: Errs = [];
  arr<Any>(vars).forEach((ev, i) => {
    const p = idx(fld, i);
    const name = str(ev?.name);
    if (!name) errs.push(fieldErr.required(child(p, 'name')));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(fieldErr.invalid(child(p, 'name'), name, m));
    errs.push(...validateEnvVarValueFrom(ev ?? {}, child(p, 'valueFrom')));
  });
  return errs;
}

function validateKeySelector(s: Any, fld: string): Errs {
  const errs: Errs = [];
  const name = str(s?.name);
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldErr.invalid(child(fld, 'name'), name, m));
  const k = str(s?.key);
  if (!k) errs.push(fieldErr.required(child(fld, 'key')));
  else for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(child(fld, 'key'), k, m));
  return errs;
}

function validateEnvVarValueFrom(ev: Any, fld: string): Errs {
  const vf = ev.valueFrom;
  if (!isObj(vf)) return [];
  const errs: Errs = [];
  let n = 0;
  if (isObj(vf.fieldRef)) {
    n++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, ENV_DOWNWARD_PATHS, child(fld, 'fieldRef')));
  }
  if (isObj(vf.resourceFieldRef)) {
    n++;
    errs.push(...validateResourceFieldSelector(vf.resourceFieldRef, child(fld, 'resourceFieldRef'), false));
  }
  if (isObj(vf.configMapKeyRef)) {
    n++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, child(fld, 'configMapKeyRef')));
  }
  if (isObj(vf.secretKeyRef)) {
    n++;
    errs.push(...validateKeySelector(vf.secretKeyRef, child(fld, 'secretKeyRef')));
  }
  if (n === 0) errs.push(fieldErr.invalid(fld, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (str(ev.value).length !== 0) errs.push(fieldErr.invalid(fld, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(fieldErr.invalid(fld, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnvFrom(vars: unknown, fld: string): Errs {
  const errs: Errs = [];
  arr<Any>(vars).forEach((ev, i) => {
    const p = idx(fld, i);
    const prefix = str(ev?.prefix);
    if (prefix) for (const m of isRelaxedEnvVarName(prefix)) errs.push(fieldErr.invalid(child(p, 'prefix'), prefix, m));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      if (!isObj(ev?.[kind])) continue;
      n++;
      const name = str(ev[kind].name);
      const np = child(child(p, kind), 'name');
      if (!name) errs.push(fieldErr.required(np));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(fieldErr.invalid(np, name, m));
    }
    if (n === 0) errs.push(fieldErr.invalid(fld, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fieldErr.invalid(fld, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, devices: Map<string, string>, vols: Map<string, Any>, ctr: Any, fld: string): Errs {
  const errs: Errs = [];
  const mountpoints = new Set<string>();
  arr<Any>(mounts).forEach((mnt, i) => {
    const p = idx(fld, i);
    const name = str(mnt?.name);
    const mp = str(mnt?.mountPath);
    if (!name) errs.push(fieldErr.required(child(p, 'name')));
    if (!vols.has(name)) errs.push(fieldErr.notFound(child(p, 'name'), name));
    if (!mp) errs.push(fieldErr.required(child(p, 'mountPath')));
    if (mountpoints.has(mp)) errs.push(fieldErr.invalid(child(p, 'mountPath'), mp, 'must be unique'));
    mountpoints.add(mp);
    if (devices.has(name)) errs.push(fieldErr.invalid(child(p, 'name'), name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mp)) {
      errs.push(fieldErr.invalid(child(p, 'mountPath'), mp, 'must not already exist as a path in volumeDevices'));
    }
    const subPath = str(mnt?.subPath);
    const subPathExpr = str(mnt?.subPathExpr);
    // (sic) these two use the list path, not the item path, as Go does
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(fld, 'subPath')));
    if (subPathExpr) {
      if (subPath) errs.push(fieldErr.invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(fld, 'subPathExpr')));
    }
    if (mnt?.mountPropagation !== undefined && mnt?.mountPropagation !== null) {
      const mpf = child(fld, 'mountPropagation');
      const prop = str(mnt.mountPropagation);
      if (!['Bidirectional', 'HostToContainer', 'None'].includes(prop)) {
        errs.push(fieldErr.notSupported(mpf, prop, ['Bidirectional', 'HostToContainer', 'None']));
      }
      if (prop === 'Bidirectional' && ctr?.securityContext?.privileged !== true) {
        errs.push(fieldErr.forbidden(mpf, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    if (mnt?.recursiveReadOnly !== undefined && mnt?.recursiveReadOnly !== null) {
      const rf = child(fld, 'recursiveReadOnly');
      const rro = str(mnt.recursiveReadOnly);
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mnt.readOnly !== true) errs.push(fieldErr.forbidden(rf, 'may only be specified when readOnly is true'));
        if (mnt.mountPropagation && mnt.mountPropagation !== 'None') {
          errs.push(fieldErr.forbidden(rf, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else if (rro !== 'Disabled') errs.push(fieldErr.notSupported(rf, rro, ['Disabled', 'Enabled', 'IfPossible']));
    }
  });
  return errs;
}

function validateVolumeDevices(devs: unknown, mounts: Map<string, string>, vols: Map<string, Any>, fld: string): Errs {
  const errs: Errs = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  arr<Any>(devs).forEach((dev, i) => {
    const p = idx(fld, i);
    const name = str(dev?.name);
    const dp = str(dev?.devicePath);
    const src = vols.get(name);
    const matched = vols.has(name);
    const isPVC = matched && (isObj(src?.persistentVolumeClaim) || isObj(src?.ephemeral));
    if (!name) errs.push(fieldErr.required(child(p, 'name')));
    if (names.has(name)) errs.push(fieldErr.invalid(child(p, 'name'), name, 'must be unique'));
    if (matched && !isPVC) {
      errs.push(fieldErr.invalid(child(p, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!matched) errs.push(fieldErr.notFound(child(p, 'name'), name));
    if (!dp) errs.push(fieldErr.required(child(p, 'devicePath')));
    if (paths.has(dp)) errs.push(fieldErr.invalid(child(p, 'devicePath'), dp, 'must be unique'));
    if (dp && dp.split('/').includes('..')) errs.push(fieldErr.invalid(child(p, 'devicePath'), dp, "can not contain backsteps ('..')"));
    else paths.add(dp);
    if (mounts.has(name)) errs.push(fieldErr.invalid(child(p, 'name'), name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(dp)) {
      errs.push(fieldErr.invalid(child(p, 'devicePath'), dp, 'must not already exist as a path in volumeMounts'));
    }
    if (name) names.add(name);
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

// ---- resources (ValidateResourceRequirements) ----

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

const isHugePages = (n: string) => n.startsWith('hugepages-');
export const isNativeResource = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
export function isExtendedResourceName(n: string): boolean {
  if (isNativeResource(n) || n.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${n}`).length === 0;
}
const isOvercommitAllowed = (n: string) => isNativeResource(n) && !isHugePages(n);
const isIntegerResource = (n: string) => INTEGER_RESOURCES.has(n) || isExtendedResourceName(n);

export function validateResourceName(name: string, fld: string): Errs {
  const errs = qualifiedNameErrs(fld, name);
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-')) {
    errs.push(fieldErr.invalid(fld, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateContainerResourceName(name: string, fld: string): Errs {
  const errs = validateResourceName(name, fld);
  if (!name.includes('/')) {
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !isHugePages(name)) {
      errs.push(fieldErr.invalid(fld, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(fieldErr.invalid(fld, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuantityValue (non-negative; integer resources must be whole). */
export function validateResourceQuantityValue(name: string, q: Quantity, fld: string): Errs {
  const errs: Errs = [];
  if (q.sign() < 0) errs.push(fieldErr.invalid(fld, q.toString(), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResource(name) && q.milliValueBig() % 1000n !== 0n) {
    errs.push(fieldErr.invalid(fld, raw(goQuantity(q)), 'must be an integer'));
  }
  return errs;
}

/** %#v of a resource.Quantity (approximate: the internal representation is not reproduced exactly). */
export function goQuantity(q: Quantity): string {
  return `resource.Quantity{i:resource.int64Amount{value:${q.milliValue()}, scale:-3}, d:resource.infDec{Dec:(*inf.Dec)(nil)}, s:${JSON.stringify(q.toString())}, Format:${JSON.stringify(q.format)}}`;
}

export function quantityMap(m: unknown): [string, Quantity][] {
  const out: [string, Quantity][] = [];
  for (const [k, v] of sortedEntries<unknown>(m as Record<string, unknown>)) {
    const q = tryParseQuantity(v);
    if (q) out.push([k, q]);
  }
  return out;
}

function validateResourceRequirements(res: Any, fld: string): Errs {
  const errs: Errs = [];
  const limPath = child(fld, 'limits');
  const reqPath = child(fld, 'requests');
  let limCM = false;
  let reqCM = false;
  let limHP = false;
  let reqHP = false;
  const limits = new Map(quantityMap(res?.limits));
  for (const [name, q] of limits) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePages(name)) limHP = true;
    if (name === 'cpu' || name === 'memory') limCM = true;
  }
  for (const [name, q] of quantityMap(res?.requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, q, p));
    const lim = limits.get(name);
    if (lim) {
      if (q.cmp(lim) !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldErr.invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
      } else if (q.cmp(lim) > 0) {
        errs.push(fieldErr.invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldErr.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) reqHP = true;
    if (name === 'cpu' || name === 'memory') reqCM = true;
  }
  if (!limCM && !reqCM && (reqHP || limHP)) errs.push(fieldErr.forbidden(fld, 'HugePages require cpu or memory'));
  return errs;
}

// ---- probes / lifecycle ----

function validatePortNumOrName(port: unknown, fld: string): Errs {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldErr.invalid(fld, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldErr.invalid(fld, port, m));
  return isValidPortNum(0).map((m) => fieldErr.invalid(fld, 0, m));
}

function validateHandler(h: Any, grace: number | undefined, fld: string, lifecycle: boolean): Errs {
  const errs: Errs = [];
  let n = 0;
  const kinds = lifecycle ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  for (const k of kinds) {
    const a = h?.[k];
    if (!isObj(a)) continue;
    const p = child(fld, k);
    if (n > 0) {
      errs.push(fieldErr.forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    switch (k) {
      case 'exec':
        if (arr(a.command).length === 0) errs.push(fieldErr.required(child(p, 'command')));
        break;
      case 'httpGet':
        if (a.path === '') errs.push(fieldErr.required(child(p, 'path')));
        errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
        if (a.scheme !== undefined && !['HTTP', 'HTTPS'].includes(str(a.scheme))) {
          errs.push(fieldErr.notSupported(child(p, 'scheme'), str(a.scheme), ['HTTP', 'HTTPS']));
        }
        for (const hd of arr<Any>(a.httpHeaders)) {
          for (const m of isHTTPHeaderName(str(hd?.name))) errs.push(fieldErr.invalid(child(p, 'httpHeaders'), str(hd?.name), m));
        }
        break;
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(typeof a.port === 'number' ? a.port : 0, child(p, 'port')));
        break;
      case 'sleep': {
        const s = typeof a.seconds === 'number' ? a.seconds : 0;
        if (grace !== undefined && (s <= 0 || s > grace)) {
          errs.push(
            fieldErr.invalid(
              p,
              s,
              `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
            ),
          );
        }
        break;
      }
    }
  }
  if (n === 0) errs.push(fieldErr.required(fld, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Any, grace: number | undefined, fld: string): Errs {
  const errs = validateHandler(probe, grace, fld, false);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(child(fld, f), probe?.[f]));
  }
  if (typeof probe?.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldErr.invalid(child(fld, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errs;
}

function validateLiveOrStartupProbe(probe: Any, grace: number | undefined, fld: string): Errs {
  if (!isObj(probe)) return [];
  const errs = validateProbe(probe, grace, fld);
  const st = probe.successThreshold ?? 1;
  if (st !== 1) errs.push(fieldErr.invalid(child(fld, 'successThreshold'), st, 'must be 1'));
  return errs;
}

function validateReadinessProbe(probe: Any, grace: number | undefined, fld: string): Errs {
  if (!isObj(probe)) return [];
  const errs = validateProbe(probe, grace, fld);
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    errs.push(fieldErr.invalid(child(fld, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(lc: Any, grace: number | undefined, fld: string): Errs {
  const errs: Errs = [];
  if (isObj(lc?.postStart)) errs.push(...validateHandler(lc.postStart, grace, child(fld, 'postStart'), true));
  if (isObj(lc?.preStop)) errs.push(...validateHandler(lc.preStop, grace, child(fld, 'preStop'), true));
  return errs;
}

function validateSecurityContext(sc: Any, fld: string, hostUsers: boolean): Errs {
  if (!isObj(sc)) return [];
  const errs: Errs = [];
  for (const f of ['runAsUser', 'runAsGroup'] as const) {
    if (typeof sc[f] === 'number') for (const m of isValidUserID(sc[f])) errs.push(fieldErr.invalid(child(fld, f), sc[f], m));
  }
  if (sc.procMount !== undefined && sc.procMount !== null) {
    if (!['Default', 'Unmasked'].includes(str(sc.procMount))) {
      errs.push(fieldErr.notSupported(child(fld, 'procMount'), str(sc.procMount), ['Default', 'Unmasked']));
    }
    if (hostUsers && sc.procMount === 'Unmasked') {
      errs.push(fieldErr.invalid(child(fld, 'procMount'), 'Unmasked', '`hostUsers` must be false to use `Unmasked`'));
    }
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(fld, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      errs.push(fieldErr.invalid(fld, raw(goSecurityContext(sc)), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    for (const c of arr<string>(sc.capabilities?.add)) {
      if (c === 'CAP_SYS_ADMIN') {
        errs.push(fieldErr.invalid(fld, raw(goSecurityContext(sc)), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
      }
    }
  }
  return errs;
}

function goSecurityContext(sc: Any): string {
  const p = (t: string, v: unknown) => (v === undefined || v === null ? `(*${t})(nil)` : `(*${t})(0xc000a1e2f0)`);
  return `core.SecurityContext{Capabilities:${p('core.Capabilities', sc.capabilities)}, Privileged:${p('bool', sc.privileged)}, SELinuxOptions:${p('core.SELinuxOptions', sc.seLinuxOptions)}, WindowsOptions:${p('core.WindowsSecurityContextOptions', sc.windowsOptions)}, RunAsUser:${p('int64', sc.runAsUser)}, RunAsGroup:${p('int64', sc.runAsGroup)}, RunAsNonRoot:${p('bool', sc.runAsNonRoot)}, ReadOnlyRootFilesystem:${p('bool', sc.readOnlyRootFilesystem)}, AllowPrivilegeEscalation:${p('bool', sc.allowPrivilegeEscalation)}, ProcMount:${p('core.ProcMountType', sc.procMount)}, SeccompProfile:${p('core.SeccompProfile', sc.seccompProfile)}, AppArmorProfile:${p('core.AppArmorProfile', sc.appArmorProfile)}}`;
}

function validateSeccompProfile(sp: Any, fld: string): Errs {
  if (!isObj(sp)) return [];
  const errs: Errs = [];
  const t = str(sp.type);
  const tf = child(fld, 'type');
  if (!t) errs.push(fieldErr.required(tf, 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(t)) {
    errs.push(fieldErr.notSupported(tf, t, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  if (t === 'Localhost') {
    if (!str(sp.localhostProfile)) errs.push(fieldErr.required(child(fld, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(str(sp.localhostProfile), child(fld, 'localhostProfile')));
  } else if (sp.localhostProfile !== undefined && sp.localhostProfile !== null) {
    errs.push(fieldErr.invalid(child(fld, 'localhostProfile'), str(sp.localhostProfile), 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

/** validateContainerCommon. */
function validateContainerCommon(ctr: Any, vols: Map<string, Any>, fld: string, hostUsers: boolean): Errs {
  const errs: Errs = [];
  const name = str(ctr?.name);
  const np = child(fld, 'name');
  if (!name) errs.push(fieldErr.required(np));
  else errs.push(...dns1123LabelErrs(np, name));
  if (!str(ctr?.image)) errs.push(fieldErr.required(child(fld, 'image')));
  const tmp = ctr?.terminationMessagePolicy;
  if (tmp === '') errs.push(fieldErr.required(child(fld, 'terminationMessagePolicy')));
  else if (tmp !== undefined && tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldErr.notSupported(child(fld, 'terminationMessagePolicy'), str(tmp), ['File', 'FallbackToLogsOnError']));
  }
  const mounts = new Map<string, string>(arr<Any>(ctr?.volumeMounts).map((m) => [str(m?.name), str(m?.mountPath)]));
  const devices = new Map<string, string>(arr<Any>(ctr?.volumeDevices).map((d) => [str(d?.name), str(d?.devicePath)]));
  errs.push(...validateContainerPorts(ctr?.ports, child(fld, 'ports')));
  errs.push(...validateEnv(ctr?.env, child(fld, 'env')));
  errs.push(...validateEnvFrom(ctr?.envFrom, child(fld, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr?.volumeMounts, devices, vols, ctr, child(fld, 'volumeMounts')));
  errs.push(...validateVolumeDevices(ctr?.volumeDevices, mounts, vols, child(fld, 'volumeDevices')));
  const ipp = ctr?.imagePullPolicy;
  if (ipp === '') errs.push(fieldErr.required(child(fld, 'imagePullPolicy')));
  else if (ipp !== undefined && !PULL_POLICIES.includes(str(ipp))) {
    errs.push(fieldErr.notSupported(child(fld, 'imagePullPolicy'), str(ipp), PULL_POLICIES));
  }
  errs.push(...validateResourceRequirements(ctr?.resources, child(fld, 'resources')));
  errs.push(...validateSecurityContext(ctr?.securityContext, child(fld, 'securityContext'), hostUsers));
  return errs;
}

function hostPortConflicts(containers: Any[], fld: string, acc: Set<string>): Errs {
  const errs: Errs = [];
  containers.forEach((ctr, ci) => {
    arr<Any>(ctr?.ports).forEach((port, pi) => {
      const hp = typeof port?.hostPort === 'number' ? port.hostPort : 0;
      if (hp === 0) return;
      const s = `${str(port.protocol) || 'TCP'}/${str(port.hostIP)}/${hp}`;
      if (acc.has(s)) errs.push(fieldErr.duplicate(child(idx(child(idx(fld, ci), 'ports'), pi), 'hostPort'), s));
      else acc.add(s);
    });
  });
  return errs;
}

function validateContainers(containers: unknown, vols: Map<string, Any>, grace: number | undefined, fld: string, hostUsers: boolean): Errs {
  const list = arr<Any>(containers);
  if (list.length === 0) return [fieldErr.required(fld)];
  const errs: Errs = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const p = idx(fld, i);
    errs.push(...validateContainerCommon(ctr, vols, p, hostUsers));
    const name = str(ctr?.name);
    if (names.has(name)) errs.push(fieldErr.duplicate(child(p, 'name'), name));
    else names.add(name);
    if (isObj(ctr?.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, grace, child(p, 'lifecycle')));
    errs.push(...validateLiveOrStartupProbe(ctr?.livenessProbe, grace, child(p, 'livenessProbe')));
    errs.push(...validateReadinessProbe(ctr?.readinessProbe, grace, child(p, 'readinessProbe')));
    errs.push(...validateLiveOrStartupProbe(ctr?.startupProbe, grace, child(p, 'startupProbe')));
    if (ctr?.restartPolicy !== undefined && ctr?.restartPolicy !== null) {
      errs.push(fieldErr.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...hostPortConflicts(list, fld, new Set()));
  return errs;
}

function validateInitContainers(
  containers: unknown,
  regular: unknown,
  vols: Map<string, Any>,
  grace: number | undefined,
  fld: string,
  hostUsers: boolean,
): Errs {
  const errs: Errs = [];
  const names = new Set(arr<Any>(regular).map((c) => str(c?.name)));
  arr<Any>(containers).forEach((ctr, i) => {
    const p = idx(fld, i);
    errs.push(...validateContainerCommon(ctr, vols, p, hostUsers));
    let restartAlways = false;
    if (ctr?.restartPolicy !== undefined && ctr?.restartPolicy !== null) {
      if (ctr.restartPolicy !== 'Always') errs.push(fieldErr.notSupported(child(p, 'restartPolicy'), str(ctr.restartPolicy), ['Always']));
      restartAlways = ctr.restartPolicy === 'Always';
    }
    const name = str(ctr?.name);
    if (names.has(name)) errs.push(fieldErr.duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([ctr], fld, new Set()));
    if (restartAlways) {
      if (isObj(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, grace, child(p, 'lifecycle')));
      errs.push(...validateLiveOrStartupProbe(ctr.livenessProbe, grace, child(p, 'livenessProbe')));
      errs.push(...validateReadinessProbe(ctr.readinessProbe, grace, child(p, 'readinessProbe')));
      errs.push(...validateLiveOrStartupProbe(ctr.startupProbe, grace, child(p, 'startupProbe')));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (ctr?.[f] !== undefined && ctr?.[f] !== null) {
          errs.push(fieldErr.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
        }
      }
    }
    if (arr(ctr?.resizePolicy).length > 0) {
      errs.push(fieldErr.invalid(child(p, 'resizePolicy'), raw('[]core.ContainerResizePolicy{...}'), 'must not be set for init containers'));
    }
  });
  return errs;
}

// ---- scheduling: affinity, tolerations, node selectors ----

function validateNodeSelectorRequirement(rq: Any, fld: string): Errs {
  const errs: Errs = [];
  const values = arr<string>(rq?.values);
  switch (rq?.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fieldErr.required(child(fld, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(fieldErr.forbidden(child(fld, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(fieldErr.required(child(fld, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fieldErr.invalid(child(fld, 'operator'), str(rq?.operator), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(rq?.key), child(fld, 'key')));
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: Any, fld: string): Errs {
  const errs: Errs = [];
  const values = arr<string>(rq?.values);
  if (rq?.operator === 'In' || rq?.operator === 'NotIn') {
    if (values.length !== 1) {
      errs.push(fieldErr.required(child(fld, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else errs.push(fieldErr.invalid(child(fld, 'operator'), str(rq?.operator), 'not a valid selector operator'));
  if (rq?.key !== 'metadata.name') errs.push(fieldErr.invalid(child(fld, 'key'), str(rq?.key), 'not a valid field selector key'));
  else values.forEach((v, i) => errs.push(...nameIsDNSSubdomain(str(v), false).map((m) => fieldErr.invalid(idx(child(fld, 'values'), i), str(v), m))));
  return errs;
}

function validateNodeSelectorTerm(term: Any, fld: string): Errs {
  const errs: Errs = [];
  arr<Any>(term?.matchExpressions).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, idx(child(fld, 'matchExpressions'), j))));
  arr<Any>(term?.matchFields).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, idx(child(fld, 'matchFields'), j))));
  return errs;
}

export function validateNodeSelector(ns: Any, fld: string): Errs {
  const tp = child(fld, 'nodeSelectorTerms');
  const terms = arr<Any>(ns?.nodeSelectorTerms);
  if (terms.length === 0) return [fieldErr.required(tp, 'must have at least one node selector term')];
  const errs: Errs = [];
  terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, idx(tp, i))));
  return errs;
}

function validatePodAffinityTerm(term: Any, fld: string): Errs {
  const errs: Errs = [];
  errs.push(...validateLabelSelector(term?.labelSelector, child(fld, 'labelSelector')));
  errs.push(...validateLabelSelector(term?.namespaceSelector, child(fld, 'namespaceSelector')));
  for (const ns of arr<string>(term?.namespaces)) {
    for (const m of nameIsDNSLabel(str(ns), false)) errs.push(fieldErr.invalid(child(fld, 'namespace'), str(ns), m));
  }
  const tk = str(term?.topologyKey);
  if (!tk) errs.push(fieldErr.required(child(fld, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(tk, child(fld, 'topologyKey')));
  return errs;
}

function validateWeighted(terms: unknown, fld: string, each: (t: Any, p: string) => Errs, termField: string): Errs {
  const errs: Errs = [];
  arr<Any>(terms).forEach((t, i) => {
    const w = typeof t?.weight === 'number' ? t.weight : 0;
    if (w <= 0 || w > 100) errs.push(fieldErr.invalid(child(idx(fld, i), 'weight'), w, 'must be in the range 1-100'));
    errs.push(...each(t?.[termField], child(idx(fld, i), termField)));
  });
  return errs;
}

function validateAffinity(aff: Any, fld: string): Errs {
  if (!isObj(aff)) return [];
  const errs: Errs = [];
  const na = aff.nodeAffinity;
  if (isObj(na)) {
    const p = child(fld, 'nodeAffinity');
    if (isObj(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, child(p, 'requiredDuringSchedulingIgnoredDuringExecution')));
    }
    if (arr(na.preferredDuringSchedulingIgnoredDuringExecution).length > 0) {
      errs.push(
        ...validateWeighted(na.preferredDuringSchedulingIgnoredDuringExecution, child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), validateNodeSelectorTerm, 'preference'),
      );
    }
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = aff[kind];
    if (!isObj(pa)) continue;
    const p = child(fld, kind);
    arr<Any>(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      errs.push(...validatePodAffinityTerm(t, idx(child(p, 'requiredDuringSchedulingIgnoredDuringExecution'), i))),
    );
    errs.push(
      ...validateWeighted(pa.preferredDuringSchedulingIgnoredDuringExecution, child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), validatePodAffinityTerm, 'podAffinityTerm'),
    );
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, fld: string): Errs {
  if (!allowEmpty && effect.length === 0) return [fieldErr.required(fld)];
  if (!TAINT_EFFECTS.includes(effect)) return [fieldErr.notSupported(fld, effect, TAINT_EFFECTS)];
  return [];
}

export function validateTolerations(tols: unknown, fld: string): Errs {
  const errs: Errs = [];
  arr<Any>(tols).forEach((t, i) => {
    const p = idx(fld, i);
    const k = str(t?.key);
    const op = str(t?.operator);
    const effect = str(t?.effect);
    if (k) errs.push(...validateLabelName(k, child(p, 'key')));
    if (!k && op !== 'Exists') {
      errs.push(fieldErr.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t?.tolerationSeconds !== undefined && t?.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fieldErr.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const e = isValidLabelValue(str(t?.value));
        if (e.length) errs.push(fieldErr.invalid(child(p, 'operator'), str(t?.value), e.join(';')));
        break;
      }
      case 'Exists':
        // 1.32 reports the value itself (kubernetes#128119)
        if (str(t?.value)) errs.push(fieldErr.invalid(child(p, 'operator'), str(t.value), "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldErr.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

function validateTopologySpread(cs: unknown, fld: string): Errs {
  const errs: Errs = [];
  const list = arr<Any>(cs);
  list.forEach((c, i) => {
    const p = idx(fld, i);
    const skew = typeof c?.maxSkew === 'number' ? c.maxSkew : 0;
    if (skew <= 0) errs.push(fieldErr.invalid(child(p, 'maxSkew'), skew, 'must be greater than zero'));
    if (!str(c?.topologyKey)) errs.push(fieldErr.required(child(p, 'topologyKey'), 'can not be empty'));
    const wu = str(c?.whenUnsatisfiable);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(wu)) {
      errs.push(fieldErr.notSupported(child(p, 'whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    for (const other of list.slice(i + 1)) {
      if (str(other?.topologyKey) === str(c?.topologyKey) && str(other?.whenUnsatisfiable) === wu) {
        errs.push(fieldErr.duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${str(c?.topologyKey)}, ${wu}}`));
        break;
      }
    }
    if (typeof c?.minDomains === 'number') {
      if (c.minDomains <= 0) errs.push(fieldErr.invalid(child(p, 'minDomains'), c.minDomains, 'must be greater than zero'));
      if (wu !== 'DoNotSchedule') {
        errs.push(fieldErr.invalid(child(p, 'minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${wu}`));
      }
    }
    for (const pol of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c?.[pol] !== undefined && c?.[pol] !== null && !['Honor', 'Ignore'].includes(str(c[pol]))) {
        errs.push(fieldErr.notSupported(child(p, pol), str(c[pol]), ['Honor', 'Ignore']));
      }
    }
    errs.push(...validateLabelSelector(c?.labelSelector, child(p, 'labelSelector')));
  });
  return errs;
}

function validateDNSConfig(cfg: Any, policy: string, fld: string): Errs {
  const errs: Errs = [];
  if (policy === 'None') {
    if (!isObj(cfg)) return [fieldErr.required(fld, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(cfg.nameservers).length === 0) {
      return [fieldErr.required(child(fld, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!isObj(cfg)) return errs;
  const ns = arr<string>(cfg.nameservers);
  if (ns.length > 3) errs.push(fieldErr.invalid(child(fld, 'nameservers'), raw(JSON.stringify(ns)), 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...isValidIP(idx(child(fld, 'nameservers'), i), str(n))));
  const searches = arr<string>(cfg.searches).map(str);
  if (searches.length > 32) errs.push(fieldErr.invalid(child(fld, 'searches'), raw(JSON.stringify(searches)), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(fieldErr.invalid(child(fld, 'searches'), raw(JSON.stringify(searches)), 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => errs.push(...dns1123SubdomainErrs(idx(child(fld, 'searches'), i), s.replace(/\.$/, ''))));
  arr<Any>(cfg.options).forEach((o, i) => {
    if (!str(o?.name)) errs.push(fieldErr.required(idx(child(fld, 'options'), i), 'must not be empty'));
  });
  return errs;
}

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** ValidatePodSpec. `podName` is set for pods (used by ephemeral volume checks). */
export function validatePodSpec(spec: Any, podName: string, fld: string, opts: PodOpts = {}): Errs {
  const s = spec ?? {};
  const errs: Errs = [];
  const grace = typeof s.terminationGracePeriodSeconds === 'number' ? s.terminationGracePeriodSeconds : 30;
  const sc = isObj(s.securityContext) ? s.securityContext : {};
  const hostUsers = sc.hostUsers !== false;
  const [vols, vErrs] = validateVolumes(s.volumes, podName, child(fld, 'volumes'), opts);
  errs.push(...vErrs);
  errs.push(...validateContainers(s.containers, vols, grace, child(fld, 'containers'), hostUsers));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols, grace, child(fld, 'initContainers'), hostUsers));
  // validatePodHostNetworkDeps
  if (s.hostNetwork === true) {
    arr<Any>(s.containers).forEach((c, i) => {
      arr<Any>(c?.ports).forEach((port, j) => {
        const hp = typeof port?.hostPort === 'number' ? port.hostPort : 0;
        const cp = typeof port?.containerPort === 'number' ? port.containerPort : 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
          errs.push(
            fieldErr.invalid(child(idx(child(idx(child(fld, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'),
          );
        }
      });
    });
  }
  if (s.restartPolicy === '') errs.push(fieldErr.required(child(fld, 'restartPolicy')));
  else if (s.restartPolicy !== undefined && !RESTART_POLICIES.includes(str(s.restartPolicy))) {
    errs.push(fieldErr.notSupported(child(fld, 'restartPolicy'), str(s.restartPolicy), RESTART_POLICIES));
  }
  if (s.dnsPolicy === '') errs.push(fieldErr.required(child(fld, 'dnsPolicy')));
  else if (s.dnsPolicy !== undefined && !DNS_POLICIES.includes(str(s.dnsPolicy))) {
    errs.push(fieldErr.notSupported(child(fld, 'dnsPolicy'), str(s.dnsPolicy), DNS_POLICIES));
  }
  errs.push(...validateLabels(s.nodeSelector, child(fld, 'nodeSelector')));
  // validatePodSpecSecurityContext
  const scp = child(fld, 'securityContext');
  if (isObj(s.securityContext)) {
    if (typeof sc.fsGroup === 'number') for (const m of isValidGroupID(sc.fsGroup)) errs.push(fieldErr.invalid(child(scp, 'fsGroup'), sc.fsGroup, m));
    if (typeof sc.runAsUser === 'number') for (const m of isValidUserID(sc.runAsUser)) errs.push(fieldErr.invalid(child(scp, 'runAsUser'), sc.runAsUser, m));
    if (typeof sc.runAsGroup === 'number') for (const m of isValidGroupID(sc.runAsGroup)) errs.push(fieldErr.invalid(child(scp, 'runAsGroup'), sc.runAsGroup, m));
    arr<number>(sc.supplementalGroups).forEach((g, i) => {
      for (const m of isValidGroupID(g)) errs.push(fieldErr.invalid(idx(child(scp, 'supplementalGroups'), i), g, m));
    });
    if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(str(sc.fsGroupChangePolicy))) {
      errs.push(fieldErr.notSupported(child(scp, 'fsGroupChangePolicy'), str(sc.fsGroupChangePolicy), ['Always', 'OnRootMismatch']));
    }
    errs.push(...validateSeccompProfile(sc.seccompProfile, child(scp, 'seccompProfile')));
  }
  if (s.shareProcessNamespace === true && s.hostPID === true) {
    errs.push(fieldErr.invalid(child(scp, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  arr<Any>(s.imagePullSecrets).forEach((ps, i) => {
    if (isObj(ps) && Object.keys(ps).some((k) => k !== 'name')) {
      errs.push(fieldErr.invalid(idx(child(fld, 'imagePullSecrets'), i), raw(`core.LocalObjectReference{Name:${JSON.stringify(str(ps.name))}}`), 'only name may be set'));
    }
  });
  errs.push(...validateAffinity(s.affinity, child(fld, 'affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, str(s.dnsPolicy), child(fld, 'dnsConfig')));
  arr<Any>(s.readinessGates).forEach((g, i) => errs.push(...qualifiedNameErrs(child(idx(child(fld, 'readinessGates'), i), 'conditionType'), str(g?.conditionType))));
  const seenGates = new Set<string>();
  arr<Any>(s.schedulingGates).forEach((g, i) => {
    const n = str(g?.name);
    errs.push(...qualifiedNameErrs(idx(child(fld, 'schedulingGates'), i), n));
    if (seenGates.has(n)) errs.push(fieldErr.duplicate(idx(child(fld, 'schedulingGates'), i), n));
    seenGates.add(n);
  });
  errs.push(...validateTopologySpread(s.topologySpreadConstraints, child(fld, 'topologySpreadConstraints')));
  if (!hostUsers) {
    if (s.hostNetwork) errs.push(fieldErr.forbidden(child(fld, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (s.hostPID) errs.push(fieldErr.forbidden(child(fld, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (s.hostIPC) errs.push(fieldErr.forbidden(child(fld, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  const sa = str(s.serviceAccountName) || str(s.serviceAccount);
  if (sa) for (const m of nameIsDNSSubdomain(sa, false)) errs.push(fieldErr.invalid(child(fld, 'serviceAccountName'), sa, m));
  if (str(s.nodeName)) for (const m of nameIsDNSSubdomain(str(s.nodeName), false)) errs.push(fieldErr.invalid(child(fld, 'nodeName'), str(s.nodeName), m));
  if (typeof s.activeDeadlineSeconds === 'number' && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(fieldErr.invalid(child(fld, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  if (str(s.hostname)) errs.push(...dns1123LabelErrs(child(fld, 'hostname'), str(s.hostname)));
  if (str(s.subdomain)) errs.push(...dns1123LabelErrs(child(fld, 'subdomain'), str(s.subdomain)));
  if (arr(s.tolerations).length) errs.push(...validateTolerations(s.tolerations, child(fld, 'tolerations')));
  arr<Any>(s.hostAliases).forEach((ha, i) => {
    errs.push(...isValidIP(child(idx(child(fld, 'hostAliases'), i), 'ip'), str(ha?.ip)));
    arr<string>(ha?.hostnames).forEach((h, j) => errs.push(...dns1123SubdomainErrs(idx(child(idx(child(fld, 'hostAliases'), i), 'hostnames'), j), str(h))));
  });
  if (str(s.priorityClassName)) {
    for (const m of nameIsDNSSubdomain(str(s.priorityClassName), false)) errs.push(fieldErr.invalid(child(fld, 'priorityClassName'), str(s.priorityClassName), m));
  }
  if (typeof s.runtimeClassName === 'string') errs.push(...dns1123SubdomainErrs(child(fld, 'runtimeClassName'), s.runtimeClassName));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    if (s.preemptionPolicy === '') errs.push(fieldErr.required(child(fld, 'preemptionPolicy')));
    else if (!['PreemptLowerPriority', 'Never'].includes(str(s.preemptionPolicy))) {
      errs.push(fieldErr.notSupported(child(fld, 'preemptionPolicy'), str(s.preemptionPolicy), ['PreemptLowerPriority', 'Never']));
    }
  }
  if (isObj(s.os)) {
    if (!str(s.os.name)) errs.push(fieldErr.required(child(child(fld, 'os'), 'name'), 'cannot be empty'));
    else if (!['linux', 'windows'].includes(str(s.os.name))) errs.push(fieldErr.notSupported(child(fld, 'os'), str(s.os.name), ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec (labels/annotations at `<fld>.labels`, as Go does). */
export function validatePodTemplateSpec(tpl: Any, fld: string): Errs {
  const t = tpl ?? {};
  const meta = t.metadata ?? {};
  const errs: Errs = [];
  errs.push(...validateLabels(meta.labels, child(fld, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(fld, 'annotations')));
  errs.push(...validatePodSpec(t.spec, '', child(fld, 'spec'), { resourceIsPod: false }));
  if (arr(t.spec?.ephemeralContainers).length > 0) {
    errs.push(fieldErr.forbidden(child(child(fld, 'spec'), 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

function validatePodMetadataAndSpec(pod: Any): Errs {
  const errs = validateObjectMeta(pod.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const spec = pod.spec ?? {};
  errs.push(...validatePodSpec(spec, str(pod.metadata?.name), 'spec', { resourceIsPod: true }));
  if (!str(spec.serviceAccountName) && !str(spec.serviceAccount)) {
    arr<Any>(spec.volumes).forEach((v, vi) => {
      arr<Any>(v?.projected?.sources).forEach((src, si) => {
        if (isObj(src?.serviceAccountToken)) {
          errs.push(
            fieldErr.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'),
          );
        }
      });
    });
  }
  for (const kind of ['containers', 'initContainers'] as const) {
    arr<Any>(spec[kind]).forEach((c, i) => {
      const img = str(c?.image);
      if (img.length !== img.trim().length) {
        errs.push(fieldErr.invalid(`spec.${kind}[${i}].image`, img, 'must not have leading or trailing whitespace'));
      }
    });
  }
  return errs;
}

export function validatePodCreate(pod: Any): Errs {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = pod.spec ?? {};
  if (arr(spec.ephemeralContainers).length > 0) errs.push(fieldErr.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0) {
    errs.push(fieldErr.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

// ---- pod update ----

export const POD_UPDATE_FORBIDDEN_PREFIX =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** qos.GetPodQOS / ComputePodQOS over the containers' requests and limits. */
export function podQOS(spec: Any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...arr<Any>(spec?.containers), ...arr<Any>(spec?.initContainers)];
  let anyRes = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = new Map(quantityMap(c?.resources?.requests).filter(([k]) => k === 'cpu' || k === 'memory'));
    const lim = new Map(quantityMap(c?.resources?.limits).filter(([k]) => k === 'cpu' || k === 'memory'));
    for (const q of [...req.values(), ...lim.values()]) if (!q.isZero()) anyRes = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim.get(r);
      if (!l) guaranteed = false;
      const q = req.get(r) ?? l;
      if (l && q && q.cmp(l) !== 0) guaranteed = false;
    }
  }
  if (!anyRes) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function validateContainerUpdates(newC: unknown, oldC: unknown, fld: string): [Errs, boolean] {
  const n = arr<Any>(newC);
  const o = arr<Any>(oldC);
  if (n.length !== o.length) return [[fieldErr.forbidden(fld, 'pod updates may not add or remove containers')], true];
  const errs: Errs = [];
  n.forEach((c, i) => {
    const img = str(c?.image);
    if (!img) errs.push(fieldErr.required(child(idx(fld, i), 'image')));
    if (img.trim().length !== img.length) errs.push(fieldErr.invalid(child(idx(fld, i), 'image'), img, 'must not have leading or trailing whitespace'));
  });
  return [errs, false];
}

function tolerationEqualIgnoringSeconds(a: Any, b: Any): boolean {
  const strip = (t: Any) => ({ ...t, tolerationSeconds: undefined });
  return deepEqual(strip(a), strip(b));
}

/** Spec fields the internal PodSpec keeps elsewhere are folded back before comparison. */
function internalSpec(spec: Any): Any {
  const s = { ...(spec ?? {}) };
  const sc = { ...(isObj(s.securityContext) ? s.securityContext : {}) };
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers']) {
    if (s[f] !== undefined) sc[f] = s[f];
    delete s[f];
  }
  if (Object.keys(sc).length) s.securityContext = sc;
  if (s.serviceAccount !== undefined && !s.serviceAccountName) s.serviceAccountName = s.serviceAccount;
  delete s.serviceAccount;
  return s;
}

export function validatePodUpdate(pod: Any, old: Any): Errs {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(pod));
  const ns = pod.spec ?? {};
  const os = old.spec ?? {};
  let [cErrs, stop] = validateContainerUpdates(ns.containers, os.containers, 'spec.containers');
  errs.push(...cErrs);
  if (stop) return errs;
  [cErrs, stop] = validateContainerUpdates(ns.initContainers, os.initContainers, 'spec.initContainers');
  errs.push(...cErrs);
  if (stop) return errs;
  if (typeof ns.activeDeadlineSeconds === 'number') {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > MAX_INT32) {
      errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', v, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (typeof os.activeDeadlineSeconds === 'number' && os.activeDeadlineSeconds < v) {
      errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', v, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof os.activeDeadlineSeconds === 'number') {
    errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  // validateOnlyAddedTolerations
  const newTols = arr<Any>(ns.tolerations);
  let tolsOk = true;
  for (const t of arr<Any>(os.tolerations)) {
    if (!newTols.some((nt) => tolerationEqualIgnoringSeconds(t, nt))) {
      errs.push(fieldErr.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      tolsOk = false;
      break;
    }
  }
  if (tolsOk) errs.push(...validateTolerations(ns.tolerations, 'spec.tolerations'));
  // validateOnlyDeletedSchedulingGates
  const oldGates = new Set(arr<Any>(os.schedulingGates).map((g) => str(g?.name)));
  arr<Any>(ns.schedulingGates).forEach((g, i) => {
    if (!oldGates.has(str(g?.name))) {
      errs.push(fieldErr.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${str(g?.name)}'`));
    }
  });
  const newSpec = internalSpec(ns);
  const oldSpec = internalSpec(os);
  if (deepEqual(newSpec, oldSpec)) return errs;
  if (podQOS(os) !== podQOS(ns)) {
    // the value is the pod's status.qosClass, which a spec update does not change
    errs.push(fieldErr.invalid('metadata', str(pod.status?.qosClass) || podQOS(os), 'Pod QoS is immutable'));
  }
  // munge the updatable fields, then compare
  const munged: Any = JSON.parse(JSON.stringify(newSpec));
  arr<Any>(munged.containers).forEach((c, i) => (c.image = os.containers?.[i]?.image));
  arr<Any>(munged.initContainers).forEach((c, i) => (c.image = os.initContainers?.[i]?.image));
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  if (typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if (arr(os.schedulingGates).length > 0) {
    // gated pods: additions to nodeSelector and node affinity are allowed
    const oldSel = os.nodeSelector ?? {};
    const newSel = munged.nodeSelector ?? {};
    if (!deepEqual(newSel, oldSel)) {
      for (const [k, v] of Object.entries(oldSel)) {
        if (newSel[k] !== v) {
          errs.push(fieldErr.invalid('spec.nodeSelector', raw(goStringMap(newSel)), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
          break;
        }
      }
      munged.nodeSelector = os.nodeSelector;
    }
    const oldNA = os.affinity?.nodeAffinity;
    if (!deepEqual(munged.affinity?.nodeAffinity, oldNA)) {
      munged.affinity = { ...(munged.affinity ?? {}), nodeAffinity: oldNA };
    }
  }
  if (!deepEqual(munged, oldSpec)) {
    const diff = cmpDiff(oldSpec, munged, 'core.PodSpec');
    errs.push(fieldErr.forbidden('spec', `${POD_UPDATE_FORBIDDEN_PREFIX}\n${diff}`));
  }
  return errs;
}
