// The ReplicaSet controller (and, through the same factory, the ReplicationController manager):
// keeps exactly spec.replicas active pods matching the selector, creating from the template and
// deleting the least valuable pods first, and reports replicas/ready/available in status.
import { fromLabelSelector, fromMap, type Selector } from '../api/selectors';
import { registry } from '../api/registry';
import { clone, type KObject } from '../api/types';
import { KubeError, InvalidError } from '../api/errors';
import type { Controller } from '../sim/loop';
import type { WatchEvent } from '../store/store';
import { simState, type Ctx } from './context';
import { availableAt, claim, controllerRef, isPodActive, isPodAvailable, isPodReady, keyFor, ownedBy, ownerRefTo, podCondition, replicaRelevantChange, splitKey } from './util';
import { deepEqual } from '../api/equality';

/** At most this many pods are created or deleted per sync (kube-controller-manager's burstReplicas). */
const BURST_REPLICAS = 500;

interface ReplicaManagerSpec {
  name: string;
  gk: string;
  component: string;
  selector(o: KObject): Selector;
}

/** Ranks pods for deletion, most deletable first (controller.ActivePodsWithRanks). */
export function podDeletionOrder(pods: KObject[], relatedOnNode: Map<string, number>): KObject[] {
  const phaseRank = (p: KObject) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  const readyTime = (p: KObject) => Date.parse(podCondition(p, 'Ready')?.lastTransitionTime ?? '') || 0;
  const restarts = (p: KObject) => (p.status?.containerStatuses ?? []).reduce((n: number, c: { restartCount?: number }) => Math.max(n, c.restartCount ?? 0), 0);
  const cost = (p: KObject) => Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  return [...pods].sort((a, b) => {
    const na = a.spec?.nodeName ? 1 : 0;
    const nb = b.spec?.nodeName ? 1 : 0;
    if (na !== nb) return na - nb; // unscheduled first
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb; // not ready first
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    const ka = relatedOnNode.get(a.spec?.nodeName ?? '') ?? 0;
    const kb = relatedOnNode.get(b.spec?.nodeName ?? '') ?? 0;
    if (ka !== kb) return kb - ka; // pods on crowded nodes first
    if (ra && rb && readyTime(a) !== readyTime(b)) return readyTime(b) - readyTime(a); // ready more recently first
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = a.metadata.creationTimestamp ?? '';
    const cb = b.metadata.creationTimestamp ?? '';
    if (ca !== cb) return ca < cb ? 1 : -1; // newer first
    return a.metadata.name < b.metadata.name ? 1 : -1;
  });
}

/** Builds a pod from a template the way controllers do (GetPodFromTemplate). */
export function podFromTemplate(owner: KObject, ownerGk: string, template: KObject['spec'], generateName: string): KObject {
  const info = registry.mustGroupKind(ownerGk);
  const t = clone(template ?? {});
  const meta = t.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName,
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [ownerRefTo(owner, info)],
    },
    spec: t.spec ?? {},
  };
  return pod;
}

/** What one pod adds to its owner's status counts. */
interface Share {
  active: boolean;
  labeled: boolean;
  ready: boolean;
}

/**
 * A replica manager's running count of its pods, kept from the pod events between syncs so a sync
 * caused by one pod's readiness need not walk all of a thousand pods again (the real controller
 * recounts on every sync, but its informer batches many events into one sync; without that, the
 * recount made a 1,000-replica rollout quadratic). Rebuilt by every full sync; marked stale by
 * anything it cannot follow (adoption, release, a pod that stops matching).
 */
interface Tally {
  generation: unknown;
  deleting: boolean;
  selector: Selector;
  wanted: [string, string][];
  shares: Map<string, Share>;
  active: number;
  labeled: number;
  ready: number;
  stale: boolean;
}

function shareOf(p: KObject, wanted: [string, string][]): Share {
  const active = isPodActive(p);
  const labels = p.metadata.labels;
  return { active, labeled: active && wanted.every(([k, v]) => labels?.[k] === v), ready: active && isPodReady(p) };
}

