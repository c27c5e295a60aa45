// Programs provided by other parts of the simulator (the simulated network's curl and wget), looked
// up by name when a container runs them. An image only has such a program when it is registered here
// (and the image ships it): until then a container behaves as one whose image lacks it.
import type { ProcIO } from './shell';

/** Runs the program; `host` is the container's ExecHost (see tools.ts). */
export type RegisteredTool = (io: ProcIO, host: unknown) => number;

const TOOLS = new Map<string, RegisteredTool>();

/** Programs that exist in images only when some module provides them. */
export const PLUGGABLE = new Set(['curl', 'wget']);

export function registerExecTool(name: string, tool: RegisteredTool): void {
  TOOLS.set(name, tool);
}

export function execToolFor(name: string): RegisteredTool | undefined {
  return TOOLS.get(name);
}
