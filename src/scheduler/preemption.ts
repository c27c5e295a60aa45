// DefaultPreemption, the PostFilter plugin (framework/preemption + plugins/defaultpreemption, 1.32).
// A pod that fits nowhere may evict lower-priority pods: on every node rejected only "Unschedulable"
// (not "UnschedulableAndUnresolvable") the dry run removes all lower-priority pods, checks the pod
// would then fit, and gives back ("reprieves") as many of them as possible, PDB-protected ones first.
// The best candidate node (fewest PDB violations, lowest victim priority, …) is chosen; its victims
// get the DisruptionTarget condition, are deleted gracefully and see a `Preempted` event, and the
// preemptor is nominated to the node. Without candidates the FailedScheduling message carries the
// dry run's verdicts after `preemption: `.
import { clone, type KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { KubeError } from '../api/errors';
import { fromLabelSelector } from '../api/selectors';
import { addPodToInfo, cloneNodeInfo, removePodFromInfo, type NodeInfo } from './nodeinfo';
import { FILTERS } from './plugins';
import { fitErrorMessage, podPriority, runFiltersWithNominated, unresolvable, withNodeInfo, type CycleState, type Status } from './framework';
import { nodeCache } from './schedule';

export const SCHEDULER_NAME = 'default-scheduler';
const MAX_INT32 = 2147483647;

export interface Candidate {
  node: string;
  victims: KObject[];
  pdbViolations: number;
}

export interface PreemptionResult {
  /** PostFilter message (`preemption: …`), empty when preemption succeeded. */
  message: string;
  /** NominatingInfo: a node to nominate, '' to clear the nomination, undefined to leave it. */
  nominate?: string;
  candidate?: Candidate;
  /** Per node verdicts of the dry run (for `kubesim why`). */
  statuses?: Map<string, Status>;
}

function startTime(p: KObject, now: number): number {
  const t = p.status?.startTime ? Date.parse(p.status.startTime) : NaN;
  return Number.isNaN(t) ? now : t;
}

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
export function moreImportant(a: KObject, b: KObject, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return startTime(a, now) < startTime(b, now);
}

function sortByImportance(pods: KObject[], now: number): KObject[] {
  return [...pods].sort((a, b) => (moreImportant(a, b, now) ? -1 : moreImportant(b, a, now) ? 1 : 0));
}

/** filterPodsWithPDBViolation. */
function splitByPdb(pods: KObject[], pdbs: KObject[]): { violating: KObject[]; nonViolating: KObject[] } {
  const allowed = pdbs.map((p) => (p.status?.disruptionsAllowed as number | undefined) ?? 0);
  const violating: KObject[] = [];
  const nonViolating: KObject[] = [];
  for (const pod of pods) {
    let violated = false;
    if (Object.keys(pod.metadata.labels ?? {}).length) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata.namespace !== pod.metadata.namespace) return;
        const sel = fromLabelSelector(pdb.spec?.selector);
        if (sel.empty() || sel.none || !sel.matches(pod.metadata.labels)) return;
        if (pdb.status?.disruptedPods && pod.metadata.name in pdb.status.disruptedPods) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

/** SelectVictimsOnNode. */
export function selectVictimsOnNode(state: CycleState, info: NodeInfo, pdbs: KObject[]): { victims: KObject[]; pdbViolations: number } | Status {
  const ctx = state.ctx;
  const now = ctx.clock.now();
  const prio = podPriority(state.pod);
  if (info.lowestPriority === undefined) {
    let low = Infinity;
    for (const p of info.pods.values()) low = Math.min(low, podPriority(p));
    info.lowestPriority = low;
  }
  const potential: KObject[] = [];
  if (info.lowestPriority < prio) for (const p of info.pods.values()) if (podPriority(p) < prio) potential.push(p);
  // nothing of lower priority: the node's copy would not change, so it is not made
  if (potential.length === 0) return unresolvable('DefaultPreemption', 'No preemption victims found for incoming pod');
  const node = cloneNodeInfo(info);
  const nominated = nodeCache(ctx).nominatedPods(info.name);
  for (const p of potential) removePodFromInfo(node, p);
  const fits = () => runFiltersWithNominated(withNodeInfo(state, FILTERS, node), FILTERS, node, nominated);
  const st = fits();
  if (st) return st;
  const { violating, nonViolating } = splitByPdb(sortByImportance(potential, now), ctx.store.list('PodDisruptionBudget.policy'));
  let victims: KObject[] = [];
  let pdbViolations = 0;
  const reprieve = (p: KObject): boolean => {
    addPodToInfo(node, p);
    if (fits()) {
      removePodFromInfo(node, p);
      victims.push(p);
      return false;
    }
    return true;
  };
  for (const p of violating) if (!reprieve(p)) pdbViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length && nonViolating.length) victims = sortByImportance(victims, now);
  return { victims, pdbViolations };
}

/** pickOneNodeForPreemption: each criterion narrows the candidates until one is left. */
export function pickCandidate(cands: Candidate[], now: number): Candidate | undefined {
  if (!cands.length) return undefined;
  const highestVictims = (c: Candidate) => c.victims.filter((v) => podPriority(v) === podPriority(c.victims[0]!));
  const earliest = (c: Candidate) => Math.min(...highestVictims(c).map((v) => startTime(v, now)));
  const scores: ((c: Candidate) => number)[] = [
    (c) => -c.pdbViolations,
    (c) => -podPriority(c.victims[0]!),
    (c) => -c.victims.reduce((sum, v) => sum + podPriority(v) + MAX_INT32 + 1, 0),
    (c) => -c.victims.length,
    (c) => earliest(c),
  ];
  let left = cands;
  for (const f of scores) {
    let best = -Infinity;
    let keep: Candidate[] = [];
    for (const c of left) {
      const v = f(c);
      if (v > best) {
        best = v;
        keep = [c];
      } else if (v === best) keep.push(c);
    }
    if (keep.length === 1) return keep[0];
    left = keep;
  }
  return left[0];
}

function terminatingByPreemption(p: KObject): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = (p.status?.conditions ?? []).find((x: { type: string }) => x.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** Sets a pod condition the way apipod.UpdatePodCondition does (transition time kept if status unchanged). */
export function setPodCondition(ctx: Ctx, pod: KObject, cond: { type: string; status: string; reason?: string; message?: string }): KObject {
  const cur = ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
  if (!cur) return pod;
  const next = clone(cur);
  next.status = next.status ?? {};
  const conds = [...((next.status.conditions ?? []) as Record<string, unknown>[])];
  const i = conds.findIndex((c) => c.type === cond.type);
  const prev = i >= 0 ? conds[i] : undefined;
  const entry: Record<string, unknown> = {
    lastProbeTime: null,
    lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime : ctx.clock.rfc3339(),
    ...(cond.message !== undefined ? { message: cond.message } : {}),
    ...(cond.reason !== undefined ? { reason: cond.reason } : {}),
    status: cond.status,
    type: cond.type,
  };
  if (i >= 0) conds[i] = entry;
  else conds.push(entry);
  next.status.conditions = conds;
  return ctx.api.updateStatus(next);
}

/** util.ClearNominatedNodeName. */
export function clearNomination(ctx: Ctx, pod: KObject): void {
  const cur = ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
  if (!cur?.status?.nominatedNodeName) return;
  const next = clone(cur);
  delete next.status.nominatedNodeName;
  ctx.api.updateStatus(next);
}

/** Evaluator.Preempt behind DefaultPreemption.PostFilter. */
export function preempt(state: CycleState, statuses: Map<string, Status>, absent: Status | undefined): PreemptionResult {
  const ctx = state.ctx;
  const pod = ctx.store.get('Pod', state.pod.metadata.namespace, state.pod.metadata.name) ?? state.pod;
  const cache = nodeCache(ctx);
  const statusOf = (name: string): Status | undefined => statuses.get(name) ?? absent;
  // PodEligibleToPreemptOthers
  if (pod.spec?.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nnn = pod.status?.nominatedNodeName as string | undefined;
  if (nnn && statusOf(nnn)?.code !== 'UnschedulableAndUnresolvable') {
    const info = cache.get(nnn);
    const prio = podPriority(pod);
    if (info && [...info.pods.values()].some((p) => podPriority(p) < prio && terminatingByPreemption(p)))
      return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
  }
  const all = cache.all();
  const potential = all.filter((n) => statusOf(n.name)?.code === 'Unschedulable');
  const notHelpful = unresolvable('DefaultPreemption', 'Preemption is not helpful for scheduling');
  if (potential.length === 0) {
    clearNomination(ctx, pod);
    return { message: `preemption: ${fitErrorMessage(all.length, { statuses: new Map(), absent: notHelpful })}`, nominate: '', statuses: new Map() };
  }
  const pdbs = ctx.store.list('PodDisruptionBudget.policy');
  const offset = ctx.rng.int(potential.length);
  const dry = new Map<string, Status>();
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  for (let i = 0; i < potential.length; i++) {
    const info = potential[(offset + i) % potential.length]!;
    const r = selectVictimsOnNode({ ...state, pod }, info, pdbs);
    if ('code' in r) dry.set(info.name, r);
    else if (r.victims.length === 0) dry.set(info.name, unresolvable('DefaultPreemption', `expected at least one victim pod on node "${info.name}"`));
    else (r.pdbViolations === 0 ? nonViolating : violating).push({ node: info.name, victims: r.victims, pdbViolations: r.pdbViolations });
  }
  const candidates = [...nonViolating, ...violating];
  if (candidates.length === 0) {
    return { message: `preemption: ${fitErrorMessage(all.length, { statuses: dry, absent: notHelpful })}`, nominate: '', statuses: dry };
  }
  const best = pickCandidate(candidates, ctx.clock.now())!;
  for (const victim of best.victims) preemptPod(ctx, pod, victim, best.node);
  // lower-priority pods nominated to the node lose their nomination
  const prio = podPriority(pod);
  for (const p of cache.nominatedPods(best.node)) if (podPriority(p) < prio && p.metadata.uid !== pod.metadata.uid) clearNomination(ctx, p);
  return { message: '', nominate: best.node, candidate: best, statuses: dry };
}

/** Evaluator.PreemptPod: DisruptionTarget condition, graceful delete, `Preempted` event. */
function preemptPod(ctx: Ctx, preemptor: KObject, victim: KObject, node: string): void {
  const cur = ctx.store.get('Pod', victim.metadata.namespace, victim.metadata.name);
  if (!cur) return;
  setPodCondition(ctx, cur, { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${preemptor.spec?.schedulerName ?? SCHEDULER_NAME}: preempting to accommodate a higher priority pod` });
  try {
    ctx.api.delete('Pod', victim.metadata.namespace, victim.metadata.name);
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
    return;
  }
  ctx.events.record(cur, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`, { component: SCHEDULER_NAME });
}
