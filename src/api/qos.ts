// Pod QoS class (pkg/apis/core/v1/helper/qos): Guaranteed when every container has cpu and memory
// limits equal to requests, BestEffort when nobody asks for anything, Burstable otherwise.
import type { KObject } from './types';
import { tryParseQuantity } from './quantity';

interface Res {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

const SUPPORTED = ['cpu', 'memory'];

export function qosClass(pod: KObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: { resources?: Res }[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const requests: Record<string, bigint> = {};
  const limits: Record<string, bigint> = {};
  let zeroQuantity = true;
  let isGuaranteed = true;
  for (const c of containers) {
    const r = c.resources ?? {};
    for (const [k, v] of Object.entries(r.requests ?? {})) {
      if (!SUPPORTED.includes(k)) continue;
      const q = tryParseQuantity(v);
      if (q && !q.isZero()) {
        zeroQuantity = false;
        requests[k] = (requests[k] ?? 0n) + q.nanos;
      }
    }
    const qosLimits: Record<string, bigint> = {};
    for (const [k, v] of Object.entries(r.limits ?? {})) {
      if (!SUPPORTED.includes(k)) continue;
      const q = tryParseQuantity(v);
      if (q && !q.isZero()) {
        zeroQuantity = false;
        qosLimits[k] = q.nanos;
        limits[k] = (limits[k] ?? 0n) + q.nanos;
      }
    }
    if (!SUPPORTED.every((k) => k in qosLimits)) isGuaranteed = false;
  }
  if (zeroQuantity) return 'BestEffort';
  if (isGuaranteed) {
    for (const k of SUPPORTED) if (requests[k] !== undefined && requests[k] !== limits[k]) isGuaranteed = false;
  }
  if (isGuaranteed && Object.keys(requests).length === Object.keys(limits).length) return 'Guaranteed';
  return 'Burstable';
}
