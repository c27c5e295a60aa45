// Strategic-merge-patch metadata for the built-in kinds: the `patchStrategy` / `patchMergeKey` struct tags
// of kubernetes/api, apimachinery (meta/v1), apiextensions-apiserver and kube-aggregator at v0.32.9
// (Kubernetes 1.32), as apimachinery's PatchMetaFromStruct reads them on the server and kubectl's OpenAPI
// lookup (x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key) reads them on the client.
//
// Only the paths that lead to a tagged field are listed: every other field behaves the same whatever its Go
// type (objects merge key by key, lists are replaced), so leaving it out changes nothing. Inline Go fields
// (TypeMeta, VolumeSource in Volume, EphemeralContainerCommon) are flattened into their parent.
//
// Encoding of a field: `<strategies>|<mergeKey>><type>`, each part optional: `merge|name>Container` is a list
// merged by `name` whose elements are Containers; `retainKeys` is a struct with the retainKeys strategy;
// `>PodSpec` is an untagged field of a listed type.

export interface FieldPatchMeta {
  /** Patch strategies: `merge`, `replace`, `retainKeys` (several for `merge,retainKeys`). */
  strategies: string[];
  mergeKey: string;
  /** Type of the field (or of a list's elements), when it is listed; null = no tagged fields below. */
  type: string | null;
}

