// One scheduling cycle (schedule_one.go: schedulePod / findNodesThatFitPod / prioritizeNodes /
// selectHost): PreFilter, the nominated node first, Filter on every candidate node (with the pods
// preemption nominated there), Score, and the highest total wins (ties broken at random from the
// seeded source, as selectHost's reservoir sampling does).
import type { KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { NodeInfoCache, type NodeInfo } from './nodeinfo';
import { FILTERS, SCORES } from './plugins';
import { simState } from '../controllers/context';
import { newCycleState, runFiltersWithNominated, runPreFilter, unresolvable, type CycleState, type Status } from './framework';

export function nodeCache(ctx: Ctx): NodeInfoCache {
  let c = ctx.transient.nodeInfo as NodeInfoCache | undefined;
  if (!c) {
    c = new NodeInfoCache(ctx.store);
    ctx.transient.nodeInfo = c;
  }
  return c;
}

export interface ScheduleResult {
  /** The chosen node, when the pod fits somewhere. */
  node?: string;
  /** NumAllNodes of the FitError. */
  total: number;
  /** ErrNoNodesAvailable. */
  noNodes?: boolean;
  /** PreFilter rejected the pod for every node. */
  preFilterMsg?: string;
  preFilterStatus?: Status;
  /** Per node: the plugin that rejected it and why. */
  statuses: Map<string, Status>;
  /** The status of nodes PreFilter left out (`node(s) didn't satisfy plugin(s) [NodeAffinity]`). */
  absent?: Status;
  feasible: string[];
  /** Weighted, normalized scores per node and plugin (only when more than one node was feasible). */
  scores: Map<string, Record<string, number>>;
  totals: Map<string, number>;
  /** Score plugins whose PreScore skipped them. */
  skippedScores: string[];
  /** The node was the pod's nominated node and passed the filters (no scoring). */
  viaNomination?: boolean;
  state?: CycleState;
}

/** minFeasibleNodesToFind, minFeasibleNodesPercentageToFind (schedule_one.go). */
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/**
 * numFeasibleNodesToFind with the default (adaptive) percentageOfNodesToScore: every node below 100,
 * then 50% less one point per 125 nodes, never below 5% nor 100 nodes (5,000 nodes → 500).
 */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES ? MIN_FEASIBLE_NODES : n;
}

/** One scheduling decision: filter every node, score the feasible ones, pick the best. */
export function schedulePod(ctx: Ctx, pod: KObject): ScheduleResult {
  const cache = nodeCache(ctx);
  const infos = cache.all();
  const result: ScheduleResult = { total: infos.length, statuses: new Map(), feasible: [], scores: new Map(), totals: new Map(), skippedScores: [] };
  if (infos.length === 0) {
    result.noNodes = true;
    return result;
  }
  const state = newCycleState(ctx, pod, infos);
  result.state = state;
  const pre = runPreFilter(state, FILTERS);
  if (pre.status) {
    result.preFilterMsg = pre.status.reasons.join(', ');
    result.preFilterStatus = pre.status;
    result.absent = pre.status;
    return result;
  }
  const nnn = pod.status?.nominatedNodeName as string | undefined;
  if (nnn) {
    const info = cache.get(nnn);
    if (info && (!pre.nodeNames || pre.nodeNames.has(nnn)) && !runFiltersWithNominated(state, FILTERS, info, cache.nominatedPods(nnn))) {
      result.node = nnn;
      result.feasible = [nnn];
      result.viaNomination = true;
      return result;
    }
  }
  let candidates: NodeInfo[] = infos;
  if (pre.nodeNames) {
    candidates = infos.filter((n) => pre.nodeNames!.has(n.name));
    result.absent = unresolvable(pre.narrowedBy[0] ?? '', `node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(' ')}]`);
  }
  // findNodesThatPassFilters: in a large cluster the search stops once enough feasible nodes are
  // found, and the next pod's search starts where this one stopped (nextStartNodeIndex), so every
  // node gets its turn. Below 100 candidate nodes every node is filtered and the start stays put.
  const feasible: NodeInfo[] = [];
  const numAll = candidates.length;
  const toFind = numFeasibleNodesToFind(numAll);
  const sampling = toFind < numAll;
  const sched = sampling ? simState(ctx, 'scheduler', () => ({ unschedulable: {} }) as { unschedulable: Record<string, number>; nextStartNodeIndex?: number }) : undefined;
  const start = sched ? (sched.nextStartNodeIndex ?? 0) % numAll : 0;
  let processed = 0;
  for (let i = 0; i < numAll; i++) {
    const info = candidates[(start + i) % numAll]!;
    const st = runFiltersWithNominated(state, FILTERS, info, cache.nominatedPods(info.name));
    processed++;
    if (st) result.statuses.set(info.name, st);
    else {
      feasible.push(info);
      if (feasible.length >= toFind) break;
    }
  }
  if (sched) sched.nextStartNodeIndex = (start + processed) % numAll;
  result.feasible = feasible.map((n) => n.name);
  if (feasible.length === 0) return result;
  if (feasible.length === 1) {
    result.node = feasible[0]!.name;
    return result;
  }
  for (const n of feasible) {
    result.scores.set(n.name, {});
    result.totals.set(n.name, 0);
  }
  for (const p of SCORES) {
    if (p.preScore?.(state, feasible) === 'skip') {
      result.skippedScores.push(p.name);
      continue;
    }
    const raw = feasible.map((n) => p.score(state, n));
    const normalized = p.normalize ? p.normalize(state, raw, feasible) : raw;
    feasible.forEach((n, i) => {
      const v = normalized[i]! * p.weight;
      result.scores.get(n.name)![p.name] = v;
      result.totals.set(n.name, result.totals.get(n.name)! + v);
    });
  }
  let best = -Infinity;
  let picks: string[] = [];
  for (const n of feasible) {
    const t = result.totals.get(n.name)!;
    if (t > best) {
      best = t;
      picks = [n.name];
    } else if (t === best) picks.push(n.name);
  }
  result.node = picks.length === 1 ? picks[0]! : picks[ctx.rng.int(picks.length)]!;
  return result;
}
