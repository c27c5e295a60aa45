// The DaemonSet controller (kubernetes/pkg/controller/daemon: daemon_controller.go, update.go,
// util/daemonset_util.go), re-expressed: one pod per eligible node (nodeSelector, required node
// affinity, taints against the pod's tolerations plus the DaemonSet's standard ones), each pod
// pinned to its node with a `metadata.name` matchFields node affinity and left to the scheduler;
// revisions as ControllerRevisions `<ds>-<hash>`; RollingUpdate (maxUnavailable or maxSurge) and
// OnDelete; failed daemon pods replaced with back-off; status counts per node.
import { fromLabelSelector } from '../api/selectors';
import { registry } from '../api/registry';
import { clone, type KObject, type Taint, type Toleration } from '../api/types';
import { InvalidError, KubeError, StatusError } from '../api/errors';
import { computeHash } from '../api/naming';
import { scaledValue } from '../api/intstr';
import { deepEqual } from '../api/equality';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { availableAt, claim, controllerRef, isPodAvailable, isPodReady, keyFor, ownerRefTo, replicaRelevantChange, splitKey } from './util';
import { podFromTemplate } from './replicaset';
import { claimRevisions, CR_GK, REVISION_HASH_LABEL, sortRevisions, templatePatch } from './history';
import { matchNodeSelectorTerms } from '../scheduler/affinity';
import { firstUntoleratedTaint } from '../scheduler/plugins';
import { TEMPLATE_GENERATION_ANNOTATION } from '../api/workload-strategies';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
const NAME = DAEMONSET_CONTROLLER;
const GK = 'DaemonSet.apps';
/** extensions.DaemonSetTemplateGenerationKey (the annotation is apps.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const BURST_REPLICAS = 250;

/** AddOrUpdateTolerationInPodSpec: replaces a toleration with the same key/operator/value/effect, else appends. */
function addOrUpdateToleration(spec: { tolerations?: Toleration[] }, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const same = (x: Toleration) => (x.key ?? '') === (t.key ?? '') && (x.effect ?? '') === (t.effect ?? '') && (x.operator ?? '') === (t.operator ?? '') && (x.value ?? '') === (t.value ?? '');
  const i = list.findIndex(same);
  if (i >= 0) {
    if (deepEqual(list[i], t)) return;
    spec.tolerations = list.map((x, j) => (j === i ? t : x));
    return;
  }
  spec.tolerations = [...list, t];
}

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods survive node problems (not-ready and unreachable
 * without a time limit) and are placed despite the TaintNodesByCondition taints.
 */
export function addDaemonPodTolerations(spec: { tolerations?: Toleration[]; hostNetwork?: boolean }): void {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  addOrUpdateToleration(spec, exists('node.kubernetes.io/not-ready', 'NoExecute'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/unreachable', 'NoExecute'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/disk-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/memory-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/pid-pressure', 'NoSchedule'));
  addOrUpdateToleration(spec, exists('node.kubernetes.io/unschedulable', 'NoSchedule'));
  if (spec.hostNetwork) addOrUpdateToleration(spec, exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes "this node". */
export function pinToNode(spec: KObject['spec'], nodeName: string): void {
  const selector = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  spec.affinity = spec.affinity ?? {};
  spec.affinity.nodeAffinity = spec.affinity.nodeAffinity ?? {};
  spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = selector;
}

/** GetTargetNodeName: spec.nodeName, or the node the affinity pins an unscheduled pod to. */
export function targetNodeName(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const e of term.matchFields ?? []) if (e.key === 'metadata.name' && e.operator === 'In' && (e.values ?? []).length === 1) return e.values[0];
  }
  return undefined;
}

// The template's spec with the daemon tolerations, per stored DaemonSet object (stored objects are
// never changed in place, so the copy stays right for as long as the object is current): one copy
// per sync instead of one per node.
const specs = new WeakMap<KObject, KObject['spec']>();
function daemonPodSpec(ds: KObject): KObject['spec'] {
  let spec = specs.get(ds);
  if (!spec) {
    spec = clone(ds.spec?.template?.spec ?? {});
    addDaemonPodTolerations(spec);
    specs.set(ds, spec);
  }
  return spec;
}

/**
 * NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. A node fits when the template's
 * nodeName (if any), nodeSelector and required node affinity match and no NoSchedule/NoExecute taint
 * is untolerated; a pod already there keeps running unless a NoExecute taint is untolerated.
 */
