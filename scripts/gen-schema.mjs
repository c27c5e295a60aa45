// Generates src/api/generated/schema.ts: a compact description of every object type reachable from
// the built-in kinds, read from the installed kubernetes-types .d.ts files with the TypeScript compiler
// API, plus the Go facts kubernetes-types loses (int32 vs int64, named Go types such as v1.PullPolicy,
// []byte fields) and the fields Kubernetes 1.31/1.32 added after kubernetes-types 1.30.
// src/api/schema.ts uses it for the API server's strict field validation.
//
// Usage: node scripts/gen-schema.mjs [--if-stale]
// (--if-stale: only regenerate when the output is missing or older than this script or
// kubernetes-types' package.json.)
//
// Encoding of a field type (one string):
//   s            string                 i32 i64 f64       Go int32 / int64 / float64
//   b            bool                   B                 []byte (base64 in JSON)
//   IOS          intstr.IntOrString     Q                 resource.Quantity
//   T  MT        metav1.Time / MicroTime
//   J            free-form JSON (runtime.RawExtension, apiextensions JSON, FieldsV1, …): not checked
//   @Id          object of type Id      [X  {X            array of X / map[string]X
//   Go=X         X under a named Go type (`v1.PullPolicy=s`, `v1.ResourceList={Q`): reflect prints Go
// A struct's Go name (what reflect prints) is goPackage.goStructName. In the emitted module type ids
// become indexes (see compactSchema).
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ktRoot = join(root, 'node_modules', 'kubernetes-types');
const outFile = join(root, 'src', 'api', 'generated', 'schema.ts');

// ---------------------------------------------------------------------------------------------
// Go facts kubernetes-types loses. Looked up in kubernetes/api, apimachinery and
// apiextensions-apiserver v0.32.0 types.go. Keys are `Type.field` (Type as named by
// kubernetes-types; a `pkg/ver:` prefix picks one of several same-named types).
// Every number field not listed here is an int32 (the Kubernetes API conventions' default).
// ---------------------------------------------------------------------------------------------

/** Number fields whose Go type is not int32, by type. */
const INT64 = {
  ControllerRevision: 'revision',
  ObjectMeta: 'deletionGracePeriodSeconds generation',
  DeleteOptions: 'gracePeriodSeconds',
  Condition: 'observedGeneration',
  ValidatingAdmissionPolicyStatus: 'observedGeneration',
  DaemonSetStatus: 'observedGeneration',
  DeploymentStatus: 'observedGeneration',
  ReplicaSetStatus: 'observedGeneration',
  StatefulSetStatus: 'observedGeneration',
  ReplicationControllerStatus: 'observedGeneration',
  PodDisruptionBudgetStatus: 'observedGeneration',
  'autoscaling/v1:HorizontalPodAutoscalerStatus': 'observedGeneration',
  'autoscaling/v2:HorizontalPodAutoscalerStatus': 'observedGeneration',
  TokenRequestSpec: 'expirationSeconds',
  'storage/v1:TokenRequest': 'expirationSeconds',
  ServiceAccountTokenProjection: 'expirationSeconds',
  CronJobSpec: 'startingDeadlineSeconds',
  JobSpec: 'activeDeadlineSeconds',
  PodSpec: 'activeDeadlineSeconds terminationGracePeriodSeconds',
  Probe: 'terminationGracePeriodSeconds',
  PodSecurityContext: 'fsGroup runAsGroup runAsUser supplementalGroups',
  SecurityContext: 'runAsGroup runAsUser',
  Toleration: 'tolerationSeconds',
  ContainerImage: 'sizeBytes',
  SleepAction: 'seconds',
  JSONSchemaProps: 'maxItems maxLength maxProperties minItems minLength minProperties',
  LinuxContainerUser: 'uid gid supplementalGroups',
};
const FLOAT64 = { JSONSchemaProps: 'maximum minimum multipleOf' };

