// Go encoding/json behaviour that kubectl's manifest reading and printing show:
//  - the stream decoder kubectl uses for JSON manifests (yaml.NewYAMLOrJSONDecoder → json.Decoder into
//    runtime.RawExtension): value boundaries and Go's syntax error texts with their byte offsets
//    (`json: offset 38: invalid character 'x' looking for beginning of object key string`,
//    `unexpected EOF`, `invalid character '[' exceeded max depth` past 10000 levels)
//  - json.Marshal rendering: map keys sorted by bytes, `<`, `>`, `&`, U+2028/9 escaped as \u003c …,
//    \b \f \n \r \t short escapes, other control characters as \u00XX; MarshalIndent with 4 spaces
//  - the typed check cli-runtime's metadataValidatingDecoder makes (TypeMeta + ObjectMeta must decode),
//    with Go's UnmarshalTypeError / time.ParseError texts.
// All walkers are iterative so 10,000-level documents cannot overflow the stack.

import { compareGoStrings } from './manifests-goyaml';

const MAX_NESTING = 10000;

export class GoJsonError extends Error {}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** String.prototype.toWellFormed: lone surrogates become U+FFFD (what Go has for invalid UTF-8). */
export function wellFormed(s: string): string {
  return /[\ud800-\udfff]/.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Go's quoteChar for scanner errors: the byte as a rune, quoted with single quotes. */
function quoteChar(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return `'"'`;
  const s = goStrconvQuote(String.fromCharCode(b));
  return `'${s.slice(1, -1)}'`;
}

/** strconv.Quote for short strings (printable runes kept, others escaped Go-style). */
export function goStrconvQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function byteOffset(s: string, end: number): number {
  return Buffer.byteLength(s.slice(0, end), 'utf8');
}

/** First UTF-8 byte of the character at s[i] (what Go's byte-wise scanner reports). */
function firstByte(s: string, i: number): number {
  const c = s.codePointAt(i)!;
  if (c < 0x80) return c;
  return Buffer.from(String.fromCodePoint(c), 'utf8')[0]!;
}

export interface JsonValueSpan {
  start: number;
  end: number;
  /** first number literal that does not fit a float64 (Go: cannot unmarshal number … into float64) */
  hugeNumber?: string;
}

/**
 * Scans the next JSON value of a stream starting at `pos` (json.Decoder.readValue). Returns null at a
 * clean end of input. Throws GoJsonError with Go's text (`json: offset N: …` for syntax errors,
 * `unexpected EOF` for truncated input). Offsets count UTF-8 bytes from the stream start.
 */
export function scanJsonStreamValue(s: string, pos: number): JsonValueSpan | null {
  const n = s.length;
  let i = pos;
  while (i < n && isJsonSpace(s.charCodeAt(i))) i++;
  if (i >= n) return null;
  const start = i;
  // parse state stack: 1 = object key, 2 = object value, 3 = array value
  const stack: number[] = [];
  let huge: string | undefined;
  const fail = (at: number, context: string): never => {
    throw new GoJsonError(`json: offset ${byteOffset(s, at) + 1}: invalid character ${quoteChar(firstByte(s, at))} ${context}`);
  };
  const eof = (): never => {
    throw new GoJsonError('unexpected EOF');
  };
  // state: 0 begin value, 1 begin value or empty (after '['), 2 begin string or empty (after '{'),
  // 3 begin string (object key), 4 end value
  let state = 0;
  for (;;) {
    if (i >= n) eof();
    const c = s.charCodeAt(i);
    if (state === 4) {
      if (stack.length === 0) break;
      if (isJsonSpace(c)) {
        i++;
        continue;
      }
      const top = stack[stack.length - 1]!;
      if (top === 1) {
        if (c === 0x3a) {
          stack[stack.length - 1] = 2;
          state = 0;
          i++;
          continue;
        }
        fail(i, 'after object key');
      } else if (top === 2) {
        if (c === 0x2c) {
          stack[stack.length - 1] = 1;
          state = 3;
          i++;
          continue;
        }
        if (c === 0x7d) {
          stack.pop();
          i++;
          if (stack.length === 0) break;
          continue;
        }
        fail(i, 'after object key:value pair');
      } else {
        if (c === 0x2c) {
          state = 0;
          i++;
          continue;
        }
        if (c === 0x5d) {
          stack.pop();
          i++;
          if (stack.length === 0) break;
          continue;
        }
        fail(i, 'after array element');
      }
    }
    if (isJsonSpace(c)) {
      i++;
      continue;
    }
    if (state === 1 && c === 0x5d) {
      stack.pop();
      i++;
      state = 4;
      if (stack.length === 0) break;
      continue;
    }
    if (state === 2 && c === 0x7d) {
      stack.pop();
      i++;
      state = 4;
      if (stack.length === 0) break;
      continue;
    }
    if (state === 2 || state === 3) {
      if (c !== 0x22) fail(i, 'looking for beginning of object key string');
      i = scanString(s, i, fail, eof);
      stack[stack.length - 1] = 1;
      state = 4;
      continue;
    }
    // begin value
    if (c === 0x7b) {
      stack.push(2);
      if (stack.length > MAX_NESTING) fail(i, 'exceeded max depth');
      state = 2;
      i++;
      continue;
    }
    if (c === 0x5b) {
      stack.push(3);
      if (stack.length > MAX_NESTING) fail(i, 'exceeded max depth');
      state = 1;
      i++;
      continue;
    }
    if (c === 0x22) {
      i = scanString(s, i, fail, eof);
      state = 4;
      if (stack.length === 0) break;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const from = i;
      i = scanNumber(s, i, fail, eof);
      const lit = s.slice(from, i);
      if (huge === undefined && !Number.isFinite(Number(lit))) huge = lit;
      state = 4;
      if (stack.length === 0) {
        // a top-level number needs a delimiter or the end of input
        break;
      }
      continue;
    }
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      const ctx = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      for (let k = 1; k < word.length; k++) {
        if (i + k >= n) eof();
        if (s.charCodeAt(i + k) !== word.charCodeAt(k)) fail(i + k, `in literal ${ctx} (expecting '${word[k]}')`);
      }
      i += word.length;
      state = 4;
      if (stack.length === 0) break;
      continue;
    }
    fail(i, 'looking for beginning of value');
  }
  return { start, end: i, hugeNumber: huge };
}

