// Pod columns: NAME, READY, STATUS, RESTARTS, AGE | wide: IP, NODE, NOMINATED NODE, READINESS GATES.
// The STATUS/READY/RESTARTS derivation follows printPod in kubernetes pkg/printers/internalversion
// (v1.32): phase/reason, SchedulingGated, init containers (sidecars included), regular containers
// walked last to first, Completed→Running/NotReady, Terminating/Unknown on deletion.
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';
import { humanDuration } from '../duration';
import type { TablePrinter } from './types';
import { cols, containerCells, labelsCell, since, timeMs, type Any } from './util';

export interface PodSummary {
  /** `<ready>/<total>` */
  ready: string;
  /** The STATUS column (`Running`, `CrashLoopBackOff`, `Init:0/2`, `Terminating` …). */
  status: string;
  /** The RESTARTS column (`0`, `5 (95s ago)`). */
  restarts: string;
  readyCount: number;
  totalCount: number;
  restartCount: number;
}

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always (a sidecar). */
function isSidecar(c: Any): boolean {
  return !!c && c.restartPolicy === 'Always';
}

function hasCondition(conditions: Any[] | undefined, type: string): boolean {
  for (const c of conditions ?? []) if (c?.type === type) return c.status === 'True';
  return false;
}

/** The READY / STATUS / RESTARTS cells of a pod, as the 1.32 server-side printer computes them. */
export function podSummary(pod: KObject, nowMs: number): PodSummary {
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  const initSpecs: Any[] = spec.initContainers ?? [];

  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;

  const phase: string = status.phase ?? '';
  let reason: string = status.reason ? status.reason : phase;

  for (const c of status.conditions ?? []) {
    if (c?.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, Any>();
  for (const c of initSpecs) {
    initByName.set(c.name, c);
    if (isSidecar(c)) total++;
  }

  let initializing = false;
  const initStatuses: Any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i] ?? {};
    restarts += cs.restartCount ?? 0;
    const lastFinished = timeMs(cs.lastState?.terminated ? cs.lastState.terminated.finishedAt : undefined);
    if (lastFinished > lastRestart) lastRestart = lastFinished;
    const sidecar = isSidecar(initByName.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      if (lastFinished > lastSidecarRestart) lastSidecarRestart = lastFinished;
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = 'Init:' + terminated.reason;
      }
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = 'Init:' + waiting.reason;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: Any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] ?? {};
      restarts += cs.restartCount ?? 0;
      const lastFinished = timeMs(cs.lastState?.terminated ? cs.lastState.terminated.finishedAt : undefined);
      if (lastFinished > lastRestart) lastRestart = lastFinished;
      const terminated = cs.state?.terminated;
      const waiting = cs.state?.waiting;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // back to Running if at least one container is still running
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;

  return {
    ready: `${ready}/${total}`,
    status: reason,
    restarts: restartsStr,
    readyCount: ready,
    totalCount: total,
    restartCount: restarts,
  };
}

/** READINESS GATES: `<true>/<total>` over spec.readinessGates, `<none>` without gates. */
function readinessGates(pod: KObject): string {
  const gates: Any[] = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueCount = 0;
  for (const g of gates) {
    for (const c of pod.status?.conditions ?? []) {
      if (c?.type === g.conditionType) {
        if (c.status === 'True') trueCount++;
        break;
      }
    }
  }
  return `${trueCount}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: cols('Name*', 'Ready', 'Status', 'Restarts', 'Age', ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]),
  cells(pod: KObject, ctx: PrintContext): string[] {
    const s = podSummary(pod, ctx.nowMs);
    const status: Any = pod.status ?? {};
    // the v1→internal conversion fills podIPs from podIP when only the latter is set
    const ip: string = status.podIPs?.[0]?.ip || status.podIP || '<none>';
    return [
      pod.metadata.name,
      s.ready,
      s.status,
      s.restarts,
      since(pod.metadata.creationTimestamp, ctx.nowMs),
      ip,
      pod.spec?.nodeName || '<none>',
      status.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
};

/** PodTemplate: NAME, CONTAINERS, IMAGES, POD LABELS (no AGE). */
export const podTemplatePrinter: TablePrinter = {
  columns: cols('Name*', 'Containers', 'Images', 'Pod Labels'),
  cells(o: KObject): string[] {
    const [names, images] = containerCells(o.template?.spec?.containers);
    return [o.metadata.name, names, images, labelsCell(o.template?.metadata?.labels)];
  },
};