/** Fields that are []byte in Go (base64 strings in JSON), by type. */
const BYTES = {
  Secret: 'data',
  ConfigMap: 'binaryData',
  CertificateSigningRequestSpec: 'request',
  CertificateSigningRequestStatus: 'certificate',
  'admissionregistration/v1:WebhookClientConfig': 'caBundle',
  'apiextensions/v1:WebhookClientConfig': 'caBundle',
};

/**
 * Fields whose Go type is a named type (reflect prints it in type errors), grouped by Go type, for
 * the fields the rules in namedType() do not cover. `[]` marks a slice of the named type, `{}` a map
 * of it. Named composite types (v1.ResourceList …) are handled in namedType().
 */
const NAMED = {
  'v1.SecretType': 'Secret.type',
  'v1.AddressType': 'EndpointSlice.addressType',
  'v1.PreemptionPolicy': 'PriorityClass.preemptionPolicy PodSpec.preemptionPolicy',
  'v1.PersistentVolumeReclaimPolicy': 'StorageClass.reclaimPolicy PersistentVolumeSpec.persistentVolumeReclaimPolicy',
  'v1.VolumeBindingMode': 'StorageClass.volumeBindingMode',
  'v1.FailurePolicyType': 'MutatingWebhook.failurePolicy ValidatingWebhook.failurePolicy ValidatingAdmissionPolicySpec.failurePolicy',
  'v1.MatchPolicyType': 'MutatingWebhook.matchPolicy ValidatingWebhook.matchPolicy MatchResources.matchPolicy',
  'v1.ReinvocationPolicyType': 'MutatingWebhook.reinvocationPolicy',
  'v1.SideEffectClass': 'MutatingWebhook.sideEffects ValidatingWebhook.sideEffects',
  'v1.ValidationAction': '[]ValidatingAdmissionPolicyBindingSpec.validationActions',
  'v1.OperationType': '[]RuleWithOperations.operations []NamedRuleWithOperations.operations',
  'v1.ScopeType': 'RuleWithOperations.scope NamedRuleWithOperations.scope',
  'v1.ParameterNotFoundActionType': 'ParamRef.parameterNotFoundAction',
  'v1.StatusReason': 'Validation.reason',
  'v1.ResourceScope': 'CustomResourceDefinitionSpec.scope',
  'v1.ConversionStrategyType': 'CustomResourceConversion.strategy',
  'v1.JSONSchemaURL': 'JSONSchemaProps.$schema',
  'v1.FieldValueErrorReason': 'ValidationRule.reason',
  'v1.PodManagementPolicyType': 'StatefulSetSpec.podManagementPolicy',
  'v1.DaemonSetUpdateStrategyType': 'DaemonSetUpdateStrategy.type',
  'v1.DeploymentStrategyType': 'DeploymentStrategy.type',
  'v1.StatefulSetUpdateStrategyType': 'StatefulSetUpdateStrategy.type',
  'v1.PersistentVolumeClaimRetentionPolicyType':
    'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled',
  'v1.ConcurrencyPolicy': 'CronJobSpec.concurrencyPolicy',
  'v1.CompletionMode': 'JobSpec.completionMode',
  'v1.PodReplacementPolicy': 'JobSpec.podReplacementPolicy',
  'v1.PodFailurePolicyAction': 'PodFailurePolicyRule.action',
  'v1.PodFailurePolicyOnExitCodesOperator': 'PodFailurePolicyOnExitCodesRequirement.operator',
  'v1.KeyUsage': '[]CertificateSigningRequestSpec.usages',
  'v1.FinalizerName': '[]NamespaceSpec.finalizers',
  'v1.NamespacePhase': 'NamespaceStatus.phase',
  'v1.NodePhase': 'NodeStatus.phase',
  'v1.UniqueVolumeName': '[]NodeStatus.volumesInUse AttachedVolume.name',
  'v1.PersistentVolumeAccessMode':
    '[]PersistentVolumeSpec.accessModes []PersistentVolumeClaimSpec.accessModes []PersistentVolumeClaimStatus.accessModes',
  'v1.PersistentVolumeMode': 'PersistentVolumeSpec.volumeMode PersistentVolumeClaimSpec.volumeMode',
  'v1.PersistentVolumePhase': 'PersistentVolumeStatus.phase',
  'v1.PersistentVolumeClaimPhase': 'PersistentVolumeClaimStatus.phase',
  'v1.ClaimResourceStatus': '{}PersistentVolumeClaimStatus.allocatedResourceStatuses',
  'v1.PersistentVolumeClaimModifyVolumeStatus': 'ModifyVolumeStatus.status',
  'v1.DNSPolicy': 'PodSpec.dnsPolicy',
  'v1.RestartPolicy': 'PodSpec.restartPolicy',
  'v1.PodPhase': 'PodStatus.phase',
  'v1.PodQOSClass': 'PodStatus.qosClass',
  'v1.PodResizeStatus': 'PodStatus.resize',
  'v1.ResourceQuotaScope': '[]ResourceQuotaSpec.scopes ScopedResourceSelectorRequirement.scopeName',
  'v1.ScopeSelectorOperator': 'ScopedResourceSelectorRequirement.operator',
  'v1.ServiceExternalTrafficPolicy': 'ServiceSpec.externalTrafficPolicy',
  'v1.ServiceInternalTrafficPolicy': 'ServiceSpec.internalTrafficPolicy',
  'v1.IPFamily': '[]ServiceSpec.ipFamilies',
  'v1.IPFamilyPolicy': 'ServiceSpec.ipFamilyPolicy',
  'v1.ServiceAffinity': 'ServiceSpec.sessionAffinity',
  'v1.ServiceType': 'ServiceSpec.type',
  'v1.LoadBalancerIPMode': 'LoadBalancerIngress.ipMode',
  'v1.LimitType': 'LimitRangeItem.type',
  'v1.TaintEffect': 'Taint.effect Toleration.effect',
  'v1.TolerationOperator': 'Toleration.operator',
  'v1.NodeAddressType': 'NodeAddress.type',
  'v1.AzureDataDiskCachingMode': 'AzureDiskVolumeSource.cachingMode',
  'v1.AzureDataDiskKind': 'AzureDiskVolumeSource.kind',
  'v1.HostPathType': 'HostPathVolumeSource.type',
  'v1.StorageMedium': 'EmptyDirVolumeSource.medium',
  'v1.PullPolicy': 'Container.imagePullPolicy EphemeralContainer.imagePullPolicy ImageVolumeSource.pullPolicy',
  'v1.ContainerRestartPolicy': 'Container.restartPolicy EphemeralContainer.restartPolicy',
  'v1.TerminationMessagePolicy': 'Container.terminationMessagePolicy EphemeralContainer.terminationMessagePolicy',
  'v1.ResourceResizeRestartPolicy': 'ContainerResizePolicy.restartPolicy',
  'v1.ResourceName':
    'ContainerResizePolicy.resourceName ContainerResourceMetricSource.name ResourceMetricSource.name ContainerResourceMetricStatus.name ResourceMetricStatus.name ResourceStatus.name',
  'v1.ResourceID': 'ResourceHealth.resourceID',
  'v1.ResourceHealthStatus': 'ResourceHealth.health',
  'v1.OSName': 'PodOS.name',
  'v1.PodConditionType': 'PodReadinessGate.conditionType PodFailurePolicyOnPodConditionsPattern.type',
  'v1.ConditionStatus': 'PodFailurePolicyOnPodConditionsPattern.status',
  'v1.PodFSGroupChangePolicy': 'PodSecurityContext.fsGroupChangePolicy',
  'v1.SupplementalGroupsPolicy': 'PodSecurityContext.supplementalGroupsPolicy',
  'v1.PodSELinuxChangePolicy': 'PodSecurityContext.seLinuxChangePolicy',
  'v1.NodeInclusionPolicy': 'TopologySpreadConstraint.nodeAffinityPolicy TopologySpreadConstraint.nodeTaintsPolicy',
  'v1.UnsatisfiableConstraintAction': 'TopologySpreadConstraint.whenUnsatisfiable',
  'v1.ProcMountType': 'SecurityContext.procMount',
  'v1.MountPropagationMode': 'VolumeMount.mountPropagation',
  'v1.RecursiveReadOnlyMode': 'VolumeMount.recursiveReadOnly VolumeMountStatus.recursiveReadOnly',
  'v1.AppArmorProfileType': 'AppArmorProfile.type',
  'v1.SeccompProfileType': 'SeccompProfile.type',
  'v1.URIScheme': 'HTTPGetAction.scheme',
  'v1.Capability': '[]Capabilities.add []Capabilities.drop',
  'v1.NodeSelectorOperator': 'NodeSelectorRequirement.operator',
  'v1.LabelSelectorOperator': 'LabelSelectorRequirement.operator',
  'v1.FieldSelectorOperator': 'FieldSelectorRequirement.operator',
  'v1.ManagedFieldsOperationType': 'ManagedFieldsEntry.operation',
  'v1.DeletionPropagation': 'DeleteOptions.propagationPolicy',
  'v1.UnhealthyPodEvictionPolicyType': 'PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy',
  'v1.FSGroupPolicy': 'CSIDriverSpec.fsGroupPolicy',
  'v1.VolumeLifecycleMode': '[]CSIDriverSpec.volumeLifecycleModes',
  'v1.PolicyType': '[]NetworkPolicySpec.policyTypes',
  'v1.PathType': 'HTTPIngressPath.pathType',
  'v1.PriorityLevelEnablement': 'PriorityLevelConfigurationSpec.type',
  'v1.FlowDistinguisherMethodType': 'FlowDistinguisherMethod.type',
  'v1.LimitResponseType': 'LimitResponse.type',
  'v1.SubjectKind': 'flowcontrol/v1:Subject.kind',
  'v1.CoordinatedLeaseStrategy': 'LeaseSpec.strategy',
  'v1.RequestConditionType': 'CertificateSigningRequestCondition.type',
  'v2.MetricSourceType': 'MetricSpec.type MetricStatus.type',
  'v2.ScalingPolicySelect': 'HPAScalingRules.selectPolicy',
  'v2.HPAScalingPolicyType': 'HPAScalingPolicy.type',
  'v2.MetricTargetType': 'MetricTarget.type',
  'types.UID': '[]UncountedTerminatedPods.failed []UncountedTerminatedPods.succeeded',
};

