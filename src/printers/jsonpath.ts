// kubectl's JSONPath template language (client-go util/jsonpath, release-1.32), written from a reading of
// parser.go / jsonpath.go / node.go and the forked text/template helpers (exec.go, funcs.go), and checked
// against a real kubectl 1.32 client. What the code relies on is noted where it matters.
//
// Values are plain JSON (objects, arrays, strings, numbers, booleans, null) as kubectl sees them after
// decoding a server response into unstructured content. Go distinguishes int64 (JSON integers) from
// float64; `floatNumbers` switches to the typed-object path (kubectl json-round-trips typed objects such as
// `create --dry-run=client` output or `config view` into interface{}, where every number is a float64, so
// 1000000 prints as `1e+06`).

import { pushAll } from '../api/types';
import { CliError } from '../api/errors';

// ---------------------------------------------------------------- nodes

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

type ListNode = { t: 'list'; nodes: Node[] };
type Node =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: [Param, Param, Param] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] }
  | { t: 'ident'; name: string };

/**
 * A parsed template. Like client-go's JSONPath object it also carries execution state across
 * executions: FindResults re-points `Root.Nodes` at the body of the last `{range}` and never restores it,
 * so executing the same template for a second object (kubectl create -f with several objects reuses one
 * printer) starts inside the range body — a real kubectl quirk that this reproduces when the same
 * template is executed again. Parse anew for a fresh printer.
 */
export interface JsonPathTemplate {
  readonly source: string;
  /** Top-level nodes (the backing array of client-go's Root.Nodes). */
  readonly nodes: readonly Node[];
  readonly state: ExecState;
}

interface ExecState {
  start: number;
  beginRange: number;
  inRange: number;
  endRange: number;
  lastEndNode: number;
}

/** A syntax error: `message` is what kubectl prints for `-o jsonpath` (`error parsing jsonpath <tpl>, <reason>`). */
export class JsonPathParseError extends CliError {
  constructor(
    readonly template: string,
    readonly reason: string,
  ) {
    super(`error parsing jsonpath ${template}, ${reason}`);
  }
}

/** Internal: a parser/evaluation failure carrying Go's error text (and the value walk returned with it). */
export class JsonPathError extends Error {
  constructor(
    message: string,
    readonly partial: unknown[] = [],
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- parser

const EOF = -1;
// Unicode property classes are costly to build, so they are built when a template first needs them
// (not when `get` loads this module).
let unicodeClasses: { digit: RegExp; letter: RegExp; print: RegExp } | undefined;
const classes = () => (unicodeClasses ??= { digit: /\p{Nd}/u, letter: /\p{L}/u, print: /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u });

const isDigitRune = (r: number) => r >= 0 && classes().digit.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number) =>
  r === 0x5f || (r >= 0 && (classes().letter.test(String.fromCodePoint(r)) || classes().digit.test(String.fromCodePoint(r))));
const isEndOfLine = (r: number) => r === 0x0d || r === 0x0a;
const isSpace = (r: number) => r === 0x20 || r === 0x09;
function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  switch (r) {
    case EOF:
    case 0x2e: // .
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x24: // $
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return true;
  }
  return false;
}

/** Go's strconv.IsPrint (categories L, M, N, P, S and the ASCII space). */
function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0x20 || (r >= 0x7f && r < 0xa0)) return false;
  return classes().print.test(String.fromCodePoint(r));
}

/** Go's `%#U`: `U+0026 '&'`. */
function sharpU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

const dictKeyRex = /^'([^']*)'$/;
const sliceOperatorRex = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
// Go's `.` matches anything but \n (JS's also stops at \r, U+2028, U+2029).
const filterRex = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;
const MAX_INT64 = 9223372036854775807n;

/** Go's strconv.Atoi: optional sign, ASCII digits, int64 range. */
function atoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const b = BigInt(s);
  if (b > MAX_INT64 || b < -MAX_INT64 - 1n) return null;
  return Number(b);
}

