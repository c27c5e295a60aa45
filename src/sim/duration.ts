// Go's time.ParseDuration, as kubectl parses --timeout and kubesim parses `clock advance 1h30m`.
import { CliError } from '../api/errors';

const units: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses `30s`, `5m`, `1h30m`, `1.5h`, `-2m`, `0` into milliseconds; throws on anything else. */
export function parseGoDuration(input: string): number {
  const orig = input;
  let s = input;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new CliError(`time: invalid duration ${JSON.stringify(orig)}`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)/.exec(s)!;
    const num = m[1]!;
    if (num === '' || num === '.') throw new CliError(`time: invalid duration ${JSON.stringify(orig)}`);
    s = s.slice(num.length);
    const u = /^([^0-9.]+)/.exec(s);
    if (!u) throw new CliError(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = u[1]!;
    const mult = units[unit];
    if (mult === undefined) throw new CliError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(orig)}`);
    s = s.slice(unit.length);
    total += parseFloat(num) * mult;
  }
  return Math.round(neg ? -total : total);
}
