// InterPodAffinity (framework/plugins/interpodaffinity, 1.32). Required pod affinity needs a matching
// pod in the node's topology domain (the first pod of a group that matches its own terms may go
// anywhere); required anti-affinity forbids domains holding a matching pod; and the required
// anti-affinity of pods already running is honoured too. Preferred terms (and, with weight 1, the
// required affinity of existing pods) score the domains.
import type { KObject } from '../api/types';
import { fromLabelSelector, type Selector } from '../api/selectors';
import { unresolvable, unschedulable, MAX_NODE_SCORE, type CycleState, type FilterPlugin, type ScorePlugin } from './framework';
import type { NodeInfo } from './nodeinfo';

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

/** HardPodAffinityWeight of the default InterPodAffinityArgs. */
const HARD_POD_AFFINITY_WEIGHT = 1;

interface RawTerm {
  labelSelector?: Parameters<typeof fromLabelSelector>[0];
  namespaces?: string[];
  namespaceSelector?: Parameters<typeof fromLabelSelector>[0];
  topologyKey: string;
}

export interface AffinityTerm {
  namespaces: Set<string>;
  /** null: matches no namespace by labels (nil selector, or already resolved into `namespaces`). */
  nsSelector: Selector | null;
  selector: Selector;
  topologyKey: string;
}

function newTerm(pod: KObject, t: RawTerm): AffinityTerm {
  const namespaces = new Set<string>(!(t.namespaces ?? []).length && !t.namespaceSelector ? [pod.metadata.namespace!] : (t.namespaces ?? []));
  return { namespaces, nsSelector: t.namespaceSelector ? fromLabelSelector(t.namespaceSelector) : null, selector: fromLabelSelector(t.labelSelector), topologyKey: t.topologyKey };
}

/** AffinityTerm.Matches. */
export function termMatches(t: AffinityTerm, pod: KObject, nsLabels: Record<string, string> | null): boolean {
  const nsOk = t.namespaces.has(pod.metadata.namespace!) || (t.nsSelector !== null && t.nsSelector.matches(nsLabels ?? {}));
  return nsOk && t.selector.matches(pod.metadata.labels);
}

export interface PodTerms {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferredAffinity: { term: AffinityTerm; weight: number }[];
  preferredAnti: { term: AffinityTerm; weight: number }[];
}

