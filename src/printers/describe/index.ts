// `kubectl describe` output, after kubectl 1.32's pkg/describe: one describer per group-kind (the
// describerMap of kubectl), the generic describer for every other kind.
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';
import type { DCtx, DescribeOptions } from './common';
import { describePod } from './pod';
import { describeDeployment } from './deployment';
import { describeReplicaSet, describeReplicationController } from './replicaset';
import { describeStatefulSet } from './statefulset';
import { describeDaemonSet } from './daemonset';
import { describeCronJob, describeJob } from './job';
import { describeEndpointSlice, describeEndpoints, describeService } from './service';
import { describeNode } from './node';
import { describeLimitRange, describeNamespace, describeResourceQuota } from './namespace';
import { describeConfigMap, describeSecret } from './config';
import { describeServiceAccount } from './serviceaccount';
import { describeCSINode, describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './storage';
import { describeIngress, describeIngressClass } from './ingress';
import { describeHorizontalPodAutoscaler } from './hpa';
import { describeRole, describeRoleBinding } from './rbac';
import { describePodDisruptionBudget, describePriorityClass } from './policy';
import { describeNetworkPolicy } from './networkpolicy';
import { describeIPAddress, describeServiceCIDR } from './servicecidr';
import { describeGeneric } from './generic';

export type { DescribeOptions } from './common';

type Describer = (obj: KObject, ctx: DCtx) => string;

const RBAC = 'rbac.authorization.k8s.io';

/** Group-kind → describer, as kubectl's describerMap (other kinds use the generic describer). */
const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  ReplicationController: describeReplicationController,
  Secret: (o) => describeSecret(o),
  Service: describeService,
  ServiceAccount: describeServiceAccount,
  Node: describeNode,
  LimitRange: (o) => describeLimitRange(o),
  ResourceQuota: (o) => describeResourceQuota(o),
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  Namespace: describeNamespace,
  Endpoints: describeEndpoints,
  ConfigMap: describeConfigMap,
  PriorityClass: describePriorityClass,
  'EndpointSlice.discovery.k8s.io': describeEndpointSlice,
  'HorizontalPodAutoscaler.autoscaling': describeHorizontalPodAutoscaler,
  'Ingress.extensions': describeIngress,
  'Ingress.networking.k8s.io': describeIngress,
  'IngressClass.networking.k8s.io': describeIngressClass,
  'ServiceCIDR.networking.k8s.io': describeServiceCIDR,
  'IPAddress.networking.k8s.io': describeIPAddress,
  'Job.batch': describeJob,
  'CronJob.batch': describeCronJob,
  'StatefulSet.apps': describeStatefulSet,
  'Deployment.apps': describeDeployment,
  'DaemonSet.apps': describeDaemonSet,
  'ReplicaSet.apps': describeReplicaSet,
  'StorageClass.storage.k8s.io': describeStorageClass,
  'CSINode.storage.k8s.io': describeCSINode,
  'PodDisruptionBudget.policy': describePodDisruptionBudget,
  [`Role.${RBAC}`]: (o) => describeRole(o),
  [`ClusterRole.${RBAC}`]: (o) => describeRole(o),
  [`RoleBinding.${RBAC}`]: (o) => describeRoleBinding(o),
  [`ClusterRoleBinding.${RBAC}`]: (o) => describeRoleBinding(o),
  'NetworkPolicy.networking.k8s.io': (o) => describeNetworkPolicy(o),
  'PriorityClass.scheduling.k8s.io': describePriorityClass,
};

/** Whether kubectl has a dedicated describer for this group-kind (else the generic one is used). */
export function hasDescriber(gk: string): boolean {
  return Object.prototype.hasOwnProperty.call(DESCRIBERS, gk);
}

function dctx(ctx: PrintContext, opts?: DescribeOptions): DCtx {
  return { nowMs: ctx.nowMs, store: ctx.store, eventsFor: (o: KObject) => ctx.eventsFor(o), showEvents: opts?.showEvents ?? true };
}

/** One object's full description, ending with "\n". */
export function describeObject(gk: string, obj: KObject, ctx: PrintContext, opts?: DescribeOptions): string {
  const c = dctx(ctx, opts);
  const d = DESCRIBERS[gk];
  return d ? d(obj, c) : describeGeneric(gk, obj, c);
}

/** Several descriptions as `kubectl describe` prints them: each after the first is preceded by "\n\n". */
export function describeObjects(gk: string, objs: KObject[], ctx: PrintContext, opts?: DescribeOptions): string {
  let out = '';
  objs.forEach((o, i) => {
    const s = describeObject(gk, o, ctx, opts);
    out += i === 0 ? s : `\n\n${s}`;
  });
  return out;
}
