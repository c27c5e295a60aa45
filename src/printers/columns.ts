// `kubectl get` table columns per kind: what the Kubernetes 1.32 API server's table convertors
// return (pkg/printers/internalversion for built-ins, the kube-aggregator convertor for APIService,
// the generic NAME/CREATED AT convertor for built-ins without a printer, the apiextensions convertor
// for custom resources). The caller upper-cases column names for headers, drops priority-1 columns
// unless `-o wide`, prefixes the `format: 'name'` cell with `kind[.group]/` when several kinds are
// printed, adds NAMESPACE / -L / LABELS columns, and runs the tabwriter.
import type { KObject } from '../api/types';
import type { Store } from '../store/store';
import type { PrintContext } from './context';
import type { ColumnDef, TablePrinter } from './columns/types';
import { cellText } from './columns/util';
import { podPrinter, podTemplatePrinter } from './columns/pod';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  hpaPrinter,
  jobPrinter,
  podDisruptionBudgetPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './columns/workloads';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './columns/network';
import {
  apiServicePrinter,
  certificateSigningRequestPrinter,
  componentStatusPrinter,
  configMapPrinter,
  createdAtPrinter,
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  eventPrinter,
  flowSchemaPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  priorityClassPrinter,
  priorityLevelConfigurationPrinter,
  resourceQuotaPrinter,
  roleBindingPrinter,
  runtimeClassPrinter,
  secretPrinter,
  serviceAccountPrinter,
  sortFlowSchemas,
  storageClassPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  volumeAttachmentPrinter,
  webhookConfigurationPrinter,
} from './columns/cluster';
import { customResourcePrinter } from './columns/custom';

export type { ColumnDef, TablePrinter };
export { podSummary, type PodSummary } from './columns/pod';
export { jobStatus, jobCompletions, jobDuration, formatHpaMetrics } from './columns/workloads';
export { serviceExternalIP, servicePorts, formatEndpoints, ingressHosts } from './columns/network';
export { nodeStatus, nodeRoles, accessModes } from './columns/cluster';
export { loadBalancerString } from './columns/util';

const PRINTERS: Record<string, TablePrinter> = {
  // core
  Pod: podPrinter,
  PodTemplate: podTemplatePrinter,
  ReplicationController: replicationControllerPrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  Node: nodePrinter,
  Event: eventPrinter,
  Namespace: namespacePrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  ComponentStatus: componentStatusPrinter,
  ConfigMap: configMapPrinter,
  ResourceQuota: resourceQuotaPrinter,
  LimitRange: createdAtPrinter,
  // apps, batch, autoscaling, policy
  'Deployment.apps': deploymentPrinter,
  'ReplicaSet.apps': replicaSetPrinter,
  'StatefulSet.apps': statefulSetPrinter,
  'DaemonSet.apps': daemonSetPrinter,
  'ControllerRevision.apps': controllerRevisionPrinter,
  'Job.batch': jobPrinter,
  'CronJob.batch': cronJobPrinter,
  'HorizontalPodAutoscaler.autoscaling': hpaPrinter,
  'PodDisruptionBudget.policy': podDisruptionBudgetPrinter,
  // networking, discovery
  'Ingress.networking.k8s.io': ingressPrinter,
  'IngressClass.networking.k8s.io': ingressClassPrinter,
  'NetworkPolicy.networking.k8s.io': networkPolicyPrinter,
  'EndpointSlice.discovery.k8s.io': endpointSlicePrinter,
  'Event.events.k8s.io': eventPrinter,
  // rbac (Role/ClusterRole have no printer)
  'Role.rbac.authorization.k8s.io': createdAtPrinter,
  'ClusterRole.rbac.authorization.k8s.io': createdAtPrinter,
  'RoleBinding.rbac.authorization.k8s.io': roleBindingPrinter,
  'ClusterRoleBinding.rbac.authorization.k8s.io': roleBindingPrinter,
  // certificates, coordination
  'CertificateSigningRequest.certificates.k8s.io': certificateSigningRequestPrinter,
  'Lease.coordination.k8s.io': leasePrinter,
  // storage
  'StorageClass.storage.k8s.io': storageClassPrinter,
  'CSIDriver.storage.k8s.io': csiDriverPrinter,
  'CSINode.storage.k8s.io': csiNodePrinter,
  'CSIStorageCapacity.storage.k8s.io': csiStorageCapacityPrinter,
  'VolumeAttachment.storage.k8s.io': volumeAttachmentPrinter,
  // scheduling, node
  'PriorityClass.scheduling.k8s.io': priorityClassPrinter,
  'RuntimeClass.node.k8s.io': runtimeClassPrinter,
  // admission
  'MutatingWebhookConfiguration.admissionregistration.k8s.io': webhookConfigurationPrinter,
  'ValidatingWebhookConfiguration.admissionregistration.k8s.io': webhookConfigurationPrinter,
  'ValidatingAdmissionPolicy.admissionregistration.k8s.io': validatingAdmissionPolicyPrinter,
  'ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io': validatingAdmissionPolicyBindingPrinter,
  // flow control
  'FlowSchema.flowcontrol.apiserver.k8s.io': flowSchemaPrinter,
  'PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io': priorityLevelConfigurationPrinter,
  // aggregation, extensions
  'APIService.apiregistration.k8s.io': apiServicePrinter,
  'CustomResourceDefinition.apiextensions.k8s.io': createdAtPrinter,
};

/** Cells run through kubectl's cell-text rule (cut at the first newline, `...` appended). */
function sanitized(p: TablePrinter): TablePrinter {
  return {
    columns: p.columns,
    cells: (obj: KObject, ctx: PrintContext) => p.cells(obj, ctx).map(cellText),
  };
}

const cache = new Map<string, TablePrinter>();

/**
 * The table printer for a group-kind (`Pod`, `Deployment.apps`). Kinds without a built-in printer
 * are treated as custom resources: NAME plus the CRD's additionalPrinterColumns when `store` holds
 * the CRD, otherwise NAME, AGE.
 */
export function tablePrinterFor(gk: string, store?: Store): TablePrinter {
  const builtin = PRINTERS[gk];
  if (builtin) {
    let p = cache.get(gk);
    if (!p) cache.set(gk, (p = sanitized(builtin)));
    return p;
  }
  return sanitized(customResourcePrinter(gk, store));
}

/** Row order the server imposes on a list (FlowSchemas by matching precedence); others unchanged. */
export function tableRowOrder(gk: string, objs: KObject[]): KObject[] {
  return gk === 'FlowSchema.flowcontrol.apiserver.k8s.io' ? sortFlowSchemas(objs) : objs;
}
