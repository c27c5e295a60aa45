// kubectl cordon, uncordon and drain (kubectl pkg/cmd/drain + pkg/drain, 1.32). Drain cordons the
// nodes, then per node lists its pods, refuses (DaemonSet pods without --ignore-daemonsets, emptyDir
// pods without --delete-emptydir-data, bare pods without --force) or warns, and evicts the rest
// through the eviction API — each pod in its own loop that retries every 5 s while a
// PodDisruptionBudget answers 429 — then polls every second until each pod is gone. The loops run in
// simulated time: with a manual clock the drain advances the clock; with a real clock it waits.
import { type Session } from '../../cluster/session';
import { cluster, dryRunOf, dryRunSuffix, type DryRun } from '../common';
import { CliError, KubeError, RawError, StatusError, notFound } from '../../api/errors';
import { clone, type KObject } from '../../api/types';
import { parseSelector, type Selector } from '../../api/selectors';
import { parseGoDuration } from '../../sim/duration';
import { goDurationString } from '../../printers/duration';
import { evictPod, TooManyRequestsError } from '../../api/eviction';
import { fromLabelSelector } from '../../api/selectors';
import type { RunContext } from '../spec';
import { out, err, progName } from '../io';
import { kubeletStopped } from '../../kubelet/heartbeat';

const DS_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const EVICTION_RETRY_MS = 5000;
const POLL_MS = 1000;

/** utilerrors.NewAggregate(…).Error(): one message as is, several in brackets (duplicates once). */
export function aggregateMessage(msgs: string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

function usageError(verb: string, msg: string): RawError {
  return new RawError(`error: ${msg}\nSee '${progName()} ${verb} -h' for help and examples`);
}

/** The nodes named on the command line, or selected with -l (Complete). */
function resolveNodes(s: Session, names: string[], selector: Selector | undefined): KObject[] {
  if (selector) return s.store.list('Node').filter((n) => selector.matches(n.metadata.labels));
  return names.map((n) => {
    const node = s.store.get('Node', undefined, n);
    if (!node) throw notFound('nodes', '', n);
    return node;
  });
}

function checkArgs(verb: string, args: string[], flags: Record<string, unknown>, explicit: Set<string>): Selector | undefined {
  if (args.length === 0 && !explicit.has('selector')) throw usageError(verb, `USAGE: ${verb} NODE [flags]`);
  const sel = (flags.selector as string) || '';
  if (args.length > 0 && sel) throw new RawError(`error: cannot specify both a node name and a --selector option\nSee '${progName()} ${verb} -h' for help and examples`);
  return explicit.has('selector') ? parseSelector(sel) : undefined;
}

/** RunCordonOrUncordon: `node/x cordoned` / `already cordoned` (or `skipped`). */
function cordonNodes(s: Session, nodes: KObject[], desired: boolean, dry: DryRun): void {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const cur = s.store.get('Node', undefined, node.metadata.name) ?? node;
    if (!!cur.spec?.unschedulable === desired) {
      out.line(`node/${cur.metadata.name} already ${verb}ed${dryRunSuffix(dry)}`);
      continue;
    }
    if (dry !== 'client') {
      const next = clone(cur);
      next.spec = { ...(next.spec ?? {}) };
      if (desired) next.spec.unschedulable = true;
      else delete next.spec.unschedulable;
      try {
        s.ctx.api.update(next, { dryRun: dry === 'server' });
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        err.line(`error: unable to ${verb} node "${cur.metadata.name}": ${e.message}`);
        continue;
      }
      if (dry === 'none') s.settle();
    }
    out.line(`node/${cur.metadata.name} ${verb}ed${dryRunSuffix(dry)}`);
  }
}

async function cordonVerb(desired: boolean, args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const verb = desired ? 'cordon' : 'uncordon';
  const selector = checkArgs(verb, args, flags, ctx.explicit);
  const dry = dryRunOf(flags);
  cluster(ctx, (s) => cordonNodes(s, resolveNodes(s, args, selector), desired, dry));
  return 0;
}

export async function runCordon(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return cordonVerb(true, args, flags, ctx);
}

export async function runUncordon(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  return cordonVerb(false, args, flags, ctx);
}

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  gracePeriod: number;
  timeoutMs: number;
  podSelector?: Selector;
  disableEviction: boolean;
  skipWaitSeconds: number;
  dry: DryRun;
}

interface PodVerdict {
  pod: KObject;
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message?: string;
}

function controllerOf(p: KObject): { kind: string; name: string } | undefined {
  return (p.metadata.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller);
}

