// When a cron schedule fires next, as robfig/cron/v3's SpecSchedule.Next and ConstantDelaySchedule do
// (the library the CronJob controller uses), over the schedule that src/api/validation/cron.ts parses
// with the same library's rules and error texts. Using one parser for validation and scheduling keeps
// the two in agreement (a separate npm cron library would read some specs differently: robfig's
// "star bit" day-of-month/day-of-week rule, `?`, step semantics, and its @every rounding).
//
// Time zones (spec.timeZone or a TZ=/CRON_TZ= prefix) are handled by searching in wall-clock time of
// the zone and converting back with Intl; without one the controller's zone is UTC, as in kind's
// kube-controller-manager.
import { parseCronSchedule, type CronSchedule } from '../api/validation/cron';

export interface Schedule {
  /** The first activation strictly after `t` (ms), or undefined when none within five years. */
  next(t: number): number | undefined;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

function dtf(tz: string): Intl.DateTimeFormat {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    dtfCache.set(tz, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant (ms). */
export function zoneOffset(tz: string | undefined, instant: number): number {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Local') return 0;
  const parts: Record<string, number> = {};
  for (const p of dtf(tz).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall-clock time in a zone (the earlier offset wins in a repeated hour). */
function fromWall(tz: string | undefined, wall: number): number {
  if (!tz) return wall;
  const guess = wall - zoneOffset(tz, wall);
  const second = wall - zoneOffset(tz, guess);
  return Math.min(guess, second);
}

function specNext(s: CronSchedule, tz: string | undefined, t0: number): number | undefined {
  // work in the zone's wall clock, represented as a UTC Date
  let t = new Date(Math.floor((t0 + zoneOffset(tz, t0)) / 1000) * 1000 + 1000);
  let added = false;
  const yearLimit = t.getUTCFullYear() + 5;
  const dayMatches = (d: Date) => {
    const dom = s.dom.has(d.getUTCDate());
    const dow = s.dow.has(d.getUTCDay());
    return s.domStar || s.dowStar ? dom && dow : dom || dow;
  };
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!s.month.has(t.getUTCMonth() + 1)) {
      if (!added) {
        added = true;
        t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
      }
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()));
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(t)) {
      if (!added) {
        added = true;
        t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
      }
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()));
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!s.hour.has(t.getUTCHours())) {
      if (!added) {
        added = true;
        t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours()));
      }
      t = new Date(t.getTime() + 3_600_000);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!s.minute.has(t.getUTCMinutes())) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 60_000) * 60_000);
      }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    while (t.getUTCSeconds() !== 0) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 1000) * 1000);
      }
      t = new Date(t.getTime() + 1000);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return fromWall(tz, t.getTime());
  }
}

/**
 * cron.ParseStandard of a CronJob's schedule, with its time zone (formatSchedule prefixes
 * `TZ=<spec.timeZone>`). Throws CronParseError with the library's message.
 */
export function parseSchedule(spec: string, timeZone?: string | null): Schedule {
  const s = parseCronSchedule(timeZone ? `TZ=${timeZone} ${spec}` : spec);
  const tz = s.timeZone && s.timeZone !== 'UTC' && s.timeZone !== 'Local' ? s.timeZone : undefined;
  if (s.everySeconds !== undefined) {
    // ConstantDelaySchedule: at least a second, whole seconds
    const delay = Math.max(1, Math.floor(s.everySeconds)) * 1000;
    return { next: (t) => Math.floor(t / 1000) * 1000 + delay };
  }
  return { next: (t) => specNext(s, tz, t) };
}

/** RFC 3339 of an instant in a zone, as Go's time.Format(time.RFC3339) prints it. */
export function rfc3339In(tz: string | undefined, instant: number): string {
  const off = zoneOffset(tz, instant);
  const base = new Date(Math.floor(instant / 1000) * 1000 + off).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${base}Z`;
  const sign = off < 0 ? '-' : '+';
  const m = Math.abs(off) / 60_000;
  return `${base}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
