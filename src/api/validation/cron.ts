// Cron schedules as robfig/cron/v3 ParseStandard reads them (the parser the CronJob validation and
// controller use): 5 fields (minute hour dom month dow), names for months/days, `*`, `?`, ranges,
// steps, and the @yearly/@monthly/@weekly/@daily/@midnight/@hourly/@every descriptors. Errors carry
// the library's exact texts.

export interface CronSchedule {
  /** Sets of allowed values per field (seconds is always {0}). */
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** Whether dom/dow were `*` (cron's "star bit"; when either is a star, both must match). */
  domStar: boolean;
  dowStar: boolean;
  /** For "@every <duration>": the interval in seconds. */
  everySeconds?: number;
  /** TZ=/CRON_TZ= prefix, if any. */
  timeZone?: string;
}

export class CronParseError extends Error {}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** strconv.Atoi with Go's error texts. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new CronParseError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 9223372036854775807) {
    throw new CronParseError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return n;
}

function mustParseInt(expr: string): number {
  let n: number;
  try {
    n = atoi(expr);
  } catch (e) {
    throw new CronParseError(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  if (names) {
    const v = names[expr.toLowerCase()];
    if (v !== undefined) return v;
  }
  return mustParseInt(expr);
}

function getRange(expr: string, r: Bounds, out: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else throw new CronParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) out.add(i);
  return star;
}

function getField(field: string, r: Bounds): [Set<number>, boolean] {
  const out = new Set<number>();
  let star = false;
  for (const expr of field.split(',').filter((x) => x.length > 0)) {
    if (getRange(expr, r, out)) star = true;
  }
  return [out, star];
}

function all(r: Bounds): Set<number> {
  const s = new Set<number>();
  for (let i = r.min; i <= r.max; i++) s.add(i);
  return s;
}

/** time.ParseDuration, enough for "@every": sums of <number><unit>. Returns seconds. */
function parseDuration(s: string): number {
  const orig = s;
  const bad = () => new CronParseError(`time: invalid duration ${JSON.stringify(orig)}`);
  if (s === '0') return 0;
  if (!s) throw bad();
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)([a-zµμ]*)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || !m[1] || m[1] === '.') throw bad();
    if (!m[2]) throw new CronParseError(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const u = units[m[2]];
    if (u === undefined) throw new CronParseError(`time: unknown unit ${JSON.stringify(m[2])} in duration ${JSON.stringify(orig)}`);
    total += Number(m[1]) * u;
    s = s.slice(m[0].length);
  }
  return neg ? -total : total;
}

/** cron.ParseStandard. Throws CronParseError with the library's message. */
export function parseCronSchedule(spec0: string): CronSchedule {
  let spec = spec0;
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let timeZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    timeZone = spec.slice(eq + 1, i < 0 ? undefined : i);
    if (!isLoadableTimeZone(timeZone)) {
      throw new CronParseError(`provided bad location ${timeZone}: unknown time zone ${timeZone}`);
    }
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) {
    const d = parseDescriptor(spec);
    d.timeZone = timeZone;
    return d;
  }
  const fields = spec.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) {
    throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  }
  const [minute] = getField(fields[0]!, MINUTES);
  const [hour] = getField(fields[1]!, HOURS);
  const [dom, domStar] = getField(fields[2]!, DOM);
  const [month] = getField(fields[3]!, MONTHS);
  const [dow, dowStar] = getField(fields[4]!, DOW);
  return { minute, hour, dom, month, dow, domStar, dowStar, timeZone };
}

function parseDescriptor(spec: string): CronSchedule {
  const one = (n: number) => new Set([n]);
  const base = { domStar: true, dowStar: true } as const;
  switch (spec) {
    case '@yearly':
    case '@annually':
      return { minute: one(0), hour: one(0), dom: one(1), month: one(1), dow: all(DOW), domStar: false, dowStar: true };
    case '@monthly':
      return { minute: one(0), hour: one(0), dom: one(1), month: all(MONTHS), dow: all(DOW), domStar: false, dowStar: true };
    case '@weekly':
      return { minute: one(0), hour: one(0), dom: all(DOM), month: all(MONTHS), dow: one(0), domStar: true, dowStar: false };
    case '@daily':
    case '@midnight':
      return { minute: one(0), hour: one(0), dom: all(DOM), month: all(MONTHS), dow: all(DOW), ...base };
    case '@hourly':
      return { minute: one(0), hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW), ...base };
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    let secs: number;
    try {
      secs = parseDuration(spec.slice(every.length));
    } catch (e) {
      throw new CronParseError(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    return { minute: all(MINUTES), hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW), ...base, everySeconds: secs };
  }
  throw new CronParseError(`unrecognized descriptor: ${spec}`);
}

/** Whether Go's time.LoadLocation would accept the name (approximated with ICU; case-sensitive like a file lookup). */
export function isLoadableTimeZone(tz: string): boolean {
  if (tz === '' || tz === 'UTC' || tz === 'Local') return true;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    // ICU matches names case-insensitively; the tz database lookup does not.
    if (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase()) return false;
    return true;
  } catch {
    return false;
  }
}