/** Types kubernetes-types models as empty interfaces but that take any JSON. */
const FREE_FORM = new Set(['RawExtension', 'FieldsV1', 'JSON']);

/**
 * Rules covering the regular cases, checked against types.go: `protocol` is always a v1.Protocol;
 * `uid` of object references a types.UID; in a `<X>Condition` struct `status` is a v1.ConditionStatus
 * and `type` a `<pkg>.<X>ConditionType`; a map of Quantity is a v1.ResourceList.
 * Returns the Go type name or undefined.
 */
const UID_TYPES = new Set([
  'ObjectMeta', 'ObjectReference', 'OwnerReference', 'BoundObjectReference', 'Preconditions', 'ConfigMapNodeConfigSource',
]);
const PLAIN_CONDITION_TYPE = new Set(['Condition']);
function namedByRule(pkg, typeName, field, enc) {
  if (field === 'protocol' && enc === 's') return 'v1.Protocol';
  if (field === 'uid' && enc === 's' && UID_TYPES.has(typeName)) return 'types.UID';
  if (/Condition$/.test(typeName) && enc === 's') {
    if (field === 'status') return 'v1.ConditionStatus';
    if (field === 'type' && !PLAIN_CONDITION_TYPE.has(typeName)) return `${pkg}.${typeName}Type`;
  }
  if (enc === '{Q') return 'v1.ResourceList';
  return undefined;
}