const finished = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** GetPodsForDeletion: every pod on the node through skipDeleted, daemonSet, mirror, localStorage, unreplicated. */
function podsForDeletion(s: Session, node: string, o: DrainOptions): PodVerdict[] {
  const pods = s.store
    .podsOnNode(node)
    .filter((p) => !o.podSelector || o.podSelector.matches(p.metadata.labels))
    .sort((a, b) => {
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const now = s.clock.now();
  const filters: ((p: KObject) => PodVerdict)[] = [
    (p) => (o.skipWaitSeconds > 0 && p.metadata.deletionTimestamp && Math.trunc((now - Date.parse(p.metadata.deletionTimestamp)) / 1000) > o.skipWaitSeconds ? { pod: p, delete: false, reason: 'Skip' } : { pod: p, delete: true, reason: 'Okay' }),
    (p) => {
      const ref = controllerOf(p);
      if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return { pod: p, delete: true, reason: 'Okay' };
      if (!s.store.get('DaemonSet.apps', p.metadata.namespace, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? { pod: p, delete: true, reason: 'Warning', message: msg } : { pod: p, delete: false, reason: 'Error', message: msg };
      }
      if (!o.ignoreDaemonSets) return { pod: p, delete: false, reason: 'Error', message: DS_FATAL };
      return { pod: p, delete: false, reason: 'Warning', message: DS_WARNING };
    },
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { pod: p, delete: false, reason: 'Skip' } : { pod: p, delete: true, reason: 'Okay' }),
    (p) => {
      if (!(p.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir) || finished(p)) return { pod: p, delete: true, reason: 'Okay' };
      if (!o.deleteEmptyDirData) return { pod: p, delete: false, reason: 'Error', message: LOCAL_FATAL };
      return { pod: p, delete: true, reason: 'Warning', message: LOCAL_WARNING };
    },
    (p) => {
      if (finished(p) || controllerOf(p)) return { pod: p, delete: true, reason: 'Okay' };
      if (o.force) return { pod: p, delete: true, reason: 'Warning', message: UNMANAGED_WARNING };
      return { pod: p, delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  return pods.map((p) => {
    let v: PodVerdict = { pod: p, delete: true, reason: 'Okay' };
    for (const f of filters) {
      v = f(p);
      if (!v.delete) break;
    }
    return v;
  });
}

/** Groups pods by message, in the order the messages first appear (kubectl iterates a map). */
function grouped(list: PodVerdict[], reason: 'Warning' | 'Error'): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const v of list) {
    if (v.reason !== reason) continue;
    const msg = v.message || 'unexpected error';
    if (!m.has(msg)) m.set(msg, []);
    m.get(msg)!.push(`${v.pod.metadata.namespace}/${v.pod.metadata.name}`);
  }
  return [...m.entries()];
}

/** The errors of a pod list (PodDeleteList.errors). */
function listErrors(list: PodVerdict[]): string[] {
  return grouped(list, 'Error').map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`);
}

function listWarnings(list: PodVerdict[]): string {
  return grouped(list, 'Warning')
    .map(([msg, pods]) => `${msg}: ${pods.join(', ')}`)
    .join('; ');
}

interface PodTask {
  ns: string;
  name: string;
  uid: string;
  state: 'evict' | 'wait' | 'done';
  at: number;
  error?: string;
}

/** What one drain of one node is doing, between simulated instants. */
interface NodeDrain {
  node: string;
  tasks: PodTask[];
  mode: 'evict' | 'delete';
  deadline?: number;
  errors: string[];
  /** Delete mode: one poll loop for all pods. */
  pollAt?: number;
  /** The drain cannot make progress (manual clock): why. */
  hopeless?: string;
}

function podKey(t: PodTask): string {
  return `${t.ns}/${t.name}`;
}

/**
 * A 429 that nothing in the simulated cluster will ever lift: every pod the budget selects is Ready
 * and none is missing, yet no disruption is allowed (only a user could change that).
 */
function hopelessBudget(s: Session, pod: KObject): string | undefined {
  const pdb = s.store
    .list('PodDisruptionBudget.policy', pod.metadata.namespace)
    .find((p) => {
      const sel = fromLabelSelector(p.spec?.selector);
      return !sel.none && !sel.empty() && sel.matches(pod.metadata.labels);
    });
  if (!pdb) return undefined;
  const sel = fromLabelSelector(pdb.spec?.selector);
  const live = s.store.list('Pod', pod.metadata.namespace).filter((p) => sel.matches(p.metadata.labels) && !p.metadata.deletionTimestamp);
  const ready = live.filter((p) => (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True'));
  const st = pdb.status ?? {};
  if ((st.disruptionsAllowed ?? 0) > 0 || ready.length < live.length || live.length < (st.expectedPods ?? 0)) return undefined;
  if (s.ctx.loop.pendingWork()) return undefined;
  return `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`;
}

function evictStep(s: Session, d: NodeDrain, t: PodTask, o: DrainOptions): void {
  const now = s.clock.now();
  if (o.dry === 'server') out.line(`evicting pod ${podKey(t)} (server dry run)`);
  else out.line(`evicting pod ${podKey(t)}`);
  if (d.deadline !== undefined && now >= d.deadline) {
    t.state = 'done';
    t.error = `error when evicting pods/"${t.name}" -n "${t.ns}": global timeout reached: ${goDurationString(o.timeoutMs)}`;
    return;
  }
  try {
    evictPod(s.ctx.api, t.ns, t.name, { gracePeriodSeconds: o.gracePeriod >= 0 ? o.gracePeriod : undefined, dryRun: o.dry === 'server' });
  } catch (e) {
    if (!(e instanceof KubeError)) throw e;
    if (e instanceof StatusError && e.reason === 'NotFound') {
      t.state = 'done';
      return;
    }
    if (e instanceof TooManyRequestsError) {
      err.line(`error when evicting pods/"${t.name}" -n "${t.ns}" (will retry after 5s): ${e.message}`);
      t.at = now + EVICTION_RETRY_MS;
      if (d.deadline === undefined && s.clock.mode === 'manual') {
        const pod = s.store.get('Pod', t.ns, t.name);
        const why = pod ? hopelessBudget(s, pod) : undefined;
        if (why) d.hopeless = `evicting pod ${podKey(t)}: ${why}, and nothing scheduled in the simulated cluster will change that (kubectl would retry every 5s until interrupted; pass --timeout, scale up, or relax the budget)`;
      }
      return;
    }
    t.state = 'done';
    t.error = `error when evicting pods/"${t.name}" -n "${t.ns}": ${e.message}`;
    return;
  }
  if (o.dry === 'server') {
    t.state = 'done';
    return;
  }
  s.settle();
  t.state = 'wait';
  waitStep(s, d, t, o);
}

function gone(s: Session, t: PodTask): boolean {
  const p = s.store.get('Pod', t.ns, t.name);
  return !p || p.metadata.uid !== t.uid;
}

function skipWait(s: Session, t: PodTask, o: DrainOptions): boolean {
  if (o.skipWaitSeconds <= 0) return false;
  const p = s.store.get('Pod', t.ns, t.name);
  if (!p?.metadata.deletionTimestamp) return false;
  if (Math.trunc((s.clock.now() - Date.parse(p.metadata.deletionTimestamp)) / 1000) <= o.skipWaitSeconds) return false;
  out.line(`pod "${t.name}" has DeletionTimestamp older than ${o.skipWaitSeconds} seconds, skipping`);
  return true;
}

/** One poll of waitForDelete for an evicted pod. */
function waitStep(s: Session, d: NodeDrain, t: PodTask, o: DrainOptions): void {
  const now = s.clock.now();
  if (d.deadline !== undefined && now >= d.deadline && !gone(s, t)) {
    t.state = 'done';
    t.error = `error when waiting for pod "${t.name}" in namespace "${t.ns}" to terminate: context deadline exceeded`;
    return;
  }
  if (gone(s, t)) {
    out.line(`pod/${t.name} evicted`);
    t.state = 'done';
    return;
  }
  if (skipWait(s, t, o)) {
    t.state = 'done';
    return;
  }
  t.at = now + POLL_MS;
  if (d.deadline !== undefined && t.at > d.deadline) t.at = d.deadline;
}

/** Delete mode (--disable-eviction): delete all, then one loop polls them every second. */
function deleteAll(s: Session, d: NodeDrain, o: DrainOptions): void {
  for (const t of d.tasks) {
    try {
      s.ctx.api.delete('Pod', t.ns, t.name, { gracePeriodSeconds: o.gracePeriod >= 0 ? o.gracePeriod : undefined, dryRun: o.dry === 'server' });
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      if (e instanceof StatusError && e.reason === 'NotFound') continue;
      d.errors.push(e.message);
      for (const x of d.tasks) x.state = 'done';
      return;
    }
  }
  s.settle();
  d.pollAt = s.clock.now();
  pollDeleted(s, d, o);
}

function pollDeleted(s: Session, d: NodeDrain, o: DrainOptions): void {
  const now = s.clock.now();
  if (d.deadline !== undefined && now >= d.deadline) {
    if (d.tasks.some((t) => t.state !== 'done' && !gone(s, t))) {
      d.errors.push('context deadline exceeded');
      for (const t of d.tasks) t.state = 'done';
      return;
    }
  }
  for (const t of d.tasks) {
    if (t.state === 'done') continue;
    if (gone(s, t)) {
      out.line(`pod/${t.name} deleted`);
      t.state = 'done';
    } else if (skipWait(s, t, o)) t.state = 'done';
  }
  d.pollAt = now + POLL_MS;
  if (d.deadline !== undefined && d.pollAt > d.deadline) d.pollAt = d.deadline;
}

/**
 * Every pod the drain still waits for is terminating on a node whose kubelet is stopped (`kubesim
 * node stop`): nobody will finish them (only the pod garbage collector force-deletes such pods, once
 * the node is deleted or tainted out-of-service), so with a manual clock the wait would never end.
 */
function stuckOnStoppedKubelet(s: Session, d: NodeDrain, pending: PodTask[]): string | undefined {
  if (!kubeletStopped(s.ctx, d.node)) return undefined;
  const node = s.store.get('Node', undefined, d.node);
  if ((node?.spec?.taints ?? []).some((t: { key: string }) => t.key === 'node.kubernetes.io/out-of-service')) return undefined;
  for (const t of pending) {
    if (d.mode === 'evict' && t.state !== 'wait') return undefined;
    const p = s.store.get('Pod', t.ns, t.name);
    if (!p || p.metadata.uid !== t.uid || !p.metadata.deletionTimestamp) return undefined;
  }
  const pods = pending.map(podKey).join(', ');
  return (
    `waiting for ${pending.length === 1 ? 'pod' : 'pods'} ${pods} to terminate: the kubelet of node ${d.node} is stopped, and nothing in the simulated cluster will change that ` +
    `(kubectl would wait until interrupted; pass --timeout or --skip-wait-for-delete-timeout, or bring the node back with "${progName()} node start ${d.node}", or remove it with "${progName()} node remove ${d.node}")`
  );
}

/** Runs what is due now; returns when the next thing is due (undefined: this node is finished). */
function stepNode(s: Session, d: NodeDrain, o: DrainOptions): number | undefined {
  const now = s.clock.now();
  if (d.mode === 'delete') {
    if (d.pollAt !== undefined && d.pollAt <= now) pollDeleted(s, d, o);
  } else {
    for (const t of d.tasks) {
      if (t.state === 'done' || t.at > now) continue;
      if (t.state === 'evict') evictStep(s, d, t, o);
      else waitStep(s, d, t, o);
      if ((t.state as string) === 'done' && t.error) d.errors.push(t.error);
      if (d.hopeless) return undefined;
    }
  }
  const pending = d.tasks.filter((t) => t.state !== 'done');
  if (!pending.length) return undefined;
  if (d.deadline === undefined && o.skipWaitSeconds <= 0 && s.clock.mode === 'manual') {
    const why = stuckOnStoppedKubelet(s, d, pending);
    if (why) {
      d.hopeless = why;
      return undefined;
    }
  }
  if (d.mode === 'delete') return d.pollAt;
  return Math.min(...pending.map((t) => t.at));
}

function parseOptions(flags: Record<string, unknown>): DrainOptions {
  const timeout = String(flags.timeout ?? '0s');
  let timeoutMs: number;
  try {
    timeoutMs = parseGoDuration(timeout);
  } catch (e) {
    throw new RawError(`error: invalid argument "${timeout}" for "--timeout" flag: ${(e as Error).message}`);
  }
  let podSelector: Selector | undefined;
  const ps = (flags['pod-selector'] as string) || '';
  if (ps) {
    try {
      podSelector = parseSelector(ps);
    } catch {
      throw new CliError('--pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  return {
    force: !!flags.force,
    ignoreDaemonSets: !!flags['ignore-daemonsets'],
    deleteEmptyDirData: !!flags['delete-emptydir-data'] || !!flags['delete-local-data'],
    gracePeriod: typeof flags['grace-period'] === 'number' ? (flags['grace-period'] as number) : -1,
    timeoutMs,
    podSelector,
    disableEviction: !!flags['disable-eviction'],
    skipWaitSeconds: typeof flags['skip-wait-for-delete-timeout'] === 'number' ? (flags['skip-wait-for-delete-timeout'] as number) : 0,
    dry: dryRunOf(flags),
  };
}

/** Starts draining one node: the pod list, its refusals and warnings, then the evictions. */
function startNode(s: Session, node: string, o: DrainOptions): NodeDrain | { refused: string[] } | 'done' {
  const list = podsForDeletion(s, node, o);
  const errors = listErrors(list);
  if (errors.length) return { refused: errors };
  const warnings = listWarnings(list);
  if (warnings) err.line(`Warning: ${warnings}`);
  const pods = list.filter((v) => v.delete).map((v) => v.pod);
  if (o.dry === 'client') {
    for (const p of pods) out.line(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)`);
    return 'done';
  }
  if (!pods.length) return 'done';
  const now = s.clock.now();
  const d: NodeDrain = {
    node,
    mode: o.disableEviction ? 'delete' : 'evict',
    deadline: o.timeoutMs > 0 ? now + o.timeoutMs : undefined,
    errors: [],
    tasks: pods.map((p) => ({ ns: p.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid!, state: 'evict', at: now })),
  };
  if (d.mode === 'delete') deleteAll(s, d, o);
  return d;
}

export async function runDrain(args: string[], flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  const selector = checkArgs('drain', args, flags, ctx.explicit);
  const o = parseOptions(flags);
  /** Per failed node: its errors, and whether kubectl holds them in an aggregate. */
  const fatal: { msgs: string[]; aggregate: boolean }[] = [];
  const pending: string[] = [];
  let hopeless: string | undefined;
  let nodes: string[] = [];
  let index = 0;
  let current: NodeDrain | undefined;
  const finishNode = (name: string, failure?: { msgs: string[]; aggregate: boolean }) => {
    if (!failure) out.line(`node/${name} drained${dryRunSuffix(o.dry)}`);
    else {
      err.line(`error: unable to drain node "${name}" due to error: ${aggregateMessage(failure.msgs)}, continuing command...`);
      fatal.push(failure);
      pending.push(name);
    }
  };
  /** Advances the drain as far as the current instant allows; returns the next instant or undefined. */
  const tick = (s: Session): number | undefined => {
    for (;;) {
      if (!current) {
        if (index >= nodes.length) return undefined;
        const name = nodes[index++]!;
        const started = startNode(s, name, o);
        if (started === 'done') {
          finishNode(name);
          continue;
        }
        if ('refused' in started) {
          finishNode(name, { msgs: started.refused, aggregate: true });
          continue;
        }
        current = started;
      }
      const next = stepNode(s, current, o);
      if (current.hopeless) {
        hopeless = current.hopeless;
        return undefined;
      }
      if (next !== undefined) return next;
      // the node is done: report what went wrong
      const d = current;
      current = undefined;
      if (d.errors.length) {
        const msg = aggregateMessage(d.errors);
        const left = podsForDeletion(s, d.node, o).filter((v) => v.delete);
        if (left.length) {
          err.line(`There are pending pods in node "${d.node}" when an error occurred: ${msg}`);
          for (const v of left) err.line(`pod/${v.pod.metadata.name}`);
        }
        // evictions report an aggregate of the pods' errors; delete mode a single error
        finishNode(d.node, { msgs: d.errors, aggregate: d.mode === 'evict' });
      } else finishNode(d.node);
    }
  };
  let mode: 'manual' | 'real' = 'manual';
  let lastNow = 0;
  let next = cluster(ctx, (s) => {
    mode = s.clock.mode;
    lastNow = s.clock.now();
    nodes = resolveNodes(s, args, selector).map((n) => n.metadata.name);
    cordonNodes(s, nodes.map((n) => s.store.get('Node', undefined, n)!), true, o.dry);
    if (mode === 'real') return tick(s);
    for (;;) {
      const at = tick(s);
      s.settle();
      if (at === undefined) return undefined;
      s.ctx.loop.advanceTo(Math.max(at, s.clock.now()));
    }
  });
  // a real clock: sleep until the next instant, then step again in a new session (the state file is
  // not kept locked while drain waits)
  while (next !== undefined) {
    const waitMs = Math.max(0, next - lastNow);
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    next = cluster(ctx, (s) => {
      lastNow = s.clock.now();
      return tick(s);
    });
  }
  if (hopeless) {
    throw new RawError(`error: kubesim: stopping the drain, it can never finish: ${hopeless}`);
  }
  if (pending.length) {
    err.line('There are pending nodes to be drained:');
    for (const n of pending) err.line(` ${n}`);
    // CheckErr of NewAggregate(fatal): an aggregate of one is unwrapped; aggregates print one line per
    // error without the `error: ` prefix, a plain error gets it
    if (fatal.length === 1) {
      const f = fatal[0]!;
      if (f.aggregate) for (const m of [...new Set(f.msgs)]) err.line(m);
      else err.line(`error: ${f.msgs[0]}`);
    } else for (const f of fatal) err.line(aggregateMessage(f.msgs));
    return 1;
  }
  return 0;
}
