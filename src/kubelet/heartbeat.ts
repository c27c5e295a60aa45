// Node heartbeats: every kubelet renews its Lease in kube-node-lease every 10 s (a quarter of the
// 40 s lease duration) and posts its node status every 5 minutes when nothing changed
// (nodeStatusReportFrequency), or at once when something did.
//
// Doing that with timers would cost a write per node every 10 s of simulated time (`clock advance
// 1h` on three nodes: 1,080 lease writes, each fanned out to every controller) for something nobody
// reads in between. Instead the renewals are derived: a running kubelet's last renewal is the last
// 10 s tick of its lease grid at or before now, and its last status report the last 5 min tick.
// Whatever reads them mid-flight (the node lifecycle controller) asks `lastRenewal`; the objects
// themselves are brought up to date whenever simulated time stops (after every `advanceTo`), so
// `get lease -o yaml` and `describe node` show what a real cluster would. A stopped kubelet
// (`kubesim node stop`) keeps the renewal it last made, and the node lifecycle controller sees the
// lease go stale exactly as in Kubernetes.
import { clone, type KObject } from '../api/types';
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';
import { parseTime } from '../sim/clock';
import { kubeletState, restartKubelet } from './index';

export const LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
export const NODE_LEASE_NS = 'kube-node-lease';
/** The node lifecycle controller's timer key: the heartbeat module wakes it when a kubelet stops. */
export const NODE_LIFECYCLE = 'node-lifecycle-controller';

interface Heartbeat {
  /** Origin of the 10 s renewal grid (the kubelet's lease controller start). */
  leaseBase: number;
  /** Last full node status report (ms). */
  reportedAt: number;
  /** Set while the kubelet is stopped: its last lease renewal (ms). */
  lastRenew?: number;
}

function beats(ctx: Ctx): Record<string, Heartbeat> {
  return simState<Record<string, Heartbeat>>(ctx, 'heartbeats', () => ({}));
}

