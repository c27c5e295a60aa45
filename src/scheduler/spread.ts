// PodTopologySpread (framework/plugins/podtopologyspread, 1.32): hard constraints
// (whenUnsatisfiable: DoNotSchedule) filter nodes whose domain would exceed maxSkew over the least
// loaded domain; soft ones (ScheduleAnyway) and the system default constraints (hostname maxSkew 3,
// zone maxSkew 5, over the pod's Services and owning ReplicaSet/StatefulSet/RC) score nodes.
// nodeAffinityPolicy defaults to Honor, nodeTaintsPolicy to Ignore; matchLabelKeys are merged into
// the selector (both feature gates are on by default in 1.32).
import type { KObject, Toleration, Taint } from '../api/types';
import { fromLabelSelector, fromMap, Selector, type Requirement } from '../api/selectors';
import { MAX_NODE_SCORE, unresolvable, unschedulable, type CycleState, type FilterPlugin, type ScorePlugin } from './framework';
import type { NodeInfo } from './nodeinfo';
import { firstUntoleratedTaint, matchesRequiredNodeAffinity } from './helpers';

export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';

export const ERR_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_NODE_LABEL_NOT_MATCH = `${ERR_CONSTRAINTS_NOT_MATCH} (missing required label)`;

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

interface RawConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector?: Parameters<typeof fromLabelSelector>[0];
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  matchLabelKeys?: string[];
}

const SYSTEM_DEFAULTS: RawConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

function filterConstraints(raw: RawConstraint[], podLabels: Record<string, string>, action: string): Constraint[] {
  const out: Constraint[] = [];
  for (const c of raw) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = fromLabelSelector(c.labelSelector);
    const extra: Requirement[] = [];
    for (const k of c.matchLabelKeys ?? []) if (k in podLabels) extra.push({ key: k, op: 'Equals', values: [podLabels[k]!] });
    if (extra.length && !selector.none) selector = new Selector([...extra, ...selector.requirements]);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the selectors of the Services selecting the pod merged, plus the selector
 * of its controlling ReplicationController, ReplicaSet or StatefulSet.
 */
export function defaultSelector(s: CycleState): Selector {
  const pod = s.pod;
  const ns = pod.metadata.namespace;
  const labels = pod.metadata.labels ?? {};
  let set: Record<string, string> = {};
  for (const svc of s.ctx.store.list('Service', ns)) {
    const sel = svc.spec?.selector as Record<string, string> | undefined;
    if (!sel) continue;
    if (fromMap(sel).matches(labels)) set = { ...set, ...sel };
  }
  let reqs = fromMap(set).requirements;
  const ref = (pod.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller) as { kind: string; name: string; apiVersion: string } | undefined;
  if (ref) {
    if (ref.kind === 'ReplicationController' && ref.apiVersion === 'v1') {
      const rc = s.ctx.store.get('ReplicationController', ns, ref.name);
      if (rc) reqs = fromMap({ ...set, ...(rc.spec?.selector ?? {}) }).requirements;
    } else if ((ref.kind === 'ReplicaSet' || ref.kind === 'StatefulSet') && ref.apiVersion === 'apps/v1') {
      const owner = s.ctx.store.get(`${ref.kind}.apps`, ns, ref.name);
      if (owner) reqs = [...reqs, ...fromLabelSelector(owner.spec?.selector).requirements];
    }
  }
  return new Selector(reqs);
}

function constraintsFor(s: CycleState, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const own = (s.pod.spec?.topologySpreadConstraints ?? []) as RawConstraint[];
  const podLabels = s.pod.metadata.labels ?? {};
  if (own.length) return filterConstraints(own, podLabels, action);
  const defaults = filterConstraints(SYSTEM_DEFAULTS, podLabels, action);
  if (!defaults.length) return [];
  const sel = defaultSelector(s);
  if (sel.empty()) return [];
  return defaults.map((c) => ({ ...c, selector: sel }));
}

function hasAllKeys(node: KObject, cs: Constraint[]): boolean {
  const labels = node.metadata.labels ?? {};
  return cs.every((c) => Object.prototype.hasOwnProperty.call(labels, c.topologyKey));
}

function included(c: Constraint, pod: KObject, node: KObject): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequiredNodeAffinity(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && firstUntoleratedTaint((node.spec?.taints ?? []) as Taint[], (pod.spec?.tolerations ?? []) as Toleration[], ['NoSchedule', 'NoExecute'])) return false;
  return true;
}

/** countPodsMatchSelector: live pods of the namespace the selector matches. */
export function countMatching(info: NodeInfo, sel: Selector, ns: string | undefined, key = `${ns ?? ''}\u0000${sel.key()}`): number {
  if (sel.empty()) return 0;
  // every pod of a Deployment scores every node this way: remember the count until the node's pods change
  const memo = (info.matchCounts ??= new Map());
  const known = memo.get(key);
  if (known !== undefined) return known;
  let n = 0;
  for (const p of info.pods.values()) {
    if (p.metadata.deletionTimestamp || p.metadata.namespace !== ns) continue;
    if (sel.matches(p.metadata.labels)) n++;
  }
  memo.set(key, n);
  return n;
}