function count(t: Tally, key: string, share: Share | undefined, sign: 1 | -1): void {
  if (!share) return;
  if (sign > 0) t.shares.set(key, share);
  else t.shares.delete(key);
  if (share.active) t.active += sign;
  if (share.labeled) t.labeled += sign;
  if (share.ready) t.ready += sign;
}

export function makeReplicaManager(spec: ReplicaManagerSpec): Controller<Ctx> {
  const ownerKind = spec.gk.split('.')[0]!;
  const tallies = (ctx: Ctx) => ((ctx.transient[`${spec.name}.tally`] ??= new Map<string, Tally>()) as Map<string, Tally>);
  /** Follows one pod event in its owner's tally (or marks the tally stale when it cannot). */
  const follow = (ctx: Ctx, ev: WatchEvent) => {
    const m = ctx.transient[`${spec.name}.tally`] as Map<string, Tally> | undefined;
    if (!m?.size) return;
    const ref = ev.type === 'DELETED' ? undefined : controllerRef(ev.obj);
    const oldRef = ev.type === 'DELETED' ? controllerRef(ev.obj) : ev.old && controllerRef(ev.old);
    const key = `${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`;
    if (oldRef && oldRef.uid !== ref?.uid) {
      const t = m.get(oldRef.uid);
      if (t) {
        if (ev.type === 'DELETED') count(t, key, t.shares.get(key), -1);
        else t.stale = true;
      }
    }
    if (!ref) return;
    const t = m.get(ref.uid);
    if (!t || t.stale) return;
    if (oldRef?.uid !== ref.uid && ev.type !== 'ADDED') {
      t.stale = true; // adopted
      return;
    }
    if (!t.deleting && !t.selector.matches(ev.obj.metadata.labels)) {
      t.stale = true; // the sync releases it
      return;
    }
    count(t, key, t.shares.get(key), -1);
    count(t, key, shareOf(ev.obj, t.wanted), 1);
  };
  return {
    name: spec.name,
    watch(ev, enqueue, ctx) {
      const hints = ((ctx.transient[`${spec.name}.scan`] ??= new Set<string>()) as Set<string>);
      if (ev.gk === spec.gk) {
        if (ev.type === 'ADDED' || !deepEqual(ev.obj.spec?.selector, ev.old?.spec?.selector)) hints.add(keyFor(ev.obj));
        enqueue(keyFor(ev.obj));
        return;
      }
      if (ev.gk !== 'Pod') return;
      follow(ctx, ev);
      const ref = controllerRef(ev.obj);
      if (ref) {
        const oldRef = ev.old && controllerRef(ev.old);
        // same owner, and nothing its counts depend on changed: no sync needed
        if (oldRef && oldRef.uid === ref.uid && !replicaRelevantChange(ev.old!, ev.obj)) return;
        if (ref.kind === ownerKind) enqueue(`${ev.obj.metadata.namespace}/${ref.name}`);
        if (ev.old) {
          if (oldRef && oldRef.kind === ownerKind && oldRef.name !== ref.name) enqueue(`${ev.old.metadata.namespace}/${oldRef.name}`);
        }
        return;
      }
      if (ev.old) {
        const oldRef = controllerRef(ev.old);
        if (oldRef && oldRef.kind === ownerKind) enqueue(`${ev.old.metadata.namespace}/${oldRef.name}`);
      }
      // an orphan: every owner of this kind whose selector matches may adopt it
      if (ev.type !== 'DELETED' && isPodActive(ev.obj)) {
        hints.add(`ns:${ev.obj.metadata.namespace}`);
        for (const o of ctx.store.list(spec.gk, ev.obj.metadata.namespace)) {
          if (spec.selector(o).matches(ev.obj.metadata.labels)) enqueue(keyFor(o));
        }
      }
    },
    sync(key, ctx) {
      const [ns, name] = splitKey(key);
      const rs = ctx.store.get(spec.gk, ns, name);
      if (!rs) return;
      const info = registry.mustGroupKind(spec.gk);
      const selector = spec.selector(rs);
      const now = ctx.clock.now();
      // Orphans are looked for only when the owner is new, its selector changed, or the watch saw an
      // orphan appear in this namespace: no whole-namespace scan on every sync.
      const hints = ((ctx.transient[`${spec.name}.scan`] ??= new Set<string>()) as Set<string>);
      const scan = hints.has(key) || hints.has(`ns:${ns}`);
      hints.delete(key);
      const want = rs.spec?.replicas ?? 1;
      const minReady = rs.spec?.minReadySeconds ?? 0;
      const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
      const deleting = !!rs.metadata.deletionTimestamp;
      const tally = tallies(ctx).get(rs.metadata.uid!);
      // the running count will do when nothing is to be created or deleted and no pod is waiting out minReadySeconds
      if (
        tally &&
        !tally.stale &&
        !scan &&
        !minReady &&
        tally.generation === rs.metadata.generation &&
        tally.deleting === deleting &&
        (deleting || tally.active === want) &&
        !(`${spec.name}.retries` in ctx.sim && key in (ctx.sim[`${spec.name}.retries`] as Record<string, number>))
      ) {
        if (process.env.VITEST) checkTally(ctx, rs, spec.gk, tally);
        writeReplicaStatus(ctx, spec.gk, ns, name, { replicas: tally.active, fullyLabeled: tally.labeled, ready: tally.ready, available: tally.ready });
        return;
      }
      const candidates = scan ? ctx.store.list('Pod', ns).filter((p) => !controllerRef(p) && isPodActive(p)) : [];
      const pods = claim(ctx, rs, info, 'Pod', selector, candidates);
      const active = pods.filter(isPodActive);
      // a fresh count, which the pod events of what follows keep up to date
      const wanted = Object.entries(templateLabels as Record<string, string>);
      const fresh: Tally = { generation: rs.metadata.generation, deleting, selector, wanted, shares: new Map(), active: 0, labeled: 0, ready: 0, stale: false };
      for (const p of pods) count(fresh, `${p.metadata.namespace}/${p.metadata.name}`, shareOf(p, wanted), 1);
      tallies(ctx).set(rs.metadata.uid!, fresh);
      let failure: string | undefined;
      if (!rs.metadata.deletionTimestamp) {
        const diff = active.length - want;
        if (diff < 0) {
          const n = Math.min(-diff, BURST_REPLICAS);
          // slow start: batches of 1, 2, 4, … stop at the first failure
          let created = 0;
          let batch = 1;
          outer: while (created < n) {
            const size = Math.min(batch, n - created);
            for (let i = 0; i < size; i++) {
              try {
                const pod = ctx.api.create(podFromTemplate(rs, spec.gk, rs.spec?.template, `${rs.metadata.name}-`));
                ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: spec.component });
                created++;
              } catch (e) {
                if (!(e instanceof KubeError)) throw e;
                // manageReplicasErr is the error itself (the ReplicaFailure condition's message, as
                // calculateStatus sets it); the pod control's FailedCreate event says `Error creating: <err>`
                failure = e instanceof InvalidError ? e.statusMessage() : e.message;
                ctx.events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${failure}`, { component: spec.component });
                break outer;
              }
            }
            batch *= 2;
          }
        } else if (diff > 0) {
          const related = new Map<string, number>();
          for (const p of active) related.set(p.spec?.nodeName ?? '', (related.get(p.spec?.nodeName ?? '') ?? 0) + 1);
          const victims = podDeletionOrder(active, related).slice(0, Math.min(diff, BURST_REPLICAS));
          for (const p of victims) {
            try {
              ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
              ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, { component: spec.component });
            } catch (e) {
              if (!(e instanceof KubeError)) throw e;
            }
          }
        }
      }
      // status, computed from the pods as they were at the start of this sync (like calculateStatus)
      let fullyLabeled = 0;
      let ready = 0;
      let available = 0;
      let nextAvailable: number | undefined;
      for (const p of active) {
        const labels = p.metadata.labels;
        if (wanted.every(([k, v]) => labels?.[k] === v)) fullyLabeled++;
        if (isPodReady(p)) {
          ready++;
          if (isPodAvailable(p, minReady, now)) available++;
          else {
            const at = availableAt(p, minReady);
            if (at !== undefined && (nextAvailable === undefined || at < nextAvailable)) nextAvailable = at;
          }
        }
      }
      if (nextAvailable !== undefined) ctx.loop.at(nextAvailable, spec.name, key);
      // a failed create is retried with the work queue's rate limiter (5 ms doubling up to 1000 s),
      // so a fix elsewhere (the missing ServiceAccount created, quota freed) is picked up
      const retries = simState(ctx, `${spec.name}.retries`, () => ({}) as Record<string, number>);
      if (failure) {
        const n = retries[key] ?? 0;
        retries[key] = n + 1;
        ctx.loop.at(now + Math.min(5 * 2 ** n, 1_000_000), spec.name, key);
      } else if (key in retries) delete retries[key];
      writeReplicaStatus(ctx, spec.gk, ns, name, { replicas: active.length, fullyLabeled, ready, available }, failure);
    },
  };
}

/** Writes a replica manager's status when it changed (calculateStatus + updateReplicaSetStatus). */
function writeReplicaStatus(ctx: Ctx, gk: string, ns: string | undefined, name: string, c: { replicas: number; fullyLabeled: number; ready: number; available: number }, failure?: string): void {
  const cur = ctx.store.get(gk, ns, name);
  if (!cur) return;
  const status: Record<string, unknown> = { ...(cur.status ?? {}) };
  status.replicas = c.replicas;
  status.fullyLabeledReplicas = c.fullyLabeled;
  status.readyReplicas = c.ready;
  status.availableReplicas = c.available;
  status.observedGeneration = cur.metadata.generation;
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (!status[k]) delete status[k];
  // calculateStatus: the ReplicaFailure condition is added once (SetCondition keeps an existing
  // one, so the message of the first failure stays) and removed when creating works again
  const prevFailure = ((cur.status?.conditions ?? []) as { type: string }[]).find((x) => x.type === 'ReplicaFailure');
  const conditions = ((cur.status?.conditions ?? []) as { type: string }[]).filter((x) => x.type !== 'ReplicaFailure' || (failure && x === prevFailure));
  if (failure && !prevFailure) conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: ctx.clock.rfc3339(), reason: 'FailedCreate', message: failure } as { type: string });
  if (conditions.length) status.conditions = conditions;
  else delete status.conditions;
  if (!deepEqual(status, cur.status)) {
    const next = clone(cur);
    next.status = status;
    ctx.store.put(gk, next);
  }
}

/** Under the test runner: the running count must equal a recount of the pods (catches a missed event). */
function checkTally(ctx: Ctx, rs: KObject, gk: string, t: Tally): void {
  const deleting = !!rs.metadata.deletionTimestamp;
  let active = 0;
  let labeled = 0;
  let ready = 0;
  let n = 0;
  for (const p of ownedBy(ctx, rs, 'Pod')) {
    if (!deleting && !t.selector.matches(p.metadata.labels)) throw new Error(`internal: ${gk} ${rs.metadata.name}: tally missed a released pod ${p.metadata.name}`);
    const sh = shareOf(p, t.wanted);
    n++;
    if (sh.active) active++;
    if (sh.labeled) labeled++;
    if (sh.ready) ready++;
  }
  if (n !== t.shares.size || active !== t.active || labeled !== t.labeled || ready !== t.ready)
    throw new Error(`internal: ${gk} ${rs.metadata.name}: tally ${t.shares.size}/${t.active}/${t.labeled}/${t.ready} but pods say ${n}/${active}/${labeled}/${ready}`);
}

export const replicaSetController = makeReplicaManager({
  name: 'replicaset-controller',
  gk: 'ReplicaSet.apps',
  component: 'replicaset-controller',
  selector: (o) => fromLabelSelector(o.spec?.selector),
});

/** ReplicationControllers use a plain map selector. */
export const replicationManager = makeReplicaManager({
  name: 'replication-controller',
  gk: 'ReplicationController',
  component: 'replication-controller',
  selector: (o) => {
    const sel = o.spec?.selector;
    return sel && Object.keys(sel).length ? fromMap(sel) : fromLabelSelector(null);
  },
});