function scanString(s: string, i: number, fail: (at: number, ctx: string) => never, eof: () => never): number {
  const n = s.length;
  i++;
  for (;;) {
    if (i >= n) eof();
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      i++;
      if (i >= n) eof();
      const e = s.charCodeAt(i);
      if (e === 0x75) {
        for (let k = 1; k <= 4; k++) {
          if (i + k >= n) eof();
          const h = s.charCodeAt(i + k);
          if (!((h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66))) fail(i + k, 'in \\u hexadecimal character escape');
        }
        i += 5;
        continue;
      }
      if ('bfnrt\\/"'.indexOf(String.fromCharCode(e)) < 0) fail(i, 'in string escape code');
      i++;
      continue;
    }
    if (c < 0x20) fail(i, 'in string literal');
    i++;
  }
}

function scanNumber(s: string, i: number, fail: (at: number, ctx: string) => never, eof: () => never): number {
  const n = s.length;
  const digit = (k: number) => k < n && s.charCodeAt(k) >= 0x30 && s.charCodeAt(k) <= 0x39;
  if (s.charCodeAt(i) === 0x2d) {
    i++;
    if (i >= n) eof();
    if (!digit(i)) fail(i, 'in numeric literal');
  }
  if (s.charCodeAt(i) === 0x30) i++;
  else while (digit(i)) i++;
  if (i < n && s.charCodeAt(i) === 0x2e) {
    i++;
    if (i >= n) eof();
    if (!digit(i)) fail(i, 'after decimal point in numeric literal');
    while (digit(i)) i++;
  }
  if (i < n && (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45)) {
    i++;
    if (i < n && (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d)) i++;
    if (i >= n) eof();
    if (!digit(i)) fail(i, 'in exponent of numeric literal');
    while (digit(i)) i++;
  }
  return i;
}

/**
 * Parses one JSON value text already validated by scanJsonStreamValue, with Go's decoding quirks:
 * lone surrogate escapes become U+FFFD, -0 becomes 0.
 */
export function parseJsonValue(text: string): unknown {
  const v = JSON.parse(text);
  if (/\\u[dD][89a-fA-F]/.test(text) || /[:[,\s]-0(?!\d)/.test(text)) return normalize(v);
  return v;
}

function normalize(root: unknown): unknown {
  const fix = (x: unknown): unknown => {
    if (typeof x === 'string') return wellFormed(x);
    if (typeof x === 'number' && Object.is(x, -0)) return 0;
    return x;
  };
  const stack: unknown[] = [root];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        if (v && typeof v === 'object') stack.push(v);
        else x[i] = fix(v);
      }
    } else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const v = o[k];
        const wk = wellFormed(k);
        if (wk !== k) {
          delete o[k];
          o[wk] = v;
        }
        if (v && typeof v === 'object') stack.push(v);
        else o[wk] = fix(v);
      }
    }
  }
  return fix(root);
}