export function nodeShouldRunDaemonPod(node: KObject, ds: KObject): [boolean, boolean] {
  const spec = daemonPodSpec(ds);
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return [false, false];
  const labels = (node.metadata.labels ?? {}) as Record<string, string>;
  const sel = (spec.nodeSelector ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return [false, false];
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !matchNodeSelectorTerms(required.nodeSelectorTerms ?? [], node)) return [false, false];
  const taints = (node.spec?.taints ?? []) as Taint[];
  const tolerations = (spec.tolerations ?? []) as Toleration[];
  if (firstUntoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute'])) return [false, !firstUntoleratedTaint(taints, tolerations, ['NoExecute'])];
  return [true, true];
}

function templateGeneration(ds: KObject): string | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? String(parseInt(v, 10)) : undefined;
}

/** IsPodUpdated: the pod carries the current hash or the current template generation. */
function isPodUpdated(pod: KObject, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation) || (!!hash && labels[REVISION_HASH_LABEL] === hash);
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first. */
function byCreation(a: KObject, b: KObject): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

function errText(e: KubeError): string {
  return e instanceof InvalidError ? e.statusMessage() : e.message;
}

interface DsState {
  /** failedPodsBackoff: per `<ds uid>/<observedGeneration>/<node>`, [backoff ms, last update ms]. */
  backoff: Record<string, [number, number]>;
  /** Work-queue retries after failed syncs, per key. */
  retries: Record<string, number>;
}

function dsState(ctx: Ctx): DsState {
  return simState<DsState>(ctx, 'daemonset', () => ({ backoff: {}, retries: {} }));
}

const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 15 * 60 * 1000;

class DaemonSetSync {
  private readonly info = registry.mustGroupKind(GK);
  private failed = false;
  private readonly now: number;