/** Go's strconv.ParseFloat for the characters parseNumber collects (sign, digits, dots). */
function parseFloatGo(s: string): number | null {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return null;
  return Number(s);
}

class Parser {
  root: ListNode = { t: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): ListNode {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    // client-go recurses from one scanning function into the next; a loop over the same steps keeps
    // long templates off the call stack.
    let cur: ListNode | null = null; // null: scanning text outside an action
    for (;;) {
      if (cur === null) {
        if (this.scanText()) return this.root;
        cur = this.leftDelim();
      } else {
        cur = this.insideAction(cur);
      }
    }
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  /** parseText: returns true at the end of the input, false at a `{`. */
  private scanText(): boolean {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consumeText() });
        return false;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consumeText() });
    return true;
  }

  private leftDelim(): ListNode {
    this.pos += 1;
    this.consumeText();
    const node: ListNode = { t: 'list', nodes: [] };
    this.root.nodes.push(node);
    return node;
  }

  /** One step of parseInsideAction; returns the list to keep filling, or null after `}`. */
  private insideAction(cur: ListNode): ListNode | null {
    const rest = this.input.slice(this.pos, this.pos + 3);
    if (rest.startsWith('}')) {
      this.pos += 1;
      this.consumeText();
      return null;
    }
    if (rest === '[?(') {
      this.parseFilter(cur);
      return cur;
    }
    if (rest.startsWith('..')) {
      this.parseRecursive(cur);
      return cur;
    }
    const r = this.next();
    if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
    if (r === 0x20 || r === 0x40 || r === 0x24) {
      // ' ', '@' (the current object) and '$' are skipped
      this.consumeText();
    } else if (r === 0x5b) {
      this.parseArray(cur);
    } else if (r === 0x22 || r === 0x27) {
      this.parseQuote(cur, r);
    } else if (r === 0x2e) {
      this.parseField(cur);
    } else if (r === 0x2b || r === 0x2d || isDigitRune(r)) {
      this.backup();
      this.parseNumber(cur);
    } else if (isAlphaNumeric(r)) {
      this.backup();
      this.parseIdentifier(cur);
    } else {
      throw new JsonPathError(`unrecognized character in action: ${sharpU(r)}`);
    }
    return cur;
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'ident', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      const c = this.next();
      if (c !== 0x2e && !isDigitRune(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== null) {
      cur.nodes.push({ t: 'int', value: i });
      return;
    }
    const f = parseFloatGo(value);
    if (f !== null) {
      cur.nodes.push({ t: 'float', value: f });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    // union operator
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const s of strs) union.push(parseAction(`[${trimSpaces(s)}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return;
    }

    // dict key: ['name'] is .name (so ['a.b'] is .a.b)
    const key = dictKeyRex.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }

    // slice operator
    const m = sliceOperatorRex.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [Param, Param, Param] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i]!.slice(1);
        if (i > 0 && value[i] === '') {
          params[i]!.known = false;
        } else {
          const n = atoi(value[i]!);
          if (n === null) throw new JsonPathError(`array index ${value[i]} is not a number`);
          params[i]!.known = true;
          params[i]!.value = n;
        }
      } else if (i === 1) {
        params[1] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29) {
        // quotes appear zero times or once, paired, in the right operand
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = filterRex.exec(text);
    if (!m) {
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    } else {
      const left = parseAction(m[1]!);
      const right = parseAction(m[3]!);
      cur.nodes.push({ t: 'filter', left, right, op: m[2]! });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === null) throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance());
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replaceAll('\\', '') });
  }

  /** Scans until the next non-escaped terminator. */
  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** strings.Trim(s, " ") */
function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

/** parseAction: parses `{text}` and returns its list. */
function parseAction(text: string): ListNode {
  const root = new Parser().parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

/** UnquoteExtend: strconv.Unquote that also accepts single quotes. Returns null on ErrSyntax. */
function unquoteExtend(s: string): string | null {
  if (s.length < 2) return null;
  const quote = s[0]!;
  if (quote !== s[s.length - 1]) return null;
  s = s.slice(1, -1);
  if (quote !== '"' && quote !== "'") return null;
  if (!s.includes('\\') && !s.includes(quote)) return s;
  let out = '';
  let i = 0;
  const hexRun = (n: number): number | null => {
    const h = s.slice(i, i + n);
    if (h.length < n || !/^[0-9a-fA-F]+$/.test(h)) return null;
    i += n;
    return parseInt(h, 16);
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === quote) return null;
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (i + 1 >= s.length) return null;
    const e = s[i + 1]!;
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        const v = hexRun(2);
        if (v === null) return null;
        // a raw byte in Go; bytes >= 0x80 cannot be held in a JS string and become U+FFFD
        out += v < 0x80 ? String.fromCharCode(v) : '\ufffd';
        break;
      }
      case 'u':
      case 'U': {
        const v = hexRun(e === 'u' ? 4 : 8);
        if (v === null || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
        out += String.fromCodePoint(v);
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const o = s.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(o)) return null;
        const v = parseInt(o, 8);
        if (v > 255) return null;
        i += 2;
        out += v < 0x80 ? String.fromCharCode(v) : '\ufffd';
        break;
      }
      case '\\': out += '\\'; break;
      case "'":
      case '"':
        if (e !== quote) return null;
        out += e;
        break;
      default:
        return null;
    }
  }
  return out;
}

/**
 * Parses a template (client-go jsonpath.Parse). Throws JsonPathParseError whose message is kubectl's
 * `error parsing jsonpath <template>, <reason>` (the text `-o jsonpath=` prints after `error: `).
 */
export function parseJsonPath(template: string): JsonPathTemplate {
  try {
    return compile(template);
  } catch (e) {
    if (e instanceof JsonPathError) throw new JsonPathParseError(template, e.message);
    throw e;
  }
}

/** Internal: parse, throwing JsonPathError with the bare reason (custom-columns and sort-by print it bare). */
export function compile(template: string): JsonPathTemplate {
  const root = new Parser().parse(template);
  return { source: template, nodes: root.nodes, state: freshState() };
}

function freshState(): ExecState {
  return { start: 0, beginRange: 0, inRange: 0, endRange: 0, lastEndNode: -1 };
}

/** A copy of a template with fresh execution state (what a new jsonpath.New + Parse gives). */
export function freshCopy(tpl: JsonPathTemplate): JsonPathTemplate {
  return { source: tpl.source, nodes: tpl.nodes, state: freshState() };
}

// ---------------------------------------------------------------- relaxed expressions (kubectl get)

const relaxedRex = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * kubectl's RelaxedJSONPathExpression (custom-columns, --sort-by): `metadata.name`, `.metadata.name`,
 * `{metadata.name}` and `{.metadata.name}` all become `{.metadata.name}`; "" stays "".
 */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = relaxedRex.exec(expr);
  if (!m) {
    throw new CliError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] !== undefined && m[1] !== '' ? m[1] : m[2]}}`;
}

// ---------------------------------------------------------------- values

/** A Go scalar that is not a JSON value: template int/float literals, bytes of a string (uint8). */
export class GoScalar {
  constructor(
    readonly kind: 'int' | 'float64' | 'uint8',
    readonly value: number,
  ) {}
}

/** The zero reflect.Value (what a range over a nil element, or nil data, hands to the body). */
export const NO_VALUE: unique symbol = Symbol('no value');

type GoKind = 'invalid' | 'nil' | 'string' | 'bool' | 'int64' | 'float64' | 'int' | 'uint8' | 'map' | 'slice';

export interface EvalContext {
  allowMissingKeys: boolean;
  floatNumbers: boolean;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoScalar);

export function kindOf(v: unknown, floatNumbers: boolean): GoKind {
  if (v === NO_VALUE) return 'invalid';
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  // JSON integers that fit an int64 decode as int64 in unstructured content, everything else as float64
  if (typeof v === 'number') return floatNumbers || !Number.isInteger(v) || Math.abs(v) >= 2 ** 63 ? 'float64' : 'int64';
  if (v instanceof GoScalar) return v.kind;
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

/** Go type name as reflect's Type.String() prints it. */
function typeName(k: GoKind): string {
  switch (k) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'nil':
    case 'invalid':
      return '<nil>';
    default:
      return k;
  }
}

/** Sorted keys (fmt and encoding/json sort map keys; reflect's MapKeys order is random, sorted here). */
function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(goStringCompare);
}

/** Go string comparison (UTF-8 byte order = code point order). */
export function goStringCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1; // a surrogate (astral code point) sorts after any BMP unit
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function utf8Bytes(s: string): number[] {
  return Array.from(Buffer.from(s, 'utf8'));
}

// ---------------------------------------------------------------- Go formatting

/** strconv.Quote (also Go's %q and the string form of %#v). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (r >= 0xd800 && r <= 0xdfff) out += '\\ufffd';
    else if (isPrint(r)) out += ch;
    else if (r < 0x20 || r === 0x7f) out += '\\x' + r.toString(16).padStart(2, '0');
    else if (r < 0x10000) out += '\\u' + r.toString(16).padStart(4, '0');
    else out += '\\U' + r.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/**
 * Go's %v of a float64: strconv.FormatFloat(v, 'g', -1, 64), shortest digits, scientific notation when
 * the exponent is < -4 or >= 6 (kubectl prints 1000000.0 as 1e+06 and 123456.75 as 123456.75).
 */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0 ? '-' : '';
  const [mant, e] = Math.abs(v).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(e);
  const nd = digits.length;
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${neg}${m}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (nd <= exp + 1) return `${neg}${digits}${'0'.repeat(exp + 1 - nd)}`;
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function scalarText(v: unknown, floatNumbers: boolean): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return kindOf(v, floatNumbers) === 'float64' ? goFloat(v) : intText(v);
  if (v instanceof GoScalar) return v.kind === 'float64' ? goFloat(v.value) : intText(v.value);
  return null;
}

function intText(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
}

/** fmt.Sprint / %v of a decoded JSON value: map[k:v], [a b], <nil>. */
export function goSprint(v: unknown, floatNumbers = false): string {
  if (v === null || v === undefined || v === NO_VALUE) return '<nil>';
  const s = scalarText(v, floatNumbers);
  if (s !== null) return s;
  if (Array.isArray(v)) return `[${v.map((x) => goSprint(x, floatNumbers)).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${sortedKeys(m)
    .map((k) => `${k}:${goSprint(m[k], floatNumbers)}`)
    .join(' ')}]`;
}

/** %#v of a decoded JSON value held in an interface{} (map[string]interface {}{"k":v, ...}). */
export function goSharpV(v: unknown, floatNumbers = false): string {
  if (v === null || v === undefined || v === NO_VALUE) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  const s = scalarText(v, floatNumbers);
  if (s !== null) return s;
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, floatNumbers)).join(', ')}}`;
  const m = v as Record<string, unknown>;
  return `map[string]interface {}{${sortedKeys(m)
    .map((k) => `${goQuote(k)}:${goSharpV(m[k], floatNumbers)}`)
    .join(', ')}}`;
}

/** encoding/json string escaping (HTML-safe, \b \f short forms as of Go 1.22, U+2028/9 escaped). */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x5c: out += '\\\\'; break;
        case 0x22: out += '\\"'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        default: out += '\\u00' + c.toString(16).padStart(2, '0');
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\\ufffd' : s[i];
  }
  return out + '"';
}

function jsonNumber(v: number, kind: GoKind): string {
  if (kind === 'float64') return Object.is(v, -0) ? '-0' : String(v); // same digits/exponent rules as Go
  return intText(v);
}

/** json.Marshal (indent "") or json.MarshalIndent(v, "", indent). */
export function goJson(v: unknown, indent = '', floatNumbers = false, depth = 0): string {
  if (v === null || v === undefined || v === NO_VALUE) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return jsonNumber(v, kindOf(v, floatNumbers));
  if (v instanceof GoScalar) return jsonNumber(v.value, v.kind);
  const nl = indent ? '\n' + indent.repeat(depth + 1) : '';
  const end = indent ? '\n' + indent.repeat(depth) : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => nl + goJson(x, indent, floatNumbers, depth + 1)).join(',')}${end}]`;
  }
  const m = v as Record<string, unknown>;
  const keys = sortedKeys(m);
  if (keys.length === 0) return '{}';
  return `{${keys.map((k) => nl + jsonString(k) + sep + goJson(m[k], indent, floatNumbers, depth + 1)).join(',')}${end}}`;
}

