// Pod resource arithmetic used by describe: QoS class (kubectl pkg/util/qos) and summed
// requests/limits (kubectl pkg/util/resource PodRequestsAndLimits).
/* eslint-disable @typescript-eslint/no-explicit-any */
import { add, cmp, parseQuantity, type Quantity, ZERO } from './quantity';

export type ResourceList = Map<string, Quantity>;

function toList(m: Record<string, unknown> | undefined | null): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(m ?? {})) {
    const p = parseQuantity(v);
    if (p) out.set(k, p);
  }
  return out;
}

function addList(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of more) {
    const cur = list.get(k);
    list.set(k, cur ? add(cur, v) : v);
  }
}

function maxList(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of more) {
    const cur = list.get(k);
    if (!cur || cmp(v, cur) > 0) list.set(k, v);
  }
}

/** max(a, b) per resource, as resource.max does for resize-aware requests. */
function maxOf(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const o = b.get(k);
    out.set(k, o && cmp(v, o) <= 0 ? o : v);
  }
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

function isSidecar(c: any): boolean {
  return c.restartPolicy === 'Always';
}

/** PodRequestsAndLimits: containers summed, init containers maxed (sidecars accumulate), plus overhead. */
export function podRequestsAndLimits(pod: any): { reqs: ResourceList; limits: ResourceList } {
  const spec = pod.spec ?? {};
  const statuses = new Map<string, any>();
  for (const cs of pod.status?.containerStatuses ?? []) statuses.set(cs.name, cs);

  const reqs: ResourceList = new Map();
  for (const c of spec.containers ?? []) {
    let r = toList(c.resources?.requests);
    const cs = statuses.get(c.name);
    if (cs?.resources) {
      r = pod.status?.resize === 'Infeasible' ? toList(cs.resources.requests) : maxOf(r, toList(cs.resources.requests));
    }
    addList(reqs, r);
  }
  const sidecarReqs: ResourceList = new Map();
  const initReqs: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    let r = toList(c.resources?.requests);
    if (isSidecar(c)) {
      addList(reqs, r);
      addList(sidecarReqs, r);
      r = sidecarReqs;
    } else {
      const tmp: ResourceList = new Map();
      addList(tmp, r);
      addList(tmp, sidecarReqs);
      r = tmp;
    }
    maxList(initReqs, r);
  }
  maxList(reqs, initReqs);
  if (spec.overhead) addList(reqs, toList(spec.overhead));

  const limits: ResourceList = new Map();
  for (const c of spec.containers ?? []) addList(limits, toList(c.resources?.limits));
  const sidecarLimits: ResourceList = new Map();
  const initLimits: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    let l = toList(c.resources?.limits);
    if (isSidecar(c)) {
      addList(limits, l);
      addList(sidecarLimits, l);
      l = sidecarLimits;
    } else {
      const tmp: ResourceList = new Map();
      addList(tmp, l);
      addList(tmp, sidecarLimits);
      l = tmp;
    }
    maxList(initLimits, l);
  }
  maxList(limits, initLimits);
  if (spec.overhead) {
    for (const [k, v] of toList(spec.overhead)) {
      const cur = limits.get(k);
      if (cur && !cur.isZero()) limits.set(k, add(cur, v));
    }
  }
  return { reqs, limits };
}

export function get(list: ResourceList, name: string): Quantity {
  return list.get(name) ?? ZERO;
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

function processQoS(list: ResourceList, raw: Record<string, unknown> | undefined): void {
  for (const [k, v] of toList(raw)) {
    if (!QOS_RESOURCES.has(k) || cmp(v, ZERO) <= 0) continue;
    const cur = list.get(k);
    list.set(k, cur ? add(v, cur) : v);
  }
}

function hasCpuAndMemoryLimits(raw: Record<string, unknown> | undefined): boolean {
  const l = toList(raw);
  const ok = (n: string) => {
    const v = l.get(n);
    return !!v && cmp(v, ZERO) > 0;
  };
  return ok('cpu') && ok('memory');
}

/** qos.GetPodQOS: status.qosClass when set, else computed (BestEffort / Guaranteed / Burstable). */
export function podQOS(pod: any): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const spec = pod.spec ?? {};
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let guaranteed = true;
  if (spec.resources) {
    if (spec.resources.requests) processQoS(requests, spec.resources.requests);
    if (spec.resources.limits) {
      processQoS(limits, spec.resources.limits);
      if (!hasCpuAndMemoryLimits(spec.resources.limits)) guaranteed = false;
    }
  } else {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      processQoS(requests, c.resources?.requests);
      processQoS(limits, c.resources?.limits);
      if (!hasCpuAndMemoryLimits(c.resources?.limits)) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, r] of requests) {
      const l = limits.get(k);
      if (!l || cmp(l, r) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}