  constructor(
    private readonly ctx: Ctx,
    private ds: KObject,
    private readonly key: string,
  ) {
    this.now = ctx.clock.now();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.ds, type, reason, message, { component: NAME });
  }

  private nodes(): KObject[] {
    return this.ctx.store.list('Node');
  }

  run(): void {
    const ds = this.ds;
    if (Object.keys(ds.spec?.selector ?? {}).length === 0 || deepEqual(ds.spec?.selector, {})) {
      this.event('Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    // a DaemonSet being deleted may already have lost its revisions: leave it alone
    if (ds.metadata.deletionTimestamp) return;
    const hash = this.constructHistory();
    if (hash === undefined) {
      this.retry();
      return;
    }
    const nodes = this.nodes();
    this.manage(nodes, hash);
    if (ds.spec?.updateStrategy?.type !== 'OnDelete') this.rollingUpdate(nodes, hash);
    this.cleanupHistory(hash);
    this.updateStatus(nodes, hash);
    if (this.failed) this.retry();
    else delete dsState(this.ctx).retries[this.key];
  }

  private retry(): void {
    const st = dsState(this.ctx);
    const n = st.retries[this.key] ?? 0;
    st.retries[this.key] = n + 1;
    this.ctx.loop.at(this.now + Math.min(5 * 2 ** n, 1_000_000), NAME, this.key);
  }

  /** The pods this DaemonSet controls (adopting matching orphans), grouped by target node. */
  private nodeToPods(): Map<string, KObject[]> {
    const ctx = this.ctx;
    const ds = this.ds;
    const selector = fromLabelSelector(ds.spec?.selector);
    const ns = ds.metadata.namespace;
    const hints = (ctx.transient[`${NAME}.scan`] ??= new Set<string>()) as Set<string>;
    const scan = hints.has(this.key) || hints.has(`ns:${ns}`);
    hints.delete(this.key);
    const candidates = scan ? ctx.store.list('Pod', ns).filter((p) => !controllerRef(p)) : [];
    const pods = claim(ctx, ds, this.info, 'Pod', selector, candidates);
    const m = new Map<string, KObject[]>();
    for (const p of pods) {
      const n = targetNodeName(p);
      if (!n) continue;
      let arr = m.get(n);
      if (!arr) m.set(n, (arr = []));
      arr.push(p);
    }
    return m;
  }

  /** constructHistory: the current revision (created or re-numbered); returns its hash. */
  private constructHistory(): string | undefined {
    const ctx = this.ctx;
    const ds = this.ds;
    const histories = claimRevisions(ctx, ds, this.info, fromLabelSelector(ds.spec?.selector));
    const patch = templatePatch(ds.spec?.template);
    const current: KObject[] = [];
    const old: KObject[] = [];
    for (let h of histories) {
      if (h.metadata.labels?.[REVISION_HASH_LABEL] === undefined) {
        const next = clone(h);
        next.metadata.labels = { ...(next.metadata.labels ?? {}), [REVISION_HASH_LABEL]: h.metadata.name };
        h = this.updateRevision(next) ?? h;
      }
      if (deepEqual(h.data, patch)) current.push(h);
      else old.push(h);
    }
    const currRevision = old.reduce((m, h) => Math.max(m, h.revision ?? 0), 0) + 1;
    let cur: KObject | undefined;
    if (current.length === 0) cur = this.snapshot(currRevision);
    else {
      cur = this.dedup(current);
      if ((cur.revision ?? 0) < currRevision) {
        const next = clone(cur);
        next.revision = currRevision;
        cur = this.updateRevision(next) ?? cur;
      }
    }
    return cur?.metadata.labels?.[REVISION_HASH_LABEL];
  }

  private updateRevision(cr: KObject): KObject | undefined {
    try {
      return this.ctx.api.update(cr);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      this.failed = true;
      return undefined;
    }
  }

  /** snapshot: a new ControllerRevision for the current template. */
  private snapshot(revision: number): KObject | undefined {
    const ctx = this.ctx;
    const ds = this.ds;
    const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const cr: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ds.metadata.namespace,
        labels: { ...((ds.spec?.template?.metadata?.labels ?? {}) as Record<string, string>), [REVISION_HASH_LABEL]: hash },
        ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(ds, this.info)],
      },
      data: templatePatch(ds.spec?.template),
      revision,
    };
    try {
      return ctx.api.create(cr);
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'AlreadyExists') {
        const existing = ctx.store.get(CR_GK, ds.metadata.namespace, name);
        if (existing && deepEqual(existing.data, cr.data)) return existing;
        // a hash collision: bump the count and try again
        const cur = ctx.store.get(GK, ds.metadata.namespace, ds.metadata.name)!;
        const next = clone(cur);
        next.status = { ...(next.status ?? {}), collisionCount: (cur.status?.collisionCount ?? 0) + 1 };
        this.ds = ctx.store.put(GK, next);
        return undefined;
      }
      if (!(e instanceof KubeError)) throw e;
      return undefined;
    }
  }

  /** dedupCurHistories: keep the highest-numbered equal revision, relabel pods, drop the rest. */
  private dedup(current: KObject[]): KObject {
    if (current.length === 1) return current[0]!;
    let keep = current[0]!;
    for (const h of current) if ((h.revision ?? 0) >= (keep.revision ?? 0)) keep = h;
    const keepHash = keep.metadata.labels?.[REVISION_HASH_LABEL] ?? keep.metadata.name;
    for (const h of current) {
      if (h.metadata.name === keep.metadata.name) continue;
      for (const pods of this.nodeToPods().values()) {
        for (const p of pods) {
          if (p.metadata.labels?.[REVISION_HASH_LABEL] === keepHash) continue;
          const next = clone(p);
          next.metadata.labels = { ...(next.metadata.labels ?? {}), [REVISION_HASH_LABEL]: keepHash };
          try {
            this.ctx.api.update(next);
          } catch (e) {
            if (!(e instanceof KubeError)) throw e;
          }
        }
      }
      try {
        this.ctx.api.delete(CR_GK, h.metadata.namespace, h.metadata.name);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
      }
    }
    return keep;
  }

  /** podsShouldBeOnNode over every node, plus unscheduled pods pinned to nodes that are gone. */
  private manage(nodes: KObject[], hash: string): void {
    const nodeToPods = this.nodeToPods();
    const create: string[] = [];
    const remove: KObject[] = [];
    const surge = this.maxSurge(1) > 0;
    const names = new Set(nodes.map((n) => n.metadata.name));
    for (const node of nodes) {
      const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(node, this.ds);
      const pods = nodeToPods.get(node.metadata.name);
      if (shouldRun && !pods) {
        create.push(node.metadata.name);
        continue;
      }
      if (shouldContinue && pods) {
        const running: KObject[] = [];
        for (const p of pods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            const wait = this.failedPodBackoff(node.metadata.name);
            if (wait !== undefined) {
              this.ctx.loop.at(this.now + wait, NAME, this.key);
              continue;
            }
            this.event('Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`);
            remove.push(p);
          } else if (p.status?.phase === 'Succeeded') {
            this.event('Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to delete it`);
            remove.push(p);
          } else running.push(p);
        }
        running.sort(byCreation);
        if (!surge) {
          remove.push(...running.slice(1));
          continue;
        }
        if (running.length <= 1) {
          if (running.length === 0 && shouldRun) create.push(node.metadata.name);
          continue;
        }
        // surging: keep the oldest new pod and, while it is not yet available, the oldest old one
        let oldestNew: KObject | undefined;
        let oldestOld: KObject | undefined;
        for (const p of running) {
          if (p.metadata.labels?.[REVISION_HASH_LABEL] === hash) {
            if (!oldestNew) {
              oldestNew = p;
              continue;
            }
          } else if (!oldestOld) {
            oldestOld = p;
            continue;
          }
          remove.push(p);
        }
        if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, this.ds.spec?.minReadySeconds ?? 0, this.now))) remove.push(oldestOld);
        continue;
      }
      if (!shouldContinue && pods) for (const p of pods) if (!p.metadata.deletionTimestamp) remove.push(p);
    }
    for (const [node, pods] of nodeToPods) if (!names.has(node)) for (const p of pods) if (!p.spec?.nodeName) remove.push(p);
    this.syncNodes(remove, create, hash);
  }

  /** failedPodsBackoff: undefined when the failed pod may be deleted now (and the back-off grows). */
  private failedPodBackoff(node: string): number | undefined {
    const st = dsState(this.ctx);
    const key = `${this.ds.metadata.uid}/${this.ds.status?.observedGeneration ?? 0}/${node}`;
    const e = st.backoff[key];
    if (e && this.now - e[1] < e[0]) return e[0] - (this.now - e[1]);
    if (!e || this.now - e[1] > 2 * BACKOFF_MAX_MS) st.backoff[key] = [BACKOFF_INITIAL_MS, this.now];
    else st.backoff[key] = [Math.min(e[0] * 2, BACKOFF_MAX_MS), this.now];
    return undefined;
  }

  /** syncNodes: deletes the given pods and creates one pod per listed node (slow start). */
  private syncNodes(remove: KObject[], create: string[], hash: string): void {
    const ctx = this.ctx;
    const ds = this.ds;
    const template = clone(ds.spec?.template ?? {});
    template.spec = template.spec ?? {};
    addDaemonPodTolerations(template.spec);
    template.metadata = template.metadata ?? {};
    const gen = templateGeneration(ds);
    template.metadata.labels = { ...(template.metadata.labels ?? {}), ...(gen !== undefined ? { [TEMPLATE_GENERATION_LABEL]: gen } : {}), ...(hash ? { [REVISION_HASH_LABEL]: hash } : {}) };
    const todo = create.slice(0, BURST_REPLICAS);
    let pos = 0;
    let batch = Math.min(todo.length, 1);
    outer: while (pos < todo.length) {
      for (let i = pos; i < pos + batch; i++) {
        const pod = podFromTemplate(ds, GK, template, `${ds.metadata.name}-`);
        pinToNode(pod.spec, todo[i]!);
        try {
          const created = ctx.api.create(pod);
          this.event('Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        } catch (e) {
          if (!(e instanceof KubeError)) throw e;
          // a namespace being torn down refuses every create: no event for that
          if (!/because it is being terminated$/.test(e.message)) {
            this.event('Warning', 'FailedCreate', `Error creating: ${errText(e)}`);
            this.failed = true;
          }
          break outer;
        }
      }
      pos += batch;
      batch = Math.min(2 * batch, todo.length - pos);
    }
    for (const p of remove.slice(0, BURST_REPLICAS)) {
      try {
        ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name);
        this.event('Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        if (e instanceof StatusError && e.reason === 'NotFound') continue;
        this.event('Warning', 'FailedDelete', `Error deleting: ${errText(e)}`);
        this.failed = true;
      }
    }
  }

  private maxSurge(desired: number): number {
    const us = this.ds.spec?.updateStrategy;
    if (us?.type === 'OnDelete' || !us?.rollingUpdate) return 0;
    return scaledValue(us.rollingUpdate.maxSurge ?? 0, desired, true);
  }

  private maxUnavailable(desired: number): number {
    const us = this.ds.spec?.updateStrategy;
    if (us?.type === 'OnDelete' || !us?.rollingUpdate) return 0;
    return scaledValue(us.rollingUpdate.maxUnavailable ?? 1, desired, true);
  }

  /** findUpdatedPodsOnNode: at most one new and one old non-deleted pod, or not ok. */
  private splitPods(pods: KObject[], hash: string): { newPod?: KObject; oldPod?: KObject; ok: boolean } {
    const gen = templateGeneration(this.ds);
    let newPod: KObject | undefined;
    let oldPod: KObject | undefined;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      if (isPodUpdated(p, hash, gen)) {
        if (newPod) return { ok: false };
        newPod = p;
      } else {
        if (oldPod) return { ok: false };
        oldPod = p;
      }
    }
    return { newPod, oldPod, ok: true };
  }

  /** rollingUpdate: replace old pods within maxUnavailable (delete first) or maxSurge (create first). */
  private rollingUpdate(nodes: KObject[], hash: string): void {
    const ds = this.ds;
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const available = (p: KObject) => isPodAvailable(p, minReady, this.now);
    const nodeToPods = this.nodeToPods();
    let desired = 0;
    const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
    for (const node of nodes) {
      if (!nodeShouldRunDaemonPod(node, ds)[0]) continue;
      desired++;
      if (!nodeToPods.has(node.metadata.name)) nodeToPods.set(node.metadata.name, []);
    }
    let maxUnavailable = this.maxUnavailable(desired);
    const maxSurge = this.maxSurge(desired);
    if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const entries = [...nodeToPods.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (maxSurge === 0) {
      let numUnavailable = 0;
      const replacements: KObject[] = [];
      const candidates: KObject[] = [];
      for (const [, pods] of entries) {
        const { newPod, oldPod, ok } = this.splitPods(pods, hash);
        if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
          numUnavailable++;
          continue;
        }
        if (newPod) {
          if (!available(newPod)) numUnavailable++;
          continue;
        }
        if (!available(oldPod!)) replacements.push(oldPod!);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod!);
      }
      const remaining = Math.max(0, Math.min(maxUnavailable - numUnavailable, candidates.length));
      this.syncNodes([...replacements, ...candidates.slice(0, remaining)], [], hash);
      return;
    }
    const toDelete: KObject[] = [];
    const shouldNotRun: KObject[] = [];
    const candidateNodes: string[] = [];
    const allowedNodes: string[] = [];
    let numSurge = 0;
    let numAvailable = 0;
    for (const [nodeName, pods] of entries) {
      const { newPod, oldPod, ok } = this.splitPods(pods, hash);
      if (!ok) {
        numSurge++;
        continue;
      }
      if (oldPod ? available(oldPod) : newPod ? available(newPod) : false) numAvailable++;
      if (!oldPod) continue;
      const node = byName.get(nodeName);
      const shouldRun = node ? nodeShouldRunDaemonPod(node, ds)[0] : false;
      if (!newPod) {
        if (!available(oldPod)) {
          if (!shouldRun) toDelete.push(oldPod);
          else allowedNodes.push(nodeName);
        } else if (!shouldRun) shouldNotRun.push(oldPod);
        else if (numSurge < maxSurge) candidateNodes.push(nodeName);
        continue;
      }
      if (!available(newPod)) {
        numSurge++;
        continue;
      }
      toDelete.push(oldPod);
    }
    const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
    if (deletable > 0) toDelete.push(...shouldNotRun.slice(0, deletable));
    const remaining = Math.max(0, Math.min(maxSurge - numSurge, candidateNodes.length));
    this.syncNodes(toDelete, [...allowedNodes, ...candidateNodes.slice(0, remaining)], hash);
  }

  /** cleanupHistory: at most revisionHistoryLimit old revisions that no pod still runs. */
  private cleanupHistory(hash: string): void {
    const ds = this.ds;
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    const patch = templatePatch(ds.spec?.template);
    const old = sortRevisions(this.ctx.store.list(CR_GK, ds.metadata.namespace).filter((cr) => controllerRef(cr)?.uid === ds.metadata.uid && !deepEqual(cr.data, patch)));
    let toKill = old.length - limit;
    if (toKill <= 0) return;
    const live = new Set<string>();
    for (const pods of this.nodeToPods().values()) for (const p of pods) if (p.metadata.labels?.[REVISION_HASH_LABEL]) live.add(p.metadata.labels[REVISION_HASH_LABEL]);
    for (const h of old) {
      if (toKill <= 0) break;
      const hh = h.metadata.labels?.[REVISION_HASH_LABEL];
      if (hh === hash || (hh && live.has(hh))) continue;
      try {
        this.ctx.api.delete(CR_GK, h.metadata.namespace, h.metadata.name);
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
      }
      toKill--;
    }
  }

  /** updateDaemonSetStatus / storeDaemonSetStatus. */
  private updateStatus(nodes: KObject[], hash: string): void {
    const ctx = this.ctx;
    const ds = ctx.store.get(GK, this.ds.metadata.namespace, this.ds.metadata.name);
    if (!ds) return;
    const nodeToPods = this.nodeToPods();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const gen = templateGeneration(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    let nextAvailable: number | undefined;
    for (const node of nodes) {
      const [shouldRun] = nodeShouldRunDaemonPod(node, ds);
      const pods = nodeToPods.get(node.metadata.name) ?? [];
      if (!shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = [...pods].sort(byCreation)[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, this.now)) available++;
        else {
          const at = availableAt(pod, minReady);
          if (at !== undefined && (nextAvailable === undefined || at < nextAvailable)) nextAvailable = at;
        }
      }
      if (isPodUpdated(pod, hash, gen)) updated++;
    }
    const status: Record<string, unknown> = { ...(ds.status ?? {}) };
    status.observedGeneration = ds.metadata.generation;
    status.desiredNumberScheduled = desired;
    status.currentNumberScheduled = current;
    status.numberMisscheduled = misscheduled;
    status.numberReady = ready;
    status.updatedNumberScheduled = updated;
    status.numberAvailable = available;
    status.numberUnavailable = desired - available;
    for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'observedGeneration']) if (!status[k]) delete status[k];
    if (!deepEqual(status, ds.status)) {
      const next = clone(ds);
      next.status = status;
      this.ds = ctx.store.put(GK, next);
    }
    if (nextAvailable !== undefined) ctx.loop.at(nextAvailable, NAME, this.key);
  }
}

