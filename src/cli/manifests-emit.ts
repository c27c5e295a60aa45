// kubectl -o yaml rendering. kubectl prints with sigs.k8s.io/yaml Marshal: json.Marshal, then the JSON
// text is parsed by its yaml.v2 fork and re-emitted by yaml.v2's emitter (libyaml's). Reproduced here
// from reading that emitter (written from scratch, iterative):
//  - 2-space indent, sequences not indented under a mapping key, empty maps/lists as {} / []
//  - keys in yaml.v2's "natural" order (digit runs compared as numbers, non-letters before letters)
//  - string styles: plain when it would read back as the same string, "double quoted" when it would
//    read as something else (yes/no/on/1/0777/null/timestamps/1:20) or has special characters,
//    'single quoted' for indicator characters or leading/trailing spaces, | literal blocks for
//    multi-line text (|- / |+ / |2 hints); long plain/quoted scalars folded past column 80
//  - keys longer than 128 bytes or multi-line use the `? key` / `: value` form
//  - numbers as the JSON → YAML round trip shows them (1.2345675e+06, 1e-07, 12345678901234567000)
//  - the round trip's side effects: U+0085 inside strings turns into line folding (a space), and DEL,
//    C1 controls, U+FFFE/U+FFFF make the printer fail (`yaml: control characters are not allowed`)

import { goFormatG, resolvesAsString, yamlIntKind } from './manifests-goyaml';
import { goJsonNumber, wellFormed } from './manifests-json';

export class YamlEmitError extends Error {}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlankz(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0 || isBreak(c);
}

/** Code points of s (strings are short; this keeps column counting per rune simple). */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      out.push(s.codePointAt(i)!);
      i++;
    } else out.push(c);
  }
  return out;
}

function utf8Len(cps: number[]): number {
  let n = 0;
  for (const c of cps) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return n;
}

// eslint-disable-next-line no-control-regex
const ROUND_TRIP = /[\u007f-\u009f\ufffe\uffff\ud800-\udfff]/;