/** Fields whose type is or holds a named composite Go type: the whole encoded type. */
const NAMED_COMPOSITES = {
  'SubjectAccessReviewSpec.extra': 'map[string]v1.ExtraValue={v1.ExtraValue=[s',
  'CertificateSigningRequestSpec.extra': 'map[string]v1.ExtraValue={v1.ExtraValue=[s',
  'UserInfo.extra': 'map[string]v1.ExtraValue={v1.ExtraValue=[s',
  'PersistentVolumeClaimStatus.allocatedResourceStatuses':
    'map[v1.ResourceName]v1.ClaimResourceStatus={v1.ClaimResourceStatus=s',
  'JSONSchemaProps.definitions': 'v1.JSONSchemaDefinitions={@JSONSchemaProps',
};

/**
 * Fields added by Kubernetes 1.31/1.32 (present in kubernetes/api v0.32.0 types.go, absent from
 * kubernetes-types 1.30), fields kubernetes-types 1.30 lacks although Go has them, and fields 1.32 no
 * longer has (null). `Type.field` → encoded type (before the Go facts above are applied).
 */
const SUPPLEMENT = {
  // core/v1
  'PodSpec.resources': '@ResourceRequirements', // 1.32 PodLevelResources (alpha; decoded regardless)
  'PodSecurityContext.supplementalGroupsPolicy': 's', // 1.31
  'PodSecurityContext.seLinuxChangePolicy': 's', // 1.32
  'Volume.image': '@ImageVolumeSource', // 1.31
  'ContainerStatus.user': '@ContainerUser', // 1.31
  'ContainerStatus.allocatedResourcesStatus': '[@ResourceStatus', // 1.31
  'NodeStatus.features': '@NodeFeatures', // 1.31
  'NodeRuntimeHandlerFeatures.userNamespaces': 'b', // 1.31
  'PodResourceClaim.resourceClaimName': 's', // 1.31 (replaces source)
  'PodResourceClaim.resourceClaimTemplateName': 's',
  'PodResourceClaim.source': null, // ClaimSource removed in 1.31
  'ResourceClaim.request': 's', // 1.32
  // coordination/v1
  'LeaseSpec.strategy': 's', // 1.31
  'LeaseSpec.preferredHolder': 's',
  // meta/v1
  'DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential': 'b', // 1.32
  // admissionregistration/v1
  'RuleWithOperations.resources': '[s', // Rule's inlined fields, missing from kubernetes-types
  'RuleWithOperations.scope': 's',
  'NamedRuleWithOperations.resources': '[s',
  'NamedRuleWithOperations.scope': 's',
  // authorization/v1
  'ResourceAttributes.fieldSelector': '@FieldSelectorAttributes', // 1.31
  'ResourceAttributes.labelSelector': '@LabelSelectorAttributes',
  'ResourceRule.verbs': '[s', // missing from kubernetes-types
  'ResourceRule.resources': '[s',
  // apiextensions/v1: kubernetes-types drops the x-kubernetes-* extensions
  'JSONSchemaProps.x-kubernetes-preserve-unknown-fields': 'b',
  'JSONSchemaProps.x-kubernetes-embedded-resource': 'b',
  'JSONSchemaProps.x-kubernetes-int-or-string': 'b',
  'JSONSchemaProps.x-kubernetes-list-map-keys': '[s',
  'JSONSchemaProps.x-kubernetes-list-type': 's',
  'JSONSchemaProps.x-kubernetes-map-type': 's',
  'JSONSchemaProps.x-kubernetes-validations': 'v1.ValidationRules=[@ValidationRule',
};

