// Quota evaluation shared by the ResourceQuota admission plugin and the resource quota controller
// (apiserver/pkg/quota/v1 and pkg/quota/v1/evaluator/core, 1.32): what each object uses — pods
// (count, cpu/memory/ephemeral-storage requests and limits, hugepages, extended resources), services
// (count, load balancers, node ports), persistent volume claims (count, storage, per storage class)
// and plain object counts (`count/<resource>[.<group>]`, and the legacy `configmaps`, `secrets`,
// `replicationcontrollers`, `resourcequotas`) — and which quotas an object falls under (scopes).
import { Quantity, tryParseQuantity } from './quantity';
import type { KObject } from './types';
import { registry, gkOf } from './registry';
import type { Store } from '../store/store';
import { qosClass } from './qos';

export type ResourceList = Map<string, Quantity>;

/** Quantity.Add: a zero receiver takes the other's format. */
export function qadd(a: Quantity, b: Quantity): Quantity {
  return new Quantity(a.nanos + b.nanos, a.nanos === 0n ? b.format : a.format);
}

/** quota.Add. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) out.set(k, b.has(k) ? qadd(v, b.get(k)!) : v);
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

export function listOf(raw: Record<string, unknown> | undefined | null): ResourceList {
  const m: ResourceList = new Map();
  for (const [k, v] of Object.entries(raw ?? {})) {
    const q = tryParseQuantity(v);
    if (q) m.set(k, q);
  }
  return m;
}

/** prettyPrint: `name=quantity` pairs sorted by name, joined by commas. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${list.get(k)!.toString()}`)
    .join(',');
}

interface ContainerLike {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  restartPolicy?: string;
}

function maxLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    if (!cur || v.cmp(cur) > 0) out.set(k, v);
  }
  return out;
}

/**
 * resourcehelper.PodRequests / PodLimits over spec: app containers and sidecars add up, each init
 * container needs its own amount on top of the sidecars started before it, the pod needs the larger of
 * the two; overhead is added (to limits only where limits exist).
 */
export function podResourceList(pod: KObject, which: 'requests' | 'limits'): ResourceList {
  let sum: ResourceList = new Map();
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[]) sum = addLists(sum, listOf(c.resources?.[which]));
  let sidecars: ResourceList = new Map();
  let initMax: ResourceList = new Map();
  for (const c of (pod.spec?.initContainers ?? []) as ContainerLike[]) {
    const r = listOf(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      sum = addLists(sum, r);
      sidecars = addLists(sidecars, r);
      initMax = maxLists(initMax, sidecars);
    } else initMax = maxLists(initMax, addLists(r, sidecars));
  }
  sum = maxLists(sum, initMax);
  const overhead = listOf(pod.spec?.overhead);
  if (which === 'requests') sum = addLists(sum, overhead);
  else for (const [k, v] of overhead) if (sum.has(k)) sum.set(k, qadd(sum.get(k)!, v));
  return sum;
}

const NATIVE_PREFIXES = ['kubernetes.io/', 'requests.', 'limits.'];

/** helper.IsExtendedResourceName: qualified, not native, not a quota prefix. */
function isExtended(name: string): boolean {
  if (!name.includes('/') || name.startsWith('kubernetes.io/') || NATIVE_PREFIXES.some((p) => name.startsWith(p))) return false;
  return true;
}

