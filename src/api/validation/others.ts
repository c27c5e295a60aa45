// Ingress / IngressClass / NetworkPolicy (networking.k8s.io), HorizontalPodAutoscaler (autoscaling/v2),
// RBAC, PodDisruptionBudget (policy/v1), PriorityClass, StorageClass — basics after the corresponding
// pkg/apis/*/validation packages.
import { fieldErr } from '../errors';
import { tryParseQuantity } from '../quantity';
import { validatePositiveIntOrPercent, isNotMoreThan100Percent } from './apps';
import { goPtr, goStringSlice } from './godump';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { validateResourceName } from './pod';
import {
  type Any,
  type Errs,
  arr,
  dns1123LabelErrs,
  dns1123SubdomainErrs,
  isDNS1123Subdomain,
  isDomainPrefixedPath,
  isObj,
  isValidCIDR,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
  parseIP,
  pathSegmentName,
  qualifiedNameErrs,
  raw,
  str,
} from './util';

// ---------------------------------------------------------------- Ingress

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

function validateIngressBackend(b: Any, fld: string): Errs {
  const errs: Errs = [];
  const hasRes = isObj(b?.resource);
  const hasSvc = isObj(b?.service);
  if (hasRes && hasSvc) return [fieldErr.invalid(fld, '', 'cannot set both resource and service backends')];
  if (hasRes) {
    const r = b.resource;
    if (typeof r.apiGroup === 'string') errs.push(...dns1123SubdomainErrs(`${fld}.resource.apiGroup`, r.apiGroup));
    if (!str(r.kind)) errs.push(fieldErr.required(`${fld}.resource.kind`, 'kind is required'));
    else for (const m of pathSegmentName(str(r.kind), false)) errs.push(fieldErr.invalid(`${fld}.resource.kind`, str(r.kind), m));
    if (!str(r.name)) errs.push(fieldErr.required(`${fld}.resource.name`, 'name is required'));
    else for (const m of pathSegmentName(str(r.name), false)) errs.push(fieldErr.invalid(`${fld}.resource.name`, str(r.name), m));
    return errs;
  }
  if (hasSvc) {
    const s = b.service;
    const name = str(s.name);
    if (!name) errs.push(fieldErr.required(`${fld}.service.name`));
    else for (const m of nameIsDNS1035Label(name, false)) errs.push(fieldErr.invalid(`${fld}.service.name`, name, m));
    const pname = str(s.port?.name);
    const pnum = typeof s.port?.number === 'number' ? s.port.number : 0;
    if (pname && pnum) errs.push(fieldErr.invalid(fld, '', 'cannot set both port name & port number'));
    else if (pname) for (const m of isValidPortName(pname)) errs.push(fieldErr.invalid(`${fld}.service.port.name`, pname, m));
    else if (pnum) for (const m of isValidPortNum(pnum)) errs.push(fieldErr.invalid(`${fld}.service.port.number`, pnum, m));
    else errs.push(fieldErr.required(fld, 'port name or number is required'));
    return errs;
  }
  return [fieldErr.invalid(fld, '', 'resource or service backend is required')];
}

function validateHTTPIngressPath(p: Any, fld: string): Errs {
  const errs: Errs = [];
  if (p?.pathType === undefined || p?.pathType === null) return [fieldErr.required(`${fld}.pathType`, 'pathType must be specified')];
  const path = str(p.path);
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) errs.push(fieldErr.invalid(`${fld}.path`, path, 'must be an absolute path'));
      if (path.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) errs.push(fieldErr.invalid(`${fld}.path`, path, `must not contain '${seq}'`));
        for (const suf of INVALID_PATH_SUFFIXES) if (path.endsWith(suf)) errs.push(fieldErr.invalid(`${fld}.path`, path, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (path.length > 0 && !path.startsWith('/')) errs.push(fieldErr.invalid(`${fld}.path`, path, 'must be an absolute path'));
      break;
    default:
      errs.push(fieldErr.notSupported(`${fld}.pathType`, str(p.pathType), PATH_TYPES));
  }
  errs.push(...validateIngressBackend(p.backend, `${fld}.backend`));
  return errs;
}

