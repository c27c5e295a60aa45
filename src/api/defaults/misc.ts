// The remaining groups' defaulters (1.32): networking, discovery, rbac, scheduling, storage,
// coordination, events, admissionregistration, flowcontrol, apiextensions, apiregistration,
// certificates.
import { canonicalQuantity, canonicalResourceList } from './quantity';
import { type J, ensure, isNil, isObj, items, obj, setEmpty, setNil } from './util';

/** SetDefaults_NetworkPolicy (policyTypes) + SetDefaults_NetworkPolicyPort (protocol TCP). */
export function defaultNetworkPolicy(np: J): void {
  const spec = obj(np, 'spec');
  obj(spec, 'podSelector'); // a LabelSelector value, always serialized
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) spec.policyTypes.push('Egress');
  }
  for (const rule of [...items(spec.ingress), ...items(spec.egress)]) {
    for (const p of items(rule.ports)) setNil(p, 'protocol', 'TCP');
  }
}

export function defaultIngress(ing: J): void {
  obj(obj(ing, 'status'), 'loadBalancer');
}

export function defaultIngressClass(ic: J): void {
  const spec = obj(ic, 'spec');
  if (isObj(spec.parameters)) setNil(spec.parameters, 'scope', 'Cluster');
}

/** discovery/v1 SetDefaults_EndpointPort (name "", protocol TCP); endpoints/ports have no omitempty. */
export function defaultEndpointSlice(es: J): void {
  ensure(es, 'endpoints', null);
  ensure(es, 'ports', null);
  for (const ep of items(es.endpoints)) obj(ep, 'conditions');
  for (const p of items(es.ports)) {
    setNil(p, 'name', '');
    setNil(p, 'protocol', 'TCP');
  }
}

function defaultSubjects(list: unknown): void {
  for (const s of items(list)) {
    if (isNil(s.apiGroup) || s.apiGroup === '') {
      if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = 'rbac.authorization.k8s.io';
      else if (s.kind === 'ServiceAccount') s.apiGroup = '';
    }
  }
}

/** SetDefaults_RoleBinding / _ClusterRoleBinding / _Subject. */
export function defaultRoleBinding(rb: J): void {
  setEmpty(obj(rb, 'roleRef'), 'apiGroup', 'rbac.authorization.k8s.io');
  defaultSubjects(rb.subjects);
}

/** Role.rules / ClusterRole.rules have no omitempty: `rules: null` when absent. */
export function defaultRole(role: J): void {
  ensure(role, 'rules', null);
}