/** framework.NewPodInfo: the pod's affinity terms parsed. */
export function podTerms(pod: KObject): PodTerms {
  const a = pod.spec?.affinity ?? {};
  const req = (x: RawTerm[] | undefined) => (x ?? []).map((t) => newTerm(pod, t));
  const pref = (x: { weight: number; podAffinityTerm: RawTerm }[] | undefined) => (x ?? []).map((w) => ({ term: newTerm(pod, w.podAffinityTerm), weight: w.weight }));
  return {
    requiredAffinity: req(a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAnti: req(a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinity: pref(a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAnti: pref(a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** mergeAffinityTermNamespacesIfNotEmpty: a non-empty namespaceSelector becomes the namespaces it selects. */
function resolveNamespaces(s: CycleState, t: AffinityTerm): AffinityTerm {
  if (t.nsSelector === null || t.nsSelector.empty()) return t;
  const names = new Set(t.namespaces);
  for (const ns of s.ctx.store.list('Namespace')) if (t.nsSelector.matches(ns.metadata.labels ?? {})) names.add(ns.metadata.name);
  return { ...t, namespaces: names, nsSelector: null };
}

function nsLabelsOf(s: CycleState): Record<string, string> {
  return s.ctx.store.get('Namespace', undefined, s.pod.metadata.namespace!)?.metadata.labels ?? {};
}

const pair = (k: string, v: string) => `${k}\u0000${v}`;

function bump(m: Map<string, number>, node: KObject, key: string, by: number): void {
  const labels = node.metadata.labels ?? {};
  if (!Object.prototype.hasOwnProperty.call(labels, key)) return;
  const p = pair(key, labels[key]);
  const v = (m.get(p) ?? 0) + by;
  if (v === 0) m.delete(p);
  else m.set(p, v);
}

function matchesAll(terms: AffinityTerm[], pod: KObject): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, null));
}

interface AffinityPreFilter {
  terms: PodTerms;
  existingAnti: Map<string, number>;
  affinity: Map<string, number>;
  anti: Map<string, number>;
}

export const interPodAffinity: FilterPlugin = {
  name: 'InterPodAffinity',
  preFilter(s) {
    const raw = podTerms(s.pod);
    const terms: PodTerms = { ...raw, requiredAffinity: raw.requiredAffinity.map((t) => resolveNamespaces(s, t)), requiredAnti: raw.requiredAnti.map((t) => resolveNamespaces(s, t)) };
    const nsLabels = nsLabelsOf(s);
    const existingAnti = new Map<string, number>();
    for (const info of s.infos) {
      for (const key of info.antiAffinityPods) {
        const existing = info.pods.get(key)!;
        for (const t of podTerms(existing).requiredAnti) if (termMatches(t, s.pod, nsLabels)) bump(existingAnti, info.node, t.topologyKey, 1);
      }
    }
    const affinity = new Map<string, number>();
    const anti = new Map<string, number>();
    if (terms.requiredAffinity.length || terms.requiredAnti.length) {
      for (const info of s.infos) {
        for (const existing of info.pods.values()) {
          if (matchesAll(terms.requiredAffinity, existing)) for (const t of terms.requiredAffinity) bump(affinity, info.node, t.topologyKey, 1);
          for (const t of terms.requiredAnti) if (termMatches(t, existing, null)) bump(anti, info.node, t.topologyKey, 1);
        }
      }
    }
    if (existingAnti.size === 0 && !terms.requiredAffinity.length && !terms.requiredAnti.length) return { skip: true };
    s.data.set(this.name, { terms, existingAnti, affinity, anti } satisfies AffinityPreFilter);
    return {};
  },
  filter(s, n) {
    const st = s.data.get(this.name) as AffinityPreFilter | undefined;
    if (!st) return null;
    const labels = n.node.metadata.labels ?? {};
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of st.terms.requiredAffinity) {
      if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return unresolvable(this.name, ERR_AFFINITY);
      if ((st.affinity.get(pair(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist && !(st.affinity.size === 0 && matchesAll(st.terms.requiredAffinity, s.pod))) return unresolvable(this.name, ERR_AFFINITY);
    // satisfyPodAntiAffinity
    if (st.anti.size > 0) {
      for (const t of st.terms.requiredAnti) {
        if (Object.prototype.hasOwnProperty.call(labels, t.topologyKey) && (st.anti.get(pair(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) return unschedulable(this.name, ERR_ANTI_AFFINITY);
      }
    }
    // satisfyExistingPodsAntiAffinity
    if (st.existingAnti.size > 0) {
      for (const [k, v] of Object.entries(labels)) if ((st.existingAnti.get(pair(k, v as string)) ?? 0) > 0) return unschedulable(this.name, ERR_EXISTING_ANTI_AFFINITY);
    }
    return null;
  },
};

interface AffinityPreScore {
  scores: Map<string, Map<string, number>>;
}

export const interPodAffinityScore: ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preScore(s, feasible) {
    if (!feasible.length) return 'skip';
    const raw = podTerms(s.pod);
    const hasConstraints = raw.preferredAffinity.length > 0 || raw.preferredAnti.length > 0;
    const terms: PodTerms = {
      ...raw,
      preferredAffinity: raw.preferredAffinity.map((w) => ({ ...w, term: resolveNamespaces(s, w.term) })),
      preferredAnti: raw.preferredAnti.map((w) => ({ ...w, term: resolveNamespaces(s, w.term) })),
    };
    const nsLabels = nsLabelsOf(s);
    const scores = new Map<string, Map<string, number>>();
    // a topology domain that any term touched counts, even when weights cancel out
    let any = false;
    const add = (t: AffinityTerm, weight: number, pod: KObject, nsl: Record<string, string> | null, node: KObject, mult: number) => {
      if (!termMatches(t, pod, nsl)) return;
      const labels = node.metadata.labels ?? {};
      if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return;
      let m = scores.get(t.topologyKey);
      if (!m) scores.set(t.topologyKey, (m = new Map()));
      m.set(labels[t.topologyKey], (m.get(labels[t.topologyKey]) ?? 0) + weight * mult);
      any = true;
    };
    for (const info of s.infos) {
      if (!Object.keys(info.node.metadata.labels ?? {}).length) continue;
      const keys = hasConstraints ? [...info.pods.keys()] : [...info.affinityPods];
      for (const key of keys) {
        const existing = info.pods.get(key)!;
        for (const w of terms.preferredAffinity) add(w.term, w.weight, existing, null, info.node, 1);
        for (const w of terms.preferredAnti) add(w.term, w.weight, existing, null, info.node, -1);
        const et = podTerms(existing);
        for (const t of et.requiredAffinity) add(t, HARD_POD_AFFINITY_WEIGHT, s.pod, nsLabels, info.node, 1);
        for (const w of et.preferredAffinity) add(w.term, w.weight, s.pod, nsLabels, info.node, 1);
        for (const w of et.preferredAnti) add(w.term, w.weight, s.pod, nsLabels, info.node, -1);
      }
    }
    if (!any) return 'skip';
    s.data.set('PreScoreInterPodAffinity', { scores } satisfies AffinityPreScore);
  },
  score(s, n) {
    const st = s.data.get('PreScoreInterPodAffinity') as AffinityPreScore;
    const labels = n.node.metadata.labels ?? {};
    let score = 0;
    for (const [key, values] of st.scores) if (Object.prototype.hasOwnProperty.call(labels, key)) score += values.get(labels[key]) ?? 0;
    return score;
  },
  normalize(s, scores) {
    const st = s.data.get('PreScoreInterPodAffinity') as AffinityPreScore;
    if (st.scores.size === 0) return scores;
    const max = Math.max(...scores);
    const min = Math.min(...scores);
    const diff = max - min;
    return scores.map((v) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((v - min) / diff)) : 0));
  },
};

export type { NodeInfo };
