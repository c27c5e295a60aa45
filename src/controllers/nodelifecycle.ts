// The node lifecycle controller (kube-controller-manager's node-lifecycle-controller, 1.32), which
// watches node health:
//   - every nodeMonitorPeriod (5 s) monitorNodeHealth looks at each node: a lease renewal newer than
//     the one it saw last refreshes the node's probe timestamp; when the probe timestamp is older than
//     node-monitor-grace-period (40 s in 1.32) the node's Ready, MemoryPressure, DiskPressure and
//     PIDPressure conditions become Unknown (`NodeStatusUnknown`, "Kubelet stopped posting node
//     status."), a `NodeNotReady` event says "Node worker-1 status is now: NodeNotReady", and every pod
//     on the node gets Ready=False (with a `NodeNotReady` "Node is not ready" warning each);
//   - a node whose Ready condition is Unknown (False) is queued for the NoExecute taint
//     `node.kubernetes.io/unreachable` (`not-ready`), added by a rate-limited tainter (0.1 node/s per
//     zone, burst 1); the matching NoSchedule taint is added as soon as the node's status changes
//     (doNoScheduleTaintingPass, which also mirrors spec.unschedulable as
//     `node.kubernetes.io/unschedulable:NoSchedule`); a node Ready again loses them;
//   - zones where every node is down ("full disruption") are left alone when all zones are down,
//     and small clusters with more than two and at least 55 % of their nodes down ("partial
//     disruption") stop tainting;
//   - `RegisteredNode` / `RemovingNode` events greet nodes it sees come and go.
// Pods are then evicted by the taint eviction controller (tainteviction.ts).
//
// Nothing here ticks while all is well: the controller computes when its next pass can change
// something (a stopped kubelet's grace period running out, a tainter token) and sleeps until then.
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { keyFor, splitKey } from './util';
import { deepEqual } from '../api/equality';
import { lastRenewal, NODE_LIFECYCLE } from '../kubelet/heartbeat';

export { NODE_LIFECYCLE };
export const NODE_CONTROLLER = 'node-controller';
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** node-monitor-grace-period: 40 s since 1.32 (it was 40 s by default for years; 50 s briefly). */
export const NODE_MONITOR_GRACE_MS = 40_000;
const NODE_STARTUP_GRACE_MS = 60_000;
const EVICTION_QPS_INTERVAL_MS = 10_000; // --node-eviction-rate 0.1
const LARGE_CLUSTER_THRESHOLD = 50;
const UNHEALTHY_ZONE_THRESHOLD = 0.55;

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

type Status = 'True' | 'False' | 'Unknown';
type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

interface NodeHealth {
  /** When the controller last saw a sign of life (a lease renewal or a status heartbeat). */
  probe: number;
  /** The renewal it saw last. */
  renew?: number;
  heartbeat?: string;
}

interface Tainter {
  queue: string[];
  /** Token bucket (burst 1): tokens and when they were counted. */
  tokens: number;
  at: number;
  /** 0 stops tainting (partial disruption in a small cluster, or every zone down). */
  qpsOn: boolean;
}

interface State {
  known: Record<string, string>;
  health: Record<string, NodeHealth>;
  zones: Record<string, ZoneState>;
  tainters: Record<string, Tainter>;
}

function state(ctx: Ctx): State {
  return simState<State>(ctx, 'nodeLifecycle', () => ({ known: {}, health: {}, zones: {}, tainters: {} }));
}

export function monitorTickAtOrAfter(t: number): number {
  return Math.ceil(t / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS;
}

function condition(node: KObject, type: string): Record<string, unknown> | undefined {
  return (node.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

function readyStatus(node: KObject): Status | undefined {
  return condition(node, 'Ready')?.status as Status | undefined;
}

/** nodetopology.GetZoneKey: region and zone labels, or "" when the node has neither. */
export function zoneKey(node: KObject): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  if (!region && !zone) return '';
  return `${region}:\u0000:${zone}`;
}

function nodeEvent(ctx: Ctx, node: { name: string; uid?: string }, reason: string, message: string): void {
  const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name: node.name, uid: node.uid } } as KObject;
  ctx.events.record(ref, 'Normal', reason, message, { component: NODE_CONTROLLER });
}

type Taint = { key: string; value?: string; effect: string; timeAdded?: string };

