// Core (legacy group) kinds other than Pod: Service, ConfigMap, Secret, Namespace, Node, ServiceAccount,
// PersistentVolume(Claim), ReplicationController, PodTemplate — after pkg/apis/core/validation
// (release-1.31 vendored copy, with the 1.32 changes to the messages checked against 1.33).
import { fieldErr } from '../errors';
import { tryParseQuantity } from '../quantity';
import { cmpDiff, goIntOrString, goStringMap, goStringSlice } from './godump';
import { validateLabels, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isNativeResource, quantityMap, validatePodTemplateSpec, validateResourceQuantityValue, validateTaintEffect } from './pod';
import {
  FIELD_IMMUTABLE_ERROR_MSG,
  IS_NEGATIVE_ERROR_MSG,
  type Any,
  type Errs,
  arr,
  child,
  deepEqual,
  dns1123LabelErrs,
  dns1123SubdomainErrs,
  idx,
  isConfigMapKey,
  isObj,
  isValidCIDR,
  isValidIP,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  key,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nonNegative,
  parseIP,
  qualifiedNameErrs,
  raw,
  sortedEntries,
  str,
} from './util';
import { validateLabelName } from './meta';
import { fromMap } from '../selectors';

export const MAX_SECRET_SIZE = 1024 * 1024;

// ---------------------------------------------------------------- Service

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