/** Types the supplement introduces: [module, name, {field: type}] (modules as in kubernetes-types). */
const NEW_TYPES = {
  NodeFeatures: ['core/v1', { supplementalGroupsPolicy: 'b' }],
  ImageVolumeSource: ['core/v1', { reference: 's', pullPolicy: 's' }],
  ContainerUser: ['core/v1', { linux: '@LinuxContainerUser' }],
  LinuxContainerUser: ['core/v1', { uid: 'i32', gid: 'i32', supplementalGroups: '[i32' }],
  ResourceStatus: ['core/v1', { name: 's', resources: '[@ResourceHealth' }],
  ResourceHealth: ['core/v1', { resourceID: 's', health: 's' }],
  FieldSelectorAttributes: ['authorization/v1', { rawSelector: 's', requirements: '[@FieldSelectorRequirement' }],
  LabelSelectorAttributes: ['authorization/v1', { rawSelector: 's', requirements: '[@LabelSelectorRequirement' }],
  FieldSelectorRequirement: ['meta/v1', { key: 's', operator: 's', values: '[s' }],
};

// ---------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);

/** Stable API versions only: alpha/beta versions are not served by default in 1.32. */
function dtsFiles() {
  const files = [];
  for (const group of readdirSync(ktRoot, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const f of readdirSync(join(ktRoot, group.name))) {
      if (!f.endsWith('.d.ts') || /alpha|beta/.test(f)) continue;
      files.push(`${group.name}/${f.slice(0, -5)}`);
    }
  }
  files.push('runtime');
  return files.sort();
}