// ---------------------------------------------------------------- evaluation

class Evaluator {
  constructor(
    readonly tpl: JsonPathTemplate,
    readonly ctx: EvalContext,
  ) {}

  /** FindResults: one result list per top-level node, range bodies expanded. */
  findResults(data: unknown): unknown[][] {
    const s = this.tpl.state;
    const start = s.start;
    const nodes = this.tpl.nodes;
    const n = nodes.length - start;
    const cur = [data === null || data === undefined ? NO_VALUE : data];
    const full: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const results = this.walk(cur, nodes[start + i]!);
      // an {end} closes the current block
      if (s.endRange > 0 && s.endRange <= s.inRange) {
        s.endRange--;
        s.lastEndNode = start + i;
        break;
      }
      // a {range} runs the following nodes once per result
      if (s.beginRange > 0) {
        s.beginRange--;
        s.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            s.start = start + i + 1;
            pushAll(full, this.findResults(value));
          }
        } else {
          // still walk the body so that the position advances to its {end}
          s.start = start + i + 1;
          this.findResults(null);
        }
        s.inRange--;
        for (let k = i + 1; k < n; k++) {
          if (start + k === s.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  walk(input: unknown[], node: Node): unknown[] {
    switch (node.t) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => new GoScalar('int', node.value));
      case 'float':
        return input.map(() => new GoScalar('float64', node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => children(v));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union': {
        const out: unknown[] = [];
        for (const l of node.nodes) {
          try {
            pushAll(out, this.evalList(input, l));
          } catch (e) {
            if (e instanceof JsonPathError) throw new JsonPathError(e.message, input);
            throw e;
          }
        }
        return out;
      }
      case 'ident':
        return this.evalIdentifier(input, node.name);
    }
  }