function validateIngressSpec(spec0: Any): Errs {
  const spec = spec0 ?? {};
  const errs: Errs = [];
  const rules = arr<Any>(spec.rules);
  if (rules.length === 0 && !isObj(spec.defaultBackend)) {
    errs.push(fieldErr.invalid('spec', raw(rules.length ? '[]networking.IngressRule{...}' : '[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isObj(spec.defaultBackend)) errs.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const rp = `spec.rules[${i}]`;
    const host = str(r?.host);
    if (host) {
      if (parseIP(host)) errs.push(fieldErr.invalid(`${rp}.host`, host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) for (const m of isWildcardDNS1123Subdomain(host)) errs.push(fieldErr.invalid(`${rp}.host`, host, m));
      else for (const m of isDNS1123Subdomain(host)) errs.push(fieldErr.invalid(`${rp}.host`, host, m));
    }
    if (isObj(r?.http)) {
      const paths = arr<Any>(r.http.paths);
      if (paths.length === 0) errs.push(fieldErr.required(`${rp}.http.paths`));
      paths.forEach((p, j) => errs.push(...validateHTTPIngressPath(p, `${rp}.http.paths[${j}]`)));
    }
  });
  arr<Any>(spec.tls).forEach((t, i) => {
    arr<string>(t?.hosts).forEach((h, j) => {
      const host = str(h);
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(fieldErr.invalid(`spec.tls[${i}].hosts[${j}]`, host, m));
    });
    const sn = str(t?.secretName);
    if (sn) for (const m of nameIsDNSSubdomain(sn, false)) errs.push(fieldErr.invalid(`spec.tls[${i}].secretName`, sn, m));
  });
  if (typeof spec.ingressClassName === 'string') {
    for (const m of nameIsDNSSubdomain(spec.ingressClassName, false)) errs.push(fieldErr.invalid('spec.ingressClassName', spec.ingressClassName, m));
  }
  return errs;
}

export function validateIngress(ing: Any, old: Any | null): Errs {
  const errs = old ? validateObjectMetaUpdate(ing.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(ing.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }));
  errs.push(...validateIngressSpec(ing.spec));
  if (!old) {
    const ann = ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
    if (ann !== undefined && typeof ing.spec?.ingressClassName === 'string' && ann !== ing.spec.ingressClassName) {
      errs.push(fieldErr.invalid('annotations.kubernetes.io/ingress.class', str(ann), 'must match `ingressClassName` when both are specified'));
    }
  }
  return errs;
}

export function validateIngressClass(ic: Any, old: Any | null): Errs {
  const errs = old ? validateObjectMetaUpdate(ic.metadata, old.metadata) : [];
  if (old && str(ic.spec?.controller) !== str(old.spec?.controller)) {
    errs.push(fieldErr.invalid('spec.controller', str(ic.spec?.controller), 'field is immutable'));
  }
  errs.push(...validateObjectMeta(ic.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain }));
  const c = str(ic.spec?.controller);
  if (c.length > 250) errs.push(fieldErr.tooLong('spec.controller', 'may not be more than 250 bytes'));
  errs.push(...isDomainPrefixedPath('spec.controller', c));
  return errs;
}

export function validateNetworkPolicy(np: Any, old: Any | null): Errs {
  const errs = old ? validateObjectMetaUpdate(np.metadata, old.metadata) : validateObjectMeta(np.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const spec = np.spec ?? {};
  errs.push(...validateLabelSelector(spec.podSelector, 'spec.podSelector'));
  const checkPorts = (ports: unknown, p: string) =>
    arr<Any>(ports).forEach((port, i) => {
      const pp = `${p}[${i}]`;
      if (port?.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(str(port.protocol))) {
        errs.push(fieldErr.notSupported(`${pp}.protocol`, str(port.protocol), ['TCP', 'UDP', 'SCTP']));
      }
      if (port?.port !== undefined && port?.port !== null) {
        if (typeof port.port === 'number') for (const m of isValidPortNum(port.port)) errs.push(fieldErr.invalid(`${pp}.port`, port.port, m));
        else for (const m of isValidPortName(str(port.port))) errs.push(fieldErr.invalid(`${pp}.port`, str(port.port), m));
      }
    });
  const checkPeers = (peers: unknown, p: string) =>
    arr<Any>(peers).forEach((peer, i) => {
      const pp = `${p}[${i}]`;
      let n = 0;
      if (isObj(peer?.podSelector)) {
        n++;
        errs.push(...validateLabelSelector(peer.podSelector, `${pp}.podSelector`));
      }
      if (isObj(peer?.namespaceSelector)) {
        n++;
        errs.push(...validateLabelSelector(peer.namespaceSelector, `${pp}.namespaceSelector`));
      }
      if (isObj(peer?.ipBlock)) {
        n++;
        if (!str(peer.ipBlock.cidr)) errs.push(fieldErr.required(`${pp}.ipBlock.cidr`));
        else errs.push(...isValidCIDR(`${pp}.ipBlock.cidr`, str(peer.ipBlock.cidr)));
      }
      if (n === 0) errs.push(fieldErr.required(pp, 'must specify a peer'));
      else if (n > 1 && isObj(peer?.ipBlock)) errs.push(fieldErr.forbidden(pp, 'may not specify both ipBlock and another peer'));
    });
  arr<Any>(spec.ingress).forEach((r, i) => {
    checkPorts(r?.ports, `spec.ingress[${i}].ports`);
    checkPeers(r?.from, `spec.ingress[${i}].from`);
  });
  arr<Any>(spec.egress).forEach((r, i) => {
    checkPorts(r?.ports, `spec.egress[${i}].ports`);
    checkPeers(r?.to, `spec.egress[${i}].to`);
  });
  const types = arr<string>(spec.policyTypes);
  if (types.length > 2) errs.push(fieldErr.invalid('spec.policyTypes', raw(goStringSlice(types, '[]networking.PolicyType')), 'may not specify more than two policyTypes'));
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(fieldErr.notSupported(`spec.policyTypes[${i}]`, str(t), ['Ingress', 'Egress']));
  });
  return errs;
}

