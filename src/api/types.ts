// Object shapes. Objects are plain JSON in Kubernetes API shape; types come from kubernetes-types.
import type { ObjectMeta, OwnerReference, LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';

export type { ObjectMeta, OwnerReference, LabelSelector, LabelSelectorRequirement };
export type {
  Pod,
  PodSpec,
  PodTemplateSpec,
  Container,
  ContainerStatus,
  ContainerState,
  Node,
  Namespace,
  Service,
  ConfigMap,
  Secret,
  Event,
  ServiceAccount,
  Toleration,
  Taint,
  PodCondition,
  Volume,
  EnvVar,
} from 'kubernetes-types/core/v1';
export type { Deployment, ReplicaSet, DeploymentCondition } from 'kubernetes-types/apps/v1';

/** kubernetes-types marks server-owned fields readonly; the simulated server owns them. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Any stored object. Fields beyond metadata are reached through the typed views above. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Mutable<ObjectMeta> & { name: string; [field: string]: unknown };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

/** Cast a stored object to its typed view (objects in the store are always fully shaped). */
export function as<T>(o: KObject): T & KObject {
  return o as unknown as T & KObject;
}

export function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}