  evalList(input: unknown[], node: ListNode): unknown[] {
    let cur = input;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  evalIdentifier(input: unknown[], name: string): unknown[] {
    const s = this.tpl.state;
    switch (name) {
      case 'range':
        s.beginRange++;
        return input;
      case 'end':
        if (s.inRange > 0) {
          s.endRange++;
          return [];
        }
        throw new JsonPathError('not in range, nothing to end', []);
      default:
        throw new JsonPathError(`unrecognized identifier ${name}`, input);
    }
  }

  evalField(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const results: unknown[] = [];
    for (const v of input) {
      if (isMap(v) && hasOwn(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.ctx.allowMissingKeys) throw new JsonPathError(`${name} is not found`, []);
    return results;
  }

  evalArray(input: unknown[], params: [Param, Param, Param]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) {
        throw new JsonPathError(`${typeName(kindOf(v, this.ctx.floatNumbers))} is not array or slice`, input);
      }
      const len = v.length;
      let p0 = params[0].known ? params[0].value : 0;
      if (p0 < 0) p0 += len;
      let p1 = params[1].known ? params[1].value : len;
      if (p1 < 0 || (p1 === 0 && params[1].derived)) p1 += len;
      if (p1 === p0) return result; // zero elements requested (ends the whole evaluation, as in client-go)
      if (p0 >= len || p0 < 0) throw new JsonPathError(`array index out of bounds: index ${p0}, length ${len}`, input);
      if (p1 > len || p1 < 0) throw new JsonPathError(`array index out of bounds: index ${p1 - 1}, length ${len}`, input);
      if (p0 > p1) throw new JsonPathError(`starting index ${p0} is greater than ending index ${p1}`, input);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0', input);
        step = params[2].value;
      }
      for (let i = p0; i < p1; i += step) result.push(v[i]);
    }
    return result;
  }

  evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        pushAll(result, this.evalRecursive(kids));
      }
    }
    return result;
  }

  evalFilter(input: unknown[], node: Extract<Node, { t: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) {
        throw new JsonPathError(`${goSprint(v, this.ctx.floatNumbers)} is not array or slice and cannot be filtered`, input);
      }
      for (const el of v) {
        const temp = [el];
        let lefts: unknown[];
        let err: JsonPathError | null = null;
        try {
          lefts = this.evalList(temp, node.left);
        } catch (e) {
          if (!(e instanceof JsonPathError)) throw e;
          err = e;
          lefts = e.partial; // client-go returns the failing step's value along with the error
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(el);
          continue;
        }
        if (err) throw new JsonPathError(err.message, input);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time', input);
        let rights: unknown[];
        try {
          rights = this.evalList(temp, node.right);
        } catch (e) {
          if (e instanceof JsonPathError) throw new JsonPathError(e.message, input);
          throw e;
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time', input);
        let pass: boolean;
        try {
          pass = this.compare(node.op, lefts[0], rights[0]);
        } catch (e) {
          if (e instanceof JsonPathError) throw new JsonPathError(e.message, results);
          throw e;
        }
        if (pass) results.push(el);
      }
    }
    return results;
  }

  compare(op: string, a: unknown, b: unknown): boolean {
    const f = this.ctx.floatNumbers;
    switch (op) {
      case '<':
        return goLess(a, b, f);
      case '>':
        return !goLessEqual(a, b, f);
      case '==':
        return goEqual(a, b, f);
      case '!=':
        return !goEqual(a, b, f);
      case '<=':
        return goLessEqual(a, b, f);
      case '>=':
        return !goLess(a, b, f);
      default:
        throw new JsonPathError(`unrecognized filter operator ${op}`);
    }
  }
}

