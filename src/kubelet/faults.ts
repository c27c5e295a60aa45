// Faults a user injects with `kubesim fault …` and `kubesim node stop`: persisted simulator state the
// kubelet consults, never anything inside API objects (a real cluster shows only the consequences).
import type { Ctx } from '../controllers/context';
import { simState } from '../controllers/context';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** A probe forced to fail from `from` (ms) until `until` (ms, open-ended when absent). */
export interface ProbeFault {
  from: number;
  until?: number;
}

/** The container's process dies: now, and (unless `once`) again shortly after every restart. */
export interface ExitFault {
  code: number;
  oom: boolean;
  once: boolean;
  /** Set once the fault has struck (later containers die shortly after they start). */
  struck?: boolean;
  /** The container instance the fault last struck. */
  appliedTo?: string;
}

export interface ContainerFaults {
  exit?: ExitFault;
  probes?: Partial<Record<ProbeKind, ProbeFault>>;
}

interface FaultState {
  /** pod uid → container name → faults */
  pods: Record<string, Record<string, ContainerFaults>>;
}

function state(ctx: Ctx): FaultState {
  return simState<FaultState>(ctx, 'faults', () => ({ pods: {} }));
}

/** The faults of one container (undefined when none). */
export function containerFaults(ctx: Ctx, podUid: string, container: string): ContainerFaults | undefined {
  const s = ctx.sim.faults as FaultState | undefined;
  return s?.pods[podUid]?.[container];
}

/** The faults of one container, created on first use. */
export function editFaults(ctx: Ctx, podUid: string, container: string): ContainerFaults {
  const pods = state(ctx).pods;
  return ((pods[podUid] ??= {})[container] ??= {});
}

/** Forgets every fault of a pod (the pod is gone). */
export function dropPodFaults(ctx: Ctx, podUid: string): void {
  const s = ctx.sim.faults as FaultState | undefined;
  if (s) delete s.pods[podUid];
}

/** Is the probe of this kind forced to fail at time `t`? */
export function probeFaulted(f: ContainerFaults | undefined, kind: ProbeKind, t: number): boolean {
  const p = f?.probes?.[kind];
  return !!p && t >= p.from && (p.until === undefined || t < p.until);
}