/** Go package name reflect prints for a kubernetes-types module (`apps/v1` → `v1`). */
function goPackage(mod) {
  if (mod === 'runtime') return 'runtime';
  if (mod === 'api/resource') return 'resource';
  return mod.slice(mod.lastIndexOf('/') + 1);
}

/** Parses the .d.ts files into { mod: { interfaces: {Name: {field: TypeNode}}, aliases, imports } }. */
export function parseKubernetesTypes() {
  const ts = require('typescript');
  const mods = {};
  for (const mod of dtsFiles()) {
    const text = readFileSync(join(ktRoot, `${mod}.d.ts`), 'utf8');
    const sf = ts.createSourceFile(`${mod}.d.ts`, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const m = { interfaces: {}, aliases: {}, imports: {} };
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        const from = join(dirname(mod), st.moduleSpecifier.text).replace(/\\/g, '/');
        for (const el of st.importClause?.namedBindings?.elements ?? []) m.imports[el.name.text] = from;
      } else if (ts.isInterfaceDeclaration(st)) {
        const fields = {};
        for (const mem of st.members) {
          if (!ts.isPropertySignature(mem) || !mem.type) continue;
          fields[mem.name.text] = mem.type;
        }
        m.interfaces[st.name.text] = fields;
      } else if (ts.isTypeAliasDeclaration(st)) {
        m.aliases[st.name.text] = st.type;
      }
    }
    mods[mod] = m;
  }
  return { ts, mods };
}

