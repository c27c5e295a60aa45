// The simulation clock. Only this module reads the wall clock: simulation code asks the session's
// clock for `now`, so manual-mode runs are deterministic.

export type ClockMode = 'real' | 'manual';

/** Where a manual clock starts: a fixed instant so fresh states print identical timestamps. */
export const MANUAL_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

export function wallClockMs(): number {
  return Date.now();
}

export class Clock {
  constructor(
    public mode: ClockMode,
    public nowMs: number,
    /** Real mode only: how far `clock advance` has moved simulated time ahead of the wall clock. */
    public offsetMs = 0,
  ) {}

  /** Where simulated time should be now: wall clock (plus offset) in real mode, unchanged in manual mode. */
  target(): number {
    return this.mode === 'real' ? Math.floor(wallClockMs()) + this.offsetMs : this.nowMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 UTC with whole seconds, as Kubernetes stores metadata timestamps. */
  rfc3339(ms: number = this.nowMs): string {
    return rfc3339(ms);
  }

  /** RFC 3339 with microseconds (MicroTime), as used by eventTime/renewTime fields. */
  rfc3339Micro(ms: number = this.nowMs): string {
    return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }
}

export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 with a numeric zone (`Sat, 21 Nov 2026 22:38:01 +0000`), as `describe` prints times. */
export function rfc1123(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Parses an RFC 3339 timestamp to milliseconds (NaN when invalid). */
export function parseTime(s: string | undefined | null): number {
  if (!s) return NaN;
  return Date.parse(s);
}