/** SwapNodeControllerTaint: adds the given taints (stamped with timeAdded) and removes others. */
function swapTaints(ctx: Ctx, name: string, add: Taint[], remove: Taint[]): boolean {
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return false;
  const taints: Taint[] = [...(node.spec?.taints ?? [])];
  let changed = false;
  for (const r of remove) {
    const i = taints.findIndex((t) => t.key === r.key && t.effect === r.effect);
    if (i >= 0) {
      taints.splice(i, 1);
      changed = true;
    }
  }
  for (const a of add) {
    if (taints.some((t) => t.key === a.key && t.effect === a.effect)) continue;
    taints.push({ effect: a.effect, key: a.key, ...(a.value ? { value: a.value } : {}), timeAdded: ctx.clock.rfc3339() });
    changed = true;
  }
  if (!changed) return true;
  const next = clone(node);
  next.spec = { ...(next.spec ?? {}) };
  if (taints.length) next.spec.taints = taints;
  else delete next.spec.taints;
  ctx.api.update(next);
  return true;
}

/** markNodeAsReachable: the controller's NoExecute taints come off. */
function markReachable(ctx: Ctx, name: string): void {
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return;
  const has = (node.spec?.taints ?? []).some((t: Taint) => t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY));
  if (has) swapTaints(ctx, name, [], [
    { key: TAINT_UNREACHABLE, effect: 'NoExecute' },
    { key: TAINT_NOT_READY, effect: 'NoExecute' },
  ]);
  for (const t of Object.values(state(ctx).tainters)) {
    const i = t.queue.indexOf(name);
    if (i >= 0) t.queue.splice(i, 1);
  }
}

function tainter(st: State, zone: string, now: number): Tainter {
  return (st.tainters[zone] ??= { queue: [], tokens: 1, at: now, qpsOn: true });
}

/** MarkPodsNotReady: every pod on the node gets Ready=False, with a warning event each. */
function markPodsNotReady(ctx: Ctx, nodeName: string): void {
  for (const pod of ctx.store.podsOnNode(nodeName)) markPodNotReady(ctx, pod);
}

function markPodNotReady(ctx: Ctx, pod: KObject): void {
  const conds: Record<string, unknown>[] = pod.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  if (!ready || ready.status === 'False') return;
  const next = clone(pod);
  const c = (next.status.conditions as Record<string, unknown>[]).find((x) => x.type === 'Ready')!;
  c.status = 'False';
  c.lastTransitionTime = ctx.clock.rfc3339();
  const stored = ctx.store.put('Pod', next);
  ctx.events.record(stored, 'Warning', 'NodeNotReady', 'Node is not ready', { component: NODE_CONTROLLER });
}

const CONDITION_TAINTS: Record<string, Partial<Record<Status, string>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set(['node.kubernetes.io/not-ready', TAINT_UNREACHABLE, 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/network-unavailable', 'node.kubernetes.io/pid-pressure']);
const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions and spec.unschedulable. */
function noScheduleTaintingPass(ctx: Ctx, name: string): void {
  const node = ctx.store.get('Node', undefined, name);
  if (!node) return;
  const want: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status as Status];
    if (key) want.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  const have: Taint[] = (node.spec?.taints ?? []).filter((t: Taint) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
  const add = want.filter((w) => !have.some((h) => h.key === w.key));
  const del = have.filter((h) => !want.some((w) => w.key === h.key));
  if (add.length || del.length) swapTaints(ctx, name, add, del);
}

/** tryUpdateNodeHealth: returns the Ready status observed before and after this pass. */
function updateHealth(ctx: Ctx, st: State, node: KObject, now: number): [Status, Status] {
  const name = node.metadata.name;
  const ready = condition(node, 'Ready');
  const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
  const observed: Status = (ready?.status as Status) ?? 'Unknown';
  let h = st.health[name];
  if (!h) {
    h = { probe: now };
    st.health[name] = h;
  }
  // a new status heartbeat or lease renewal is a sign of life, seen at the first monitor tick after it
  const hb = ready?.lastHeartbeatTime as string | undefined;
  if (hb !== h.heartbeat) {
    h.heartbeat = hb;
    h.probe = Math.max(h.probe, Math.min(now, monitorTickAtOrAfter(Date.parse(hb ?? '') || now)));
  }
  const renew = lastRenewal(ctx, name, now);
  if (h.renew === undefined || renew > h.renew) {
    h.renew = renew;
    h.probe = Math.max(h.probe, Math.min(now, monitorTickAtOrAfter(renew)));
  }
  if (now > h.probe + grace) {
    const next = clone(node);
    const conds: Record<string, unknown>[] = (next.status ??= {}).conditions ?? (next.status.conditions = []);
    let changed = false;
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = conds.find((x) => x.type === type);
      if (!c) {
        conds.push({ lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: ctx.clock.rfc3339(), message: 'Kubelet never posted node status.', reason: 'NodeStatusNeverUpdated', status: 'Unknown', type });
        changed = true;
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = ctx.clock.rfc3339();
        changed = true;
      }
    }
    if (changed && observed !== 'Unknown') {
      ctx.store.put('Node', next);
      return [observed, 'Unknown'];
    }
  }
  return [observed, observed];
}

function computeZoneState(statuses: (Status | undefined)[]): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const s of statuses) if (s === 'True') ready++;
  else notReady++;
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

