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

/** A deep copy, as a JSON round trip makes it (undefined members dropped, non-finite numbers null). */
export function clone<T>(o: T): T {
  try {
    return JSON.parse(JSON.stringify(o)) as T;
  } catch (e) {
    // V8's JSON.stringify recurses: values nested thousands of levels deep (kubectl reads up to
    // 10,000) overflow the stack; copy those without recursion, with the same result
    if (e instanceof RangeError) return jsonCopy(o) as T;
    throw e;
  }
}

function jsonScalar(x: unknown): unknown {
  return typeof x === 'number' && !Number.isFinite(x) ? null : x;
}

function jsonCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return jsonScalar(v);
  const root: unknown = Array.isArray(v) ? [] : {};
  const stack: [unknown, unknown][] = [[v, root]];
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    if (Array.isArray(src)) {
      const d = dst as unknown[];
      for (let i = 0; i < src.length; i++) {
        const x = src[i];
        if (x === undefined || typeof x === 'function') d.push(null);
        else if (x !== null && typeof x === 'object') {
          const c = Array.isArray(x) ? [] : {};
          d.push(c);
          stack.push([x, c]);
        } else d.push(jsonScalar(x));
      }
    } else {
      const d = dst as Record<string, unknown>;
      for (const k of Object.keys(src as Record<string, unknown>)) {
        const x = (src as Record<string, unknown>)[k];
        if (x === undefined || typeof x === 'function') continue;
        if (x !== null && typeof x === 'object') {
          const c = Array.isArray(x) ? [] : {};
          d[k] = c;
          stack.push([x, c]);
        } else d[k] = jsonScalar(x);
      }
    }
  }
  return root;
}

/**
 * Appends every element of `items` to `target`. `target.push(...items)` passes each element as an
 * argument and overflows the stack somewhere past 100,000 (a 150,000-pod `get pods -A`).
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}