/** Resolves the kubernetes-types model into the encoded schema. */
export function buildSchema() {
  const { ts, mods } = parseKubernetesTypes();
  const K = ts.SyntaxKind;

  // Type ids: the bare name when unique among the stable modules, else `mod:Name`.
  const owners = {};
  for (const [mod, m] of Object.entries(mods)) for (const n of Object.keys(m.interfaces)) (owners[n] ??= []).push(mod);
  const idOf = (mod, name) => (owners[name].length === 1 ? name : `${mod}:${name}`);

  const types = {};
  const pending = [];

  function refType(mod, name) {
    const m = mods[mod];
    if (!m) throw new Error(`gen-schema: unknown module ${mod}`);
    if (m.interfaces[name]) {
      if (FREE_FORM.has(name)) return 'J';
      const id = idOf(mod, name);
      if (!(id in types)) {
        types[id] = null;
        pending.push([id, mod, name]);
      }
      return `@${id}`;
    }
    const alias = m.aliases[name];
    if (alias) {
      if (name === 'Quantity') return 'Q';
      if (name === 'Time') return 'T';
      if (name === 'MicroTime') return 'MT';
      // apiextensions' JSONSchemaPropsOr{Array,Bool,StringArray}: custom unmarshalers decode them
      // with the non-strict decoder, so the strict walk must leave them alone.
      if (/^JSONSchemaPropsOr/.test(name)) return 'J';
      return encode(mod, alias);
    }
    if (m.imports[name]) return refType(m.imports[name], name);
    throw new Error(`gen-schema: cannot resolve ${name} in ${mod}`);
  }

  function encode(mod, node) {
    switch (node.kind) {
      case K.StringKeyword:
        return 's';
      case K.NumberKeyword:
        return 'i32';
      case K.BooleanKeyword:
        return 'b';
      case K.LiteralType:
        if (node.literal.kind === K.StringLiteral) return 's';
        break;
      case K.ArrayType:
        return `[${encode(mod, node.elementType)}`;
      case K.TypeReference: {
        const n = node.typeName.text;
        if (n === 'Array') return `[${encode(mod, node.typeArguments[0])}`;
        return refType(mod, n);
      }
      case K.TypeLiteral: {
        const idx = node.members.find((x) => x.kind === K.IndexSignature);
        if (idx && node.members.length === 1) return `{${encode(mod, idx.type)}`;
        break;
      }
      case K.UnionType: {
        const kinds = node.types.map((t) => t.kind).sort();
        if (kinds.length === 2 && kinds.includes(K.NumberKeyword) && kinds.includes(K.StringKeyword)) return 'IOS';
        break;
      }
    }
    throw new Error(`gen-schema: unsupported type node ${K[node.kind]} in ${mod}`);
  }

  // Top-level kinds: interfaces with literal apiVersion and kind and ObjectMeta metadata.
  const kinds = {};
  for (const [mod, m] of Object.entries(mods)) {
    if (mod === 'meta/v1') continue; // APIGroup, APIVersions …: discovery documents, not resources
    for (const [name, fields] of Object.entries(m.interfaces)) {
      const av = fields.apiVersion;
      const kd = fields.kind;
      if (!av || !kd || av.kind !== K.LiteralType || kd.kind !== K.LiteralType) continue;
      const meta = fields.metadata;
      if (meta && meta.kind === K.TypeReference && meta.typeName.text === 'ListMeta') continue;
      kinds[`${av.literal.text}/${kd.literal.text}`] = refType(mod, name).slice(1);
    }
  }

  // Tables keyed `Type.field` (Type = type id), expanded once; every entry must be used.
  const table = new Map();
  const put = (key, what, value) => {
    const e = table.get(key) ?? {};
    e[what] = value;
    table.set(key, e);
  };
  const perType = (obj, what) => {
    for (const [t, fields] of Object.entries(obj)) for (const f of fields.split(' ')) put(`${t}.${f}`, what, true);
  };
  perType(INT64, 'i64');
  perType(FLOAT64, 'f64');
  perType(BYTES, 'B');
  for (const [goName, keys] of Object.entries(NAMED)) for (const k of keys.split(' ')) put(k.replace(/^\[\]|^\{\}/, ''), 'named', goName);
  for (const [k, v] of Object.entries(NAMED_COMPOSITES)) put(k, 'composite', v);
  const supplement = new Map(Object.entries(SUPPLEMENT));
  const used = new Set();

  // Resolves `@Name` references in hand-written encodings.
  function resolveRefs(mod, enc) {
    return enc.replace(/@([\w]+)/g, (_, name) => {
      if (NEW_TYPES[name]) {
        const [nmod, fields] = NEW_TYPES[name];
        const id = owners[name] ? `${nmod}:${name}` : name;
        if (!(id in types)) {
          types[id] = null;
          pending.push([id, nmod, name, fields]);
        }
        return `@${id}`;
      }
      const m = mods[mod];
      if (m.interfaces[name] || m.imports[name]) return refType(mod, name);
      if (owners[name]?.length === 1) return refType(owners[name][0], name);
      throw new Error(`gen-schema: cannot resolve @${name} from ${mod}`);
    });
  }

  /** Replaces the innermost scalar of an encoding (`[i32` → `[i64`). */
  const inner = (enc, fn) => {
    const m = /^([[{]*)(.*)$/.exec(enc);
    return m[1] + fn(m[2]);
  };

  function applyFacts(id, pkg, name, field, enc) {
    const key = `${id}.${field}`;
    const facts = table.get(key);
    if (facts) used.add(key);
    if (facts?.composite) return resolveRefs(typeMods[id], facts.composite);
    if (facts?.i64) enc = inner(enc, (x) => (x === 'i32' ? 'i64' : fail(key, x)));
    if (facts?.f64) enc = inner(enc, (x) => (x === 'i32' ? 'f64' : fail(key, x)));
    if (facts?.B) enc = inner(enc, (x) => (x === 's' ? 'B' : fail(key, x)));
    const named = facts?.named ?? namedByRule(pkg, name, field, enc);
    if (named) {
      if (enc === '{Q') return `${named}=${enc}`;
      enc = inner(enc, (x) => (x === 's' ? `${named}=s` : fail(key, x)));
    }
    return enc;
  }
  function fail(key, x) {
    throw new Error(`gen-schema: fact for ${key} does not fit ${x}`);
  }

  const typeMods = {};
  while (pending.length) {
    const [id, mod, name, given] = pending.shift();
    typeMods[id] = mod;
    const fields = {};
    if (given) {
      for (const [f, enc] of Object.entries(given)) fields[f] = resolveRefs(mod, enc);
    } else {
      for (const [f, node] of Object.entries(mods[mod].interfaces[name])) {
        if (supplement.get(`${id}.${f}`) !== null) fields[f] = encode(mod, node);
      }
    }
    for (const [key, enc] of supplement) {
      if (!key.startsWith(`${id}.`)) continue;
      const f = key.slice(id.length + 1);
      used.add(`supplement:${key}`);
      if (enc === null) {
        if (!(f in mods[mod].interfaces[name])) throw new Error(`gen-schema: supplement removes unknown ${key}`);
      } else {
        if (f in fields) throw new Error(`gen-schema: supplement adds existing ${key}`);
        fields[f] = resolveRefs(mod, enc);
      }
    }
    const pkg = goPackage(mod);
    const sorted = {};
    for (const f of Object.keys(fields).sort()) sorted[f] = applyFacts(id, pkg, name, f, fields[f]);
    types[id] = [pkg, name, sorted, mod];
  }
  const unused = [
    ...[...table.keys()].filter((k) => !used.has(k)),
    ...[...supplement.keys()].filter((k) => !used.has(`supplement:${k}`)),
  ];
  if (unused.length) throw new Error(`gen-schema: unused Go facts (typo or unreachable type): ${unused.join(', ')}`);

  return { kinds, types };
}

// Allows the comparison tooling to import this module without running it.
function isMain() {
  return process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
}

export function isStale() {
  if (!existsSync(outFile)) return true;
  const out = statSync(outFile).mtimeMs;
  const inputs = [fileURLToPath(import.meta.url), join(ktRoot, 'package.json')];
  return inputs.some((f) => statSync(f).mtimeMs > out);
}

/**
 * The emitted form: `{ k: { "apps/v1/Deployment": 7, … }, t: [ "v1 Deployment apiVersion:s …", … ] }`;
 * each type is one string `goPackage goStructName field:type field:type …` and `@N` refers to t[N].
 */
export function compactSchema() {
  const { kinds, types } = buildSchema();
  const ids = Object.keys(types);
  const index = new Map(ids.map((id, i) => [id, i]));
  const ref = (enc) => enc.replace(/@([\w/:]+)/g, (_, id) => `@${index.get(id)}`);
  const t = ids.map((id) => {
    const [pkg, name, fields] = types[id];
    return [pkg, name, ...Object.entries(fields).map(([f, enc]) => `${f}:${ref(enc)}`)].join(' ');
  });
  const k = {};
  for (const gvk of Object.keys(kinds).sort()) k[gvk] = index.get(kinds[gvk]);
  return { k, t };
}

export function generate() {
  const compact = compactSchema();
  const json = JSON.stringify(compact);
  const literal = `'${json.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const src =
    '// GENERATED by scripts/gen-schema.mjs from kubernetes-types (+ Go facts of Kubernetes 1.32); do not edit.\n' +
    '// Parsed lazily by src/api/schema.ts; the encoding is described in the generator.\n' +
    `export const SCHEMA_JSON = ${literal};\n`;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, src);
  return { file: relative(root, outFile), bytes: src.length, types: compact.t.length, kinds: Object.keys(compact.k).length };
}

if (isMain()) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  const r = generate();
  console.log(`gen-schema: wrote ${r.file} (${r.kinds} kinds, ${r.types} types, ${r.bytes} bytes)`);
}