/** Elements, map values (sorted by key) or the UTF-8 bytes of a string; nothing for other values. */
function children(v: unknown): unknown[] {
  if (v === null || v === undefined || v === NO_VALUE) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return utf8Bytes(v).map((b) => new GoScalar('uint8', b));
  if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
  return [];
}

// text/template's comparison functions (client-go third_party/forked/golang/template/funcs.go)

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown, f: boolean): { k: BasicKind; v: number | string | boolean } {
  const k = kindOf(v, f);
  switch (k) {
    case 'bool':
      return { k: 'bool', v: v as boolean };
    case 'string':
      return { k: 'string', v: v as string };
    case 'int64':
    case 'int':
      return { k: 'int', v: v instanceof GoScalar ? v.value : (v as number) };
    case 'uint8':
      return { k: 'uint', v: (v as GoScalar).value };
    case 'float64':
      return { k: 'float', v: v instanceof GoScalar ? v.value : (v as number) };
    default:
      throw new JsonPathError('invalid type for comparison');
  }
}

function goEqual(a: unknown, b: unknown, f: boolean): boolean {
  const x = basicKind(a, f);
  const y = basicKind(b, f);
  if (x.k !== y.k) {
    if (x.k === 'int' && y.k === 'uint') return (x.v as number) >= 0 && x.v === y.v;
    if (x.k === 'uint' && y.k === 'int') return (y.v as number) >= 0 && x.v === y.v;
    throw new JsonPathError('incompatible types for comparison');
  }
  return x.v === y.v;
}

function goLess(a: unknown, b: unknown, f: boolean): boolean {
  const x = basicKind(a, f);
  const y = basicKind(b, f);
  if (x.k !== y.k) {
    if (x.k === 'int' && y.k === 'uint') return (x.v as number) < 0 || (x.v as number) < (y.v as number);
    if (x.k === 'uint' && y.k === 'int') return (y.v as number) >= 0 && (x.v as number) < (y.v as number);
    throw new JsonPathError('incompatible types for comparison');
  }
  if (x.k === 'bool') throw new JsonPathError('invalid type for comparison');
  if (x.k === 'string') return goStringCompare(x.v as string, y.v as string) < 0;
  return (x.v as number) < (y.v as number);
}

