// resource.Quantity (k8s.io/apimachinery/pkg/api/resource), written after quantity.go / suffix.go /
// amount.go of apimachinery release-1.32.
//
// A quantity is held exactly as a BigInt count of nano-units (every parsed quantity is rounded up to
// 1n, as ParseQuantity does), plus its Format (DecimalSI / BinarySI / DecimalExponent) and, like Go,
// the original string when it was already canonical (so `String()` of "+1" is "+1", of "01" is "01").

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The regular expression quoted by ErrFormatWrong. */
export const QUANTITY_SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_SPLIT_RE}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** Thrown by parseQuantity with Go's error text (ErrFormatWrong / ErrNumeric / ErrSuffix). */
export class QuantityParseError extends Error {}

const NANO = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([s, e]) => [e, s]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIX).map(([s, e]) => [e, s]));

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export class Quantity {
  /** Value in nano-units (value * 1e9). */
  readonly nanos: bigint;
  format: QuantityFormat;
  /** Cached canonical string from parsing (Go's `s`). */
  private cached: string | undefined;

  constructor(nanos: bigint, format: QuantityFormat = 'DecimalSI', cached?: string) {
    this.nanos = nanos;
    this.format = format;
    this.cached = cached;
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }
  /** resource.NewQuantity(value, format). */
  static fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * NANO, format);
  }
  /** resource.NewMilliQuantity(milli, format). */
  static fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli) * 1_000_000n, format);
  }
  static fromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }
  sign(): number {
    return this.nanos === 0n ? 0 : this.nanos > 0n ? 1 : -1;
  }
  cmp(o: Quantity): number {
    return this.nanos === o.nanos ? 0 : this.nanos < o.nanos ? -1 : 1;
  }
  equals(o: Quantity): boolean {
    return this.nanos === o.nanos;
  }
  add(o: Quantity): Quantity {
    return new Quantity(this.nanos + o.nanos, this.format);
  }
  sub(o: Quantity): Quantity {
    return new Quantity(this.nanos - o.nanos, this.format);
  }
  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }
  /** ScaledValue(scale): the value in units of 10^scale, rounded away from zero (inf.RoundUp). */
  scaledValue(scale: number): bigint {
    const exp = scale + 9; // nanos -> 10^scale units: divide by 10^(scale+9)
    if (exp <= 0) return this.nanos * pow10(-exp);
    const d = pow10(exp);
    const q = this.nanos / d;
    const r = this.nanos % d;
    if (r === 0n) return q;
    return this.nanos > 0n ? q + 1n : q - 1n;
  }
  /** Value(): integer value rounded up (away from zero). */
  value(): number {
    return Number(this.scaledValue(0));
  }
  /** MilliValue(): value * 1000 rounded up. */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }
  valueBig(): bigint {
    return this.scaledValue(0);
  }
  milliValueBig(): bigint {
    return this.scaledValue(-3);
  }
  /** Approximate float (AsApproximateFloat64). */
  asFloat(): number {
    return Number(this.nanos) / 1e9;
  }

  /** Quantity.String(): the canonical form (or the cached original string when it was canonical). */
  toString(): string {
    if (this.cached !== undefined) return this.cached;
    return canonicalize(this.nanos, this.format);
  }
  toJSON(): string {
    return this.toString();
  }
  /** A copy without the cached string (what arithmetic results look like in Go). */
  canonical(): string {
    return canonicalize(this.nanos, this.format);
  }
}

function stripFactors(n: bigint, base: bigint): [bigint, number] {
  let times = 0;
  if (n === 0n) return [0n, 0];
  while (n % base === 0n) {
    n /= base;
    times++;
  }
  return [n, times];
}