const TYPES: Record<string, Record<string, string>> = {
  Object: { metadata: '>ObjectMeta' },
  APIService: { metadata: '>ObjectMeta', status: '>APIServiceStatus' },
  APIServiceStatus: { conditions: 'merge|type' },
  CSINode: { metadata: '>ObjectMeta', spec: '>CSINodeSpec' },
  CSINodeSpec: { drivers: 'merge|name' },
  ComponentStatus: { metadata: '>ObjectMeta', conditions: 'merge|type' },
  Container: { ports: 'merge|containerPort', env: 'merge|name', volumeMounts: 'merge|mountPath', volumeDevices: 'merge|devicePath' },
  CronJob: { metadata: '>ObjectMeta', spec: '>CronJobSpec' },
  CronJobSpec: { jobTemplate: '>JobTemplateSpec' },
  DaemonSet: { metadata: '>ObjectMeta', spec: '>DaemonSetSpec', status: '>DaemonSetStatus' },
  DaemonSetSpec: { template: '>PodTemplateSpec' },
  DaemonSetStatus: { conditions: 'merge|type' },
  Deployment: { metadata: '>ObjectMeta', spec: '>DeploymentSpec', status: '>DeploymentStatus' },
  DeploymentSpec: { template: '>PodTemplateSpec', strategy: 'retainKeys' },
  DeploymentStatus: { conditions: 'merge|type' },
  EphemeralContainer: { ports: 'merge|containerPort', env: 'merge|name', volumeMounts: 'merge|mountPath', volumeDevices: 'merge|devicePath' },
  EphemeralVolumeSource: { volumeClaimTemplate: '>PersistentVolumeClaimTemplate' },
  FlowSchema: { metadata: '>ObjectMeta', status: '>FlowSchemaStatus' },
  FlowSchemaStatus: { conditions: 'merge|type' },
  HorizontalPodAutoscaler: { metadata: '>ObjectMeta', status: '>HorizontalPodAutoscalerStatus' },
  HorizontalPodAutoscalerStatus: { conditions: 'merge|type' },
  Job: { metadata: '>ObjectMeta', spec: '>JobSpec', status: '>JobStatus' },
  JobSpec: { template: '>PodTemplateSpec' },
  JobStatus: { conditions: 'merge|type' },
  JobTemplateSpec: { metadata: '>ObjectMeta', spec: '>JobSpec' },
  MutatingWebhook: { matchConditions: 'merge|name' },
  MutatingWebhookConfiguration: { metadata: '>ObjectMeta', webhooks: 'merge|name>MutatingWebhook' },
  Namespace: { metadata: '>ObjectMeta', status: '>NamespaceStatus' },
  NamespaceStatus: { conditions: 'merge|type' },
  Node: { metadata: '>ObjectMeta', spec: '>NodeSpec', status: '>NodeStatus' },
  NodeSpec: { podCIDRs: 'merge' },
  NodeStatus: { conditions: 'merge|type', addresses: 'merge|type' },
  ObjectMeta: { ownerReferences: 'merge|uid', finalizers: 'merge' },
  PersistentVolumeClaim: { metadata: '>ObjectMeta', status: '>PersistentVolumeClaimStatus' },
  PersistentVolumeClaimStatus: { conditions: 'merge|type' },
  Pod: { metadata: '>ObjectMeta', spec: '>PodSpec', status: '>PodStatus' },
  PodDisruptionBudget: { metadata: '>ObjectMeta', spec: '>PodDisruptionBudgetSpec', status: '>PodDisruptionBudgetStatus' },
  PodDisruptionBudgetSpec: { selector: 'replace' },
  PodDisruptionBudgetStatus: { conditions: 'merge|type' },
  PodSpec: { volumes: 'merge,retainKeys|name>Volume', initContainers: 'merge|name>Container', containers: 'merge|name>Container', ephemeralContainers: 'merge|name>EphemeralContainer', imagePullSecrets: 'merge|name', hostAliases: 'merge|ip', topologySpreadConstraints: 'merge|topologyKey', schedulingGates: 'merge|name', resourceClaims: 'merge,retainKeys|name' },
  PodStatus: { conditions: 'merge|type', hostIPs: 'merge|ip', podIPs: 'merge|ip', resourceClaimStatuses: 'merge,retainKeys|name' },
  PodTemplate: { metadata: '>ObjectMeta', template: '>PodTemplateSpec' },
  PodTemplateSpec: { metadata: '>ObjectMeta', spec: '>PodSpec' },
  PriorityLevelConfiguration: { metadata: '>ObjectMeta', status: '>PriorityLevelConfigurationStatus' },
  PriorityLevelConfigurationStatus: { conditions: 'merge|type' },
  ReplicaSet: { metadata: '>ObjectMeta', spec: '>ReplicaSetSpec', status: '>ReplicaSetStatus' },
  ReplicaSetSpec: { template: '>PodTemplateSpec' },
  ReplicaSetStatus: { conditions: 'merge|type' },
  ReplicationController: { metadata: '>ObjectMeta', spec: '>ReplicationControllerSpec', status: '>ReplicationControllerStatus' },
  ReplicationControllerSpec: { template: '>PodTemplateSpec' },
  ReplicationControllerStatus: { conditions: 'merge|type' },
  Service: { metadata: '>ObjectMeta', spec: '>ServiceSpec', status: '>ServiceStatus' },
  ServiceAccount: { metadata: '>ObjectMeta', secrets: 'merge|name' },
  ServiceSpec: { ports: 'merge|port' },
  ServiceStatus: { conditions: 'merge|type' },
  StatefulSet: { metadata: '>ObjectMeta', spec: '>StatefulSetSpec', status: '>StatefulSetStatus' },
  StatefulSetSpec: { template: '>PodTemplateSpec' },
  StatefulSetStatus: { conditions: 'merge|type' },
  ValidatingAdmissionPolicy: { metadata: '>ObjectMeta', spec: '>ValidatingAdmissionPolicySpec' },
  ValidatingAdmissionPolicySpec: { matchConditions: 'merge|name', variables: 'merge|name' },
  ValidatingWebhook: { matchConditions: 'merge|name' },
  ValidatingWebhookConfiguration: { metadata: '>ObjectMeta', webhooks: 'merge|name>ValidatingWebhook' },
  Volume: { ephemeral: '>EphemeralVolumeSource' },
};