function goLessEqual(a: unknown, b: unknown, f: boolean): boolean {
  return goLess(a, b, f) || goEqual(a, b, f);
}

// ---------------------------------------------------------------- printing

/** PrintResults for one result list: scalars as text, maps/lists as compact JSON, joined by one space. */
function printResults(results: unknown[], f: boolean): string {
  let out = '';
  results.forEach((r, i) => {
    if (r === NO_VALUE) out += '<no value>';
    else if (r === null || r === undefined) out += 'null';
    else if (Array.isArray(r) || isMap(r)) out += goJson(r, '', f);
    else out += scalarText(r, f)!;
    if (i !== results.length - 1) out += ' ';
  });
  return out;
}

export interface JsonPathExecOptions {
  /** --allow-missing-template-keys (kubectl's default is true). */
  allowMissingKeys: boolean;
  /** Every number is a float64 (kubectl printing a typed object, e.g. create --dry-run=client). */
  floatNumbers?: boolean;
}

/** Internal: FindResults with Go's error texts (JsonPathError). */
export function findResults(tpl: JsonPathTemplate, data: unknown, ctx: EvalContext): unknown[][] {
  return new Evaluator(tpl, ctx).findResults(data);
}

function execute(tpl: JsonPathTemplate, data: unknown, opts: JsonPathExecOptions, asJson: boolean): string {
  const f = opts.floatNumbers ?? false;
  let groups: unknown[][];
  try {
    groups = findResults(tpl, data, { allowMissingKeys: opts.allowMissingKeys, floatNumbers: f });
  } catch (e) {
    if (e instanceof JsonPathError) throw executionError(tpl.source, data, e.message, f);
    throw e;
  }
  if (asJson) return groups.map((g) => goJson(g, '    ', f) + '\n').join('');
  return groups.map((g) => printResults(g, f)).join('');
}

/**
 * `-o jsonpath=`: the template's output for one object (no trailing newline is added). Throws CliError
 * with kubectl's `error executing jsonpath "<tpl>": Error executing template: <reason>. Printing more
 * information for debugging the template:…` text; its message ends with "\n\n" (kubectl's ends with three
 * newlines, the last being the one every error line gets).
 */
export function executeJsonPath(tpl: JsonPathTemplate, data: unknown, opts: JsonPathExecOptions): string {
  return execute(tpl, data, opts, false);
}

/** `-o jsonpath-as-json=`: each top-level result list as a 4-space indented JSON array plus "\n". */
export function executeJsonPathAsJson(tpl: JsonPathTemplate, data: unknown, opts: JsonPathExecOptions): string {
  return execute(tpl, data, opts, true);
}

function executionError(template: string, data: unknown, reason: string, f: boolean): CliError {
  const obj = data === null || data === undefined ? 'map[string]interface {}(nil)' : goSharpV(data, f);
  const debug =
    `Error executing template: ${reason}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${obj}\n\n`;
  return new CliError(`error executing jsonpath ${goQuote(template)}: ${debug}`);
}

/**
 * Evaluates a relaxed expression (`.metadata.name`, `{.spec.containers[*].image}`) the way custom-columns
 * and --sort-by do (missing keys allowed). Returns one list per top-level node, as plain JSON values.
 * Throws CliError with kubectl's bare message on syntax or evaluation errors.
 */
export function evaluate(expr: string, data: unknown): unknown[][] {
  const field = relaxedJsonPathExpression(expr);
  let tpl: JsonPathTemplate;
  try {
    tpl = compile(field);
    return findResults(tpl, data, { allowMissingKeys: true, floatNumbers: false }).map((g) => g.map(plain));
  } catch (e) {
    if (e instanceof JsonPathError) throw new CliError(e.message);
    throw e;
  }
}

/** Internal value → plain JSON value. */
export function plain(v: unknown): unknown {
  if (v === NO_VALUE || v === undefined) return null;
  if (v instanceof GoScalar) return v.value;
  return v;
}