function isHeadless(svc: Any): boolean {
  const ips = arr<string>(svc.spec?.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/**
 * What the service REST storage does before validation (svcrest.normalizeClusterIPs): keep
 * clusterIP/clusterIPs in step. Applied on a copy so validation sees what the server would.
 */
export function normalizeServiceClusterIPs(svc: Any, old: Any | null): Any {
  const n = JSON.parse(JSON.stringify(svc ?? {}));
  n.spec = n.spec ?? {};
  const ns = n.spec;
  const same = (a: unknown, b: unknown) => JSON.stringify(arr(a)) === JSON.stringify(arr(b));
  if (!old) {
    if (str(ns.clusterIP) && arr(ns.clusterIPs).length === 0) ns.clusterIPs = [ns.clusterIP];
    return n;
  }
  const os = old.spec ?? {};
  if (arr(os.clusterIPs).length > 0 && arr(ns.clusterIPs).length === 0 && str(os.clusterIP) === str(ns.clusterIP)) {
    ns.clusterIPs = os.clusterIPs;
  }
  if (str(os.clusterIP) !== str(ns.clusterIP)) {
    if (str(os.clusterIP) && !str(ns.clusterIP) && same(os.clusterIPs, ns.clusterIPs)) ns.clusterIPs = undefined;
    if (same(os.clusterIPs, ns.clusterIPs)) ns.clusterIPs = str(ns.clusterIP) ? [ns.clusterIP] : undefined;
  }
  return n;
}

/**
 * The node port allocator runs before validation (registry/core/service/storage alloc.go) and fails the
 * request on its own with the first bad port. Only the range check is known here; "provided port is
 * already allocated" needs the store.
 */
export function validateServiceNodePortRange(svc: Any, range = NODE_PORT_RANGE): Errs {
  const t = str(svc.spec?.type);
  if (t !== 'NodePort' && t !== 'LoadBalancer') return [];
  const ports = arr<Any>(svc.spec?.ports);
  for (let i = 0; i < ports.length; i++) {
    const np = ports[i]?.nodePort;
    if (typeof np === 'number' && np !== 0 && (np < range.min || np > range.max)) {
      return [
        fieldErr.invalid(
          `spec.ports[${i}].nodePort`,
          np,
          `provided port is not in the valid range. The range of valid ports is ${range.min}-${range.max}`,
        ),
      ];
    }
  }
  return [];
}

function validateServicePort(sp: Any, requireName: boolean, names: Set<string>, fld: string): Errs {
  const errs: Errs = [];
  const name = str(sp?.name);
  if (requireName && !name) errs.push(fieldErr.required(child(fld, 'name')));
  else if (name) {
    errs.push(...dns1123LabelErrs(child(fld, 'name'), name));
    if (names.has(name)) errs.push(fieldErr.duplicate(child(fld, 'name'), name));
    else names.add(name);
  }
  const port = typeof sp?.port === 'number' ? sp.port : 0;
  for (const m of isValidPortNum(port)) errs.push(fieldErr.invalid(child(fld, 'port'), port, m));
  if (sp?.protocol === '') errs.push(fieldErr.required(child(fld, 'protocol')));
  else if (sp?.protocol !== undefined && !PROTOCOLS.includes(str(sp.protocol))) {
    errs.push(fieldErr.notSupported(child(fld, 'protocol'), str(sp.protocol), PROTOCOLS));
  }
  // targetPort defaults to port
  const tp = sp?.targetPort ?? port;
  const tpf = child(fld, 'targetPort');
  if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(fieldErr.invalid(tpf, tp, m));
  else for (const m of isValidPortNum(typeof tp === 'number' ? tp : 0)) errs.push(fieldErr.invalid(tpf, tp, m));
  if (typeof sp?.appProtocol === 'string') errs.push(...qualifiedNameErrs(child(fld, 'appProtocol'), sp.appProtocol));
  return errs;
}

function validateClusterIPsRelated(svc: Any): Errs {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: Errs = [];
  const ips = arr<string>(spec.clusterIPs).map(str);
  const ipsV = raw(goStringSlice(spec.clusterIPs));
  const f = 'spec.clusterIPs';
  if (str(spec.clusterIP)) {
    if (ips.length === 0) errs.push(fieldErr.required(f));
    else if (ips[0] !== spec.clusterIP) errs.push(fieldErr.invalid(f, ipsV, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(fieldErr.invalid(f, ipsV, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  arr<string>(spec.ipFamilies).forEach((fam, i) => {
    if (fam !== 'IPv4' && fam !== 'IPv6') errs.push(fieldErr.notSupported(idx('spec.ipFamilies', i), str(fam), ['IPv4', 'IPv6']));
    if (seen.has(fam)) errs.push(fieldErr.duplicate(idx('spec.ipFamilies', i), str(fam)));
    seen.add(fam);
  });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    const pols = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
    if (!pols.includes(str(spec.ipFamilyPolicy))) errs.push(fieldErr.notSupported('spec.ipFamilyPolicy', str(spec.ipFamilyPolicy), pols));
  }
  let invalid = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalid = true;
        errs.push(fieldErr.invalid(f, ipsV, "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(idx(f, i), ip);
    if (e.length) invalid = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(fieldErr.invalid(f, ipsV, 'may only hold up to 2 values'));
  if (invalid) return errs;
  if (ips.length > 1) {
    const fams = ips.map((ip) => parseIP(ip)?.v4);
    if (fams[0] === fams[1] || ips.length > 2) errs.push(fieldErr.invalid(f, ipsV, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(svc) && ips.length > 0) {
    const fams = arr<string>(spec.ipFamilies);
    ips.forEach((ip, i) => {
      if (i > fams.length - 1) return;
      const v4 = parseIP(ip)?.v4;
      if (fams[i] === 'IPv4' && v4 === false) errs.push(fieldErr.invalid(idx(f, i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fams[i] === 'IPv6' && v4 !== false) errs.push(fieldErr.invalid(idx(f, i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateServiceSpec(svc: Any, errs: Errs): void {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const ports = arr<Any>(spec.ports);
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldErr.required('spec.ports'));
  switch (type) {
    case 'LoadBalancer':
      ports.forEach((p, i) => {
        if (p?.port === 10250) errs.push(fieldErr.invalid(`spec.ports[${i}]`, 10250, 'may not expose port 10250 externally since it is used by kubelet'));
      });
      if (headless) errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (arr(spec.clusterIPs).length > 0) errs.push(fieldErr.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (arr(spec.ipFamilies).length > 0) errs.push(fieldErr.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
        errs.push(fieldErr.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      }
      const cname = str(spec.externalName).replace(/\.$/, '');
      if (cname) errs.push(...dns1123SubdomainErrs('spec.externalName', cname));
      else errs.push(fieldErr.required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const sa = spec.sessionAffinity;
  if (sa === '') errs.push(fieldErr.required('spec.sessionAffinity'));
  else if (sa !== undefined && sa !== 'ClientIP' && sa !== 'None') errs.push(fieldErr.notSupported('spec.sessionAffinity', str(sa), ['ClientIP', 'None']));
  if (sa === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const when = 'when session affinity type is ClientIP';
    if (!isObj(cfg)) {
      // v1 defaulting fills clientIP.timeoutSeconds=10800 for ClientIP
    } else if (!isObj(cfg.clientIP)) errs.push(fieldErr.required('spec.sessionAffinityConfig.clientIP', when));
    else if (typeof cfg.clientIP.timeoutSeconds !== 'number') {
      errs.push(fieldErr.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', when));
    } else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > 86400) {
      errs.push(fieldErr.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', cfg.clientIP.timeoutSeconds, 'must be greater than 0 and less than 86400'));
    }
  } else if (sa === 'None' || sa === undefined) {
    if (isObj(spec.sessionAffinityConfig) && sa === 'None') {
      errs.push(fieldErr.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
    }
  }
  errs.push(...validateClusterIPsRelated(svc));
  arr<string>(spec.externalIPs).forEach((ip, i) => {
    const e = isValidIP(`spec.externalIPs[${i}]`, str(ip));
    if (e.length) errs.push(...e);
    else {
      const s = str(ip);
      let msg = '';
      if (s === '0.0.0.0' || s === '::') msg = `may not be unspecified (${s})`;
      else if (s.startsWith('127.') || s === '::1') msg = 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
      else if (s.startsWith('169.254.')) msg = 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
      else if (/^224\.0\.0\./.test(s)) msg = 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
      if (msg) errs.push(fieldErr.invalid(`spec.externalIPs[${i}]`, s, msg));
    }
  });
  if (spec.type === '') errs.push(fieldErr.required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldErr.notSupported('spec.type', str(type), SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (typeof p?.nodePort === 'number' && p.nodePort !== 0) {
        errs.push(fieldErr.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
      }
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (typeof p?.nodePort !== 'number' || p.nodePort === 0) return;
    const k = `${str(p.protocol) || 'TCP'}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(fieldErr.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const proto = str(p?.protocol) || 'TCP';
    const port = typeof p?.port === 'number' ? p.port : 0;
    const k = `${proto}/${port}`;
    if (seenPorts.has(k)) errs.push(fieldErr.duplicate(`spec.ports[${i}]`, raw(goServicePortKey(proto, port))));
    seenPorts.add(k);
  });
  const ranges = arr<string>(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    const fp = 'spec.LoadBalancerSourceRanges';
    if (type !== 'LoadBalancer') errs.push(fieldErr.forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(idx(fp, i), str(r).trim())));
  } else if (svc.metadata?.annotations?.['service.beta.kubernetes.io/load-balancer-source-ranges'] !== undefined) {
    const fp = 'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]';
    if (type !== 'LoadBalancer') errs.push(fieldErr.forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    const val = str(svc.metadata.annotations['service.beta.kubernetes.io/load-balancer-source-ranges']).trim();
    if (val) for (const c of val.split(',')) errs.push(...isValidCIDR(fp, c.trim()));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(fieldErr.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // loadBalancerClass
  if (type === 'LoadBalancer') {
    if (typeof spec.loadBalancerClass === 'string') errs.push(...qualifiedNameErrs('spec.loadBalancerClass', spec.loadBalancerClass));
  } else if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    errs.push(fieldErr.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  // external traffic policy: only for externally-accessible services
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (!external) {
    if (etp !== undefined && etp !== null && etp !== '') {
      errs.push(fieldErr.invalid('spec.externalTrafficPolicy', str(etp), 'may only be set for externally-accessible services'));
    }
  } else if (etp === '') errs.push(fieldErr.required('spec.externalTrafficPolicy'));
  else if (etp !== undefined && etp !== 'Cluster' && etp !== 'Local') {
    errs.push(fieldErr.notSupported('spec.externalTrafficPolicy', str(etp), ['Cluster', 'Local']));
  }
  const needsHC = type === 'LoadBalancer' && etp === 'Local';
  const hc = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
  if (!needsHC) {
    if (hc !== 0) {
      errs.push(fieldErr.invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hc !== 0) for (const m of isValidPortNum(hc)) errs.push(fieldErr.invalid('spec.healthCheckNodePort', hc, m));
  const itp = spec.internalTrafficPolicy;
  if (itp !== undefined && itp !== null && itp !== 'Cluster' && itp !== 'Local') {
    errs.push(fieldErr.notSupported('spec.internalTrafficPolicy', str(itp), ['Cluster', 'Local']));
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(fieldErr.notSupported('spec.trafficDistribution', str(spec.trafficDistribution), ['PreferClose']));
  }
}

export function validateService(svc0: Any, old0: Any | null): Errs {
  const svc = normalizeServiceClusterIPs(svc0, old0);
  const errs: Errs = [];
  if (old0) {
    const old = old0;
    errs.push(...validateObjectMetaUpdate(svc.metadata, old.metadata));
    const ns = svc.spec ?? {};
    const os = old.spec ?? {};
    // validateUpgradeDowngradeClusterIPs
    if (ns.type !== 'ExternalName' && os.type !== 'ExternalName' && !(isHeadless(svc) && isHeadless(old))) {
      const nips = arr<string>(ns.clusterIPs);
      const oips = arr<string>(os.clusterIPs);
      const v = raw(goStringSlice(ns.clusterIPs));
      if (oips.length === nips.length) {
        oips.forEach((ip, i) => {
          if (ip !== nips[i]) errs.push(fieldErr.invalid(`spec.clusterIPs[${i}]`, v, 'may not change once set'));
        });
      } else if (oips.length > nips.length) {
        if (nips.length === 0) errs.push(fieldErr.invalid('spec.clusterIPs[0]', v, 'primary clusterIP can not be unset'));
        if (oips.length > 0 && nips.length > 0 && nips[0] !== oips[0]) errs.push(fieldErr.invalid('spec.clusterIPs[0]', v, 'may not change once set'));
        if (nips.length === 1 && ns.ipFamilyPolicy !== 'SingleStack') {
          errs.push(fieldErr.invalid('spec.ipFamilyPolicy', ns.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
        }
      } else if (oips.length > 0 && nips[0] !== oips[0]) {
        errs.push(fieldErr.invalid('spec.clusterIPs[0]', v, 'may not change once set'));
      }
    }
    // validateUpgradeDowngradeIPFamilies
    if (ns.type !== 'ExternalName' && os.type !== 'ExternalName' && isHeadless(svc) === isHeadless(old) && !isHeadless(svc)) {
      const nf = arr<string>(ns.ipFamilies);
      const of = arr<string>(os.ipFamilies);
      const fv = raw(goStringSlice(ns.ipFamilies, '[]core.IPFamily'));
      if (nf.length === of.length) {
        of.forEach((f, i) => {
          if (f !== nf[i]) errs.push(fieldErr.invalid('spec.ipFamilies[0]', fv, 'may not change once set'));
        });
      } else if (of.length > nf.length) {
        if (arr(ns.clusterIPs).length === 0) errs.push(fieldErr.invalid('spec.ipFamilies[0]', fv, 'primary ipFamily can not be unset'));
        if (nf.length > 0 && nf[0] !== of[0]) errs.push(fieldErr.invalid('spec.ipFamilies[0]', raw(goStringSlice(ns.clusterIPs)), 'may not change once set'));
        if (nf.length === 1 && ns.ipFamilyPolicy !== 'SingleStack') {
          errs.push(fieldErr.invalid('spec.ipFamilyPolicy', ns.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
        }
      } else if (of.length > 0 && nf.length > 0 && nf[0] !== of[0]) {
        errs.push(fieldErr.invalid('spec.ipFamilies[0]', raw(goStringSlice(ns.clusterIPs)), 'may not change once set'));
      }
    }
    if (ns.type === 'LoadBalancer' && os.type === 'LoadBalancer' && (ns.loadBalancerClass ?? null) !== (os.loadBalancerClass ?? null)) {
      errs.push(fieldErr.invalid('spec.loadBalancerClass', ns.loadBalancerClass ?? null, 'may not change once set'));
    }
    const hcOld = os.type === 'LoadBalancer' && os.externalTrafficPolicy === 'Local';
    const hcNew = ns.type === 'LoadBalancer' && ns.externalTrafficPolicy === 'Local';
    if (hcOld && hcNew && (ns.healthCheckNodePort ?? 0) !== (os.healthCheckNodePort ?? 0)) {
      errs.push(fieldErr.forbidden('spec.healthCheckNodePort', 'field is immutable'));
    }
  }
  errs.push(...validateObjectMeta(svc.metadata, { namespaced: true, nameFn: nameIsDNS1035Label }));
  const ann = svc.metadata?.annotations ?? {};
  const hints = ann['service.kubernetes.io/topology-aware-hints'];
  const mode = ann['service.kubernetes.io/topology-mode'];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(
      fieldErr.invalid(
        'metadata.annotations[service.kubernetes.io/topology-mode]',
        str(mode),
        'must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
      ),
    );
  }
  validateServiceSpec(svc, errs);
  return errs;
}

// ---------------------------------------------------------------- ConfigMap / Secret

function decodedLength(v: unknown): number {
  const s = str(v);
  try {
    return Buffer.from(s, 'base64').length;
  } catch {
    return s.length;
  }
}

export function validateConfigMap(cm: Any): Errs {
  const errs = validateObjectMeta(cm.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  let total = 0;
  const binary = isObj(cm.binaryData) ? cm.binaryData : {};
  for (const [k, v] of sortedEntries<unknown>(cm.data)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(key('data', k), k, m));
    if (k in binary) errs.push(fieldErr.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(str(v));
  }
  for (const [k, v] of sortedEntries<unknown>(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(key('binaryData', k), k, m));
    total += decodedLength(v);
  }
  // field.NewPath("") — the error refers to the whole object
  if (total > MAX_SECRET_SIZE) errs.push(fieldErr.tooLong('', `may not be more than ${MAX_SECRET_SIZE} bytes`));
  return errs;
}

const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

export function validateConfigMapUpdate(cm: Any, old: Any): Errs {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(fieldErr.forbidden('immutable', IMMUTABLE_SET));
    if (!deepEqual(cm.data, old.data)) errs.push(fieldErr.forbidden('data', IMMUTABLE_SET));
    if (!deepEqual(cm.binaryData, old.binaryData)) errs.push(fieldErr.forbidden('binaryData', IMMUTABLE_SET));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}

/** Secret data as the server sees it: stringData merged into data (conversion), values decoded. */
function secretData(secret: Any): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of Object.entries(isObj(secret.data) ? secret.data : {})) m.set(k, decodedLength(v));
  for (const [k, v] of Object.entries(isObj(secret.stringData) ? secret.stringData : {})) m.set(k, Buffer.byteLength(str(v)));
  return m;
}

function secretValue(secret: Any, k: string): string {
  if (isObj(secret.stringData) && k in secret.stringData) return str(secret.stringData[k]);
  try {
    return Buffer.from(str(secret.data?.[k]), 'base64').toString('utf8');
  } catch {
    return '';
  }
}

function jsonError(text: string): string | null {
  try {
    const v = JSON.parse(text);
    if (!isObj(v)) return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'null'} into Go value of type map[string]interface {}`;
    return null;
  } catch {
    const t = text.trim();
    if (t.length === 0) return 'unexpected end of JSON input';
    return `invalid character '${t[0]}' looking for beginning of value`;
  }
}

export function validateSecret(secret: Any): Errs {
  const errs = validateObjectMeta(secret.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const data = secretData(secret);
  let total = 0;
  for (const k of [...data.keys()].sort()) {
    for (const m of isConfigMapKey(k)) errs.push(fieldErr.invalid(key('data', k), k, m));
    total += data.get(k)!;
  }
  if (total > MAX_SECRET_SIZE) errs.push(fieldErr.tooLong('data', `may not be more than ${MAX_SECRET_SIZE} bytes`));
  const type = str(secret.type);
  switch (type) {
    case 'kubernetes.io/service-account-token':
      if (!str(secret.metadata?.annotations?.['kubernetes.io/service-account.name'])) {
        errs.push(fieldErr.required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!data.has(k)) {
        errs.push(fieldErr.required(key('data', k)));
        break;
      }
      const e = jsonError(secretValue(secret, k));
      if (e) errs.push(fieldErr.invalid(key('data', k), '<secret contents redacted>', e));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) {
        errs.push(fieldErr.required('data[username]'));
        errs.push(fieldErr.required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data.get('ssh-privatekey')) errs.push(fieldErr.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) errs.push(fieldErr.required('data[tls.crt]'));
      if (!data.has('tls.key')) errs.push(fieldErr.required('data[tls.key]'));
      break;
    default:
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Any, old: Any): Errs {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  const nt = str(secret.type) || 'Opaque';
  const ot = str(old.type) || 'Opaque';
  if (nt !== ot) errs.push(fieldErr.invalid('type', nt, FIELD_IMMUTABLE_ERROR_MSG));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(fieldErr.forbidden('immutable', IMMUTABLE_SET));
    const a = secretData(secret);
    const b = secretData(old);
    const same = a.size === b.size && [...a.keys()].every((k) => b.has(k) && secretValue(secret, k) === secretValue(old, k));
    if (!same) errs.push(fieldErr.forbidden('data', IMMUTABLE_SET));
  }
  errs.push(...validateSecret(secret));
  return errs;
}

// ---------------------------------------------------------------- Namespace / ServiceAccount / Node

export function validateNamespace(ns: Any): Errs {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameFn: nameIsDNSLabel });
  for (const f of arr<string>(ns.spec?.finalizers)) {
    const s = str(f);
    errs.push(...qualifiedNameErrs('spec.finalizers', s));
    if (!s.includes('/') && !['kubernetes', 'orphan', 'foregroundDeletion'].includes(s)) {
      errs.push(fieldErr.invalid('spec.finalizers', s, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export function validateServiceAccount(sa: Any): Errs {
  return validateObjectMeta(sa.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
}

function goTaint(t: Any): string {
  return `core.Taint{Key:${JSON.stringify(str(t?.key))}, Value:${JSON.stringify(str(t?.value))}, Effect:${JSON.stringify(str(t?.effect))}, TimeAdded:(*v1.Time)(nil)}`;
}

function validateNodeTaints(taints: unknown, fld: string): Errs {
  const errs: Errs = [];
  const unique = new Map<string, Set<string>>();
  arr<Any>(taints).forEach((t, i) => {
    const p = idx(fld, i);
    errs.push(...validateLabelName(str(t?.key), child(p, 'key')));
    const ve = isValidLabelValue(str(t?.value));
    if (ve.length) errs.push(fieldErr.invalid(child(p, 'value'), str(t?.value), ve.join(';')));
    errs.push(...validateTaintEffect(str(t?.effect), false, child(p, 'effect')));
    const eff = str(t?.effect);
    if (unique.get(eff)?.has(str(t?.key))) {
      // field.Duplicate with a Detail; errors.ts has no detail for Duplicate, so it rides in the value
      errs.push(fieldErr.duplicate(p, raw(`${goTaint(t)}: taints must be unique by key and effect pair`)));
      return;
    }
    if (!unique.has(eff)) unique.set(eff, new Set());
    unique.get(eff)!.add(str(t?.key));
  });
  return errs;
}

function validateNodeResources(node: Any): Errs {
  const errs: Errs = [];
  for (const part of ['capacity', 'allocatable']) {
    for (const [k, q] of quantityMap(node.status?.[part])) errs.push(...validateResourceQuantityValue(k, q, `status.${part}.${k}`));
  }
  return errs;
}

export function validateNode(node: Any, old: Any | null): Errs {
  if (!old) {
    const errs = validateObjectMeta(node.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain });
    if (arr(node.spec?.taints).length) errs.push(...validateNodeTaints(node.spec.taints, 'metadata.taints'));
    errs.push(...validateNodeResources(node));
    const cidrs = arr<string>(node.spec?.podCIDRs);
    cidrs.forEach((c, i) => errs.push(...isValidCIDR(`spec.podCIDRs[${i}]`, str(c))));
    return errs;
  }
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
  errs.push(...validateNodeResources(node));
  const oc = arr<string>(old.spec?.podCIDRs);
  const nc = arr<string>(node.spec?.podCIDRs);
  if (oc.length > 0 && (oc.length !== nc.length || oc.some((c, i) => c !== nc[i]))) {
    errs.push(fieldErr.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  if (str(old.spec?.providerID) && old.spec.providerID !== node.spec?.providerID) {
    errs.push(fieldErr.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if (arr(node.spec?.taints).length) errs.push(...validateNodeTaints(node.spec.taints, 'metadata.taints'));
  return errs;
}

// ---------------------------------------------------------------- PV / PVC

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];
const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'local', 'storageos', 'csi', 'iscsi',
];

function validateAccessModes(modes: unknown, fld: string, required: string | undefined): Errs {
  const errs: Errs = [];
  const list = arr<string>(modes);
  if (list.length === 0 && required !== undefined) errs.push(fieldErr.required(fld, required));
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(str(m))) errs.push(fieldErr.notSupported(fld, str(m), ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(str(m))) other = true;
  }
  if (rwop && other) errs.push(fieldErr.forbidden(fld, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validatePersistentVolume(pv: Any): Errs {
  const errs = validateObjectMeta(pv.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain });
  const spec = pv.spec ?? {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', ''));
  const cap = isObj(spec.capacity) ? spec.capacity : {};
  const keys = Object.keys(cap);
  if (keys.length === 0) errs.push(fieldErr.required('spec.capacity'));
  if (!('storage' in cap) || keys.length > 1) {
    const rendered = `core.ResourceList{${sortedEntries<unknown>(cap)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(str(v))}`)
      .join(', ')}}`;
    errs.push(fieldErr.notSupported('spec.capacity', raw(keys.length ? rendered : 'core.ResourceList(nil)'), ['storage']));
  }
  for (const [k, q] of quantityMap(cap)) {
    if (q.sign() < 0) errs.push(fieldErr.invalid(key('spec.capacity', k), q.value(), 'must be a valid resource quantity'));
    if (q.sign() <= 0) errs.push(fieldErr.invalid(key('spec.capacity', k), q.toString(), 'must be greater than zero'));
  }
  if (str(spec.persistentVolumeReclaimPolicy) && !RECLAIM.includes(str(spec.persistentVolumeReclaimPolicy))) {
    errs.push(fieldErr.notSupported('spec.persistentVolumeReclaimPolicy', str(spec.persistentVolumeReclaimPolicy), RECLAIM));
  }
  let n = 0;
  for (const s of PV_SOURCES) {
    if (spec[s] === undefined || spec[s] === null) continue;
    if (n > 0) {
      errs.push(fieldErr.forbidden(`spec.${s}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    if (s === 'hostPath') {
      if (!str(spec.hostPath.path)) errs.push(fieldErr.required('spec.hostPath.path'));
      else if (str(spec.hostPath.path).split('/').includes('..')) {
        errs.push(fieldErr.invalid('spec.hostPath.path', str(spec.hostPath.path), "must not contain '..'"));
      }
    } else if (s === 'nfs') {
      if (!str(spec.nfs.server)) errs.push(fieldErr.required('spec.nfs.server'));
      if (!str(spec.nfs.path)) errs.push(fieldErr.required('spec.nfs.path'));
      if (!str(spec.nfs.path).startsWith('/')) errs.push(fieldErr.invalid('spec.nfs.path', str(spec.nfs.path), 'must be an absolute path'));
    } else if (s === 'local') {
      if (!str(spec.local.path)) errs.push(fieldErr.required('spec.local.path'));
    } else if (s === 'csi') {
      if (!str(spec.csi.driver)) errs.push(fieldErr.required('spec.csi.driver'));
      if (!str(spec.csi.volumeHandle)) errs.push(fieldErr.required('spec.csi.volumeHandle'));
    }
  }
  if (n === 0) errs.push(fieldErr.required('spec', 'must specify a volume type'));
  if (str(spec.storageClassName)) errs.push(...dns1123SubdomainErrs('spec.storageClassName', str(spec.storageClassName)));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(str(spec.volumeMode))) {
    errs.push(fieldErr.notSupported('spec.volumeMode', str(spec.volumeMode), VOLUME_MODES));
  }
  return errs;
}

export function validatePersistentVolumeUpdate(pv: Any, old: Any): Errs {
  const errs = validateObjectMetaUpdate(pv.metadata, old.metadata);
  errs.push(...validatePersistentVolume(pv));
  const src = (s: Any) => Object.fromEntries(PV_SOURCES.filter((k) => s?.[k] !== undefined).map((k) => [k, s[k]]));
  const a = src(old.spec);
  const b = src(pv.spec);
  if (!deepEqual(a, b)) {
    errs.push(
      fieldErr.forbidden(
        'spec.persistentvolumesource',
        `spec.persistentvolumesource is immutable after creation\n${cmpDiff(a, b, 'core.PersistentVolumeSource')}`,
      ),
    );
  }
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (old.spec?.volumeMode ?? 'Filesystem')) {
    errs.push(fieldErr.invalid('volumeMode', pv.spec?.volumeMode ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  return errs;
}

export function validatePersistentVolumeClaim(pvc: Any): Errs {
  const errs = validateObjectMeta(pvc.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validatePVCSpec(pvc.spec, 'spec'));
  return errs;
}

export function validatePVCSpec(spec0: Any, fld: string): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  if (arr(spec.accessModes).length === 0) errs.push(fieldErr.required(child(fld, 'accessModes'), 'at least 1 access mode is required'));
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, child(fld, 'selector')));
  errs.push(...validateAccessModes(spec.accessModes, child(fld, 'accessModes'), undefined));
  const sp = key(child(fld, 'resources'), 'storage');
  const storage = spec.resources?.requests?.storage;
  const q = storage === undefined ? null : tryParseQuantity(storage);
  if (storage === undefined) errs.push(fieldErr.required(sp));
  else if (q && q.sign() <= 0) errs.push(fieldErr.invalid(sp, q.toString(), 'must be greater than zero'));
  else if (q) errs.push(...validateResourceQuantityValue('storage', q, sp));
  if (typeof spec.storageClassName === 'string' && spec.storageClassName) {
    errs.push(...dns1123SubdomainErrs(child(fld, 'storageClassName'), spec.storageClassName));
  }
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(str(spec.volumeMode))) {
    errs.push(fieldErr.notSupported(child(fld, 'volumeMode'), str(spec.volumeMode), VOLUME_MODES));
  }
  return errs;
}

const PVC_IMMUTABLE =
  'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

export function validatePersistentVolumeClaimUpdate(pvc: Any, old: Any): Errs {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata);
  errs.push(...validatePersistentVolumeClaim(pvc));
  const n = JSON.parse(JSON.stringify(pvc.spec ?? {}));
  const o = JSON.parse(JSON.stringify(old.spec ?? {}));
  if (!str(o.volumeName)) o.volumeName = n.volumeName;
  const ann = 'volume.beta.kubernetes.io/storage-class';
  const oldAnn = old.metadata?.annotations?.[ann];
  const newAnn = pvc.metadata?.annotations?.[ann];
  if (oldAnn !== undefined && o.storageClassName === undefined && n.storageClassName === oldAnn && (newAnn === undefined || newAnn === oldAnn)) {
    n.storageClassName = undefined;
  } else {
    if ((newAnn ?? '') !== (oldAnn ?? '')) errs.push(fieldErr.invalid(`metadata.annotations.${ann}`, str(newAnn), FIELD_IMMUTABLE_ERROR_MSG));
    if (n.storageClassName !== undefined && o.storageClassName === undefined && (oldAnn === undefined || n.storageClassName === oldAnn)) {
      n.storageClassName = o.storageClassName;
    }
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && isObj(n.resources?.requests)) n.resources.requests.storage = o.resources?.requests?.storage;
  if (!deepEqual(n, o)) {
    errs.push(fieldErr.forbidden('spec', `${PVC_IMMUTABLE}\n${cmpDiff(o, n, 'core.PersistentVolumeClaimSpec')}`));
  }
  // RecoverVolumeExpansionFailure is beta (on) in 1.32: shrinking is allowed down to status.capacity
  const newSize = tryParseQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = tryParseQuantity(old.spec?.resources?.requests?.storage);
  const statusSize = tryParseQuantity(old.status?.capacity?.storage);
  if (newSize && oldSize && newSize.cmp(oldSize) < 0) {
    if (!statusSize || newSize.cmp(statusSize) <= 0) {
      errs.push(fieldErr.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
  }
  if ((pvc.spec?.volumeMode ?? 'Filesystem') !== (old.spec?.volumeMode ?? 'Filesystem')) {
    errs.push(fieldErr.invalid('volumeMode', pvc.spec?.volumeMode ?? null, FIELD_IMMUTABLE_ERROR_MSG));
  }
  return errs;
}

// ---------------------------------------------------------------- ReplicationController / PodTemplate

export function validateReplicationController(rc: Any, old: Any | null): Errs {
  const errs = old
    ? validateObjectMetaUpdate(rc.metadata, old.metadata)
    : validateObjectMeta(rc.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const spec = rc.spec ?? {};
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  const selector = isObj(spec.selector) ? spec.selector : {};
  const sel = fromMap(selector);
  if (Object.keys(selector).length === 0) errs.push(fieldErr.required('spec.selector'));
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  if (!isObj(spec.template)) errs.push(fieldErr.required('spec.template'));
  else {
    const tpl = spec.template;
    if (Object.keys(selector).length > 0 && !sel.matches(tpl.metadata?.labels ?? {})) {
      errs.push(
        fieldErr.invalid('spec.template.metadata.labels', raw(goStringMapOrNil(tpl.metadata?.labels)), '`selector` does not match template `labels`'),
      );
    }
    errs.push(...validatePodTemplateSpec(tpl, 'spec.template'));
    const rp = tpl.spec?.restartPolicy ?? 'Always';
    if (rp !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', str(rp), ['Always']));
    if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec?.activeDeadlineSeconds !== null) {
      errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
    }
  }
  return errs;
}

export function goStringMapOrNil(m: unknown): string {
  return isObj(m) ? goStringMap(m as Record<string, string>) : 'map[string]string(nil)';
}

export function validatePodTemplate(pt: Any, old: Any | null): Errs {
  const errs = old
    ? validateObjectMetaUpdate(pt.metadata, old.metadata)
    : validateObjectMeta(pt.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validatePodTemplateSpec(pt.template, 'template'));
  return errs;
}

export { goIntOrString, IS_NEGATIVE_ERROR_MSG, isNativeResource };
