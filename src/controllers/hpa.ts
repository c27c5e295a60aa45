// The horizontal pod autoscaler controller (pkg/controller/podautoscaler, 1.32), syncing each HPA
// every 15 s (--horizontal-pod-autoscaler-sync-period) against the metrics-server numbers of
// metrics/usage.ts:
//   desired = ceil(current × currentUtilization / targetUtilization) over the ready pods, unchanged
//   within the 0.1 tolerance; pods without metrics count as 100 % (scale-down) or 0 % (scale-up),
//   unready pods (still starting, within the 5 min CPU initialization period) as 0 % on scale-up;
//   the highest recommendation of the last 5 minutes wins for scale-down (stabilization window);
//   scale-up is limited to max(2 × current, 4) — or, with spec.behavior, by its policies
//   (Pods/Percent per periodSeconds, selectPolicy Max/Min/Disabled, stabilization windows).
// It sets the AbleToScale / ScalingActive / ScalingLimited conditions, records SuccessfulRescale
// ("New size: 6; reason: cpu resource utilization (percentage of request) above target") and the
// warnings of a failed metric, and resizes the target through its scale (spec.replicas).
import { clone, type KObject } from '../api/types';
import type { Controller } from '../sim/loop';
import type { Ctx } from './context';
import { simState } from './context';
import { keyFor, splitKey } from './util';
import { registry, gkOf } from '../api/registry';
import { fromLabelSelector, formatLabelSelector, fromMap, type Selector } from '../api/selectors';
import { tryParseQuantity } from '../api/quantity';
import { notFound } from '../api/errors';
import { deepEqual } from '../api/equality';
import { parseTime } from '../sim/clock';
import { MetricsView } from '../metrics/usage';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';
export const HPA_SYNC_MS = 15_000;
const TOLERANCE = 0.1;
const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
const DELAY_OF_INITIAL_READINESS_MS = 30_000;
const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;
const METRIC_WINDOW_MS = 15_000;

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Rec {
  r: number;
  t: number;
}
interface ScaleEvt {
  c: number;
  t: number;
  old?: boolean;
}
interface HpaMemory {
  recs: Rec[];
  up: ScaleEvt[];
  down: ScaleEvt[];
}

function memory(ctx: Ctx, key: string): HpaMemory {
  const all = simState<Record<string, HpaMemory>>(ctx, 'hpa', () => ({}));
  return (all[key] ??= { recs: [], up: [], down: [] });
}

/** What the scale subresource of the target shows. */
interface Scale {
  gk: string;
  obj: KObject;
  specReplicas: number;
  statusReplicas: number;
  selector: string;
}

class MetricError extends Error {}

function selectorString(obj: KObject, gk: string): string {
  if (gk === 'ReplicationController') return formatSelectorMap(obj.spec?.selector);
  return obj.spec?.selector ? formatLabelSelector(obj.spec.selector) : '';
}

function formatSelectorMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${m![k]}`)
    .join(',');
}

function toSelector(obj: KObject, gk: string): Selector {
  return gk === 'ReplicationController' ? fromMap(obj.spec?.selector) : fromLabelSelector(obj.spec?.selector);
}

const SCALABLE = new Set(['Deployment.apps', 'ReplicaSet.apps', 'StatefulSet.apps', 'ReplicationController']);

/** The scale of the HPA's target, or the error the scale client would report. */
function getScale(ctx: Ctx, hpa: KObject): Scale | Error {
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0]! : '';
  const info = registry.byGroupKind(gkOf(ref.kind ?? '', group));
  if (!info) return new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
  const gk = gkOf(info.kind, info.group);
  if (!SCALABLE.has(gk) && !info.custom) return new Error(`${info.plural}${info.group ? `.${info.group}` : ''} "${ref.name}" could not find the requested resource`);
  const obj = ctx.store.get(gk, hpa.metadata.namespace, ref.name);
  if (!obj) return new Error(notFound(info.plural, info.group, ref.name).message);
  return { gk, obj, specReplicas: obj.spec?.replicas ?? 1, statusReplicas: obj.status?.replicas ?? 0, selector: selectorString(obj, gk) };
}

function setCondition(status: J, type: string, st: 'True' | 'False', reason: string, message: string, now: string): void {
  const list: J[] = (status.conditions ??= []);
  let c = list.find((x) => x.type === type);
  if (!c) {
    c = { type };
    list.push(c);
  }
  if (c.status !== st) c.lastTransitionTime = now;
  c.status = st;
  c.reason = reason;
  c.message = message;
}

function milliQuantity(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function isReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

interface PodMetric {
  value: number;
  timestamp: number;
  window: number;
}

/** Replica calculation over pod metrics (replica_calculator.go), shared by utilization and raw targets. */
export function groupPods(pods: KObject[], metrics: Map<string, PodMetric>, resource: string, now: number): { ready: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let ready = 0;
  for (const pod of pods) {
    const name = pod.metadata.name;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const cond = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready') as { status: string; lastTransitionTime?: string } | undefined;
      const start = parseTime(pod.status?.startTime);
      let isUnready: boolean;
      if (!cond || !Number.isFinite(start)) isUnready = true;
      else {
        const transition = parseTime(cond.lastTransitionTime);
        if (start + CPU_INITIALIZATION_PERIOD_MS > now) isUnready = cond.status === 'False' || metric.timestamp < transition + metric.window;
        else isUnready = cond.status === 'False' && start + DELAY_OF_INITIAL_READINESS_MS > transition;
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    ready++;
  }
  return { ready, unready, missing, ignored };
}

/** GetResourceUtilizationRatio. */
export function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number): { ratio: number; utilization: number; raw: number } {
  let total = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [pod, m] of metrics) {
    const r = requests.get(pod);
    if (r === undefined) continue;
    total += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((total * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, raw: Math.trunc(total / n) };
}

/** GetResourceReplicas: the core of the algorithm for a utilization target. */
export function resourceReplicas(current: number, target: number, metrics0: Map<string, PodMetric>, pods: KObject[], requests: Map<string, number>, resource: string, now: number): { replicas: number; utilization: number; raw: number } {
  const metrics = new Map(metrics0);
  const { ready, unready, missing, ignored } = groupPods(pods, metrics, resource, now);
  for (const n of ignored) metrics.delete(n);
  for (const n of unready) metrics.delete(n);
  if (metrics.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const { ratio, utilization, raw } = utilizationRatio(metrics, requests, target);
  const scaleUpWithUnready = unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= TOLERANCE) return { replicas: current, utilization, raw };
    return { replicas: Math.ceil(ratio * ready), utilization, raw };
  }
  if (missing.size > 0) {
    if (ratio < 1.0) {
      const fallback = Math.max(100, target);
      for (const n of missing) metrics.set(n, { value: Math.trunc(((requests.get(n) ?? 0) * fallback) / 100), timestamp: now, window: 0 });
    } else if (ratio > 1.0) for (const n of missing) metrics.set(n, { value: 0, timestamp: now, window: 0 });
  }
  if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { value: 0, timestamp: now, window: 0 });
  const next = utilizationRatio(metrics, requests, target).ratio;
  if (Math.abs(1.0 - next) <= TOLERANCE || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) return { replicas: current, utilization, raw };
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1.0 && replicas > current) || (next > 1.0 && replicas < current)) return { replicas: current, utilization, raw };
  return { replicas, utilization, raw };
}

/** calcPlainMetricReplicas: the same for an average value target. */
export function plainReplicas(current: number, targetMilli: number, metrics0: Map<string, PodMetric>, pods: KObject[], resource: string, now: number): { replicas: number; usage: number } {
  const metrics = new Map(metrics0);
  const { ready, unready, missing, ignored } = groupPods(pods, metrics, resource, now);
  for (const n of ignored) metrics.delete(n);
  for (const n of unready) metrics.delete(n);
  if (metrics.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const ratioOf = (m: Map<string, PodMetric>) => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    return { ratio: total / (targetMilli * m.size), usage: Math.trunc(total / m.size) };
  };
  const { ratio, usage } = ratioOf(metrics);
  const scaleUpWithUnready = unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= TOLERANCE) return { replicas: current, usage };
    return { replicas: Math.ceil(ratio * ready), usage };
  }
  if (missing.size > 0) for (const n of missing) metrics.set(n, { value: ratio < 1.0 ? targetMilli : 0, timestamp: now, window: 0 });
  if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { value: 0, timestamp: now, window: 0 });
  const next = ratioOf(metrics).ratio;
  if (Math.abs(1.0 - next) <= TOLERANCE || (ratio < 1.0 && next > 1.0) || (ratio > 1.0 && next < 1.0)) return { replicas: current, usage };
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1.0 && replicas > current) || (next > 1.0 && replicas < current)) return { replicas: current, usage };
  return { replicas, usage };
}

/** One sync of one HPA. */
class Reconcile {
  private readonly now: number;
  private readonly stamp: string;
  private readonly view: MetricsView;
  readonly status: J;

  constructor(
    private readonly ctx: Ctx,
    private readonly hpa: KObject,
    private readonly mem: HpaMemory,
  ) {
    this.now = ctx.clock.now();
    this.stamp = ctx.clock.rfc3339();
    this.view = new MetricsView(ctx);
    this.status = clone(hpa.status ?? {});
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.hpa, type, reason, message, { component: HPA_CONTROLLER });
  }

  private cond(type: string, st: 'True' | 'False', reason: string, message: string): void {
    setCondition(this.status, type, st, reason, message, this.stamp);
  }

  private unableToCompute(reason: string, err: string): { type: string; reason: string; message: string } {
    this.event('Warning', reason, err);
    return { type: 'ScalingActive', reason, message: `the HPA was unable to compute the replica count: ${err}` };
  }

  /** The pod metrics metrics-server would return for the selector (sum of containers, or one container). */
  private podMetrics(selector: Selector, resource: string, container?: string): { metrics: Map<string, PodMetric>; pods: KObject[] } {
    const pods = this.ctx.store.list('Pod', this.hpa.metadata.namespace).filter((p) => selector.matches(p.metadata.labels));
    const metrics = new Map<string, PodMetric>();
    for (const p of pods) {
      const u = this.view.pod(p);
      if (!u) continue;
      let value = 0;
      let found = false;
      for (const c of u.containers) {
        if (container && c.name !== container) continue;
        found = true;
        value += resource === 'cpu' ? Math.ceil(c.cpuNanos / 1_000_000) : c.memoryBytes * 1000;
      }
      if (found) metrics.set(p.metadata.name, { value, timestamp: u.timestamp, window: METRIC_WINDOW_MS });
    }
    return { metrics, pods };
  }

  private requests(pods: KObject[], resource: string, container?: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const pod of pods) {
      let sum = 0;
      const cs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c: J) => c.restartPolicy === 'Always')];
      for (const c of cs) {
        if (container && c.name !== container) continue;
        const q = tryParseQuantity(c.resources?.requests?.[resource]);
        if (!q) throw new MetricError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
        sum += q.milliValue();
      }
      out.set(pod.metadata.name, sum);
    }
    return out;
  }

  /** computeStatusForResourceMetricGeneric. */
  private resourceMetric(current: number, target: J, resource: string, selector: Selector, container?: string): { replicas: number; status: J; name: string } {
    const { metrics, pods } = this.podMetrics(selector, resource, container);
    const fail = (e: string) => new MetricError(`failed to get ${resource} utilization: ${e}`);
    if (metrics.size === 0) throw fail(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
    if (pods.length === 0) throw fail('no pods returned by selector while calculating replica count');
    if (target.averageValue !== undefined && target.averageValue !== null) {
      const q = tryParseQuantity(target.averageValue);
      try {
        const r = plainReplicas(current, q ? q.milliValue() : 0, metrics, pods, resource, this.now);
        return { replicas: r.replicas, status: { averageValue: milliQuantity(r.usage) }, name: `${resource} resource` };
      } catch (e) {
        throw fail((e as Error).message);
      }
    }
    if (target.averageUtilization === undefined || target.averageUtilization === null) throw new MetricError('invalid resource metric source: neither a utilization target nor a value target was set');
    try {
      const requests = this.requests(pods, resource, container);
      const r = resourceReplicas(current, target.averageUtilization, metrics, pods, requests, resource, this.now);
      return { replicas: r.replicas, status: { averageUtilization: r.utilization, averageValue: resource === 'memory' ? String(Math.trunc(r.raw / 1000)) : milliQuantity(r.raw) }, name: `${resource} resource utilization (percentage of request)` };
    } catch (e) {
      throw fail((e as Error).message);
    }
  }

  /** computeReplicasForMetrics. */
  private computeReplicasForMetrics(scale: Scale): { replicas: number; metric: string; statuses: J[] } | Error {
    if (!scale.selector) {
      this.event('Warning', 'SelectorRequired', 'selector is required');
      this.cond('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      return new Error('selector is required');
    }
    const selector = toSelector(scale.obj, scale.gk);
    const specs: J[] = this.hpa.spec?.metrics ?? [];
    const statuses: J[] = specs.map(() => ({ type: '' }));
    let invalid = 0;
    let firstErr: string | undefined;
    let firstCond: { type: string; reason: string; message: string } | undefined;
    let replicas = 0;
    let metric = '';
    specs.forEach((m, i) => {
      try {
        let r: { replicas: number; status: J; name: string };
        switch (m.type) {
          case 'Resource':
            try {
              r = this.resourceMetric(scale.specReplicas, m.resource?.target ?? {}, m.resource?.name, selector);
            } catch (e) {
              const c = this.unableToCompute('FailedGetResourceMetric', (e as Error).message);
              throw Object.assign(new MetricError(`failed to get ${m.resource?.name} resource metric value: ${(e as Error).message}`), { cond: c });
            }
            statuses[i] = { type: 'Resource', resource: { current: r.status, name: m.resource.name } };
            break;
          case 'ContainerResource':
            try {
              r = this.resourceMetric(scale.specReplicas, m.containerResource?.target ?? {}, m.containerResource?.name, selector, m.containerResource?.container);
            } catch (e) {
              const c = this.unableToCompute('FailedGetContainerResourceMetric', (e as Error).message);
              throw Object.assign(new MetricError(`failed to get ${m.containerResource?.name} container metric value: ${(e as Error).message}`), { cond: c });
            }
            statuses[i] = { type: 'ContainerResource', containerResource: { container: m.containerResource.container, current: r.status, name: m.containerResource.name } };
            break;
          case 'Pods': {
            const err = `unable to get metric ${m.pods?.metric?.name}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
            const c = this.unableToCompute('FailedGetPodsMetric', err);
            throw Object.assign(new MetricError(`failed to get pods metric value: ${err}`), { cond: c });
          }
          case 'Object': {
            const o = m.object ?? {};
            const err = `unable to get metric ${o.metric?.name}: ${o.describedObject?.kind} on ${this.hpa.metadata.namespace} ${o.describedObject?.name}/unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
            const c = this.unableToCompute('FailedGetObjectMetric', err);
            throw Object.assign(new MetricError(`failed to get object metric value: ${err}`), { cond: c });
          }
          case 'External': {
            const err = `unable to get external metric ${this.hpa.metadata.namespace}/${m.external?.metric?.name}/nil: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered`;
            const c = this.unableToCompute('FailedGetExternalMetric', err);
            throw Object.assign(new MetricError(err), { cond: c });
          }
          default: {
            const err = `unknown metric source type "${m.type}"`;
            const c = this.unableToCompute('InvalidMetricSourceType', err);
            throw Object.assign(new MetricError(err), { cond: c });
          }
        }
        if (replicas === 0 || r.replicas > replicas) {
          replicas = r.replicas;
          metric = r.name;
        }
      } catch (e) {
        if (invalid === 0) {
          firstErr = (e as Error).message;
          firstCond = (e as { cond?: { type: string; reason: string; message: string } }).cond;
        }
        invalid++;
      }
    });
    if (invalid >= specs.length || (invalid > 0 && replicas < scale.specReplicas)) {
      if (firstCond) this.cond(firstCond.type, 'False', firstCond.reason, firstCond.message);
      return new Error(`invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstErr}`);
    }
    this.cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses };
  }

  /** normalizeDesiredReplicas (no spec.behavior): 5 min scale-down stabilization, scale-up ≤ max(2×, 4). */
  private normalize(current: number, desired: number, min: number, max: number): number {
    const cutoff = this.now - DOWNSCALE_STABILIZATION_MS;
    let maxRec = desired;
    let oldIdx = -1;
    this.mem.recs.forEach((rec, i) => {
      if (rec.t < cutoff) oldIdx = i;
      else if (rec.r > maxRec) maxRec = rec.r;
    });
    if (oldIdx >= 0) this.mem.recs[oldIdx] = { r: desired, t: this.now };
    else this.mem.recs.push({ r: desired, t: this.now });
    if (maxRec !== desired) this.cond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    else this.cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const scaleUpLimit = Math.max(2 * current, 4);
    let maxAllowed: number;
    let reason: string;
    let message: string;
    if (max > scaleUpLimit) {
      maxAllowed = scaleUpLimit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    } else {
      maxAllowed = max;
      reason = 'TooManyReplicas';
      message = 'the desired replica count is more than the maximum replica count';
    }
    let result = maxRec;
    if (maxRec < min) {
      result = min;
      reason = 'TooFewReplicas';
      message = 'the desired replica count is less than the minimum replica count';
    } else if (maxRec > maxAllowed) result = maxAllowed;
    else {
      reason = 'DesiredWithinRange';
      message = 'the desired count is within the acceptable range';
    }
    this.cond('ScalingLimited', result === maxRec ? 'False' : 'True', reason, message);
    return result;
  }

  private changeInPeriod(events: ScaleEvt[], periodSeconds: number): number {
    const cutoff = this.now - periodSeconds * 1000;
    let n = 0;
    for (const e of events) if (e.t > cutoff) n += e.c;
    return n;
  }

  /** normalizeDesiredReplicasWithBehaviors. */
  private normalizeWithBehavior(current: number, desired: number, min: number, max: number): number {
    const b: J = this.hpa.spec.behavior;
    const up: J = b.scaleUp ?? { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] };
    const down: J = b.scaleDown ?? { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
    const upWin = (up.stabilizationWindowSeconds ?? 0) * 1000;
    const downWin = (down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_MS / 1000) * 1000;
    // stabilizeRecommendationWithBehaviors
    let upRec = desired;
    let downRec = desired;
    let oldIdx = -1;
    this.mem.recs.forEach((rec, i) => {
      if (rec.t > this.now - upWin) upRec = Math.min(rec.r, upRec);
      if (rec.t > this.now - downWin) downRec = Math.max(rec.r, downRec);
      if (rec.t < this.now - upWin && rec.t < this.now - downWin) oldIdx = i;
    });
    let stabilized = current;
    if (stabilized < upRec) stabilized = upRec;
    if (stabilized > downRec) stabilized = downRec;
    if (oldIdx >= 0) this.mem.recs[oldIdx] = { r: desired, t: this.now };
    else this.mem.recs.push({ r: desired, t: this.now });
    if (stabilized !== desired) {
      if (desired >= current) this.cond('AbleToScale', 'True', 'ScaleUpStabilized', 'recent recommendations were lower than current one, applying the lowest recent recommendation');
      else this.cond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    } else this.cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    // convertDesiredReplicasWithBehaviorRate
    let result = stabilized;
    let reason = 'DesiredWithinRange';
    let message = 'the desired count is within the acceptable range';
    if (stabilized > current) {
      let limit: number;
      if (up.selectPolicy === 'Disabled') limit = current;
      else {
        const minMode = up.selectPolicy === 'Min';
        limit = minMode ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
        for (const p of up.policies ?? []) {
          const start = current - this.changeInPeriod(this.mem.up, p.periodSeconds);
          const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
          limit = minMode ? Math.min(limit, proposed) : Math.max(limit, proposed);
        }
      }
      if (limit < current) limit = current;
      let maxAllowed = max;
      if (maxAllowed > limit) {
        maxAllowed = limit;
        reason = 'ScaleUpLimit';
        message = 'the desired replica count is increasing faster than the maximum scale rate';
      } else {
        reason = 'TooManyReplicas';
        message = 'the desired replica count is more than the maximum replica count';
      }
      if (stabilized > maxAllowed) result = maxAllowed;
      else {
        reason = 'DesiredWithinRange';
        message = 'the desired count is within the acceptable range';
      }
    } else if (stabilized < current) {
      let limit: number;
      if (down.selectPolicy === 'Disabled') limit = current;
      else {
        const minMode = down.selectPolicy === 'Min';
        limit = minMode ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
        for (const p of down.policies ?? []) {
          const start = current + this.changeInPeriod(this.mem.down, p.periodSeconds);
          const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
          limit = minMode ? Math.max(limit, proposed) : Math.min(limit, proposed);
        }
      }
      if (limit > current) limit = current;
      let minAllowed = min;
      if (minAllowed < limit) {
        minAllowed = limit;
        reason = 'ScaleDownLimit';
        message = 'the desired replica count is decreasing faster than the maximum scale rate';
      } else {
        reason = 'TooFewReplicas';
        message = 'the desired replica count is less than the minimum replica count';
      }
      if (stabilized < minAllowed) result = minAllowed;
      else {
        reason = 'DesiredWithinRange';
        message = 'the desired count is within the acceptable range';
      }
    }
    this.cond('ScalingLimited', result === stabilized ? 'False' : 'True', reason, message);
    return result;
  }

  private storeScaleEvent(prev: number, next: number): void {
    const b: J | undefined = this.hpa.spec?.behavior;
    if (!b) return;
    const rules: J = next > prev ? b.scaleUp : b.scaleDown;
    const list = next > prev ? this.mem.up : this.mem.down;
    let longest = 0;
    for (const p of rules?.policies ?? []) longest = Math.max(longest, p.periodSeconds ?? 0);
    let oldIdx = -1;
    list.forEach((e, i) => {
      if (e.t < this.now - longest * 1000) e.old = true;
      if (e.old) oldIdx = i;
    });
    const evt = { c: Math.abs(next - prev), t: this.now };
    if (oldIdx >= 0) list[oldIdx] = evt;
    else list.push(evt);
  }

  private setStatus(current: number, desired: number, metrics: J[] | null | undefined, rescale: boolean): void {
    const s = this.status;
    s.currentReplicas = current;
    s.desiredReplicas = desired;
    s.currentMetrics = metrics && metrics.length ? metrics : null;
    if (rescale) s.lastScaleTime = this.stamp;
    if (s.currentReplicas === 0) delete s.currentReplicas;
  }

  run(): void {
    const scale = getScale(this.ctx, this.hpa);
    if (scale instanceof Error) {
      this.event('Warning', 'FailedGetScale', scale.message);
      this.cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${scale.message}`);
      this.write();
      return;
    }
    this.cond('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const current = scale.specReplicas;
    if (this.mem.recs.length === 0) this.mem.recs.push({ r: current, t: this.now });
    const min = this.hpa.spec?.minReplicas ?? 1;
    const max = this.hpa.spec?.maxReplicas ?? 1;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let metricStatuses: J[] | undefined;
    if (current === 0 && min !== 0) {
      desired = 0;
      rescale = false;
      this.cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (current > max) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      const r = this.computeReplicasForMetrics(scale);
      if (r instanceof Error) {
        this.setStatus(current, this.status.desiredReplicas ?? 0, this.status.currentMetrics, false);
        this.write();
        this.event('Warning', 'FailedComputeMetricsReplicas', r.message);
        return;
      }
      metricStatuses = r.statuses;
      let metricName = '';
      if (r.replicas > desired) {
        desired = r.replicas;
        metricName = r.metric;
      }
      if (desired > current) reason = `${metricName} above target`;
      if (desired < current) reason = 'All metrics below target';
      desired = this.hpa.spec?.behavior ? this.normalizeWithBehavior(current, desired, min, max) : this.normalize(current, desired, min, max);
      rescale = desired !== current;
    }
    if (rescale) {
      const next = clone(scale.obj);
      next.spec = { ...(next.spec ?? {}), replicas: desired };
      this.ctx.api.update(next);
      this.cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
      this.event('Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      this.storeScaleEvent(current, desired);
    } else desired = current;
    this.setStatus(current, desired, metricStatuses, rescale);
    this.write();
  }

  private write(): void {
    if (deepEqual(this.status, this.hpa.status)) return;
    const next = clone(this.hpa);
    next.status = this.status;
    this.ctx.store.put('HorizontalPodAutoscaler.autoscaling', next);
  }
}

export const hpaController: Controller<Ctx> = {
  name: HPA_CONTROLLER,
  watch(ev, _enqueue, ctx) {
    if (ev.gk !== 'HorizontalPodAutoscaler.autoscaling') return;
    if (ev.type === 'DELETED') {
      const all = ctx.sim.hpa as Record<string, HpaMemory> | undefined;
      if (all) delete all[keyFor(ev.obj)];
      return;
    }
    // AddRateLimited: the HPA is processed one resync period after it was added
    if (ev.type === 'ADDED') ctx.loop.at(ctx.clock.now() + HPA_SYNC_MS, HPA_CONTROLLER, keyFor(ev.obj));
  },
  sync(key, ctx) {
    const [ns, name] = splitKey(key);
    const hpa = ctx.store.get('HorizontalPodAutoscaler.autoscaling', ns, name);
    if (!hpa) return;
    new Reconcile(ctx, hpa, memory(ctx, key)).run();
    ctx.loop.at(ctx.clock.now() + HPA_SYNC_MS, HPA_CONTROLLER, key);
  },
};