function canonicalize(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  let fmt = format;
  if (fmt === 'BinarySI') {
    // |q| < 1024 or not an integer: shown as DecimalSI (CanonicalizeBytes).
    if (nanos > -1024n * NANO && nanos < 1024n * NANO) fmt = 'DecimalSI';
    else if (nanos % NANO !== 0n) fmt = 'DecimalSI';
  }
  if (fmt === 'BinarySI') {
    const [m, e] = stripFactors(nanos / NANO, 1024n);
    const suffix = BIN_BY_EXP.get(e * 10) ?? '';
    return `${m}${suffix}`;
  }
  // base 10: move factors of ten into the exponent, then make the exponent a multiple of 3
  let [m, e] = stripFactors(nanos, 10n);
  e -= 9;
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  if (fmt === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  return `${m}${DEC_BY_EXP.get(e) ?? ''}`;
}

interface Split {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString, step for step. */
function splitQuantity(str: string): Split {
  let positive = true;
  let pos = 0;
  const end = str.length;
  const isDigit = (c: string) => c >= '0' && c <= '9';
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  // strip leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  let num = '';
  let i = pos;
  for (; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i]!)) break;
  }
  num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    for (; ; j++) {
      if (j >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[j]!)) break;
    }
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  for (; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!'eEinumkKMGTP'.includes(str[k]!)) {
      pos = k;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let l = pos; ; l++) {
    if (l >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[l]!)) break;
  }
  throw new QuantityParseError(ERR_FORMAT_WRONG);
}

function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | null {
  if (s in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[s]!, format: 'DecimalSI' };
  if (s in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'E' || s[0] === 'e')) {
    const rest = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return null;
    const n = Number(rest);
    if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 31) return null;
    return { base: 10, exponent: n, format: 'DecimalExponent' };
  }
  return null;
}

/** ceil-division away from zero of a positive numerator */
function divRoundUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : q + 1n;
}

/**
 * resource.ParseQuantity. Throws QuantityParseError with Go's message for bad input. Numbers (as they
 * arrive from JSON/YAML) are accepted and parsed from their decimal text.
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberText(input) : input;
  if (str.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
  if (str === '0') return new Quantity(0n, 'DecimalSI', '0');
  const { positive, num, denom, suffix } = splitQuantity(str);
  const suf = interpretSuffix(suffix);
  if (!suf) throw new QuantityParseError(ERR_SUFFIX);
  const { base, exponent } = suf;
  let format = suf.format;

  // exact value as a rational: digits * 10^(exponent - len(denom)) (base 10) or * 2^exponent (base 2)
  const digits = BigInt((num + denom).replace(/^0+(?=\d)/, '') || '0');
  let nanos: bigint;
  if (base === 10) {
    const scale = exponent - denom.length + 9; // in nano units
    nanos = scale >= 0 ? digits * pow10(scale) : divRoundUp(digits, pow10(-scale));
  } else {
    const v = digits * (1n << BigInt(exponent)) * NANO;
    nanos = divRoundUp(v, pow10(denom.length));
  }
  if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  if (!positive) nanos = -nanos;

  // Go keeps the original string when the fast int64 path saw a canonical value.
  let cached: string | undefined;
  const precision =
    format === 'BinarySI' || suf.format === 'BinarySI'
      ? exponent >= 0 && denom.length === 0
        ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1
        : -1
      : 18 - (num.length + denom.length);
  if (precision >= 0) {
    const scale = suf.format === 'BinarySI' ? 0 : exponent - denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const mant = suf.format === 'BinarySI' ? 1n << BigInt(exponent) : 1n;
      const result = value * mant;
      if (value <= MAX_INT64 && result <= MAX_INT64 && -result >= MIN_INT64) {
        if (suf.format === 'BinarySI') {
          if (exponent % 10 === 0 && (value & 7n) !== 0n) cached = str;
        } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
          cached = str;
        }
      }
    }
  }
  return new Quantity(nanos, format, cached);
}

/** Like parseQuantity but returns null instead of throwing. */
export function tryParseQuantity(input: unknown): Quantity | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  try {
    return parseQuantity(input);
  } catch {
    return null;
  }
}

/** Number → the decimal text a JSON decoder would have seen (no exponent for ordinary values). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  return s.replace('e+', 'e');
}

/** Canonical string of a quantity given as string/number (the value stored after a server round trip). */
export function canonicalQuantityString(input: string | number): string {
  return parseQuantity(input).toString();
}

/** Sum of quantities (format of the first, as Quantity.Add keeps the receiver's format). */
export function sumQuantities(qs: Quantity[], format: QuantityFormat = 'DecimalSI'): Quantity {
  let n = 0n;
  let f = format;
  qs.forEach((q, i) => {
    if (i === 0) f = q.format;
    n += q.nanos;
  });
  return new Quantity(n, f);
}