// ---------------------------------------------------------------------------------------------------
// Marshal

const HEX = '0123456789abcdef';

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** Go json string encoding with HTML escaping (json.Marshal's default). */
export function goJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  s = wellFormed(s);
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c < 0x20) {
      rep =
        c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + HEX[c >> 4] + HEX[c & 15];
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x3c) rep = '\\u003c';
    else if (c === 0x3e) rep = '\\u003e';
    else if (c === 0x26) rep = '\\u0026';
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    if (rep !== null) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out + s.slice(last) + '"';
}

/** Go json.Marshal float64/int64 text (identical to JS for finite values, -0 printed as 0). */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new GoJsonError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
  if (n === 0) return '0';
  return String(n);
}

/**
 * Go json.Marshal (indent '' → compact) or json.MarshalIndent(v, "", indent), iteratively.
 * `sortKeys`: map order (sorted by bytes) as for map[string]interface{}; false keeps insertion order
 * (typed Go structs). `undefined` members are skipped like omitempty fields.
 */
export function goMarshal(value: unknown, indent: string, sortKeys: boolean): string {
  const parts: string[] = [];
  interface Frame {
    keys: string[] | null;
    obj: Record<string, unknown> | unknown[];
    i: number;
    depth: number;
    any: boolean;
  }
  const frames: Frame[] = [];
  const nl = indent ? '\n' : '';
  const sep = indent ? ': ' : ':';
  const writeValue = (v: unknown, depth: number): void => {
    if (v === null || v === undefined) parts.push('null');
    else if (typeof v === 'string') parts.push(goJsonString(v));
    else if (typeof v === 'number') parts.push(goJsonNumber(v));
    else if (typeof v === 'boolean') parts.push(v ? 'true' : 'false');
    else if (typeof v === 'bigint') parts.push(v.toString());
    else if (Array.isArray(v)) {
      if (v.length === 0) parts.push('[]');
      else {
        parts.push('[');
        frames.push({ keys: null, obj: v, i: 0, depth: depth + 1, any: false });
      }
    } else if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      let keys = Object.keys(o).filter((k) => o[k] !== undefined);
      if (sortKeys) keys = keys.sort(compareGoStrings);
      if (keys.length === 0) parts.push('{}');
      else {
        parts.push('{');
        frames.push({ keys, obj: o, i: 0, depth: depth + 1, any: false });
      }
    } else parts.push('null');
  };
  writeValue(value, 0);
  while (frames.length) {
    const f = frames[frames.length - 1]!;
    const len = f.keys ? f.keys.length : (f.obj as unknown[]).length;
    if (f.i >= len) {
      frames.pop();
      parts.push(nl + indent.repeat(f.depth - 1) + (f.keys ? '}' : ']'));
      continue;
    }
    const pad = nl + indent.repeat(f.depth);
    if (f.keys) {
      const k = f.keys[f.i++]!;
      parts.push((f.any ? ',' : '') + pad + goJsonString(k) + sep);
      f.any = true;
      writeValue((f.obj as Record<string, unknown>)[k], f.depth);
    } else {
      const v = (f.obj as unknown[])[f.i++];
      parts.push((f.any ? ',' : '') + pad);
      f.any = true;
      writeValue(v, f.depth);
    }
  }
  return parts.join('');
}

/** Go's name for the JSON kind of a value in UnmarshalTypeError. */
export function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

// ---------------------------------------------------------------------------------------------------
// metadataValidatingDecoder: TypeMeta + ObjectMeta must decode

type FieldType =
  | 'string'
  | 'types.UID'
  | 'v1.ManagedFieldsOperationType'
  | 'int64'
  | 'bool'
  | 'time'
  | 'map[string]string'
  | '[]string'
  | 'any'
  | { struct: string; fields: Record<string, FieldType> }
  | { list: string; elem: { struct: string; fields: Record<string, FieldType> } };

const OWNER_REFERENCE: { struct: string; fields: Record<string, FieldType> } = {
  struct: 'OwnerReference',
  fields: {
    apiVersion: 'string',
    kind: 'string',
    name: 'string',
    uid: 'types.UID',
    controller: 'bool',
    blockOwnerDeletion: 'bool',
  },
};