export function defaultPriorityClass(pc: J): void {
  ensure(pc, 'value', 0);
  setNil(pc, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function defaultStorageClass(sc: J): void {
  setNil(sc, 'reclaimPolicy', 'Delete');
  setNil(sc, 'volumeBindingMode', 'Immediate');
}

/** SetDefaults_CSIDriver with 1.32's default feature gates. */
export function defaultCSIDriver(d: J): void {
  const spec = obj(d, 'spec');
  setNil(spec, 'attachRequired', true);
  setNil(spec, 'podInfoOnMount', false);
  setNil(spec, 'storageCapacity', false);
  setNil(spec, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
  if (!Array.isArray(spec.volumeLifecycleModes) || spec.volumeLifecycleModes.length === 0) {
    spec.volumeLifecycleModes = ['Persistent'];
  }
  setNil(spec, 'requiresRepublish', false);
  setNil(spec, 'seLinuxMount', false);
}

export function defaultLease(lease: J): void {
  obj(lease, 'spec');
}

/** RuntimeClass overhead and CSIStorageCapacity sizes are quantities: stored canonically. */
export function defaultRuntimeClass(rc: J): void {
  if (isObj(rc.overhead)) canonicalResourceList(rc.overhead.podFixed);
}

export function defaultCSIStorageCapacity(c: J): void {
  if (!isNil(c.capacity)) c.capacity = canonicalQuantity(c.capacity);
  if (!isNil(c.maximumVolumeSize)) c.maximumVolumeSize = canonicalQuantity(c.maximumVolumeSize);
}

/** VolumeAttachmentStatus.attached has no omitempty. */
export function defaultVolumeAttachment(va: J): void {
  obj(va, 'spec');
  ensure(obj(va, 'status'), 'attached', false);
}

/** CSINodeSpec.drivers has no omitempty. */
export function defaultCSINode(n: J): void {
  ensure(obj(n, 'spec'), 'drivers', null);
}

/** events.k8s.io/v1 Event: eventTime has no omitempty; the deprecated struct fields are always written. */
export function defaultEventsV1Event(ev: J): void {
  ensure(ev, 'eventTime', null);
  ensure(ev, 'deprecatedFirstTimestamp', null);
  ensure(ev, 'deprecatedLastTimestamp', null);
  obj(ev, 'deprecatedSource');
  obj(ev, 'regarding');
}

function defaultRules(list: unknown): void {
  for (const r of items(list)) setNil(r, 'scope', '*');
}

function defaultServiceRef(clientConfig: unknown): void {
  if (isObj(clientConfig) && isObj(clientConfig.service)) setNil(clientConfig.service, 'port', 443);
}

/** admissionregistration/v1 SetDefaults_ValidatingWebhook / _MutatingWebhook / _Rule / _ServiceReference. */
export function defaultWebhookConfiguration(cfg: J, mutating: boolean): void {
  for (const wh of items(cfg.webhooks)) {
    setNil(wh, 'failurePolicy', 'Fail');
    setNil(wh, 'matchPolicy', 'Equivalent');
    setNil(wh, 'namespaceSelector', {});
    setNil(wh, 'objectSelector', {});
    setNil(wh, 'timeoutSeconds', 10);
    if (mutating) setNil(wh, 'reinvocationPolicy', 'Never');
    defaultRules(wh.rules);
    defaultServiceRef(wh.clientConfig);
  }
}

function defaultMatchResources(m: unknown): void {
  if (!isObj(m)) return;
  setNil(m, 'matchPolicy', 'Equivalent');
  setNil(m, 'namespaceSelector', {});
  setNil(m, 'objectSelector', {});
  defaultRules(m.resourceRules);
  defaultRules(m.excludeResourceRules);
}

export function defaultValidatingAdmissionPolicy(p: J): void {
  const spec = obj(p, 'spec');
  setNil(spec, 'failurePolicy', 'Fail');
  defaultMatchResources(spec.matchConstraints);
  obj(p, 'status');
}

export function defaultValidatingAdmissionPolicyBinding(b: J): void {
  defaultMatchResources(obj(b, 'spec').matchResources);
}

/** flowcontrol/v1 defaults: matchingPrecedence 1000; shares 30 (exempt 0), lendablePercent 0, queuing 64/8/50. */
export function defaultFlowSchema(fs: J): void {
  const spec = obj(fs, 'spec');
  if (isNil(spec.matchingPrecedence) || spec.matchingPrecedence === 0) spec.matchingPrecedence = 1000;
  obj(fs, 'status');
}

export function defaultPriorityLevelConfiguration(plc: J): void {
  const spec = obj(plc, 'spec');
  if (isObj(spec.limited)) {
    setNil(spec.limited, 'nominalConcurrencyShares', 30);
    setNil(spec.limited, 'lendablePercent', 0);
    const lr = spec.limited.limitResponse;
    if (isObj(lr) && isObj(lr.queuing)) {
      const q = lr.queuing;
      if (isNil(q.handSize) || q.handSize === 0) q.handSize = 8;
      if (isNil(q.queues) || q.queues === 0) q.queues = 64;
      if (isNil(q.queueLengthLimit) || q.queueLengthLimit === 0) q.queueLengthLimit = 50;
    }
  }
  if (isObj(spec.exempt)) {
    setNil(spec.exempt, 'nominalConcurrencyShares', 0);
    setNil(spec.exempt, 'lendablePercent', 0);
  }
  obj(plc, 'status');
}

/** apiextensions/v1 SetDefaults_CustomResourceDefinition(+Spec) and the webhook service port. */
export function defaultCRD(crd: J): void {
  const spec = obj(crd, 'spec');
  const names = obj(spec, 'names');
  if ((isNil(names.singular) || names.singular === '') && typeof names.kind === 'string') {
    names.singular = names.kind.toLowerCase();
  }
  if ((isNil(names.listKind) || names.listKind === '') && typeof names.kind === 'string' && names.kind) {
    names.listKind = `${names.kind}List`;
  }
  setNil(spec, 'conversion', { strategy: 'None' });
  if (isObj(spec.conversion) && isObj(spec.conversion.webhook)) defaultServiceRef(spec.conversion.webhook.clientConfig);
  const status = obj(crd, 'status');
  if (!Array.isArray(status.storedVersions) || status.storedVersions.length === 0) {
    const storage = items(spec.versions).find((v) => v.storage === true);
    if (storage) status.storedVersions = [storage.name];
  }
}

export function defaultAPIService(svc: J): void {
  const spec = obj(svc, 'spec');
  if (isObj(spec.service)) setNil(spec.service, 'port', 443);
  ensure(spec, 'groupPriorityMinimum', 0);
  ensure(spec, 'versionPriority', 0);
  obj(svc, 'status');
}

export function defaultCSR(csr: J): void {
  obj(csr, 'status');
}