/** The string as it reads back after json.Marshal → yaml.v2 parse (see the header). */
function roundTrip(s: string): string {
  if (!ROUND_TRIP.test(s)) return s;
  s = wellFormed(s);
  if (/[\u007f\u0080-\u0084\u0086-\u009f\ufffe\uffff]/.test(s)) throw new YamlEmitError('yaml: control characters are not allowed');
  if (s.indexOf('\u0085') < 0) return s;
  // Inside the double-quoted JSON string NEL is a raw line break: yaml.v2 folds it with the spaces
  // around it into one space (or into n-1 newlines for n consecutive breaks).
  return s.replace(/[ \u0085]+/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    if (breaks === 0) return run;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

// yaml.v2 sorter.go keyList.Less for string keys.
// (Unicode property classes are costly to build: built on first use, not when the module loads.)
let LETTER: RegExp | undefined;
let DIGIT: RegExp | undefined;
function isLetterCp(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return (LETTER ??= /\p{L}/u).test(String.fromCodePoint(c));
}
function isDigitCp(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return (DIGIT ??= /\p{Nd}/u).test(String.fromCodePoint(c));
}

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = codePoints(a);
  const br = codePoints(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetterCp(ar[i]!);
    const bl = isLetterCp(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === 0x30 || br[i] === 0x30) {
      for (let j = i - 1; j >= 0 && isDigitCp(ar[j]!); j--) {
        if (ar[j] !== 0x30) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigitCp(ar[ai]!); ai++) an = an * 10 + (ar[ai]! - 0x30);
    for (; bi < br.length && isDigitCp(br[bi]!); bi++) bn = bn * 10 + (br[bi]! - 0x30);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function yamlKeyCompare(a: string, b: string): number {
  if (a === b) return 0;
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

const PLAIN = 1;
const SINGLE = 2;
const DOUBLE = 3;
const LITERAL = 4;

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(v: number[]): Analysis {
  if (v.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  if (v.length >= 3 && ((v[0] === 0x2d && v[1] === 0x2d && v[2] === 0x2d) || (v[0] === 0x2e && v[1] === 0x2e && v[2] === 0x2e))) {
    blockInd = true;
    flowInd = true;
  }
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const followedByWs = i + 1 >= v.length || v[i + 1] === 0x20 || v[i + 1] === 0x09;
    if (i === 0) {
      switch (c) {
        case 0x23:
        case 0x2c:
        case 0x5b:
        case 0x5d:
        case 0x7b:
        case 0x7d:
        case 0x26:
        case 0x2a:
        case 0x21:
        case 0x7c:
        case 0x3e:
        case 0x27:
        case 0x22:
        case 0x25:
        case 0x40:
        case 0x60:
          flowInd = true;
          blockInd = true;
          break;
        case 0x3f:
        case 0x3a:
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case 0x2d:
          if (followedByWs) {
            flowInd = true;
            blockInd = true;
          }
          break;
      }
    } else {
      switch (c) {
        case 0x2c:
        case 0x3f:
        case 0x5b:
        case 0x5d:
        case 0x7b:
        case 0x7d:
          flowInd = true;
          break;
        case 0x3a:
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case 0x23:
          if (precededByWs) {
            flowInd = true;
            blockInd = true;
          }
          break;
      }
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === v.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === v.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

/** yaml.v2 isBase60Float: such strings are quoted on output. */
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

class Emitter {
  out: string[] = [];
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  indents: number[] = [];
  flowLevel = 0;
  // context of the node being emitted
  mappingContext = false;
  simpleKeyContext = false;

  private put(s: string): void {
    this.out.push(s);
    this.column += s.length;
  }
  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }
  private writeCp(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column++;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** A plain non-string scalar (number, bool, null). */
  emitPlainToken(text: string): void {
    this.increaseIndent(true, false);
    if (!this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = false;
    this.indention = false;
    this.popIndent();
  }

  emitString(s: string, cps?: number[], analysis?: Analysis): void {
    const v = cps ?? codePoints(s);
    const a = analysis ?? analyze(v);
    // encode.go stringv
    let style: number;
    if (s.indexOf('\n') >= 0) style = LITERAL;
    else if (resolvesAsString(s) && !BASE60.test(s)) style = PLAIN;
    else style = DOUBLE;
    // emitterc.go select_scalar_style
    if (this.simpleKeyContext && a.multiline) style = DOUBLE;
    if (style === PLAIN) {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = SINGLE;
      if (v.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = SINGLE;
    }
    if (style === SINGLE && !a.single) style = DOUBLE;
    if (style === LITERAL && (!a.block || this.flowLevel > 0 || this.simpleKeyContext)) style = DOUBLE;

    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case PLAIN:
        this.writePlain(s, v, allowBreaks);
        break;
      case SINGLE:
        this.writeSingle(v, allowBreaks);
        break;
      case DOUBLE:
        this.writeDouble(v, allowBreaks);
        break;
      default:
        this.writeLiteral(v);
    }
    this.popIndent();
  }

  private writePlain(s: string, v: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    // Fast path: nothing to fold.
    if (!allowBreaks || this.column + v.length <= BEST_WIDTH + 1 || s.indexOf(' ') < 0) {
      this.out.push(s);
      this.column += v.length;
    } else {
      let spaces = false;
      for (let i = 0; i < v.length; i++) {
        const c = v[i]!;
        if (c === 0x20) {
          if (allowBreaks && !spaces && this.column > BEST_WIDTH && v[i + 1] !== 0x20) {
            this.writeIndent();
          } else {
            this.writeCp(c);
          }
          spaces = true;
        } else {
          this.writeCp(c);
          this.indention = false;
          spaces = false;
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeCp(c);
      this.column = 0;
    }
  }

  private writeSingle(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1 && v[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(v: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const bomStart = v[0] === 0xfeff; // yaml.v2's is_bom looks at the start of the value
    let spaces = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (!isPrintable(c) || bomStart || isBreak(c) || c === 0x22 || c === 0x5c) {
        let esc: string;
        switch (c) {
          case 0x00:
            esc = '0';
            break;
          case 0x07:
            esc = 'a';
            break;
          case 0x08:
            esc = 'b';
            break;
          case 0x09:
            esc = 't';
            break;
          case 0x0a:
            esc = 'n';
            break;
          case 0x0b:
            esc = 'v';
            break;
          case 0x0c:
            esc = 'f';
            break;
          case 0x0d:
            esc = 'r';
            break;
          case 0x1b:
            esc = 'e';
            break;
          case 0x22:
            esc = '"';
            break;
          case 0x5c:
            esc = '\\';
            break;
          case 0x85:
            esc = 'N';
            break;
          case 0xa0:
            esc = '_';
            break;
          case 0x2028:
            esc = 'L';
            break;
          case 0x2029:
            esc = 'P';
            break;
          default: {
            const hex = c.toString(16).toUpperCase();
            esc = c <= 0xff ? 'x' + hex.padStart(2, '0') : c <= 0xffff ? 'u' + hex.padStart(4, '0') : 'U' + hex.padStart(8, '0');
          }
        }
        this.put('\\' + esc);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (v[i + 1] === 0x20) this.put('\\');
        } else {
          this.writeCp(c);
        }
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints
    if (v.length > 0 && (v[0] === 0x20 || isBreak(v[0]!))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (v.length === 0) chomp = '-';
    else {
      const last = v[v.length - 1]!;
      if (!isBreak(last)) chomp = '-';
      else if (v.length === 1) chomp = '+';
      else if (isBreak(v[v.length - 2]!)) chomp = '+';
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        // copy the rest of the line at once
        let j = i;
        while (j < v.length && !isBreak(v[j]!)) j++;
        for (let k = i; k < j; k++) this.writeCp(v[k]!);
        i = j - 1;
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function scalarText(v: unknown): string | null {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    const t = goJsonNumber(v);
    return yamlIntKind(t) ? t : goFormatG(v);
  }
  return null;
}

interface MapFrame {
  kind: 'map';
  keys: string[];
  obj: Record<string, unknown>;
  i: number;
  simple: boolean; // whether the key being processed was a simple key
  phase: 0 | 1; // 0: next key, 1: value pending
}
interface SeqFrame {
  kind: 'seq';
  arr: unknown[];
  i: number;
}

/** sigs.k8s.io/yaml Marshal output for a JSON-shaped value. */
export function emitYaml(value: unknown): string {
  const e = new Emitter();
  const frames: (MapFrame | SeqFrame)[] = [];

  // emit_node for value with the given context; pushes a frame for non-empty collections.
  const emitNode = (v: unknown, mapping: boolean, simpleKey: boolean): void => {
    e.mappingContext = mapping;
    e.simpleKeyContext = simpleKey;
    if (typeof v === 'string') {
      e.emitString(roundTrip(v));
      return;
    }
    const t = scalarText(v);
    if (t !== null) {
      e.emitPlainToken(t);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        emitEmptyFlow('[', ']');
        return;
      }
      // block sequence: not indented under a mapping key
      e.increaseIndent(false, e.mappingContext && !e.indention);
      frames.push({ kind: 'seq', arr: v, i: 0 });
      return;
    }
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = collectKeys(o);
      if (keys.length === 0) {
        emitEmptyFlow('{', '}');
        return;
      }
      e.increaseIndent(false, false);
      frames.push({ kind: 'map', keys, obj: o, i: 0, simple: true, phase: 0 });
      return;
    }
    e.emitPlainToken('null');
  };

  // An empty collection is emitted in flow style: `{}` / `[]`.
  const emitEmptyFlow = (open: string, close: string): void => {
    e.writeIndicator(open, true, true, false);
    e.writeIndicator(close, false, false, false);
  };

  emitNode(value, false, false);
  while (frames.length) {
    const f = frames[frames.length - 1]!;
    if (f.kind === 'seq') {
      if (f.i >= f.arr.length) {
        e.popIndent();
        frames.pop();
        continue;
      }
      const item = f.arr[f.i++];
      e.writeIndent();
      e.writeIndicator('-', true, false, true);
      emitNode(item === undefined ? null : item, false, false);
      continue;
    }
    if (f.phase === 1) {
      // value of the current key
      const v = f.obj[f.keys[f.i - 1]!];
      f.phase = 0;
      if (f.simple) {
        e.writeIndicator(':', false, false, false);
      } else {
        e.writeIndent();
        e.writeIndicator(':', true, false, true);
      }
      emitNode(v, true, false);
      continue;
    }
    if (f.i >= f.keys.length) {
      e.popIndent();
      frames.pop();
      continue;
    }
    const key = roundTrip(f.keys[f.i++]!);
    e.writeIndent();
    const cps = codePoints(key);
    const a = analyze(cps);
    const simple = !a.multiline && utf8Len(cps) <= 128;
    f.simple = simple;
    f.phase = 1;
    if (simple) {
      e.mappingContext = true;
      e.simpleKeyContext = true;
      e.emitString(key, cps, a);
    } else {
      e.writeIndicator('?', true, false, true);
      e.mappingContext = true;
      e.simpleKeyContext = false;
      e.emitString(key, cps, a);
    }
  }
  // document end
  e.indent = -1;
  e.writeIndent();
  return e.out.join('');
}

/** Keys in yaml.v2's order (where that order is not total — digit runs against `.` — kubectl's own
 * output varies from run to run, since Go feeds the sort in random map order; ours is stable). */
function collectKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  return keys.length < 2 ? keys : keys.sort(yamlKeyCompare);
}