/** podComputeUsageHelper. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', Quantity.fromValue(1)]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [k, v] of requests) {
    if (k.startsWith('hugepages-')) {
      out.set(k, v);
      out.set(`requests.${k}`, v);
    }
    if (isExtended(k)) out.set(`requests.${k}`, v);
  }
  return out;
}

/** QuotaV1Pod: finished pods and pods stuck terminating past twice their grace period are not charged. */
export function podCharged(pod: KObject, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (pod.metadata.deletionTimestamp && typeof pod.metadata.deletionGracePeriodSeconds === 'number') {
    if (now > Date.parse(pod.metadata.deletionTimestamp) + pod.metadata.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** PodUsageFunc. */
export function podUsage(pod: KObject, now: number): ResourceList {
  const out: ResourceList = new Map([['count/pods', Quantity.fromValue(1)]]);
  if (!podCharged(pod, now)) return out;
  return addLists(out, computeUsage(podResourceList(pod, 'requests'), podResourceList(pod, 'limits')));
}

function serviceUsage(svc: KObject): ResourceList {
  const ports = (svc.spec?.ports ?? []).length;
  const out: ResourceList = new Map([
    ['count/services', Quantity.fromValue(1)],
    ['services', Quantity.fromValue(1)],
    ['services.loadbalancers', Quantity.zero()],
    ['services.nodeports', Quantity.zero()],
  ]);
  if (svc.spec?.type === 'NodePort') out.set('services.nodeports', Quantity.fromValue(ports));
  if (svc.spec?.type === 'LoadBalancer') {
    out.set('services.nodeports', Quantity.fromValue(svc.spec?.allocateLoadBalancerNodePorts === false ? 0 : ports));
    out.set('services.loadbalancers', Quantity.fromValue(1));
  }
  return out;
}

function pvcUsage(pvc: KObject): ResourceList {
  const out: ResourceList = new Map([
    ['count/persistentvolumeclaims', Quantity.fromValue(1)],
    ['persistentvolumeclaims', Quantity.fromValue(1)],
  ]);
  const storage = tryParseQuantity(pvc.spec?.resources?.requests?.storage);
  const sc = pvc.spec?.storageClassName as string | undefined;
  if (sc) out.set(`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, Quantity.fromValue(1));
  if (storage) {
    out.set('requests.storage', storage);
    if (sc) out.set(`${sc}.storageclass.storage.k8s.io/requests.storage`, storage);
  }
  return out;
}

/** `count/<plural>[.<group>]` of a kind. */
export function objectCountName(gk: string): string | undefined {
  const info = registry.byGroupKind(gk);
  if (!info) return undefined;
  return `count/${info.group ? `${info.plural}.${info.group}` : info.plural}`;
}

const LEGACY_COUNTS: Record<string, string> = { ConfigMap: 'configmaps', Secret: 'secrets', ReplicationController: 'replicationcontrollers', ResourceQuota: 'resourcequotas' };

/** What one object uses (the evaluator's Usage). */
export function usageOf(gk: string, obj: KObject, now: number): ResourceList {
  if (gk === 'Pod') return podUsage(obj, now);
  if (gk === 'Service') return serviceUsage(obj);
  if (gk === 'PersistentVolumeClaim') return pvcUsage(obj);
  const out: ResourceList = new Map();
  const name = objectCountName(gk);
  if (name) out.set(name, Quantity.fromValue(1));
  if (LEGACY_COUNTS[gk]) out.set(LEGACY_COUNTS[gk]!, Quantity.fromValue(1));
  return out;
}

const POD_RESOURCES = new Set(['count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods']);

/** The kind whose evaluator measures a quota resource name. */
export function kindForResource(name: string): string | undefined {
  if (POD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-')) return 'Pod';
  if (name.startsWith('requests.') && isExtended(name.slice(9))) return 'Pod';
  if (['services', 'services.loadbalancers', 'services.nodeports', 'count/services'].includes(name)) return 'Service';
  if (['persistentvolumeclaims', 'requests.storage', 'count/persistentvolumeclaims'].includes(name) || name.includes('.storageclass.storage.k8s.io/')) return 'PersistentVolumeClaim';
  for (const [k, v] of Object.entries(LEGACY_COUNTS)) if (v === name) return k;
  if (name.startsWith('count/')) {
    const rest = name.slice(6);
    const dot = rest.indexOf('.');
    const plural = dot < 0 ? rest : rest.slice(0, dot);
    const group = dot < 0 ? '' : rest.slice(dot + 1);
    const info = registry.all().find((i) => i.plural === plural && i.group === group);
    return info ? gkOf(info.kind, info.group) : undefined;
  }
  return undefined;
}

interface ScopeSelector {
  scopeName: string;
  operator: string;
  values?: string[];
}

export function scopeSelectors(quota: KObject): ScopeSelector[] {
  const out: ScopeSelector[] = ((quota.spec?.scopes ?? []) as string[]).map((s) => ({ scopeName: s, operator: 'Exists' }));
  for (const e of (quota.spec?.scopeSelector?.matchExpressions ?? []) as ScopeSelector[]) out.push(e);
  return out;
}

function crossNamespaceAffinity(pod: KObject): boolean {
  const a = pod.spec?.affinity ?? {};
  const terms = [
    ...(a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: { podAffinityTerm: unknown }) => w.podAffinityTerm),
    ...(a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: { podAffinityTerm: unknown }) => w.podAffinityTerm),
  ] as { namespaces?: string[]; namespaceSelector?: unknown }[];
  return terms.some((t) => (t.namespaces ?? []).length > 0 || !!t.namespaceSelector);
}

/** podMatchesScopeFunc. */
export function podMatchesScope(sel: ScopeSelector, pod: KObject): boolean {
  const terminating = typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;
  switch (sel.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return qosClass(pod) === 'BestEffort';
    case 'NotBestEffort':
      return qosClass(pod) !== 'BestEffort';
    case 'PriorityClass': {
      const pc = (pod.spec?.priorityClassName as string | undefined) ?? '';
      if (sel.operator === 'Exists') return pc !== '';
      if (sel.operator === 'DoesNotExist') return pc === '';
      if (sel.operator === 'In') return pc !== '' && (sel.values ?? []).includes(pc);
      if (sel.operator === 'NotIn') return pc === '' || !(sel.values ?? []).includes(pc);
      return false;
    }
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(pod);
  }
  return false;
}

/** The quota resources (of `names`) that an object of kind `gk` consumes (MatchingResources). */
export function matchingResources(gk: string, names: string[]): string[] {
  return names.filter((n) => kindForResource(n) === gk);
}

/** generic.Matches: the quota tracks something this object uses, and every scope matches. */
export function quotaMatches(quota: KObject, gk: string, obj: KObject): boolean {
  const hard = Object.keys(quota.status?.hard ?? {});
  if (!matchingResources(gk, hard).length) return false;
  for (const s of scopeSelectors(quota)) if (gk !== 'Pod' || !podMatchesScope(s, obj)) return false;
  return true;
}

const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/**
 * podEvaluator.Constraints: when a quota tracks cpu or memory, every container must state them —
 * `must specify limits.cpu for: app; requests.cpu for: app`.
 */
export function podConstraints(required: string[], pod: KObject): string | undefined {
  const req = required.filter((r) => VALIDATION_SET.has(r));
  if (!req.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as (ContainerLike & { name: string })[]) {
    const have = computeUsage(listOf(c.resources?.requests), listOf(c.resources?.limits));
    for (const r of req) {
      if (have.has(r)) continue;
      let s = missing.get(r);
      if (!s) missing.set(r, (s = new Set()));
      s.add(c.name);
    }
  }
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`)
    .join('; ')}`;
}

/** quota.CalculateUsage: what the namespace uses of every resource the quota limits. */
export function calculateUsage(store: Store, quota: KObject, now: number): ResourceList {
  const hard = Object.keys(quota.spec?.hard ?? {});
  const ns = quota.metadata.namespace!;
  const scopes = scopeSelectors(quota);
  let used: ResourceList = new Map();
  const byKind = new Map<string, string[]>();
  for (const r of hard) {
    const gk = kindForResource(r);
    if (!gk) continue;
    if (!byKind.has(gk)) byKind.set(gk, []);
    byKind.get(gk)!.push(r);
  }
  for (const [gk, names] of byKind) {
    let stats: ResourceList = new Map(names.map((n) => [n, Quantity.zero()]));
    for (const o of store.list(gk, ns)) {
      if (scopes.length && (gk !== 'Pod' || !scopes.every((s) => podMatchesScope(s, o)))) continue;
      stats = addLists(stats, usageOf(gk, o, now));
    }
    used = addLists(used, stats);
  }
  const out: ResourceList = new Map();
  for (const r of hard) if (used.has(r) && byKind.get(kindForResource(r)!)?.includes(r)) out.set(r, used.get(r)!);
  return out;
}

/** A ResourceList as the JSON map the API stores (canonical quantity strings). */
export function toRaw(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = list.get(k)!.toString();
  return out;
}