/** Group-kind (`Deployment.apps`, `Pod`) → root type. Kinds not listed (custom resources) have no schema. */
const ROOTS: Record<string, string> = {
  'APIService.apiregistration.k8s.io': 'APIService',
  Binding: 'Object',
  'CSIDriver.storage.k8s.io': 'Object',
  'CSINode.storage.k8s.io': 'CSINode',
  'CSIStorageCapacity.storage.k8s.io': 'Object',
  'CertificateSigningRequest.certificates.k8s.io': 'Object',
  'ClusterRole.rbac.authorization.k8s.io': 'Object',
  'ClusterRoleBinding.rbac.authorization.k8s.io': 'Object',
  ComponentStatus: 'ComponentStatus',
  ConfigMap: 'Object',
  'ControllerRevision.apps': 'Object',
  'CronJob.batch': 'CronJob',
  'CustomResourceDefinition.apiextensions.k8s.io': 'Object',
  'DaemonSet.apps': 'DaemonSet',
  'Deployment.apps': 'Deployment',
  'EndpointSlice.discovery.k8s.io': 'Object',
  Endpoints: 'Object',
  Event: 'Object',
  'Event.events.k8s.io': 'Object',
  'FlowSchema.flowcontrol.apiserver.k8s.io': 'FlowSchema',
  'HorizontalPodAutoscaler.autoscaling': 'HorizontalPodAutoscaler',
  'Ingress.networking.k8s.io': 'Object',
  'IngressClass.networking.k8s.io': 'Object',
  'Job.batch': 'Job',
  'Lease.coordination.k8s.io': 'Object',
  LimitRange: 'Object',
  'MutatingWebhookConfiguration.admissionregistration.k8s.io': 'MutatingWebhookConfiguration',
  Namespace: 'Namespace',
  'NetworkPolicy.networking.k8s.io': 'Object',
  Node: 'Node',
  PersistentVolume: 'Object',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  Pod: 'Pod',
  'PodDisruptionBudget.policy': 'PodDisruptionBudget',
  PodTemplate: 'PodTemplate',
  'PriorityClass.scheduling.k8s.io': 'Object',
  'PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io': 'PriorityLevelConfiguration',
  'ReplicaSet.apps': 'ReplicaSet',
  ReplicationController: 'ReplicationController',
  ResourceQuota: 'Object',
  'Role.rbac.authorization.k8s.io': 'Object',
  'RoleBinding.rbac.authorization.k8s.io': 'Object',
  'RuntimeClass.node.k8s.io': 'Object',
  Secret: 'Object',
  Service: 'Service',
  ServiceAccount: 'ServiceAccount',
  'StatefulSet.apps': 'StatefulSet',
  'StorageClass.storage.k8s.io': 'Object',
  'ValidatingAdmissionPolicy.admissionregistration.k8s.io': 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io': 'Object',
  'ValidatingWebhookConfiguration.admissionregistration.k8s.io': 'ValidatingWebhookConfiguration',
  'VolumeAttachment.storage.k8s.io': 'Object',
  // Create-only virtual kinds: never patched, listed so they are not mistaken for custom resources.
  'SelfSubjectReview.authentication.k8s.io': 'Object',
  'TokenReview.authentication.k8s.io': 'Object',
  'LocalSubjectAccessReview.authorization.k8s.io': 'Object',
  'SelfSubjectAccessReview.authorization.k8s.io': 'Object',
  'SelfSubjectRulesReview.authorization.k8s.io': 'Object',
  'SubjectAccessReview.authorization.k8s.io': 'Object',
};

const NONE: FieldPatchMeta = { strategies: [], mergeKey: '', type: null };
const cache = new Map<string, FieldPatchMeta>();

/** The root schema type of a group-kind, or undefined for kinds without Go structs (custom resources). */
export function rootPatchType(gk: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(ROOTS, gk) ? ROOTS[gk] : undefined;
}

/**
 * Patch metadata of `field` inside an object of `type` (null: an untyped map/unknown field, which behaves
 * like a field without tags).
 */
export function fieldPatchMeta(type: string | null, field: string): FieldPatchMeta {
  if (type === null) return NONE;
  const fields = TYPES[type];
  const spec = fields && Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
  if (spec === undefined) return NONE;
  const key = `${type}.${field}`;
  let meta = cache.get(key);
  if (!meta) {
    const m = /^([^|>]*)(?:\|([^>]*))?(?:>(.*))?$/.exec(spec)!;
    meta = { strategies: m[1] ? m[1].split(',') : [], mergeKey: m[2] ?? '', type: m[3] ?? null };
    cache.set(key, meta);
  }
  return meta;
}
