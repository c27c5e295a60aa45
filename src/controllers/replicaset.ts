// The ReplicaSet controller (and, through the same factory, the ReplicationController manager):
// keeps exactly spec.replicas active pods matching the selector, creating from the template and
// deleting the least valuable pods first, and reports replicas/ready/available in status.
import { fromLabelSelector, fromMap, type Selector } from '../api/selectors';
import { registry } from '../api/registry';
import { clone, type KObject } from '../api/types';
import { KubeError, InvalidError } from '../api/errors';
import type { Controller } from '../sim/loop';
import { simState, type Ctx } from './context';
import { availableAt, claim, controllerRef, isPodActive, isPodAvailable, isPodReady, keyFor, ownerRefTo, podCondition, replicaRelevantChange, splitKey } from './util';
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

export function makeReplicaManager(spec: ReplicaManagerSpec): Controller<Ctx> {
  const ownerKind = spec.gk.split('.')[0]!;
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
      const candidates = scan ? ctx.store.list('Pod', ns).filter((p) => !controllerRef(p) && isPodActive(p)) : [];
      const pods = claim(ctx, rs, info, 'Pod', selector, candidates);
      const active = pods.filter(isPodActive);
      const want = rs.spec?.replicas ?? 1;
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
      const minReady = rs.spec?.minReadySeconds ?? 0;
      const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
      let fullyLabeled = 0;
      let ready = 0;
      let available = 0;
      let nextAvailable: number | undefined;
      const wanted = Object.entries(templateLabels);
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
      const cur = ctx.store.get(spec.gk, ns, name);
      if (!cur) return;
      const status: Record<string, unknown> = { ...(cur.status ?? {}) };
      status.replicas = active.length;
      status.fullyLabeledReplicas = fullyLabeled;
      status.readyReplicas = ready;
      status.availableReplicas = available;
      status.observedGeneration = cur.metadata.generation;
      for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (!status[k]) delete status[k];
      // calculateStatus: the ReplicaFailure condition is added once (SetCondition keeps an existing
      // one, so the message of the first failure stays) and removed when creating works again
      const prevFailure = ((cur.status?.conditions ?? []) as { type: string }[]).find((c) => c.type === 'ReplicaFailure');
      const conditions = ((cur.status?.conditions ?? []) as { type: string }[]).filter((c) => c.type !== 'ReplicaFailure' || (failure && c === prevFailure));
      if (failure && !prevFailure) conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: ctx.clock.rfc3339(), reason: 'FailedCreate', message: failure } as { type: string });
      if (conditions.length) status.conditions = conditions;
      else delete status.conditions;
      if (!deepEqual(status, cur.status)) {
        const next = clone(cur);
        next.status = status;
        ctx.store.put(spec.gk, next);
      }
    },
  };
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

