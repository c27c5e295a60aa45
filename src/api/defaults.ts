// API-server defaulting: what a Kubernetes 1.32 server adds to an object when it decodes it
// (pkg/apis/*/v1/defaults.go, the generated zz_generated.defaults.go walkers, the `+default`
// markers of k8s.io/api), together with the v1 conversions and Go zero values that make the
// stored object read back as `kubectl get -o yaml` shows it (`creationTimestamp: null` inside
// templates, `resources: {}`, `status: {loadBalancer: {}}`, canonical quantities, …).
//
// Not done here (other modules): admission (service-account token volume, default tolerations,
// priority), ClusterIP/NodePort allocation, name generation, generic metadata (uid,
// creationTimestamp, resourceVersion, generation), the Job selector/labels and Pod status.
//
// applyDefaults is idempotent; the real server re-runs defaulting whenever it decodes an object
// (also on reads from storage), so calling it again after a create strategy has changed the object
// (e.g. the Job's generated template labels) gives what a GET returns.
import type { KObject } from './types';
import * as core from './defaults/core';
import * as misc from './defaults/misc';
import * as wl from './defaults/workloads';
import type { J } from './defaults/util';

export { defaultPodSpec, defaultPodTemplate, defaultContainer } from './defaults/pod';
export { parseQuantity, formatQuantity, canonicalQuantity } from './defaults/quantity';
export { parseImageName, defaultPullPolicy } from './defaults/image';

const DEFAULTERS: Record<string, (o: J) => void> = {
  Pod: core.defaultPod,
  PodTemplate: core.defaultPodTemplateObject,
  ReplicationController: core.defaultReplicationController,
  Service: core.defaultService,
  Secret: core.defaultSecret,
  Namespace: core.defaultNamespace,
  Node: core.defaultNode,
  PersistentVolume: core.defaultPersistentVolume,
  PersistentVolumeClaim: core.defaultPersistentVolumeClaim,
  Endpoints: core.defaultEndpoints,
  LimitRange: core.defaultLimitRange,
  ResourceQuota: core.defaultResourceQuota,
  Event: core.defaultEvent,
  'Deployment.apps': wl.defaultDeployment,
  'ReplicaSet.apps': wl.defaultReplicaSet,
  'StatefulSet.apps': wl.defaultStatefulSet,
  'DaemonSet.apps': wl.defaultDaemonSet,
  'ControllerRevision.apps': wl.defaultControllerRevision,
  'Job.batch': wl.defaultJob,
  'CronJob.batch': wl.defaultCronJob,
  'HorizontalPodAutoscaler.autoscaling': wl.defaultHPA,
  'PodDisruptionBudget.policy': wl.defaultPDB,
  'NetworkPolicy.networking.k8s.io': misc.defaultNetworkPolicy,
  'Ingress.networking.k8s.io': misc.defaultIngress,
  'IngressClass.networking.k8s.io': misc.defaultIngressClass,
  'EndpointSlice.discovery.k8s.io': misc.defaultEndpointSlice,
  'Role.rbac.authorization.k8s.io': misc.defaultRole,
  'ClusterRole.rbac.authorization.k8s.io': misc.defaultRole,
  'RoleBinding.rbac.authorization.k8s.io': misc.defaultRoleBinding,
  'ClusterRoleBinding.rbac.authorization.k8s.io': misc.defaultRoleBinding,
  'PriorityClass.scheduling.k8s.io': misc.defaultPriorityClass,
  'StorageClass.storage.k8s.io': misc.defaultStorageClass,
  'CSIDriver.storage.k8s.io': misc.defaultCSIDriver,
  'Lease.coordination.k8s.io': misc.defaultLease,
  'RuntimeClass.node.k8s.io': misc.defaultRuntimeClass,
  'CSIStorageCapacity.storage.k8s.io': misc.defaultCSIStorageCapacity,
  'VolumeAttachment.storage.k8s.io': misc.defaultVolumeAttachment,
  'CSINode.storage.k8s.io': misc.defaultCSINode,
  'Event.events.k8s.io': misc.defaultEventsV1Event,
  'MutatingWebhookConfiguration.admissionregistration.k8s.io': (o) => misc.defaultWebhookConfiguration(o, true),
  'ValidatingWebhookConfiguration.admissionregistration.k8s.io': (o) => misc.defaultWebhookConfiguration(o, false),
  'ValidatingAdmissionPolicy.admissionregistration.k8s.io': misc.defaultValidatingAdmissionPolicy,
  'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io': misc.defaultValidatingAdmissionPolicyBinding,
  'FlowSchema.flowcontrol.apiserver.k8s.io': misc.defaultFlowSchema,
  'PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io': misc.defaultPriorityLevelConfiguration,
  'CustomResourceDefinition.apiextensions.k8s.io': misc.defaultCRD,
  'APIService.apiregistration.k8s.io': misc.defaultAPIService,
  'CertificateSigningRequest.certificates.k8s.io': misc.defaultCSR,
};

/**
 * Applies the 1.32 server defaults for the kind `gk` (as in registry.ts: `Pod`, `Deployment.apps`)
 * to `obj`, in place. Kinds without defaults (ConfigMap, ServiceAccount, custom resources, …) are
 * left untouched.
 */
export function applyDefaults(gk: string, obj: KObject): void {
  const fn = DEFAULTERS[gk];
  if (fn) fn(obj as J);
}
