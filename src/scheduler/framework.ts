// The scheduling framework (pkg/scheduler/framework/runtime as of 1.32): PreFilter plugins may skip
// themselves, narrow the candidate nodes or reject the pod outright; Filter plugins run per node in
// profile order and the first rejection wins; Score plugins (after an optional PreScore that may skip
// them) score the feasible nodes, NormalizeScore maps the raw scores to 0..100 and the weighted sum
// picks the node. A pod nobody can take gets the FitError message: the filter reasons counted and
// sorted, then the preemption (PostFilter) verdict.
import type { KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { addPodToInfo, cloneNodeInfo, podRequests, type NodeInfo, type PodRequests } from './nodeinfo';

export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A rejection: which plugin, its code, its reasons (what the FitError counts). */
export interface Status {
  plugin: string;
  code: Code;
  reasons: string[];
}

export const MAX_NODE_SCORE = 100;

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { plugin, code: 'Unschedulable', reasons };
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { plugin, code: 'UnschedulableAndUnresolvable', reasons };
}

export interface CycleState {
  pod: KObject;
  requests: PodRequests;
  ctx: Ctx;
  /** Every node of the snapshot, sorted by name. */
  infos: NodeInfo[];
  /** Plugin data written in PreFilter/PreScore (CycleState.Write). */
  data: Map<string, unknown>;
  /** Filter plugins whose PreFilter returned Skip. */
  skipFilter: Set<string>;
  /** Score plugins whose PreScore returned Skip. */
  skipScore: Set<string>;
}

export interface PreFilterOutcome {
  /** Status Skip: the plugin's Filter does not run in this cycle. */
  skip?: boolean;
  /** PreFilterResult.NodeNames: only these nodes can possibly fit. */
  nodeNames?: Set<string>;
  status?: Status;
}

export interface FilterPlugin {
  name: string;
  preFilter?(s: CycleState): PreFilterOutcome | void;
  filter(s: CycleState, n: NodeInfo): Status | null;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** Returning 'skip' leaves the plugin out of this cycle's scoring. */
  preScore?(s: CycleState, feasible: NodeInfo[]): 'skip' | void;
  score(s: CycleState, n: NodeInfo): number;
  /** NormalizeScore over the feasible nodes (raw scores in, 0..100 out). */
  normalize?(s: CycleState, scores: number[], nodes: NodeInfo[]): number[];
}

export function newCycleState(ctx: Ctx, pod: KObject, infos: NodeInfo[]): CycleState {
  return { pod, requests: podRequests(pod), ctx, infos, data: new Map(), skipFilter: new Set(), skipScore: new Set() };
}

export interface PreFilterResult {
  /** Nodes left by PreFilterResults (undefined: all). */
  nodeNames?: Set<string>;
  /** Plugins that narrowed the node set. */
  narrowedBy: string[];
  /** The rejection of the whole pod (PreFilter returned Unschedulable…). */
  status?: Status;
}

/** RunPreFilterPlugins. */
export function runPreFilter(s: CycleState, filters: FilterPlugin[]): PreFilterResult {
  let nodeNames: Set<string> | undefined;
  const narrowedBy: string[] = [];
  let returned: Status | undefined;
  for (const p of filters) {
    if (!p.preFilter) continue;
    const out = p.preFilter(s) ?? {};
    if (out.skip) {
      s.skipFilter.add(p.name);
      continue;
    }
    if (out.status) {
      // UnschedulableAndUnresolvable ends PreFilter at once; Unschedulable lets the others run
      // so preemption can use their state
      if (out.status.code === 'UnschedulableAndUnresolvable') return { narrowedBy: [], status: out.status };
      returned = out.status;
      continue;
    }
    if (out.nodeNames) {
      narrowedBy.push(p.name);
      nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => out.nodeNames!.has(n))) : new Set(out.nodeNames);
      if (nodeNames.size === 0) {
        const sorted = [...narrowedBy].sort();
        const msg = sorted.length === 1 ? `node(s) didn't satisfy plugin ${sorted[0]}` : `node(s) didn't satisfy plugin(s) [${sorted.join(' ')}] simultaneously`;
        return { nodeNames, narrowedBy, status: unresolvable(p.name, msg) };
      }
    }
  }
  return { nodeNames, narrowedBy, status: returned };
}

/** RunFilterPlugins: the first plugin to reject the node decides. */
export function runFilters(s: CycleState, filters: FilterPlugin[], n: NodeInfo): Status | null {
  for (const p of filters) {
    if (s.skipFilter.has(p.name)) continue;
    const st = p.filter(s, n);
    if (st) return st;
  }
  return null;
}

/** Priority of a pod (corev1helpers.PodPriority): spec.priority, 0 when unset. */
export function podPriority(p: KObject): number {
  return typeof p.spec?.priority === 'number' ? p.spec.priority : 0;
}

/**
 * A cycle state whose snapshot has `node` replaced by `info` (the preemption dry run and nominated
 * pods): the PreFilter state is computed again over the changed snapshot, which is what the AddPod /
 * RemovePod PreFilter extensions maintain incrementally in kube-scheduler.
 */
export function withNodeInfo(s: CycleState, filters: FilterPlugin[], info: NodeInfo): CycleState {
  const infos = s.infos.map((n) => (n.name === info.name ? info : n));
  const next = newCycleState(s.ctx, s.pod, infos);
  runPreFilter(next, filters);
  return next;
}

/**
 * RunFilterPluginsWithNominatedPods: pods of equal or higher priority that preemption nominated to
 * this node are treated as running there, so lower-priority pods do not take the room they wait for.
 */
export function runFiltersWithNominated(s: CycleState, filters: FilterPlugin[], n: NodeInfo, nominated: KObject[]): Status | null {
  const prio = podPriority(s.pod);
  const extra = nominated.filter((p) => p.metadata.uid !== s.pod.metadata.uid && podPriority(p) >= prio);
  if (extra.length) {
    const info = cloneNodeInfo(n);
    for (const p of extra) addPodToInfo(info, { ...p, spec: { ...p.spec, nodeName: n.name } });
    const st = runFilters(withNodeInfo(s, filters, info), filters, info);
    if (st) return st;
  }
  return runFilters(s, filters, n);
}

/** helper.DefaultNormalizeScore. */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((v) => {
    const sc = Math.trunc((MAX_NODE_SCORE * v) / max);
    return reverse ? MAX_NODE_SCORE - sc : sc;
  });
}

/**
 * FitError.Error(): `0/N nodes are available: <PreFilterMsg>.` or the filter reasons counted
 * (`<count> <reason>`, sorted as strings, joined by `, `), then the PostFilter message.
 */
export function fitErrorMessage(total: number, opts: { preFilterMsg?: string; statuses: Map<string, Status>; absent?: Status; postFilterMsg?: string }): string {
  let msg = `0/${total} nodes are available:`;
  if (opts.preFilterMsg) msg += ` ${opts.preFilterMsg}.`;
  else {
    const counts = new Map<string, number>();
    for (const st of opts.statuses.values()) for (const r of st.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    if (opts.absent && opts.statuses.size < total) for (const r of opts.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + total - opts.statuses.size);
    const parts = [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (opts.postFilterMsg) msg += ` ${opts.postFilterMsg}`;
  return msg;
}