function limiterOn(state: ZoneState, zoneSize: number): boolean {
  // ReducedQPSFunc: small clusters stop evicting in a partial disruption
  if (state === 'PartialDisruption') return zoneSize > LARGE_CLUSTER_THRESHOLD;
  return true;
}

function handleDisruption(ctx: Ctx, st: State, zoneStatuses: Map<string, (Status | undefined)[]>, nodes: KObject[], now: number): void {
  const newStates = new Map<string, ZoneState>();
  let allAreFull = true;
  for (const [zone, statuses] of zoneStatuses) {
    const s = computeZoneState(statuses);
    if (s !== 'FullDisruption') allAreFull = false;
    newStates.set(zone, s);
    if (!(zone in st.zones)) st.zones[zone] = 'Initial';
  }
  let allWereFull = true;
  for (const [zone, s] of Object.entries(st.zones)) {
    if (!zoneStatuses.has(zone)) {
      delete st.zones[zone];
      continue;
    }
    if (s !== 'FullDisruption') {
      allWereFull = false;
      break;
    }
  }
  if (allAreFull && allWereFull) return;
  if (allAreFull) {
    for (const n of nodes) markReachable(ctx, n.metadata.name);
    for (const zone of Object.keys(st.zones)) {
      tainter(st, zone, now).qpsOn = false;
      st.zones[zone] = 'FullDisruption';
    }
    return;
  }
  if (allWereFull) {
    for (const n of nodes) {
      const h = st.health[n.metadata.name];
      if (h) h.probe = now;
    }
  }
  for (const zone of Object.keys(st.zones)) {
    const ns = newStates.get(zone)!;
    if (!allWereFull && st.zones[zone] === ns) continue;
    tainter(st, zone, now).qpsOn = limiterOn(ns, zoneStatuses.get(zone)!.length);
    st.zones[zone] = ns;
  }
}

/** doNoExecuteTaintingPass: queued nodes get their NoExecute taint, one token at a time per zone. */
function noExecuteTaintingPass(ctx: Ctx, st: State, now: number): number | undefined {
  let wake: number | undefined;
  for (const t of Object.values(st.tainters)) {
    while (t.queue.length && t.qpsOn) {
      t.tokens = Math.min(1, t.tokens + (now - t.at) / EVICTION_QPS_INTERVAL_MS);
      t.at = now;
      if (t.tokens < 1) {
        const at = now + Math.ceil((1 - t.tokens) * EVICTION_QPS_INTERVAL_MS);
        if (wake === undefined || at < wake) wake = at;
        break;
      }
      t.tokens -= 1;
      const name = t.queue.shift()!;
      const node = ctx.store.get('Node', undefined, name);
      const ready = node ? readyStatus(node) : undefined;
      if (ready === 'False') swapTaints(ctx, name, [{ key: TAINT_NOT_READY, effect: 'NoExecute' }], [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }]);
      else if (ready === 'Unknown') swapTaints(ctx, name, [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }], [{ key: TAINT_NOT_READY, effect: 'NoExecute' }]);
    }
  }
  return wake;
}

function hasTaint(node: KObject, key: string, effect: string): boolean {
  return (node.spec?.taints ?? []).some((t: Taint) => t.key === key && t.effect === effect);
}

/** processTaintBaseEviction, from the Ready status observed at the start of the pass. */
function taintBasedEviction(ctx: Ctx, st: State, node: KObject, observed: Status, now: number): void {
  const name = node.metadata.name;
  const queue = (): void => {
    const t = tainter(st, zoneKey(node), now);
    if (!t.queue.includes(name) && !hasTaint(node, observed === 'Unknown' ? TAINT_UNREACHABLE : TAINT_NOT_READY, 'NoExecute')) t.queue.push(name);
  };
  if (observed === 'False') {
    if (hasTaint(node, TAINT_UNREACHABLE, 'NoExecute')) swapTaints(ctx, name, [{ key: TAINT_NOT_READY, effect: 'NoExecute' }], [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }]);
    else queue();
  } else if (observed === 'Unknown') {
    if (hasTaint(node, TAINT_NOT_READY, 'NoExecute')) swapTaints(ctx, name, [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }], [{ key: TAINT_NOT_READY, effect: 'NoExecute' }]);
    else queue();
  } else markReachable(ctx, name);
}