export const daemonSetController: Controller<Ctx> = {
  name: NAME,
  watch(ev, enqueue, ctx) {
    const hints = (ctx.transient[`${NAME}.scan`] ??= new Set<string>()) as Set<string>;
    if (ev.gk === GK) {
      if (ev.type === 'ADDED' || !deepEqual(ev.obj.spec?.selector, ev.old?.spec?.selector)) hints.add(keyFor(ev.obj));
      if (ev.type !== 'DELETED') enqueue(keyFor(ev.obj));
      return;
    }
    if (ev.gk === 'Pod') {
      const ref = controllerRef(ev.obj);
      const oldRef = ev.old ? controllerRef(ev.old) : undefined;
      // the kubelet's status writes that change neither counts, nor placement, nor labels: no sync
      if (ref && oldRef?.uid === ref.uid && !replicaRelevantChange(ev.old!, ev.obj) && ev.old!.spec?.nodeName === ev.obj.spec?.nodeName) return;
      if (ref?.kind === 'DaemonSet') enqueue(`${ev.obj.metadata.namespace}/${ref.name}`);
      if (oldRef?.kind === 'DaemonSet' && oldRef.uid !== ref?.uid) enqueue(`${ev.obj.metadata.namespace}/${oldRef.name}`);
      if (!ref && ev.type !== 'DELETED' && !ev.obj.metadata.deletionTimestamp) {
        for (const ds of ctx.store.list(GK, ev.obj.metadata.namespace)) {
          if (!fromLabelSelector(ds.spec?.selector).matches(ev.obj.metadata.labels)) continue;
          hints.add(`ns:${ev.obj.metadata.namespace}`);
          enqueue(keyFor(ds));
        }
      }
      return;
    }
    if (ev.gk === 'Node') {
      if (ev.type === 'DELETED') return;
      for (const ds of ctx.store.list(GK)) {
        const now = nodeShouldRunDaemonPod(ev.obj, ds);
        if (ev.type === 'ADDED') {
          if (now[0]) enqueue(keyFor(ds));
          continue;
        }
        const before = nodeShouldRunDaemonPod(ev.old!, ds);
        if (before[0] !== now[0] || before[1] !== now[1]) enqueue(keyFor(ds));
      }
      return;
    }
    if (ev.gk === CR_GK) {
      const ref = controllerRef(ev.obj);
      if (ref?.kind === 'DaemonSet') enqueue(`${ev.obj.metadata.namespace}/${ref.name}`);
    }
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const ds = ctx.store.get(GK, ns, name);
    if (!ds) {
      delete dsState(ctx).retries[key];
      return;
    }
    new DaemonSetSync(ctx, ds, key).run();
  },
};