// ---------------------------------------------------------------- HorizontalPodAutoscaler (v2)

function validateCrossVersionObjectReference(ref: Any, fld: string): Errs {
  const errs: Errs = [];
  for (const f of ['kind', 'name']) {
    const v = str(ref?.[f]);
    if (!v) errs.push(fieldErr.required(`${fld}.${f}`));
    else for (const m of pathSegmentName(v, false)) errs.push(fieldErr.invalid(`${fld}.${f}`, v, m));
  }
  return errs;
}

function validateMetricTarget(mt: Any, fld: string): Errs {
  const errs: Errs = [];
  const t = str(mt?.type);
  if (!t) errs.push(fieldErr.required(`${fld}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(t)) {
    errs.push(fieldErr.invalid(`${fld}.type`, t, 'must be either Utilization, Value, or AverageValue'));
  }
  for (const f of ['value', 'averageValue']) {
    if (mt?.[f] === undefined || mt?.[f] === null) continue;
    const q = tryParseQuantity(mt[f]);
    if (q && q.sign() !== 1) errs.push(fieldErr.invalid(`${fld}.${f}`, raw(`resource.Quantity{${JSON.stringify(q.toString())}}`), 'must be positive'));
  }
  if (typeof mt?.averageUtilization === 'number' && mt.averageUtilization < 1) {
    errs.push(fieldErr.invalid(`${fld}.averageUtilization`, mt.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(id: Any, fld: string): Errs {
  const n = str(id?.name);
  if (!n) return [fieldErr.required(`${fld}.name`, 'must specify a metric name')];
  return pathSegmentName(n, false).map((m) => fieldErr.invalid(`${fld}.name`, n, m));
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

function validateMetricSpec(ms: Any, fld: string): Errs {
  const errs: Errs = [];
  const type = str(ms?.type);
  if (!type) errs.push(fieldErr.required(`${fld}.type`, 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errs.push(fieldErr.notSupported(`${fld}.type`, type, METRIC_TYPES));
  const present: string[] = [];
  const order = ['object', 'external', 'pods', 'resource', 'containerResource'];
  for (const k of order) {
    const src = ms?.[k];
    if (!isObj(src)) continue;
    present.push(k);
    if (present.length !== 1) continue;
    const p = `${fld}.${k}`;
    switch (k) {
      case 'object':
        errs.push(...validateCrossVersionObjectReference(src.describedObject, `${p}.describedObject`));
        errs.push(...validateMetricIdentifier(src.metric, `${p}.metric`));
        errs.push(...validateMetricTarget(src.target, `${p}.target`));
        if (src.target?.value === undefined && src.target?.averageValue === undefined) {
          errs.push(fieldErr.required(`${p}.target.averageValue`, 'must set either a target value or averageValue'));
        }
        break;
      case 'external':
        errs.push(...validateMetricIdentifier(src.metric, `${p}.metric`));
        errs.push(...validateMetricTarget(src.target, `${p}.target`));
        if (src.target?.value === undefined && src.target?.averageValue === undefined) {
          errs.push(fieldErr.required(`${p}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
        }
        if (src.target?.value !== undefined && src.target?.averageValue !== undefined) {
          errs.push(fieldErr.forbidden(`${p}.target.value`, 'may not set both a target value for metric and a per-pod target'));
        }
        break;
      case 'pods':
        errs.push(...validateMetricIdentifier(src.metric, `${p}.metric`));
        errs.push(...validateMetricTarget(src.target, `${p}.target`));
        if (src.target?.averageValue === undefined) errs.push(fieldErr.required(`${p}.target.averageValue`, 'must specify a positive target averageValue'));
        break;
      case 'resource':
      case 'containerResource':
        if (!str(src.name)) errs.push(fieldErr.required(`${p}.name`, 'must specify a resource name'));
        else if (k === 'containerResource') errs.push(...validateResourceName(str(src.name), `${p}.name`));
        if (k === 'containerResource') {
          if (!str(src.container)) errs.push(fieldErr.required(`${p}.container`, 'must specify a container'));
          else errs.push(...dns1123LabelErrs(`${p}.container`, str(src.container)));
        }
        errs.push(...validateMetricTarget(src.target, `${p}.target`));
        if (src.target?.averageUtilization === undefined && src.target?.averageValue === undefined) {
          errs.push(fieldErr.required(`${p}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
        }
        if (src.target?.averageUtilization !== undefined && src.target?.averageValue !== undefined) {
          errs.push(fieldErr.forbidden(`${p}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
        }
        break;
    }
  }
  const expected: Record<string, string> = {
    Object: 'object',
    Pods: 'pods',
    Resource: 'resource',
    External: 'external',
    ContainerResource: 'containerResource',
  };
  const exp = expected[type];
  if (exp) {
    if (!isObj(ms?.[exp])) errs.push(fieldErr.required(`${fld}.${exp}`, 'must populate information for the given metric source'));
  } else errs.push(fieldErr.notSupported(`${fld}.type`, type, METRIC_TYPES));
  if (present.length !== 1) {
    for (const k of present.filter((x) => x !== exp).sort()) errs.push(fieldErr.forbidden(`${fld}.${k}`, 'must populate the given metric source only'));
  }
  return errs;
}

function validateScalingRules(r: Any, fld: string): Errs {
  if (!isObj(r)) return [];
  const errs: Errs = [];
  const sw = r.stabilizationWindowSeconds;
  if (typeof sw === 'number' && sw < 0) errs.push(fieldErr.invalid(`${fld}.stabilizationWindowSeconds`, sw, 'must be greater than or equal to zero'));
  if (typeof sw === 'number' && sw > 3600) errs.push(fieldErr.invalid(`${fld}.stabilizationWindowSeconds`, sw, 'must be less than or equal to 3600'));
  if (r.selectPolicy !== undefined && !['Disabled', 'Max', 'Min'].includes(str(r.selectPolicy))) {
    errs.push(fieldErr.notSupported(`${fld}.selectPolicy`, str(r.selectPolicy), ['Disabled', 'Max', 'Min']));
  }
  const pols = arr<Any>(r.policies);
  if (pols.length === 0) errs.push(fieldErr.required(`${fld}.policies`, 'must specify at least one Policy'));
  pols.forEach((p, i) => {
    const pp = `${fld}.policies[${i}]`;
    if (p?.type !== 'Pods' && p?.type !== 'Percent') errs.push(fieldErr.notSupported(`${pp}.type`, str(p?.type), ['Percent', 'Pods']));
    const v = typeof p?.value === 'number' ? p.value : 0;
    if (v <= 0) errs.push(fieldErr.invalid(`${pp}.value`, v, 'must be greater than zero'));
    const ps = typeof p?.periodSeconds === 'number' ? p.periodSeconds : 0;
    if (ps <= 0) errs.push(fieldErr.invalid(`${pp}.periodSeconds`, ps, 'must be greater than zero'));
    if (ps > 1800) errs.push(fieldErr.invalid(`${pp}.periodSeconds`, ps, 'must be less than or equal to 1800'));
  });
  return errs;
}

export function validateHPA(hpa: Any, old: Any | null): Errs {
  const errs = old ? validateObjectMetaUpdate(hpa.metadata, old.metadata) : validateObjectMeta(hpa.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  const spec = hpa.spec ?? {};
  // HPAScaleToZero is alpha (off) in 1.32: minReplicas ≥ 1 unless the object already had 0
  const lower = old && old.spec?.minReplicas === 0 ? 0 : 1;
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < lower) {
    errs.push(fieldErr.invalid('spec.minReplicas', spec.minReplicas, `must be greater than or equal to ${lower}`));
  }
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (max < 1) errs.push(fieldErr.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (typeof spec.minReplicas === 'number' && max < spec.minReplicas) {
    errs.push(fieldErr.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  }
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  const metrics = arr<Any>(spec.metrics);
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, `spec.metrics[${i}]`)));
  if (spec.minReplicas === 0 && !metrics.some((m) => m?.type === 'Object' || m?.type === 'External')) {
    errs.push(fieldErr.forbidden('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (isObj(spec.behavior)) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}

// ---------------------------------------------------------------- RBAC

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: Any, namespaced: boolean, fld: string): Errs {
  const errs: Errs = [];
  if (arr(rule?.verbs).length === 0) errs.push(fieldErr.required(`${fld}.verbs`, 'verbs must contain at least one value'));
  const urls = arr<string>(rule?.nonResourceURLs);
  if (urls.length > 0) {
    const v = raw(goStringSlice(urls));
    if (namespaced) errs.push(fieldErr.invalid(`${fld}.nonResourceURLs`, v, 'namespaced rules cannot apply to non-resource URLs'));
    if (arr(rule?.apiGroups).length || arr(rule?.resources).length || arr(rule?.resourceNames).length) {
      errs.push(fieldErr.invalid(`${fld}.nonResourceURLs`, v, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (arr(rule?.apiGroups).length === 0) errs.push(fieldErr.required(`${fld}.apiGroups`, 'resource rules must supply at least one api group'));
  if (arr(rule?.resources).length === 0) errs.push(fieldErr.required(`${fld}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRole(role: Any, old: Any | null, cluster: boolean): Errs {
  const errs = validateObjectMeta(role.metadata, { namespaced: !cluster, nameFn: pathSegmentName });
  arr<Any>(role.rules).forEach((r, i) => errs.push(...validatePolicyRule(r, !cluster, `rules[${i}]`)));
  if (cluster && isObj(role.aggregationRule)) {
    const sels = arr<Any>(role.aggregationRule.clusterRoleSelectors);
    if (sels.length === 0) {
      errs.push(fieldErr.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    sels.forEach((s, i) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  if (old) errs.push(...validateObjectMetaUpdate(role.metadata, old.metadata));
  return errs;
}

function goRoleRef(r: Any): string {
  return `rbac.RoleRef{APIGroup:${JSON.stringify(str(r?.apiGroup))}, Kind:${JSON.stringify(str(r?.kind))}, Name:${JSON.stringify(str(r?.name))}}`;
}

export function validateRoleBinding(rb: Any, old: Any | null, cluster: boolean): Errs {
  const errs = validateObjectMeta(rb.metadata, { namespaced: !cluster, nameFn: pathSegmentName });
  const ref = rb.roleRef ?? {};
  if (str(ref.apiGroup) !== RBAC_GROUP) errs.push(fieldErr.notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC_GROUP]));
  const kinds = cluster ? ['ClusterRole'] : ['Role', 'ClusterRole'];
  if (!kinds.includes(str(ref.kind))) errs.push(fieldErr.notSupported('roleRef.kind', str(ref.kind), kinds));
  if (!str(ref.name)) errs.push(fieldErr.required('roleRef.name'));
  else for (const m of pathSegmentName(str(ref.name), false)) errs.push(fieldErr.invalid('roleRef.name', str(ref.name), m));
  arr<Any>(rb.subjects).forEach((s, i) => {
    const p = `subjects[${i}]`;
    const name = str(s?.name);
    if (!name) errs.push(fieldErr.required(`${p}.name`));
    switch (s?.kind) {
      case 'ServiceAccount':
        if (name) for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldErr.invalid(`${p}.name`, name, m));
        if (str(s.apiGroup)) errs.push(fieldErr.notSupported(`${p}.apiGroup`, str(s.apiGroup), ['']));
        if (cluster && !str(s.namespace)) errs.push(fieldErr.required(`${p}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (str(s.apiGroup) !== RBAC_GROUP) errs.push(fieldErr.notSupported(`${p}.apiGroup`, str(s.apiGroup), [RBAC_GROUP]));
        break;
      default:
        errs.push(fieldErr.notSupported(`${p}.kind`, str(s?.kind), ['ServiceAccount', 'User', 'Group']));
    }
  });
  if (old) {
    errs.push(...validateObjectMetaUpdate(rb.metadata, old.metadata));
    const o = old.roleRef ?? {};
    if (str(o.apiGroup) !== str(ref.apiGroup) || str(o.kind) !== str(ref.kind) || str(o.name) !== str(ref.name)) {
      errs.push(fieldErr.invalid('roleRef', raw(goRoleRef(ref)), 'cannot change roleRef'));
    }
  }
  return errs;
}

// ---------------------------------------------------------------- PodDisruptionBudget

export function validatePDB(pdb: Any, old: Any | null): Errs {
  // policy validation checks only the spec; names get the generic path-segment check
  // (rest.BeforeCreate's ValidateObjectMetaAccessor with path.ValidatePathSegmentName).
  const errs: Errs = [];
  if (old) errs.push(...validateObjectMetaUpdate(pdb.metadata, old.metadata));
  const spec = pdb.spec ?? {};
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) {
    const sel = isObj(spec.selector) ? '(*v1.LabelSelector)(0xc000a1e2f0)' : '(*v1.LabelSelector)(nil)';
    errs.push(
      fieldErr.invalid(
        'spec',
        raw(
          `policy.PodDisruptionBudgetSpec{MinAvailable:${goPtr('intstr.IntOrString', spec.minAvailable)}, Selector:${sel}, MaxUnavailable:${goPtr('intstr.IntOrString', spec.maxUnavailable)}, UnhealthyPodEvictionPolicy:${goPtr('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy)}}`,
        ),
        'minAvailable and maxUnavailable cannot be both set',
      ),
    );
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!has(spec[f])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], `spec.${f}`));
    errs.push(...isNotMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  if (has(spec.unhealthyPodEvictionPolicy) && !['AlwaysAllow', 'IfHealthyBudget'].includes(str(spec.unhealthyPodEvictionPolicy))) {
    errs.push(fieldErr.notSupported('spec.unhealthyPodEvictionPolicy', str(spec.unhealthyPodEvictionPolicy), ['AlwaysAllow', 'IfHealthyBudget']));
  }
  if (!old && errs.length === 0) errs.push(...validateObjectMeta(pdb.metadata, { namespaced: true, nameFn: pathSegmentName }));
  return errs;
}

// ---------------------------------------------------------------- cluster-scoped odds and ends

export function validatePriorityClass(pc: Any, old: Any | null): Errs {
  return old ? validateObjectMetaUpdate(pc.metadata, old.metadata) : validateObjectMeta(pc.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain });
}

export function validateStorageClass(sc: Any, old: Any | null): Errs {
  const errs = old ? validateObjectMetaUpdate(sc.metadata, old.metadata) : validateObjectMeta(sc.metadata, { namespaced: false, nameFn: nameIsDNSSubdomain });
  if (!str(sc.provisioner)) errs.push(fieldErr.required('provisioner'));
  if (sc.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(str(sc.reclaimPolicy))) {
    errs.push(fieldErr.notSupported('reclaimPolicy', str(sc.reclaimPolicy), ['Delete', 'Retain']));
  }
  if (sc.volumeBindingMode !== undefined && !['Immediate', 'WaitForFirstConsumer'].includes(str(sc.volumeBindingMode))) {
    errs.push(fieldErr.notSupported('volumeBindingMode', str(sc.volumeBindingMode), ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}
