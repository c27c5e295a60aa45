// get --watch: prints rows as objects change, re-reading the state file other commands write (and,
// with a real clock, letting time pass). Stops on Ctrl-C, or after --request-timeout.
import type { RunContext } from '../spec';
import type { KindInfo } from '../../api/registry';
import type { Filters } from '../common';

export async function watchGet(ctx: RunContext, flags: Record<string, unknown>, info: KindInfo, ns: string | undefined, filters: Filters): Promise<number> {
  const { runWatch } = await import('./watch-impl');
  return runWatch(ctx, flags, info, ns, filters);
}