/** One monitorNodeHealth pass (plus the tainting that follows it). Returns when the next pass matters. */
function monitor(ctx: Ctx, now: number): number | undefined {
  const st = state(ctx);
  const nodes = ctx.store.list('Node');
  const names = new Set(nodes.map((n) => n.metadata.name));
  let wake: number | undefined;
  const wakeAt = (t: number | undefined) => {
    if (t !== undefined && t > now && (wake === undefined || t < wake)) wake = t;
  };
  for (const node of nodes) {
    const name = node.metadata.name;
    if (st.known[name] !== undefined) continue;
    nodeEvent(ctx, { name, uid: node.metadata.uid }, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
    st.known[name] = node.metadata.uid!;
    tainter(st, zoneKey(node), now);
    markReachable(ctx, name);
  }
  for (const [name, uid] of Object.entries(st.known)) {
    if (names.has(name)) continue;
    nodeEvent(ctx, { name, uid }, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    delete st.known[name];
    delete st.health[name];
  }
  const zoneStatuses = new Map<string, (Status | undefined)[]>();
  for (const node0 of nodes) {
    const [observed, current] = updateHealth(ctx, st, node0, now);
    const node = ctx.store.get('Node', undefined, node0.metadata.name)!;
    if (!('node.kubernetes.io/exclude-disruption' in (node.metadata.labels ?? {}))) {
      const z = zoneKey(node);
      if (!zoneStatuses.has(z)) zoneStatuses.set(z, []);
      zoneStatuses.get(z)!.push(current);
    }
    taintBasedEviction(ctx, st, node, observed, now);
    if (current !== 'True' && observed === 'True') {
      nodeEvent(ctx, { name: node.metadata.name, uid: node.metadata.uid }, 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
      markPodsNotReady(ctx, node.metadata.name);
    }
    // what the next pass has to do for this node
    const h = st.health[node.metadata.name]!;
    if (current === 'True') {
      if (lastRenewal(ctx, node.metadata.name, now + NODE_MONITOR_GRACE_MS + NODE_MONITOR_PERIOD_MS) <= h.renew!) wakeAt(monitorTickAtOrAfter(h.probe + NODE_MONITOR_GRACE_MS + 1));
      if (hasTaint(node, TAINT_UNREACHABLE, 'NoExecute') || hasTaint(node, TAINT_NOT_READY, 'NoExecute')) wakeAt(monitorTickAtOrAfter(now + 1));
    } else if (observed !== current) wakeAt(monitorTickAtOrAfter(now + 1));
  }
  handleDisruption(ctx, st, zoneStatuses, ctx.store.list('Node'), now);
  wakeAt(noExecuteTaintingPass(ctx, st, now));
  return wake;
}

export const nodeLifecycleController: Controller<Ctx> = {
  name: NODE_LIFECYCLE,
  watch(ev, enqueue, ctx) {
    if (ev.gk === 'Node') {
      const conds = (o?: KObject) => JSON.stringify(o?.status?.conditions?.map((c: { type: string; status: string }) => [c.type, c.status]) ?? null);
      // the controller queues every node update for doNoScheduleTaintingPass; only a change of the
      // condition statuses or the spec (unschedulable, taints a user edited) can give it work
      if (ev.type !== 'MODIFIED' || conds(ev.old) !== conds(ev.obj) || !deepEqual(ev.old?.spec, ev.obj.spec)) {
        if (ev.type !== 'DELETED') enqueue(`taint/${ev.obj.metadata.name}`);
        // the change is seen by the next monitor pass
        ctx.loop.at(monitorTickAtOrAfter(ctx.clock.now() + 1), NODE_LIFECYCLE, 'monitor');
      }
      return;
    }
    if (ev.gk === 'Pod' && ev.type !== 'DELETED' && ev.obj.spec?.nodeName && ev.old?.spec?.nodeName !== ev.obj.spec.nodeName) enqueue(`pod/${keyFor(ev.obj)}`);
  },
  sync(key, ctx) {
    const now = ctx.clock.now();
    if (key === 'monitor') {
      // passes happen on the controller's 5 s grid
      const tick = monitorTickAtOrAfter(now);
      if (tick !== now) {
        ctx.loop.at(tick, NODE_LIFECYCLE, 'monitor');
        return;
      }
      const wake = monitor(ctx, now);
      if (wake !== undefined) ctx.loop.at(wake, NODE_LIFECYCLE, 'monitor');
      return;
    }
    if (key.startsWith('taint/')) {
      noScheduleTaintingPass(ctx, key.slice(6));
      return;
    }
    if (key.startsWith('pod/')) {
      // processPod: a pod bound to a node that is not ready is not ready either
      const [ns, name] = splitKey(key.slice(4));
      const pod = ctx.store.get('Pod', ns, name);
      if (!pod?.spec?.nodeName) return;
      const node = ctx.store.get('Node', undefined, pod.spec.nodeName);
      if (node && state(ctx).health[node.metadata.name] && readyStatus(node) !== 'True') markPodNotReady(ctx, pod);
    }
  },
};