const MANAGED_FIELDS_ENTRY: { struct: string; fields: Record<string, FieldType> } = {
  struct: 'ManagedFieldsEntry',
  fields: {
    manager: 'string',
    operation: 'v1.ManagedFieldsOperationType',
    apiVersion: 'string',
    time: 'time',
    fieldsType: 'string',
    fieldsV1: 'any',
    subresource: 'string',
  },
};

const OBJECT_META: { struct: string; fields: Record<string, FieldType> } = {
  struct: 'ObjectMeta',
  fields: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'types.UID',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'time',
    deletionTimestamp: 'time',
    deletionGracePeriodSeconds: 'int64',
    labels: 'map[string]string',
    annotations: 'map[string]string',
    ownerReferences: { list: '[]v1.OwnerReference', elem: OWNER_REFERENCE },
    finalizers: '[]string',
    managedFields: { list: '[]v1.ManagedFieldsEntry', elem: MANAGED_FIELDS_ENTRY },
  },
};

const METADATA_ONLY: { struct: string; fields: Record<string, FieldType> } = {
  struct: 'metadataOnlyObject',
  fields: {
    apiVersion: 'string',
    kind: 'string',
    metadata: { struct: 'v1.ObjectMeta', fields: OBJECT_META.fields },
  },
};

class HardError extends Error {}

/**
 * The error Go's json.Unmarshal would return decoding `obj` into cli-runtime's metadataOnlyObject
 * (TypeMeta inline + ObjectMeta), or null. Keys are visited in `sorted` (YAML input: Go marshalled the
 * map) or insertion order (JSON input).
 */
export function checkTypedMetadata(obj: Record<string, unknown>, sorted: boolean): string | null {
  let soft: string | null = null;
  const typeErr = (value: string, struct: string, path: string, type: string) =>
    `json: cannot unmarshal ${value} into Go struct field ${struct}.${path} of type ${type}`;
  const keysOf = (o: Record<string, unknown>) => (sorted ? Object.keys(o).sort(compareGoStrings) : Object.keys(o));

  const scalar = (v: unknown, type: string, struct: string, path: string): void => {
    if (v === null) return;
    switch (type) {
      case 'string':
      case 'types.UID':
      case 'v1.ManagedFieldsOperationType':
        if (typeof v !== 'string') soft ??= typeErr(jsonKind(v), struct, path, type);
        return;
      case 'bool':
        if (typeof v !== 'boolean') soft ??= typeErr(jsonKind(v), struct, path, type);
        return;
      case 'int64':
        if (typeof v === 'number') {
          if (!Number.isInteger(v) || Math.abs(v) > 9223372036854775807) soft ??= typeErr(`number ${goJsonNumber(v)}`, struct, path, type);
        } else soft ??= typeErr(jsonKind(v), struct, path, type);
        return;
      case 'time': {
        if (typeof v !== 'string') throw new HardError(typeErr(jsonKind(v), struct, path, 'string'));
        const e = rfc3339ParseError(v);
        if (e) throw new HardError(e);
        return;
      }
      case 'map[string]string':
        if (typeof v !== 'object' || Array.isArray(v)) {
          soft ??= typeErr(jsonKind(v), struct, path, type);
          return;
        }
        for (const k of keysOf(v as Record<string, unknown>)) scalar((v as Record<string, unknown>)[k], 'string', struct, path);
        return;
      case '[]string':
        if (!Array.isArray(v)) {
          soft ??= typeErr(jsonKind(v), struct, path, type);
          return;
        }
        for (const x of v) scalar(x, 'string', struct, path);
        return;
    }
  };

  // Iterative over (object, struct spec, path prefix) to keep stack use flat.
  const walkStruct = (o: Record<string, unknown>, spec: { struct: string; fields: Record<string, FieldType> }, prefix: string): void => {
    const structName = spec.struct.replace(/^v1\./, '');
    for (const k of keysOf(o)) {
      const ft = Object.prototype.hasOwnProperty.call(spec.fields, k) ? spec.fields[k]! : undefined;
      if (ft === undefined || ft === 'any') continue;
      const v = o[k];
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof ft === 'string') {
        scalar(v, ft, structName, path);
      } else if ('struct' in ft) {
        if (v === null) continue;
        if (typeof v !== 'object' || Array.isArray(v)) {
          soft ??= typeErr(jsonKind(v), structName, path, ft.struct);
          continue;
        }
        walkStruct(v as Record<string, unknown>, ft, path);
      } else {
        if (v === null) continue;
        if (!Array.isArray(v)) {
          soft ??= typeErr(jsonKind(v), structName, path, ft.list);
          continue;
        }
        for (const el of v) {
          if (el === null) continue;
          if (typeof el !== 'object' || Array.isArray(el)) {
            soft ??= typeErr(jsonKind(el), structName, path, `v1.${ft.elem.struct}`);
            continue;
          }
          walkStruct(el as Record<string, unknown>, ft.elem, path);
        }
      }
    }
  };
  try {
    walkStruct(obj, METADATA_ONLY, '');
  } catch (e) {
    if (e instanceof HardError) return e.message;
    throw e;
  }
  return soft;
}

