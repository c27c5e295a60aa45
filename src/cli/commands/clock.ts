// kubesim clock: show the simulated time, or let time pass.
import { cluster } from '../common';
import { CliError, RawError } from '../../api/errors';
import { parseGoDuration } from '../../sim/duration';
import { rfc3339 } from '../../sim/clock';
import { goDurationString } from '../../printers/duration';
import type { RunContext } from '../spec';
import { out, progName } from '../io';

export async function runClockShow(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length) throw new RawError(`error: unknown command "${args[0]}"\nSee '${progName()} clock -h' for help and examples`);
  const { now, mode } = cluster(ctx, (s) => ({ now: s.clock.now(), mode: s.clock.mode }), { readOnly: true });
  out.line(`${rfc3339(now)} (${mode} clock)`);
  return 0;
}

export async function runClockAdvance(args: string[], _flags: Record<string, unknown>, ctx: RunContext): Promise<number> {
  if (args.length !== 1) throw new CliError(`exactly one DURATION is required (e.g. 30s, 5m, 1h30m), got ${args.length}`);
  const ms = parseGoDuration(args[0]!);
  if (ms < 0) throw new CliError(`the clock only moves forward: ${args[0]}`);
  const now = cluster(ctx, (s) => {
    if (s.clock.mode === 'real') s.clock.offsetMs += ms;
    s.advance(ms);
    return s.clock.now();
  });
  out.line(`clock advanced by ${goDurationString(ms).replace(/^(\d+)ms$/, '$1ms')} to ${rfc3339(now)}`);
  return 0;
}