interface SpreadPreFilter {
  constraints: Constraint[];
  /** `key\0value` → matching pods in that domain. */
  counts: Map<string, number>;
  domains: Map<string, number>;
  min: Map<string, number>;
}

const pair = (k: string, v: string) => `${k}\u0000${v}`;

export const podTopologySpread: FilterPlugin = {
  name: 'PodTopologySpread',
  preFilter(s) {
    const constraints = constraintsFor(s, 'DoNotSchedule');
    if (!constraints.length) return { skip: true };
    const counts = new Map<string, number>();
    for (const info of s.infos) {
      if (!hasAllKeys(info.node, constraints)) continue;
      for (const c of constraints) {
        if (!included(c, s.pod, info.node)) continue;
        const p = pair(c.topologyKey, info.node.metadata.labels![c.topologyKey]!);
        counts.set(p, (counts.get(p) ?? 0) + countMatching(info, c.selector, s.pod.metadata.namespace));
      }
    }
    const domains = new Map<string, number>();
    const min = new Map<string, number>();
    for (const [p, n] of counts) {
      const key = p.slice(0, p.indexOf('\u0000'));
      domains.set(key, (domains.get(key) ?? 0) + 1);
      min.set(key, Math.min(min.get(key) ?? Number.MAX_SAFE_INTEGER, n));
    }
    s.data.set(this.name, { constraints, counts, domains, min } satisfies SpreadPreFilter);
    return {};
  },
  filter(s, n) {
    const st = s.data.get(this.name) as SpreadPreFilter | undefined;
    if (!st) return null;
    const labels = n.node.metadata.labels ?? {};
    for (const c of st.constraints) {
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return unresolvable(this.name, ERR_NODE_LABEL_NOT_MATCH);
      const minMatch = (st.domains.get(c.topologyKey) ?? 0) < c.minDomains ? 0 : (st.min.get(c.topologyKey) ?? 0);
      const self = c.selector.matches(s.pod.metadata.labels) ? 1 : 0;
      const matchNum = st.counts.get(pair(c.topologyKey, labels[c.topologyKey])) ?? 0;
      if (matchNum + self - minMatch > c.maxSkew) return unschedulable(this.name, ERR_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  },
};

interface SpreadPreScore {
  constraints: Constraint[];
  ignored: Set<string>;
  counts: Map<string, number>;
  weights: number[];
}

export const podTopologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(s, feasible) {
    if (!s.infos.length) return 'skip';
    const constraints = constraintsFor(s, 'ScheduleAnyway');
    if (!constraints.length) return 'skip';
    const requireAll = (s.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    const ignored = new Set<string>();
    const counts = new Map<string, number>();
    const sizes = constraints.map(() => 0);
    for (const info of feasible) {
      if (requireAll && !hasAllKeys(info.node, constraints)) {
        ignored.add(info.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME) return;
        const p = pair(c.topologyKey, info.node.metadata.labels?.[c.topologyKey] ?? '');
        if (!counts.has(p)) {
          counts.set(p, 0);
          sizes[i]!++;
        }
      });
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : sizes[i]!) + 2));
    // per-node counts (hostname) are taken in Score: only the other domains need every node
    const domains = constraints.filter((c) => c.topologyKey !== HOSTNAME);
    const ns = s.pod.metadata.namespace;
    const memoKeys = domains.map((c) => `${ns ?? ''}\u0000${c.selector.key()}`);
    if (counts.size)
      for (const info of s.infos) {
        if (requireAll && !hasAllKeys(info.node, constraints)) continue;
        domains.forEach((c, i) => {
          if (!included(c, s.pod, info.node)) return;
          const p = pair(c.topologyKey, info.node.metadata.labels?.[c.topologyKey] ?? '');
          const cur = counts.get(p);
          if (cur === undefined) return;
          counts.set(p, cur + countMatching(info, c.selector, ns, memoKeys[i]));
        });
      }
    s.data.set('PreScorePodTopologySpread', { constraints, ignored, counts, weights } satisfies SpreadPreScore);
  },
  score(s, n) {
    const st = s.data.get('PreScorePodTopologySpread') as SpreadPreScore;
    if (st.ignored.has(n.name)) return 0;
    const labels = n.node.metadata.labels ?? {};
    let score = 0;
    st.constraints.forEach((c, i) => {
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return;
      const cnt = c.topologyKey === HOSTNAME ? countMatching(n, c.selector, s.pod.metadata.namespace) : (st.counts.get(pair(c.topologyKey, labels[c.topologyKey])) ?? 0);
      score += cnt * st.weights[i]! + (c.maxSkew - 1);
    });
    return Math.round(score);
  },
  normalize(s, scores, nodes) {
    const st = s.data.get('PreScorePodTopologySpread') as SpreadPreScore;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    scores.forEach((v, i) => {
      if (st.ignored.has(nodes[i]!.name)) return;
      min = Math.min(min, v);
      max = Math.max(max, v);
    });
    return scores.map((v, i) => {
      if (st.ignored.has(nodes[i]!.name)) return 0;
      if (max === 0) return MAX_NODE_SCORE;
      return Math.trunc((MAX_NODE_SCORE * (max + min - v)) / max);
    });
  },
};