// Go time.Parse(time.RFC3339, s) error text (the general parser decides; null when valid).
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += '\\x' + HEX[b >> 4] + HEX[b & 15];
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

export function rfc3339ParseError(value: string): string | null {
  const layout = '2006-01-02T15:04:05Z07:00';
  let v = value;
  const cannot = (elem: string, layoutElem: string) =>
    `parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(elem)} as ${timeQuote(layoutElem)}`;
  const range = (what: string) => `parsing time ${timeQuote(value)}: ${what} out of range`;
  const isD = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;
  // getnum(s, fixed)
  const getnum = (s: string, fixed: boolean): [number, string] | null => {
    if (!isD(s, 0)) return null;
    if (!isD(s, 1)) {
      if (fixed) return null;
      return [s.charCodeAt(0) - 48, s.slice(1)];
    }
    return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
  };
  const lit = (prefix: string): string | null => {
    // time.skip: returns remaining value at the mismatch
    let p = prefix;
    while (p.length) {
      if (v.length === 0 || v[0] !== p[0]) return cannot(v, prefix);
      p = p.slice(1);
      v = v.slice(1);
    }
    return null;
  };
  // year
  if (v.length < 4 || !isD(v, 0) || !/^\d{4}$/.test(v.slice(0, 4))) return cannot(v, '2006');
  const year = Number(v.slice(0, 4));
  v = v.slice(4);
  let e = lit('-');
  if (e) return e;
  let hold = v;
  let r = getnum(v, true);
  if (!r) return cannot(hold, '01');
  const month = r[0];
  v = r[1];
  if (month <= 0 || month > 12) return range('month');
  e = lit('-');
  if (e) return e;
  hold = v;
  r = getnum(v, true);
  if (!r) return cannot(hold, '02');
  const day = r[0];
  v = r[1];
  e = lit('T');
  if (e) return e;
  hold = v;
  r = getnum(v, false);
  if (!r) return cannot(hold, '15');
  if (r[0] >= 24) {
    v = r[1];
    return range('hour');
  }
  v = r[1];
  e = lit(':');
  if (e) return e;
  hold = v;
  r = getnum(v, true);
  if (!r) return cannot(hold, '04');
  v = r[1];
  if (r[0] >= 60) return range('minute');
  e = lit(':');
  if (e) return e;
  hold = v;
  r = getnum(v, true);
  if (!r) return cannot(hold, '05');
  v = r[1];
  if (r[0] >= 60) return range('second');
  if (v.length >= 2 && (v[0] === '.' || v[0] === ',') && isD(v, 1)) {
    let k = 2;
    while (k < v.length && isD(v, k)) k++;
    v = v.slice(k);
  }
  hold = v;
  if (v.length >= 1 && v[0] === 'Z') {
    v = v.slice(1);
  } else {
    if (v.length < 6 || v[3] !== ':') return cannot(hold, 'Z07:00');
    const sign = v[0];
    const hr = getnum(v.slice(1, 3), true);
    const mm = hr ? getnum(v.slice(4, 6), true) : null;
    v = v.slice(6);
    if (!hr || !mm) return cannot(hold, 'Z07:00');
    if (hr[0] > 24) return range('time zone offset hour');
    if (mm[0] > 60) return range('time zone offset minute');
    if (sign !== '+' && sign !== '-') return cannot(hold, 'Z07:00');
  }
  if (v.length) return `parsing time ${timeQuote(value)}: extra text: ${timeQuote(v)}`;
  const dim = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > dim) return `parsing time ${timeQuote(value)}: day out of range`;
  return null;
}
