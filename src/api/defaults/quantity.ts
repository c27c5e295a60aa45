// resource.Quantity as the 1.32 API server stores it (apimachinery pkg/api/resource, v0.32).
//
// A Quantity is parsed from the request (string or JSON number) and written back in canonical
// form, unless the parser's fast path found the input already canonical, in which case the
// original text is kept verbatim (`500m`, `1Gi`, `+1` stay; `0.5` → `500m`, `1000m` → `1`,
// `1024Mi` → `1Gi`, `1000` → `1k`). SetDefaults_ResourceList additionally rounds every value up to
// milli precision (`0.0001` → `1m`).

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  negative: boolean;
  /** |value| = unscaled × 10^scale */
  unscaled: bigint;
  scale: number;
  format: QuantityFormat;
  /** The input text, kept when ParseQuantity's fast path judged it canonical. */
  kept?: string;
  /** Scale of the int64 fast-path amount (RoundUp keeps `kept` when this is already >= the target). */
  fastScale?: number;
}

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIXES).map(([s, e]) => [e, s]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIXES).map(([s, e]) => [e, s]));
const MAX_INT64 = (1n << 63n) - 1n;
const SUFFIX_CHARS = 'eEinumkKMGTP';

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Splits a quantity string as parseQuantityString does; undefined on a malformed string. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i])) i++;
  if (i < end && (str[i] === '-' || str[i] === '+')) i++;
  while (i < end && isDigit(str[i])) i++;
  if (i < end) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  if (suffix in DEC_SUFFIXES) return { base: 10, exponent: DEC_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BIN_SUFFIXES) return { base: 2, exponent: BIN_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(rest)) return undefined;
    const n = Number(rest);
    if (!Number.isSafeInteger(n)) return undefined;
    return { base: 10, exponent: n, format: 'DecimalExponent' };
  }
  return undefined;
}

/** resource.ParseQuantity. Returns undefined where Go returns an error. */
export function parseQuantity(input: string | number): Quantity | undefined {
  const str = typeof input === 'number' ? String(input) : input.trim();
  if (str.length === 0) return undefined;
  if (str === '0') return { negative: false, unscaled: 0n, scale: 0, format: 'DecimalSI', kept: '0', fastScale: 0 };
  const parts = split(str);
  if (!parts) return undefined;
  const { positive, num, denom, suffix } = parts;
  const info = interpret(suffix);
  if (!info) return undefined;
  const { exponent, format } = info;
  const digits = BigInt(num + denom);

  // int64 fast path (precision and scale checks as ParseQuantity makes them)
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (result <= MAX_INT64) {
        const q: Quantity = { negative: !positive && result !== 0n, unscaled: result, scale, format, fastScale: scale };
        if (format === 'BinarySI') {
          if (exponent % 10 === 0 && (value & 7n) !== 0n) q.kept = str;
        } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
          q.kept = str;
        }
        return q;
      }
    }
  }

  // arbitrary-precision path
  let unscaled: bigint;
  let s: number;
  if (info.base === 10) {
    unscaled = digits;
    s = exponent - denom.length;
  } else {
    unscaled = digits * (1n << BigInt(exponent));
    s = -denom.length;
  }
  // round non-zero values up to nano precision
  if (unscaled !== 0n && s < -9) {
    unscaled = ceilDiv(unscaled, pow10(-9 - s));
    s = -9;
  }
  let fmt = format;
  if (fmt === 'BinarySI') {
    if (compare(unscaled, s, MAX_INT64, 0) > 0) {
      unscaled = MAX_INT64;
      s = 0;
    }
    if (unscaled !== 0n && compare(unscaled, s, 1n, 0) < 0) fmt = 'DecimalSI';
  }
  return { negative: !positive && unscaled !== 0n, unscaled, scale: s, format: fmt };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Compares a×10^sa with b×10^sb (non-negative values). */
function compare(a: bigint, sa: number, b: bigint, sb: number): number {
  const s = Math.min(sa, sb);
  const x = a * pow10(sa - s);
  const y = b * pow10(sb - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.RoundUp(scale): rounds away from zero to the given decimal scale. */
export function roundUp(q: Quantity, scale: number): Quantity {
  if (q.fastScale !== undefined && q.fastScale >= scale) return q;
  if (q.scale >= scale) return { ...q, kept: undefined, fastScale: undefined };
  const unscaled = ceilDiv(q.unscaled, pow10(scale - q.scale));
  return { negative: q.negative && unscaled !== 0n, unscaled, scale, format: q.format };
}

/** Quantity.String() / MarshalJSON: the kept text, else the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.kept !== undefined) return q.kept;
  if (q.unscaled === 0n) return '0';
  const sign = q.negative ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    if (compare(q.unscaled, q.scale, 1024n, 0) < 0) {
      format = 'DecimalSI';
    } else if (q.scale < 0 && q.unscaled % pow10(-q.scale) !== 0n) {
      format = 'DecimalSI'; // not an integer: don't lose precision
    } else {
      let value = q.scale >= 0 ? q.unscaled * pow10(q.scale) : q.unscaled / pow10(-q.scale);
      let exp = 0;
      while (value % 1024n === 0n && value !== 0n) {
        value /= 1024n;
        exp++;
      }
      return sign + value.toString() + (BIN_BY_EXP.get(exp * 10) ?? '');
    }
  }
  let amount = q.unscaled;
  let exp = q.scale;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exp++;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    amount *= 10n;
    exp--;
  }
  let suffix: string;
  if (format === 'DecimalExponent') suffix = exp === 0 ? '' : `e${exp}`;
  else suffix = DEC_BY_EXP.get(exp) ?? '';
  return sign + amount.toString() + suffix;
}

/** The stored text of a quantity value; values that do not parse are returned unchanged. */
export function canonicalQuantity(v: unknown): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  const q = parseQuantity(v);
  return q ? formatQuantity(q) : v;
}

/** SetDefaults_ResourceList: every value rounded up to milli scale, then stored canonically. */
export function defaultResourceList(list: unknown): void {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return;
  const m = list as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    const v = m[key];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const q = parseQuantity(v);
    if (q) m[key] = formatQuantity(roundUp(q, -3));
  }
}

/** Canonicalizes every value of a ResourceList without rounding (lists no defaulter touches). */
export function canonicalResourceList(list: unknown): void {
  if (typeof list !== 'object' || list === null || Array.isArray(list)) return;
  const m = list as Record<string, unknown>;
  for (const key of Object.keys(m)) m[key] = canonicalQuantity(m[key]);
}
