// JSON helpers shared by the patch machinery (src/api/merge.ts): value kinds as Go's encoding/json decodes
// them, deep equality, Go's `%v` rendering (used by strategicpatch to sort lists and in its error texts) and
// Go's json.Marshal output (sorted keys, HTML-safe escapes) for the last-applied-configuration annotation.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The Go kind a decoded JSON value has: map, slice, string, number, bool or nil. */
export type JsonKind = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil';

export function kindOf(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'map';
  }
}

/** reflect.DeepEqual over decoded JSON. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k], b[k])) return false;
    }
    return true;
  }
  return false;
}

/** Go's `==` on two interface{} values holding decoded JSON scalars (maps/slices never compare equal). */
export function scalarEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'object' && a !== null) return false;
  return a === b;
}

export function deepClone<T>(v: T): T {
  // iterative: manifests may nest up to 10,000 levels (kubectl's limit), deeper than the JS stack
  if (!Array.isArray(v) && !isObject(v)) return v;
  const root: unknown = Array.isArray(v) ? new Array(v.length) : {};
  const stack: [unknown, unknown][] = [[v, root]];
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    if (Array.isArray(src)) {
      const d = dst as unknown[];
      for (let i = 0; i < src.length; i++) {
        const x = src[i];
        if (Array.isArray(x)) stack.push([x, (d[i] = new Array(x.length))]);
        else if (isObject(x)) stack.push([x, (d[i] = {})]);
        else d[i] = x;
      }
    } else {
      const d = dst as JsonObject;
      for (const k of Object.keys(src as JsonObject)) {
        const x = (src as JsonObject)[k];
        if (Array.isArray(x)) stack.push([x, (d[k] = new Array(x.length))]);
        else if (isObject(x)) stack.push([x, (d[k] = {})]);
        else d[k] = x;
      }
    }
  }
  return root as T;
}

// ---- Go fmt %v ----

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v prints a float64. */
function goFloatG(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : f < 0 ? '-Inf' : 'NaN';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // Shortest round-trip digits; %e when the decimal exponent is < -4 or >= 6 (strconv's 'g', shortest).
  const exp = Number(f.toExponential().split('e')[1]);
  if (exp < -4 || exp >= 6) {
    const [mant, e] = f.toExponential().split('e');
    const n = Number(e);
    const sign = n < 0 ? '-' : '+';
    const abs = Math.abs(n);
    return `${mant}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(f);
}

/**
 * Go's `%v` of a decoded JSON value. Integral numbers are int64 in Kubernetes' decoders (util/json and the
 * server's PreserveInts), so they print as plain digits; other numbers print as float64's %g.
 */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(BigInt(v)) : goFloatG(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort(byteCompare);
    return `map[${keys.map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go's string ordering (byte-wise over UTF-8). */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order equals UTF-8 byte order except around surrogates; fall back to code points there.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

// ---- Go encoding/json ----

const HEX = '0123456789abcdef';

function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c < 0x7f) {
      out += s[i];
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) {
      // Control characters and the HTML-sensitive <, >, & (json.Marshal's default escapeHTML).
      out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += c === 0x2028 ? '\\u2028' : '\\u2029';
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
      out += '\ufffd';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\ufffd';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(BigInt(n));
  // float64: 'f' format within [1e-6, 1e21), else 'e' with a one-digit minimum exponent (as Go cleans it).
  return String(n);
}

/** json.Marshal of a decoded JSON value: compact, map keys sorted, HTML characters escaped. */
export function goJson(v: unknown): string {
  if (!Array.isArray(v) && !isObject(v)) return goJsonScalar(v);
  // iterative (manifests may nest 10,000 levels): a stack of containers being written
  const out: string[] = [];
  type Frame = { items: unknown[]; keys: string[] | null; i: number };
  const open = (x: unknown): Frame => {
    if (Array.isArray(x)) {
      out.push('[');
      return { items: x, keys: null, i: 0 };
    }
    const o = x as JsonObject;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort(byteCompare);
    out.push('{');
    return { items: keys.map((k) => o[k]), keys, i: 0 };
  };
  const stack: Frame[] = [open(v)];
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.i === f.items.length) {
      out.push(f.keys ? '}' : ']');
      stack.pop();
      continue;
    }
    if (f.i > 0) out.push(',');
    if (f.keys) out.push(`${goJsonString(f.keys[f.i]!)}:`);
    const x = f.items[f.i++];
    if (Array.isArray(x) || isObject(x)) stack.push(open(x));
    else out.push(goJsonScalar(x));
  }
  return out.join('');
}

function goJsonScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return goJsonString(v);
    case 'number':
      return goJsonNumber(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
  }
  return 'null';
}

/** A copy whose object keys are sorted at every level (the order json.Marshal gives a map). */
export function sortKeysDeep<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => sortKeysDeep(x)) as unknown as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort(byteCompare)) out[k] = sortKeysDeep(v[k]);
    return out as T;
  }
  return v;
}
