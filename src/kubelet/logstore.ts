// Container output as the kubelet's log files would hold it: every line a container "prints" is
// appended here with its simulated timestamp, per pod and container and restart, so that
// `kubesim logs` (current and --previous) reads what the simulated process wrote. Lives in the
// persisted simulator state, never inside API objects.
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';

export interface LogLine {
  /** Simulated time (ms). */
  t: number;
  text: string;
}

interface LogState {
  /** `${podUid}/${container}/${restartCount}` → lines */
  files: Record<string, LogLine[]>;
}

/** Lines kept per container instance (older ones rotate out, as kubelet log rotation would). */
export const MAX_LINES_PER_CONTAINER = 1000;

function state(ctx: Ctx): LogState {
  return simState<LogState>(ctx, 'logs', () => ({ files: {} }));
}

export function logKey(podUid: string, container: string, restartCount: number): string {
  return `${podUid}/${container}/${restartCount}`;
}

export function appendLog(ctx: Ctx, podUid: string, container: string, restartCount: number, text: string, t = ctx.clock.now()): void {
  const files = state(ctx).files;
  const key = logKey(podUid, container, restartCount);
  const lines = (files[key] ??= []);
  for (const l of text.split('\n')) lines.push({ t, text: l });
  if (lines.length > MAX_LINES_PER_CONTAINER) lines.splice(0, lines.length - MAX_LINES_PER_CONTAINER);
}

export function readLog(ctx: Ctx, podUid: string, container: string, restartCount: number): LogLine[] {
  return state(ctx).files[logKey(podUid, container, restartCount)] ?? [];
}

/** Forgets every container log of a pod (the pod is gone). */
export function dropPodLogs(ctx: Ctx, podUid: string): void {
  const files = state(ctx).files;
  for (const k of Object.keys(files)) if (k.startsWith(`${podUid}/`)) delete files[k];
}

/** A container instance started: the kubelet keeps only its log and the previous instance's. */
export function dropOlderInstances(ctx: Ctx, podUid: string, container: string, restartCount: number): void {
  const files = state(ctx).files;
  for (let i = restartCount - 2; i >= 0; i--) delete files[logKey(podUid, container, i)];
}