function readyCondition(node: KObject | undefined): { status?: string; lastHeartbeatTime?: string } | undefined {
  return (node?.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
}

function heartbeat(ctx: Ctx, name: string): Heartbeat {
  const all = beats(ctx);
  let hb = all[name];
  if (!hb) {
    const node = ctx.store.get('Node', undefined, name);
    const lease = ctx.store.get('Lease.coordination.k8s.io', NODE_LEASE_NS, name);
    const created = parseTime(node?.metadata.creationTimestamp);
    const renew = parseTime(lease?.spec?.renewTime);
    const reported = parseTime(readyCondition(node)?.lastHeartbeatTime);
    const now = ctx.clock.now();
    hb = { leaseBase: Number.isFinite(renew) ? renew : Number.isFinite(created) ? created : now, reportedAt: Number.isFinite(reported) ? reported : now };
    all[name] = hb;
  }
  return hb;
}

export function kubeletStopped(ctx: Ctx, name: string): boolean {
  return (kubeletState(ctx).stoppedNodes ?? []).includes(name);
}

/** The kubelet's last lease renewal at or before `t` (ms). */
export function lastRenewal(ctx: Ctx, name: string, t = ctx.clock.now()): number {
  const hb = heartbeat(ctx, name);
  if (hb.lastRenew !== undefined && kubeletStopped(ctx, name)) return Math.min(hb.lastRenew, t);
  if (t < hb.leaseBase) return hb.leaseBase;
  return hb.leaseBase + Math.floor((t - hb.leaseBase) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
}

/** The kubelet's last node status report at or before now. */
function lastReport(ctx: Ctx, name: string): number {
  const hb = heartbeat(ctx, name);
  const now = ctx.clock.now();
  if (!kubeletStopped(ctx, name) && now - hb.reportedAt >= NODE_STATUS_REPORT_MS) hb.reportedAt += Math.floor((now - hb.reportedAt) / NODE_STATUS_REPORT_MS) * NODE_STATUS_REPORT_MS;
  return hb.reportedAt;
}

/** Writes the lease renewal and node status report a running kubelet has made by now. */
function materialize(ctx: Ctx, node: KObject): void {
  const name = node.metadata.name;
  const lease = ctx.store.get('Lease.coordination.k8s.io', NODE_LEASE_NS, name);
  const renew = lastRenewal(ctx, name);
  if (lease && !(parseTime(lease.spec?.renewTime) >= renew)) {
    const next = clone(lease);
    next.spec = { ...(next.spec ?? {}), renewTime: ctx.clock.rfc3339Micro(renew) };
    ctx.store.put('Lease.coordination.k8s.io', next);
  }
  if (kubeletStopped(ctx, name)) return;
  const reported = ctx.clock.rfc3339(lastReport(ctx, name));
  const conds: { lastHeartbeatTime?: string }[] = node.status?.conditions ?? [];
  if (conds.length && conds.some((c) => c.lastHeartbeatTime !== undefined && parseTime(c.lastHeartbeatTime) < parseTime(reported))) {
    const next = clone(node);
    for (const c of next.status.conditions as { lastHeartbeatTime?: string }[]) if (c.lastHeartbeatTime !== undefined) c.lastHeartbeatTime = reported;
    ctx.store.put('Node', next);
  }
}

/**
 * The kubelet posted its node status because something in it changed (its image list): that post
 * is a heartbeat too, and the 5-minute report interval starts again from it.
 */
export function nodeStatusPosted(ctx: Ctx, name: string, status: { conditions?: { lastHeartbeatTime?: string }[] }): void {
  const hb = heartbeat(ctx, name);
  hb.reportedAt = ctx.clock.now();
  const stamp = ctx.clock.rfc3339();
  for (const c of status.conditions ?? []) if (c.lastHeartbeatTime !== undefined) c.lastHeartbeatTime = stamp;
}

/** Brings every running kubelet's lease and node status up to date (called when simulated time stops). */
export function refreshHeartbeats(ctx: Ctx): void {
  for (const node of ctx.store.list('Node')) materialize(ctx, node);
}

/** `kubesim node stop`: the kubelet stops renewing its lease, posting status and running pods. */
export function stopNode(ctx: Ctx, name: string): boolean {
  const st = kubeletState(ctx);
  if ((st.stoppedNodes ?? []).includes(name)) return false;
  const node = ctx.store.get('Node', undefined, name);
  if (node) materialize(ctx, node);
  const hb = heartbeat(ctx, name);
  hb.lastRenew = lastRenewal(ctx, name);
  (st.stoppedNodes ??= []).push(name);
  ctx.loop.enqueue(NODE_LIFECYCLE, 'monitor');
  return true;
}

const KUBELET_CONDITIONS: [type: string, healthy: string, reason: string, message: string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

/**
 * `kubesim node start`: the kubelet starts again. It records its start-up events, posts a fresh node
 * status (conditions back to healthy, each transition an event), renews its lease at once, and
 * syncs every pod bound to the node.
 */
export function startNode(ctx: Ctx, name: string): boolean {
  const st = kubeletState(ctx);
  const list = st.stoppedNodes ?? [];
  const i = list.indexOf(name);
  if (i < 0) return false;
  list.splice(i, 1);
  if (list.length === 0) delete st.stoppedNodes;
  const now = ctx.clock.now();
  const hb = heartbeat(ctx, name);
  hb.lastRenew = undefined;
  hb.leaseBase = now;
  hb.reportedAt = now;
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return true;
  const src = { component: 'kubelet', host: name };
  const nodeRef = kubeletNodeRef(name);
  ctx.events.record(nodeRef, 'Normal', 'Starting', 'Starting kubelet.', src);
  const next = clone(node);
  const stamp = ctx.clock.rfc3339(now);
  const conds: Record<string, unknown>[] = next.status?.conditions ?? [];
  const transitions: string[] = [];
  for (const [type, healthy, reason, message] of KUBELET_CONDITIONS) {
    let c = conds.find((x) => x.type === type);
    if (!c) {
      c = { type };
      conds.push(c);
    }
    if (c.status !== healthy) {
      c.lastTransitionTime = stamp;
      transitions.push(reason === 'KubeletReady' ? 'NodeReady' : reason.replace('Kubelet', 'Node'));
    }
    Object.assign(c, { lastHeartbeatTime: stamp, message, reason, status: healthy });
  }
  next.status = { ...(next.status ?? {}), conditions: conds };
  ctx.store.put('Node', next);
  for (const t of transitions.filter((x) => x !== 'NodeReady')) ctx.events.record(nodeRef, 'Normal', t, `Node ${name} status is now: ${t}`, src);
  ctx.events.record(nodeRef, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', src);
  if (transitions.includes('NodeReady')) ctx.events.record(nodeRef, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, src);
  const stored = ctx.store.get('Node', undefined, name)!;
  materialize(ctx, stored);
  restartKubelet(ctx, name);
  ctx.loop.enqueue(NODE_LIFECYCLE, 'monitor');
  return true;
}

/**
 * `kubesim node remove` (or `node add` of a name used before): the machine is gone, and with it
 * its kubelet's heartbeat bookkeeping; a node registered later under the same name starts afresh.
 */
export function forgetNode(ctx: Ctx, name: string): void {
  delete beats(ctx)[name];
  const st = kubeletState(ctx);
  if (st.stoppedNodes) {
    st.stoppedNodes = st.stoppedNodes.filter((n) => n !== name);
    if (st.stoppedNodes.length === 0) delete st.stoppedNodes;
  }
}

/** The reference the kubelet records node events against: no apiVersion, and the node's name as uid. */
export function kubeletNodeRef(name: string): KObject {
  return { kind: 'Node', metadata: { name, uid: name } } as unknown as KObject;
}
