// YAML → JSON-shaped values with the semantics kubectl 1.32 gets from sigs.k8s.io/yaml v1.4.0, which
// parses with its bundled fork of gopkg.in/yaml.v2 (a Go port of libyaml) into interface{} and converts
// the result to JSON. Reproduced here, written from scratch after reading that code:
//  - the scanner/parser state machines, so syntax errors carry go-yaml's problem text and the same
//    `line N:` (scanner errors report the 1-based line, parser errors the 0-based one; nothing on line 0)
//  - the reader check (`control characters are not allowed`), depth limits (`exceeded max depth of 10000`)
//  - YAML 1.1 plain-scalar resolution (y/yes/on/off booleans, 0777 octal, 0x/0o/0b, `_` separators,
//    timestamps kept as strings, no sexagesimal), tags, anchors/aliases with the excessive-aliasing guard,
//    `<<` merge keys (later merges overwrite earlier keys, as yaml.v2 does), duplicate keys (last wins)
//  - sigs.k8s.io/yaml's key conversion (float keys printed with 32-bit precision, null keys rejected)
// Only the first document of the text is read, as yaml.v2's Unmarshal does.
// Everything is iterative (no recursion over the input), so 10,000-deep input cannot overflow the stack.

export class GoYamlError extends Error {}

// ---------------------------------------------------------------------------------------------------
// Scanner

const TK_STREAM_START = 1;
const TK_STREAM_END = 2;
const TK_VERSION_DIRECTIVE = 3;
const TK_TAG_DIRECTIVE = 4;
const TK_DOCUMENT_START = 5;
const TK_DOCUMENT_END = 6;
const TK_BLOCK_SEQUENCE_START = 7;
const TK_BLOCK_MAPPING_START = 8;
const TK_BLOCK_END = 9;
const TK_FLOW_SEQUENCE_START = 10;
const TK_FLOW_SEQUENCE_END = 11;
const TK_FLOW_MAPPING_START = 12;
const TK_FLOW_MAPPING_END = 13;
const TK_BLOCK_ENTRY = 14;
const TK_FLOW_ENTRY = 15;
const TK_KEY = 16;
const TK_VALUE = 17;
const TK_ALIAS = 18;
const TK_ANCHOR = 19;
const TK_TAG = 20;
const TK_SCALAR = 21;

const ST_PLAIN = 1;
const ST_SINGLE = 2;
const ST_DOUBLE = 3;
const ST_LITERAL = 4;
const ST_FOLDED = 5;

interface Mark {
  idx: number; // characters (runes) from the start, as libyaml's mark.index
  line: number; // 0-based
  col: number; // 0-based, in runes
}

interface Token {
  t: number;
  start: Mark;
  end: Mark;
  value: string; // scalar value, anchor/alias name, tag handle, directive name
  suffix: string; // tag suffix / %TAG prefix
  style: number;
  major: number;
  minor: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const MAX_DEPTH = 10000;

function tok(t: number, start: Mark, end: Mark, value = '', style = 0): Token {
  return { t, start, end, value, suffix: '', style, major: 0, minor: 0 };
}

function isBreakC(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlankC(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
function isBreakzC(c: number): boolean {
  return c === 0 || isBreakC(c);
}
function isBlankzC(c: number): boolean {
  return c === 0 || c === 0x20 || c === 0x09 || isBreakC(c);
}
function isAlphaC(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d
  );
}
function isDigitC(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHexC(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function hexVal(c: number): number {
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x30;
}

/** Characters libyaml's reader accepts (yaml_parser_update_buffer); everything else is a reader error. */
const READER_BAD = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]/;

function utf8Width(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

class Scanner {
  private readonly s: string;
  private readonly n: number;
  pos = 0; // UTF-16 index
  idx = 0;
  line = 0;
  col = 0;
  /** The reader decodes lazily in 512-byte chunks: a bad character fails once the scanner asks for it. */
  private readerLimit = Infinity;

  private tokens: Token[] = [];
  private head = 0;
  private parsed = 0;
  private available = false;
  private startProduced = false;
  endProduced = false;
  private flow = 0;
  private indent = -1;
  private indents: number[] = [];
  private allowed = false;
  private keys: SimpleKey[] = [];
  private keysByTok = new Map<number, number>();

  constructor(text: string) {
    // The reader drops a leading byte order mark.
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.s = start ? text.slice(1) : text;
    this.n = this.s.length;
    const bad = READER_BAD.exec(this.s);
    if (bad) this.readerLimit = decodedBeforeChunkOf(this.s, bad.index, start ? 3 : 0);
  }

  private mark(): Mark {
    return { idx: this.idx, line: this.line, col: this.col };
  }

  private ch(k = 0): number {
    const p = this.pos + k;
    return p < this.n ? this.s.charCodeAt(p) : 0;
  }

  private need(n: number): void {
    if (this.idx + n > this.readerLimit) throw new GoYamlError('yaml: control characters are not allowed');
  }

  // -- errors (yaml.v2 parser.fail) --
  scannerError(_context: string, contextMark: Mark, problem: string): never {
    throw new GoYamlError(failText(problem, this.mark(), contextMark, true));
  }

  // -- cursor movement --
  private skip(): void {
    const c = this.s.charCodeAt(this.pos);
    this.pos += c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.n ? 2 : 1;
    this.idx++;
    this.col++;
  }

  private skipLine(): void {
    const c = this.ch();
    if (c === 0x0d && this.ch(1) === 0x0a) {
      this.pos += 2;
      this.idx += 2;
      this.col = 0;
      this.line++;
    } else if (isBreakC(c)) {
      this.pos++;
      this.idx++;
      this.col = 0;
      this.line++;
    }
  }

  /** Reads one character into the result. */
  private readChar(): string {
    const c = this.s.charCodeAt(this.pos);
    const w = c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.n ? 2 : 1;
    const out = this.s.substr(this.pos, w);
    this.pos += w;
    this.idx++;
    this.col++;
    return out;
  }

  /** Reads characters up to the next blank/break/end (or until stop returns true); returns the text. */
  private readRun(stop: (c: number) => boolean): string {
    const from = this.pos;
    let p = this.pos;
    let runes = 0;
    while (p < this.n) {
      const c = this.s.charCodeAt(p);
      if (stop(c)) break;
      if (c >= 0xd800 && c <= 0xdbff && p + 1 < this.n) p += 2;
      else p++;
      runes++;
    }
    if (this.readerLimit !== Infinity) this.need(runes + 1);
    this.pos = p;
    this.idx += runes;
    this.col += runes;
    return this.s.slice(from, p);
  }

  /** libyaml read_line: consumes a line break and returns its normalised form. */
  private readLine(): string {
    const c = this.ch();
    let out: string;
    if (c === 0x0d && this.ch(1) === 0x0a) {
      out = '\n';
      this.pos += 2;
      this.idx++;
    } else if (c === 0x0d || c === 0x0a || c === 0x85) {
      out = '\n';
      this.pos += 1;
    } else if (c === 0x2028 || c === 0x2029) {
      out = String.fromCharCode(c);
      this.pos += 1;
    } else {
      return '';
    }
    this.idx++;
    this.col = 0;
    this.line++;
    return out;
  }

  // -- token queue --
  private insertToken(pos: number, t: Token): void {
    if (this.head > 64 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
    if (pos < 0) this.tokens.push(t);
    else this.tokens.splice(this.head + pos, 0, t);
  }

  peekToken(): Token {
    if (!this.available) this.fetchMoreTokens();
    return this.tokens[this.head]!;
  }

  skipToken(): void {
    this.available = false;
    this.parsed++;
    this.endProduced = this.tokens[this.head]!.t === TK_STREAM_END;
    this.head++;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        const ski = this.keysByTok.get(this.parsed);
        if (ski === undefined) break;
        if (!this.simpleKeyIsValid(this.keys[ski]!)) break;
      }
      this.fetchNextToken();
    }
    this.available = true;
  }

  private fetchNextToken(): void {
    this.need(1);
    if (!this.startProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.col);
    this.need(4);
    const c = this.ch();
    if (c === 0 && this.pos >= this.n) {
      this.fetchStreamEnd();
      return;
    }
    if (this.col === 0) {
      if (c === 0x25 /* % */) {
        this.fetchDirective();
        return;
      }
      if (c === 0x2d && this.ch(1) === 0x2d && this.ch(2) === 0x2d && isBlankzC(this.ch(3))) {
        this.fetchDocumentIndicator(TK_DOCUMENT_START);
        return;
      }
      if (c === 0x2e && this.ch(1) === 0x2e && this.ch(2) === 0x2e && isBlankzC(this.ch(3))) {
        this.fetchDocumentIndicator(TK_DOCUMENT_END);
        return;
      }
    }
    switch (c) {
      case 0x5b:
        return this.fetchFlowCollectionStart(TK_FLOW_SEQUENCE_START);
      case 0x7b:
        return this.fetchFlowCollectionStart(TK_FLOW_MAPPING_START);
      case 0x5d:
        return this.fetchFlowCollectionEnd(TK_FLOW_SEQUENCE_END);
      case 0x7d:
        return this.fetchFlowCollectionEnd(TK_FLOW_MAPPING_END);
      case 0x2c:
        return this.fetchFlowEntry();
    }
    const c1 = this.ch(1);
    if (c === 0x2d && isBlankzC(c1)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flow > 0 || isBlankzC(c1))) return this.fetchKey();
    if (c === 0x3a && (this.flow > 0 || isBlankzC(c1))) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(TK_ALIAS);
    if (c === 0x26) return this.fetchAnchor(TK_ANCHOR);
    if (c === 0x21) return this.fetchTag();
    if (c === 0x7c && this.flow === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e && this.flow === 0) return this.fetchBlockScalar(false);
    if (c === 0x27) return this.fetchFlowScalar(true);
    if (c === 0x22) return this.fetchFlowScalar(false);
    if (
      !(isBlankzC(c) || '-?:,[]{}#&*!|>\'"%@`'.indexOf(String.fromCharCode(c)) >= 0) ||
      (c === 0x2d && !isBlankC(c1)) ||
      (this.flow === 0 && (c === 0x3f || c === 0x3a) && !isBlankzC(c1))
    ) {
      return this.fetchPlainScalar();
    }
    this.scannerError('while scanning for the next token', this.mark(), 'found character that cannot start any token');
  }

  private simpleKeyIsValid(sk: SimpleKey): boolean {
    if (!sk.possible) return false;
    if (sk.mark.line < this.line || sk.mark.idx + 1024 < this.idx) {
      if (sk.required) this.scannerError('while scanning a simple key', sk.mark, "could not find expected ':'");
      sk.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flow === 0 && this.indent === this.col;
    if (this.allowed) {
      const sk: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.parsed + (this.tokens.length - this.head),
        mark: this.mark(),
      };
      this.removeSimpleKey();
      this.keys[this.keys.length - 1] = sk;
      this.keysByTok.set(sk.tokenNumber, this.keys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const sk = this.keys[this.keys.length - 1]!;
    if (sk.possible) {
      if (sk.required) this.scannerError('while scanning a simple key', sk.mark, "could not find expected ':'");
      sk.possible = false;
      this.keysByTok.delete(sk.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.keys.push({
      possible: false,
      required: false,
      tokenNumber: this.parsed + (this.tokens.length - this.head),
      mark: this.mark(),
    });
    this.flow++;
    if (this.flow > MAX_DEPTH) {
      this.scannerError('while increasing flow level', this.keys[this.keys.length - 1]!.mark, `exceeded max depth of ${MAX_DEPTH}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flow > 0) {
      this.flow--;
      const last = this.keys.pop()!;
      this.keysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: number, mark: Mark): void {
    if (this.flow > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_DEPTH) {
        this.scannerError('while increasing indent level', this.keys[this.keys.length - 1]!.mark, `exceeded max depth of ${MAX_DEPTH}`);
      }
      const t = tok(type, mark, mark);
      this.insertToken(number > -1 ? number - this.parsed : -1, t);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flow > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, tok(TK_BLOCK_END, m, m));
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.keys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.keysByTok = new Map();
    this.allowed = true;
    this.startProduced = true;
    const m = this.mark();
    this.insertToken(-1, tok(TK_STREAM_START, m, m));
  }

  private fetchStreamEnd(): void {
    if (this.col !== 0) {
      this.col = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.allowed = false;
    const m = this.mark();
    this.insertToken(-1, tok(TK_STREAM_END, m, m));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.allowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: number): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.allowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, tok(type, start, this.mark()));
  }

  private fetchFlowCollectionStart(type: number): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.allowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, tok(type, start, this.mark()));
  }

  private fetchFlowCollectionEnd(type: number): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.allowed = false;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, tok(type, start, this.mark()));
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.allowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, tok(TK_FLOW_ENTRY, start, this.mark()));
  }

  private fetchBlockEntry(): void {
    if (this.flow === 0) {
      if (!this.allowed) this.scannerError('', this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.col, -1, TK_BLOCK_SEQUENCE_START, this.mark());
    }
    this.removeSimpleKey();
    this.allowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, tok(TK_BLOCK_ENTRY, start, this.mark()));
  }

  private fetchKey(): void {
    if (this.flow === 0) {
      if (!this.allowed) this.scannerError('', this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.col, -1, TK_BLOCK_MAPPING_START, this.mark());
    }
    this.removeSimpleKey();
    this.allowed = this.flow === 0;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, tok(TK_KEY, start, this.mark()));
  }

  private fetchValue(): void {
    const sk = this.keys[this.keys.length - 1]!;
    if (this.simpleKeyIsValid(sk)) {
      this.insertToken(sk.tokenNumber - this.parsed, tok(TK_KEY, sk.mark, sk.mark));
      this.rollIndent(sk.mark.col, sk.tokenNumber, TK_BLOCK_MAPPING_START, sk.mark);
      sk.possible = false;
      this.keysByTok.delete(sk.tokenNumber);
      this.allowed = false;
    } else {
      if (this.flow === 0) {
        if (!this.allowed) this.scannerError('', this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.col, -1, TK_BLOCK_MAPPING_START, this.mark());
      }
      this.allowed = this.flow === 0;
    }
    const start = this.mark();
    this.skip();
    this.insertToken(-1, tok(TK_VALUE, start, this.mark()));
  }

  private fetchAnchor(type: number): void {
    this.saveSimpleKey();
    this.allowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.allowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.allowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.allowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.allowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  private scanToNextToken(): void {
    for (;;) {
      this.need(1);
      if (this.col === 0 && this.pos === 0 && this.ch() === 0xfeff) this.skip();
      this.need(1);
      for (;;) {
        const c = this.ch();
        if (c === 0x20 || ((this.flow > 0 || !this.allowed) && c === 0x09)) {
          this.skip();
          this.need(1);
        } else break;
      }
      if (this.ch() === 0x23) {
        this.readRun(isBreakzC);
      }
      if (isBreakC(this.ch())) {
        this.need(2);
        this.skipLine();
        if (this.flow === 0) this.allowed = true;
      } else {
        break;
      }
    }
  }

  // -- directives --
  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let t: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      t = tok(TK_VERSION_DIRECTIVE, start, this.mark());
      t.major = major;
      t.minor = minor;
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      t = tok(TK_TAG_DIRECTIVE, start, this.mark(), handle);
      t.suffix = prefix;
    } else {
      this.scannerError('while scanning a directive', start, 'found unknown directive name');
    }
    this.need(1);
    while (isBlankC(this.ch())) {
      this.skip();
      this.need(1);
    }
    if (this.ch() === 0x23) this.readRun(isBreakzC);
    if (!isBreakzC(this.ch())) {
      this.scannerError('while scanning a directive', start, 'did not find expected comment or line break');
    }
    if (isBreakC(this.ch())) {
      this.need(2);
      this.skipLine();
    }
    return t;
  }

  private scanDirectiveName(start: Mark): string {
    this.need(1);
    let s = '';
    while (isAlphaC(this.ch())) {
      s += this.readChar();
      this.need(1);
    }
    if (!s) this.scannerError('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankzC(this.ch())) {
      this.scannerError('while scanning a directive', start, 'found unexpected non-alphabetical character');
    }
    return s;
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    this.need(1);
    while (isBlankC(this.ch())) {
      this.skip();
      this.need(1);
    }
    const major = this.scanVersionDirectiveNumber(start);
    if (this.ch() !== 0x2e) {
      this.scannerError('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    }
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    this.need(1);
    let value = 0;
    let length = 0;
    while (isDigitC(this.ch())) {
      length++;
      if (length > 2) this.scannerError('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.ch() - 0x30);
      this.skip();
      this.need(1);
    }
    if (length === 0) this.scannerError('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    this.need(1);
    while (isBlankC(this.ch())) {
      this.skip();
      this.need(1);
    }
    const handle = this.scanTagHandle(true, start);
    this.need(1);
    if (!isBlankC(this.ch())) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (isBlankC(this.ch())) {
      this.skip();
      this.need(1);
    }
    const prefix = this.scanTagUri(true, '', start);
    this.need(1);
    if (!isBlankzC(this.ch())) {
      this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    }
    return [handle, prefix];
  }

  // -- anchors and tags --
  private scanAnchor(type: number): Token {
    const start = this.mark();
    this.skip();
    this.need(1);
    let s = '';
    while (isAlphaC(this.ch())) {
      s += this.readChar();
      this.need(1);
    }
    const end = this.mark();
    const c = this.ch();
    if (!s || !(isBlankzC(c) || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60)) {
      this.scannerError(
        type === TK_ANCHOR ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    }
    return tok(type, start, end, s);
  }

  private scanTag(): Token {
    const start = this.mark();
    this.need(2);
    let handle: string;
    let suffix: string;
    if (this.ch(1) === 0x3c) {
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.ch() !== 0x3e) this.scannerError('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle[0] === '!' && handle[handle.length - 1] === '!') {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix.length === 0) {
          suffix = handle;
          handle = '';
        }
      }
    }
    this.need(1);
    if (!isBlankzC(this.ch())) this.scannerError('while scanning a tag', start, 'did not find expected whitespace or line break');
    const t = tok(TK_TAG, start, this.mark(), handle);
    t.suffix = suffix;
    return t;
  }

  private tagError(directive: boolean, start: Mark, problem: string): never {
    this.scannerError(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    this.need(1);
    if (this.ch() !== 0x21) this.tagError(directive, start, "did not find expected '!'");
    let s = this.readChar();
    this.need(1);
    while (isAlphaC(this.ch())) {
      s += this.readChar();
      this.need(1);
    }
    if (this.ch() === 0x21) {
      s += this.readChar();
    } else if (directive && s !== '!') {
      this.tagError(directive, start, "did not find expected '!'");
    }
    return s;
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    this.need(1);
    for (;;) {
      const c = this.ch();
      if (!(isAlphaC(c) || ";/?:@&=+$,.!~*'()[]%".indexOf(String.fromCharCode(c)) >= 0) || c === 0) break;
      if (c === 0x25) s += this.scanUriEscapes(directive, start);
      else s += this.readChar();
      this.need(1);
      hasTag = true;
    }
    if (!hasTag) this.tagError(directive, start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let w = 1024;
    while (w > 0) {
      this.need(3);
      if (!(this.ch() === 0x25 && isHexC(this.ch(1)) && isHexC(this.ch(2)))) {
        this.tagError(directive, start, 'did not find URI escaped octet');
      }
      const octet = (hexVal(this.ch(1)) << 4) + hexVal(this.ch(2));
      if (w === 1024) {
        w = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (w === 0) this.tagError(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.tagError(directive, start, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return Buffer.from(bytes).toString('utf8');
  }

  // -- scalars --
  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    this.need(1);
    let chomping = 0;
    let increment = 0;
    let c = this.ch();
    if (c === 0x2b || c === 0x2d) {
      chomping = c === 0x2b ? 1 : -1;
      this.skip();
      this.need(1);
      if (isDigitC(this.ch())) {
        if (this.ch() === 0x30) this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = this.ch() - 0x30;
        this.skip();
      }
    } else if (isDigitC(c)) {
      if (c === 0x30) this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = c - 0x30;
      this.skip();
      this.need(1);
      c = this.ch();
      if (c === 0x2b || c === 0x2d) {
        chomping = c === 0x2b ? 1 : -1;
        this.skip();
      }
    }
    this.need(1);
    while (isBlankC(this.ch())) {
      this.skip();
      this.need(1);
    }
    if (this.ch() === 0x23) this.readRun(isBreakzC);
    if (!isBreakzC(this.ch())) {
      this.scannerError('while scanning a block scalar', start, 'did not find expected comment or line break');
    }
    if (isBreakC(this.ch())) {
      this.need(2);
      this.skipLine();
    }
    let end = this.mark();
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = (): void => {
      // yaml_parser_scan_block_scalar_breaks
      end = this.mark();
      let maxIndent = 0;
      for (;;) {
        this.need(1);
        while ((indent === 0 || this.col < indent) && this.ch() === 0x20) {
          this.skip();
          this.need(1);
        }
        if (this.col > maxIndent) maxIndent = this.col;
        if ((indent === 0 || this.col < indent) && this.ch() === 0x09) {
          this.scannerError('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
        }
        if (!isBreakC(this.ch())) break;
        this.need(2);
        trailingBreaks += this.readLine();
        end = this.mark();
      }
      if (indent === 0) {
        indent = maxIndent;
        if (indent < this.indent + 1) indent = this.indent + 1;
        if (indent < 1) indent = 1;
      }
    };
    breaks();
    this.need(1);
    let leadingBlank = false;
    while (this.col === indent && !(this.pos >= this.n)) {
      const trailingBlank = isBlankC(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === '\n') {
        if (trailingBreaks.length === 0) s += ' ';
      } else {
        s += leadingBreak;
      }
      leadingBreak = '';
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlankC(this.ch());
      s += this.readRun(isBreakzC);
      this.need(2);
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    return tok(TK_SCALAR, start, end, s, literal ? ST_LITERAL : ST_FOLDED);
  }

  private atDocumentIndicator(): boolean {
    if (this.col !== 0) return false;
    const a = this.ch();
    if (a !== 0x2d && a !== 0x2e) return false;
    return this.ch(1) === a && this.ch(2) === a && isBlankzC(this.ch(3));
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    const quote = single ? 0x27 : 0x22;
    for (;;) {
      this.need(4);
      if (this.atDocumentIndicator()) {
        this.scannerError('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (this.pos >= this.n) {
        this.scannerError('while scanning a quoted scalar', start, 'found unexpected end of stream');
      }
      let leadingBlanks = false;
      while (!isBlankzC(this.ch())) {
        const c = this.ch();
        if (single && c === 0x27 && this.ch(1) === 0x27) {
          s += "'";
          this.skip();
          this.skip();
        } else if (c === quote) {
          break;
        } else if (!single && c === 0x5c && isBreakC(this.ch(1))) {
          this.need(3);
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          let codeLength = 0;
          switch (this.ch(1)) {
            case 0x30:
              s += '\0';
              break;
            case 0x61:
              s += '\x07';
              break;
            case 0x62:
              s += '\b';
              break;
            case 0x74:
            case 0x09:
              s += '\t';
              break;
            case 0x6e:
              s += '\n';
              break;
            case 0x76:
              s += '\v';
              break;
            case 0x66:
              s += '\f';
              break;
            case 0x72:
              s += '\r';
              break;
            case 0x65:
              s += '\x1b';
              break;
            case 0x20:
              s += ' ';
              break;
            case 0x22:
              s += '"';
              break;
            case 0x27:
              s += "'";
              break;
            case 0x5c:
              s += '\\';
              break;
            case 0x4e:
              s += '\x85';
              break;
            case 0x5f:
              s += '\xa0';
              break;
            case 0x4c:
              s += '\u2028';
              break;
            case 0x50:
              s += '\u2029';
              break;
            case 0x78:
              codeLength = 2;
              break;
            case 0x75:
              codeLength = 4;
              break;
            case 0x55:
              codeLength = 8;
              break;
            default:
              this.scannerError('while parsing a quoted scalar', start, 'found unknown escape character');
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            this.need(codeLength);
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHexC(this.ch(k))) {
                this.scannerError('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              }
              value = value * 16 + hexVal(this.ch(k));
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.scannerError('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            }
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          s += this.readChar();
          s += this.readRun((x) => isBlankzC(x) || x === 0x27 || x === 0x22 || x === 0x5c);
          continue;
        }
        this.need(2);
      }
      this.need(1);
      if (this.ch() === quote) break;
      while (isBlankC(this.ch()) || isBreakC(this.ch())) {
        if (isBlankC(this.ch())) {
          if (!leadingBlanks) whitespaces += this.readChar();
          else this.skip();
        } else {
          this.need(2);
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        }
        this.need(1);
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') {
          if (trailingBreaks.length === 0) s += ' ';
          else s += trailingBreaks;
        } else {
          s += leadingBreak;
          s += trailingBreaks;
        }
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    return tok(TK_SCALAR, start, this.mark(), s, single ? ST_SINGLE : ST_DOUBLE);
  }

  private scanPlainScalar(): Token {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    let end = this.mark();
    const flow = this.flow > 0;
    for (;;) {
      this.need(4);
      if (this.atDocumentIndicator()) break;
      if (this.ch() === 0x23) break;
      while (!isBlankzC(this.ch())) {
        const c = this.ch();
        if (
          (c === 0x3a && isBlankzC(this.ch(1))) ||
          (flow && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))
        ) {
          break;
        }
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') {
              if (trailingBreaks.length === 0) s += ' ';
              else s += trailingBreaks;
            } else {
              s += leadingBreak;
              s += trailingBreaks;
            }
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        // Fast path: a run of characters that cannot end the scalar.
        s += this.readRun(
          flow
            ? (x) => isBlankzC(x) || x === 0x3a || x === 0x2c || x === 0x3f || x === 0x5b || x === 0x5d || x === 0x7b || x === 0x7d
            : (x) => isBlankzC(x) || x === 0x3a,
        );
        if (this.ch() === 0x3a && !isBlankzC(this.ch(1))) {
          // a ':' not followed by a blank belongs to the scalar
          s += this.readChar();
        }
        end = this.mark();
        this.need(2);
      }
      const c = this.ch();
      if (!(isBlankC(c) || isBreakC(c))) break;
      this.need(1);
      for (;;) {
        const d = this.ch();
        if (isBlankC(d)) {
          if (leadingBlanks && this.col < indent && d === 0x09) {
            this.scannerError('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += this.readChar();
          else this.skip();
        } else if (isBreakC(d)) {
          this.need(2);
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        } else break;
        this.need(1);
      }
      if (!flow && this.col < indent) break;
    }
    const t = tok(TK_SCALAR, start, end, s, ST_PLAIN);
    if (leadingBlanks) this.allowed = true;
    return t;
  }
}

/**
 * Characters libyaml has decoded before it reads the raw chunk holding the bad character at
 * `badIndex`: raw input arrives in 512-byte reads, each decoded whole (a character split by a chunk
 * boundary waits for the next read).
 */
function decodedBeforeChunkOf(s: string, badIndex: number, bomBytes: number): number {
  let bytes = bomBytes;
  let runes = 0;
  let i = 0;
  // byte offset where the bad character ends
  let badEnd = bomBytes;
  for (let k = 0; k <= badIndex && k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      badEnd += 4;
      k++;
    } else badEnd += utf8Width(c);
  }
  const chunk = Math.floor((badEnd - 1) / 512);
  const limitBytes = chunk * 512;
  // count characters that end within the first limitBytes bytes
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const astral = c >= 0xd800 && c <= 0xdbff;
    const w = astral ? 4 : utf8Width(c);
    if (bytes + w > limitBytes) break;
    bytes += w;
    runes++;
    i += astral ? 2 : 1;
  }
  return runes;
}

function failText(problem: string, problemMark: Mark, contextMark: Mark | null, scanner: boolean): string {
  let line = 0;
  if (problemMark.line !== 0) {
    line = problemMark.line + (scanner ? 1 : 0);
  } else if (contextMark && contextMark.line !== 0) {
    line = contextMark.line;
  }
  return `yaml: ${line !== 0 ? `line ${line}: ` : ''}${problem}`;
}

// ---------------------------------------------------------------------------------------------------
// Parser (event producer)

const EV_STREAM_START = 1;
const EV_STREAM_END = 2;
const EV_DOCUMENT_START = 3;
const EV_DOCUMENT_END = 4;
const EV_ALIAS = 5;
const EV_SCALAR = 6;
const EV_SEQUENCE_START = 7;
const EV_SEQUENCE_END = 8;
const EV_MAPPING_START = 9;
const EV_MAPPING_END = 10;

interface Event {
  t: number;
  anchor: string;
  tag: string;
  value: string;
  implicit: boolean;
  style: number;
}

const PS_STREAM_START = 0;
const PS_IMPLICIT_DOCUMENT_START = 1;
const PS_DOCUMENT_START = 2;
const PS_DOCUMENT_CONTENT = 3;
const PS_DOCUMENT_END = 4;
const PS_BLOCK_NODE = 5;
const PS_BLOCK_NODE_OR_INDENTLESS_SEQUENCE = 6;
const PS_FLOW_NODE = 7;
const PS_BLOCK_SEQUENCE_FIRST_ENTRY = 8;
const PS_BLOCK_SEQUENCE_ENTRY = 9;
const PS_INDENTLESS_SEQUENCE_ENTRY = 10;
const PS_BLOCK_MAPPING_FIRST_KEY = 11;
const PS_BLOCK_MAPPING_KEY = 12;
const PS_BLOCK_MAPPING_VALUE = 13;
const PS_FLOW_SEQUENCE_FIRST_ENTRY = 14;
const PS_FLOW_SEQUENCE_ENTRY = 15;
const PS_FLOW_SEQUENCE_ENTRY_MAPPING_KEY = 16;
const PS_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE = 17;
const PS_FLOW_SEQUENCE_ENTRY_MAPPING_END = 18;
const PS_FLOW_MAPPING_FIRST_KEY = 19;
const PS_FLOW_MAPPING_KEY = 20;
const PS_FLOW_MAPPING_VALUE = 21;
const PS_FLOW_MAPPING_EMPTY_VALUE = 22;
const PS_END = 23;

function ev(t: number, anchor = '', tag = '', value = '', implicit = false, style = 0): Event {
  return { t, anchor, tag, value, implicit, style };
}

class Parser {
  private readonly sc: Scanner;
  private state = PS_STREAM_START;
  private states: number[] = [];
  private marks: Mark[] = [];
  private tagDirectives: [string, string][] = [];

  constructor(sc: Scanner) {
    this.sc = sc;
  }

  private error(problem: string, problemMark: Mark, contextMark: Mark | null = null): never {
    throw new GoYamlError(failText(problem, problemMark, contextMark, false));
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  next(): Event {
    if (this.sc.endProduced || this.state === PS_END) return ev(EV_STREAM_END);
    switch (this.state) {
      case PS_STREAM_START:
        return this.streamStart();
      case PS_IMPLICIT_DOCUMENT_START:
        return this.documentStart(true);
      case PS_DOCUMENT_START:
        return this.documentStart(false);
      case PS_DOCUMENT_CONTENT:
        return this.documentContent();
      case PS_DOCUMENT_END:
        return this.documentEnd();
      case PS_BLOCK_NODE:
        return this.node(true, false);
      case PS_BLOCK_NODE_OR_INDENTLESS_SEQUENCE:
        return this.node(true, true);
      case PS_FLOW_NODE:
        return this.node(false, false);
      case PS_BLOCK_SEQUENCE_FIRST_ENTRY:
        return this.blockSequenceEntry(true);
      case PS_BLOCK_SEQUENCE_ENTRY:
        return this.blockSequenceEntry(false);
      case PS_INDENTLESS_SEQUENCE_ENTRY:
        return this.indentlessSequenceEntry();
      case PS_BLOCK_MAPPING_FIRST_KEY:
        return this.blockMappingKey(true);
      case PS_BLOCK_MAPPING_KEY:
        return this.blockMappingKey(false);
      case PS_BLOCK_MAPPING_VALUE:
        return this.blockMappingValue();
      case PS_FLOW_SEQUENCE_FIRST_ENTRY:
        return this.flowSequenceEntry(true);
      case PS_FLOW_SEQUENCE_ENTRY:
        return this.flowSequenceEntry(false);
      case PS_FLOW_SEQUENCE_ENTRY_MAPPING_KEY:
        return this.flowSequenceEntryMappingKey();
      case PS_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE:
        return this.flowSequenceEntryMappingValue();
      case PS_FLOW_SEQUENCE_ENTRY_MAPPING_END:
        this.sc.peekToken();
        this.state = PS_FLOW_SEQUENCE_ENTRY;
        return ev(EV_MAPPING_END);
      case PS_FLOW_MAPPING_FIRST_KEY:
        return this.flowMappingKey(true);
      case PS_FLOW_MAPPING_KEY:
        return this.flowMappingKey(false);
      case PS_FLOW_MAPPING_VALUE:
        return this.flowMappingValue(false);
      case PS_FLOW_MAPPING_EMPTY_VALUE:
        return this.flowMappingValue(true);
    }
    throw new GoYamlError('yaml: invalid parser state');
  }

  private streamStart(): Event {
    const t = this.sc.peekToken();
    if (t.t !== TK_STREAM_START) this.error('did not find expected <stream-start>', t.start);
    this.state = PS_IMPLICIT_DOCUMENT_START;
    this.sc.skipToken();
    return ev(EV_STREAM_START);
  }

  private documentStart(implicit: boolean): Event {
    let t = this.sc.peekToken();
    if (!implicit) {
      while (t.t === TK_DOCUMENT_END) {
        this.sc.skipToken();
        t = this.sc.peekToken();
      }
    }
    if (implicit && t.t !== TK_VERSION_DIRECTIVE && t.t !== TK_TAG_DIRECTIVE && t.t !== TK_DOCUMENT_START && t.t !== TK_STREAM_END) {
      this.processDirectives();
      this.states.push(PS_DOCUMENT_END);
      this.state = PS_BLOCK_NODE;
      return ev(EV_DOCUMENT_START);
    }
    if (t.t !== TK_STREAM_END) {
      this.processDirectives();
      t = this.sc.peekToken();
      if (t.t !== TK_DOCUMENT_START) this.error('did not find expected <document start>', t.start);
      this.states.push(PS_DOCUMENT_END);
      this.state = PS_DOCUMENT_CONTENT;
      this.sc.skipToken();
      return ev(EV_DOCUMENT_START);
    }
    this.state = PS_END;
    this.sc.skipToken();
    return ev(EV_STREAM_END);
  }

  private documentContent(): Event {
    const t = this.sc.peekToken();
    if (t.t === TK_VERSION_DIRECTIVE || t.t === TK_TAG_DIRECTIVE || t.t === TK_DOCUMENT_START || t.t === TK_DOCUMENT_END || t.t === TK_STREAM_END) {
      this.pop();
      return this.emptyScalar();
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const t = this.sc.peekToken();
    if (t.t === TK_DOCUMENT_END) this.sc.skipToken();
    this.tagDirectives = [];
    this.state = PS_DOCUMENT_START;
    return ev(EV_DOCUMENT_END);
  }

  private processDirectives(): void {
    let t = this.sc.peekToken();
    let version = false;
    const own: [string, string][] = [];
    while (t.t === TK_VERSION_DIRECTIVE || t.t === TK_TAG_DIRECTIVE) {
      if (t.t === TK_VERSION_DIRECTIVE) {
        if (version) this.error('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.error('found incompatible YAML document', t.start);
        version = true;
      } else {
        if (this.tagDirectives.some(([h]) => h === t.value)) this.error('found duplicate %TAG directive', t.start);
        this.tagDirectives.push([t.value, t.suffix]);
        own.push([t.value, t.suffix]);
      }
      this.sc.skipToken();
      t = this.sc.peekToken();
    }
    for (const d of [
      ['!', '!'],
      ['!!', 'tag:yaml.org,2002:'],
    ] as [string, string][]) {
      if (!this.tagDirectives.some(([h]) => h === d[0])) this.tagDirectives.push(d);
    }
  }

  private emptyScalar(): Event {
    return ev(EV_SCALAR, '', '', '', true, ST_PLAIN);
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    let t = this.sc.peekToken();
    if (t.t === TK_ALIAS) {
      this.pop();
      this.sc.skipToken();
      return ev(EV_ALIAS, t.value);
    }
    const startMark = t.start;
    let anchor = '';
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let tagMark: Mark = t.start;
    if (t.t === TK_ANCHOR) {
      anchor = t.value;
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t === TK_TAG) {
        tagToken = true;
        tagHandle = t.value;
        tagSuffix = t.suffix;
        tagMark = t.start;
        this.sc.skipToken();
        t = this.sc.peekToken();
      }
    } else if (t.t === TK_TAG) {
      tagToken = true;
      tagHandle = t.value;
      tagSuffix = t.suffix;
      tagMark = t.start;
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t === TK_ANCHOR) {
        anchor = t.value;
        this.sc.skipToken();
        t = this.sc.peekToken();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle.length === 0) {
        tag = tagSuffix;
      } else {
        const d = this.tagDirectives.find(([h]) => h === tagHandle);
        if (d) tag = d[1] + tagSuffix;
        if (tag.length === 0) this.error('found undefined tag handle', tagMark, startMark);
      }
    }
    const implicit = tag.length === 0;
    if (indentlessSequence && t.t === TK_BLOCK_ENTRY) {
      this.state = PS_INDENTLESS_SEQUENCE_ENTRY;
      return ev(EV_SEQUENCE_START, anchor, tag, '', implicit);
    }
    if (t.t === TK_SCALAR) {
      const plainImplicit = (tag.length === 0 && t.style === ST_PLAIN) || tag === '!';
      this.pop();
      this.sc.skipToken();
      return ev(EV_SCALAR, anchor, tag, t.value, plainImplicit, t.style);
    }
    if (t.t === TK_FLOW_SEQUENCE_START) {
      this.state = PS_FLOW_SEQUENCE_FIRST_ENTRY;
      return ev(EV_SEQUENCE_START, anchor, tag, '', implicit);
    }
    if (t.t === TK_FLOW_MAPPING_START) {
      this.state = PS_FLOW_MAPPING_FIRST_KEY;
      return ev(EV_MAPPING_START, anchor, tag, '', implicit);
    }
    if (block && t.t === TK_BLOCK_SEQUENCE_START) {
      this.state = PS_BLOCK_SEQUENCE_FIRST_ENTRY;
      return ev(EV_SEQUENCE_START, anchor, tag, '', implicit);
    }
    if (block && t.t === TK_BLOCK_MAPPING_START) {
      this.state = PS_BLOCK_MAPPING_FIRST_KEY;
      return ev(EV_MAPPING_START, anchor, tag, '', implicit);
    }
    if (anchor.length > 0 || tag.length > 0) {
      this.pop();
      return ev(EV_SCALAR, anchor, tag, '', implicit, ST_PLAIN);
    }
    this.error('did not find expected node content', t.start, startMark);
  }

  private blockSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.sc.peekToken().start);
      this.sc.skipToken();
    }
    let t = this.sc.peekToken();
    if (t.t === TK_BLOCK_ENTRY) {
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t !== TK_BLOCK_ENTRY && t.t !== TK_BLOCK_END) {
        this.states.push(PS_BLOCK_SEQUENCE_ENTRY);
        return this.node(true, false);
      }
      this.state = PS_BLOCK_SEQUENCE_ENTRY;
      return this.emptyScalar();
    }
    if (t.t === TK_BLOCK_END) {
      this.pop();
      this.marks.pop();
      this.sc.skipToken();
      return ev(EV_SEQUENCE_END);
    }
    const ctx = this.marks.pop()!;
    this.error("did not find expected '-' indicator", t.start, ctx);
  }

  private indentlessSequenceEntry(): Event {
    let t = this.sc.peekToken();
    if (t.t === TK_BLOCK_ENTRY) {
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t !== TK_BLOCK_ENTRY && t.t !== TK_KEY && t.t !== TK_VALUE && t.t !== TK_BLOCK_END) {
        this.states.push(PS_INDENTLESS_SEQUENCE_ENTRY);
        return this.node(true, false);
      }
      this.state = PS_INDENTLESS_SEQUENCE_ENTRY;
      return this.emptyScalar();
    }
    this.pop();
    return ev(EV_SEQUENCE_END);
  }

  private blockMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.sc.peekToken().start);
      this.sc.skipToken();
    }
    let t = this.sc.peekToken();
    if (t.t === TK_KEY) {
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t !== TK_KEY && t.t !== TK_VALUE && t.t !== TK_BLOCK_END) {
        this.states.push(PS_BLOCK_MAPPING_VALUE);
        return this.node(true, true);
      }
      this.state = PS_BLOCK_MAPPING_VALUE;
      return this.emptyScalar();
    }
    if (t.t === TK_BLOCK_END) {
      this.pop();
      this.marks.pop();
      this.sc.skipToken();
      return ev(EV_MAPPING_END);
    }
    const ctx = this.marks.pop()!;
    this.error('did not find expected key', t.start, ctx);
  }

  private blockMappingValue(): Event {
    let t = this.sc.peekToken();
    if (t.t === TK_VALUE) {
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t !== TK_KEY && t.t !== TK_VALUE && t.t !== TK_BLOCK_END) {
        this.states.push(PS_BLOCK_MAPPING_KEY);
        return this.node(true, true);
      }
      this.state = PS_BLOCK_MAPPING_KEY;
      return this.emptyScalar();
    }
    this.state = PS_BLOCK_MAPPING_KEY;
    return this.emptyScalar();
  }

  private flowSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.sc.peekToken().start);
      this.sc.skipToken();
    }
    let t = this.sc.peekToken();
    if (t.t !== TK_FLOW_SEQUENCE_END) {
      if (!first) {
        if (t.t === TK_FLOW_ENTRY) {
          this.sc.skipToken();
          t = this.sc.peekToken();
        } else {
          const ctx = this.marks.pop()!;
          this.error("did not find expected ',' or ']'", t.start, ctx);
        }
      }
      if (t.t === TK_KEY) {
        this.state = PS_FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        this.sc.skipToken();
        return ev(EV_MAPPING_START, '', '', '', true);
      } else if (t.t !== TK_FLOW_SEQUENCE_END) {
        this.states.push(PS_FLOW_SEQUENCE_ENTRY);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.sc.skipToken();
    return ev(EV_SEQUENCE_END);
  }

  private flowSequenceEntryMappingKey(): Event {
    const t = this.sc.peekToken();
    if (t.t !== TK_VALUE && t.t !== TK_FLOW_ENTRY && t.t !== TK_FLOW_SEQUENCE_END) {
      this.states.push(PS_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      return this.node(false, false);
    }
    this.sc.skipToken();
    this.state = PS_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    return this.emptyScalar();
  }

  private flowSequenceEntryMappingValue(): Event {
    let t = this.sc.peekToken();
    if (t.t === TK_VALUE) {
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t !== TK_FLOW_ENTRY && t.t !== TK_FLOW_SEQUENCE_END) {
        this.states.push(PS_FLOW_SEQUENCE_ENTRY_MAPPING_END);
        return this.node(false, false);
      }
    }
    this.state = PS_FLOW_SEQUENCE_ENTRY_MAPPING_END;
    return this.emptyScalar();
  }

  private flowMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.sc.peekToken().start);
      this.sc.skipToken();
    }
    let t = this.sc.peekToken();
    if (t.t !== TK_FLOW_MAPPING_END) {
      if (!first) {
        if (t.t === TK_FLOW_ENTRY) {
          this.sc.skipToken();
          t = this.sc.peekToken();
        } else {
          const ctx = this.marks.pop()!;
          this.error("did not find expected ',' or '}'", t.start, ctx);
        }
      }
      if (t.t === TK_KEY) {
        this.sc.skipToken();
        t = this.sc.peekToken();
        if (t.t !== TK_VALUE && t.t !== TK_FLOW_ENTRY && t.t !== TK_FLOW_MAPPING_END) {
          this.states.push(PS_FLOW_MAPPING_VALUE);
          return this.node(false, false);
        }
        this.state = PS_FLOW_MAPPING_VALUE;
        return this.emptyScalar();
      } else if (t.t !== TK_FLOW_MAPPING_END) {
        this.states.push(PS_FLOW_MAPPING_EMPTY_VALUE);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.sc.skipToken();
    return ev(EV_MAPPING_END);
  }

  private flowMappingValue(empty: boolean): Event {
    let t = this.sc.peekToken();
    if (empty) {
      this.state = PS_FLOW_MAPPING_KEY;
      return this.emptyScalar();
    }
    if (t.t === TK_VALUE) {
      this.sc.skipToken();
      t = this.sc.peekToken();
      if (t.t !== TK_FLOW_ENTRY && t.t !== TK_FLOW_MAPPING_END) {
        this.states.push(PS_FLOW_MAPPING_KEY);
        return this.node(false, false);
      }
    }
    this.state = PS_FLOW_MAPPING_KEY;
    return this.emptyScalar();
  }
}

// ---------------------------------------------------------------------------------------------------
// Composer: events → node tree (yaml.v2 parser.parse), one document

const N_SCALAR = 1;
const N_MAPPING = 2;
const N_SEQUENCE = 3;
const N_ALIAS = 4;

interface YNode {
  kind: number;
  tag: string;
  value: string; // scalar value or alias name
  implicit: boolean;
  children: YNode[];
  alias: YNode | null;
}

function compose(text: string): YNode | null {
  const p = new Parser(new Scanner(text.length === 0 ? '\n' : text));
  let e = p.next();
  if (e.t !== EV_STREAM_START) throw new GoYamlError('yaml: expected STREAM-START');
  e = p.next();
  if (e.t === EV_STREAM_END) return null;
  if (e.t !== EV_DOCUMENT_START) throw new GoYamlError('yaml: attempted to parse unknown event');
  const anchors = new Map<string, YNode>();
  const stack: YNode[] = [];
  let root: YNode | null = null;
  for (;;) {
    e = p.next();
    let node: YNode;
    switch (e.t) {
      case EV_SCALAR:
        node = { kind: N_SCALAR, tag: e.tag, value: e.value, implicit: e.implicit, children: [], alias: null };
        if (e.anchor) anchors.set(e.anchor, node);
        break;
      case EV_ALIAS: {
        const target = anchors.get(e.anchor);
        if (!target) throw new GoYamlError(`yaml: unknown anchor '${e.anchor}' referenced`);
        node = { kind: N_ALIAS, tag: '', value: e.anchor, implicit: false, children: [], alias: target };
        break;
      }
      case EV_MAPPING_START:
      case EV_SEQUENCE_START:
        node = {
          kind: e.t === EV_MAPPING_START ? N_MAPPING : N_SEQUENCE,
          tag: e.tag,
          value: '',
          implicit: e.implicit,
          children: [],
          alias: null,
        };
        if (e.anchor) anchors.set(e.anchor, node);
        if (stack.length) stack[stack.length - 1]!.children.push(node);
        stack.push(node);
        continue;
      case EV_MAPPING_END:
      case EV_SEQUENCE_END:
        node = stack.pop()!;
        if (stack.length) continue;
        root = node;
        break;
      case EV_STREAM_END:
        throw new GoYamlError('yaml: attempted to go past the end of stream; corrupted value?');
      default:
        throw new GoYamlError('yaml: unexpected event');
    }
    if (root) break;
    if (stack.length) {
      stack[stack.length - 1]!.children.push(node);
      continue;
    }
    root = node;
    break;
  }
  e = p.next();
  if (e.t !== EV_DOCUMENT_END) throw new GoYamlError('yaml: expected DOCUMENT-END');
  return root;
}

// ---------------------------------------------------------------------------------------------------
// Scalar resolution (yaml.v2 resolve.go) and decoding into interface{} values

const TAG_PREFIX = 'tag:yaml.org,2002:';
const TAG_STR = TAG_PREFIX + 'str';
const TAG_BOOL = TAG_PREFIX + 'bool';
const TAG_INT = TAG_PREFIX + 'int';
const TAG_FLOAT = TAG_PREFIX + 'float';
const TAG_NULL = TAG_PREFIX + 'null';
const TAG_TIMESTAMP = TAG_PREFIX + 'timestamp';
const TAG_BINARY = TAG_PREFIX + 'binary';
const TAG_MERGE = TAG_PREFIX + 'merge';

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? '!!' + tag.slice(TAG_PREFIX.length) : tag;
}

const RESOLVE_MAP = new Map<string, [string, unknown]>();
for (const [v, tag, list] of [
  [true, TAG_BOOL, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, TAG_BOOL, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, TAG_NULL, ['', '~', 'null', 'Null', 'NULL']],
  [NaN, TAG_FLOAT, ['.nan', '.NaN', '.NAN']],
  [Infinity, TAG_FLOAT, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, TAG_FLOAT, ['-.inf', '-.Inf', '-.INF']],
  ['<<', TAG_MERGE, ['<<']],
] as [unknown, string, string[]][]) {
  for (const s of list) RESOLVE_MAP.set(s, [tag, v]);
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go strconv.ParseInt/ParseUint(s, 0, 64) syntax (no underscores: callers removed them). */
function parseGoInt(s: string, signed: boolean): bigint | null {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    if (!signed) return null;
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let radix = 10;
  if (body.length >= 2 && body[0] === '0') {
    const p = body[1]!.toLowerCase();
    if (p === 'x') {
      radix = 16;
      body = body.slice(2);
    } else if (p === 'o') {
      radix = 8;
      body = body.slice(2);
    } else if (p === 'b') {
      radix = 2;
      body = body.slice(2);
    } else {
      radix = 8;
      body = body.slice(1);
    }
  }
  if (!body) return null;
  const re = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : radix === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!re.test(body)) return null;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return null;
  return v;
}

/** Go strconv.ParseFloat(s, 64) for decimal input: null on syntax or range error. */
function parseGoFloat(s: string): number | null {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s[0] === '-' ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
    if (!m || (m[2] === '' && !m[3])) return null;
    const mant = parseInt((m[2] || '0') + (m[3] || ''), 16) / Math.pow(16, (m[3] || '').length);
    const v = mant * Math.pow(2, Number(m[4]));
    if (!Number.isFinite(v)) return null;
    return m[1] === '-' ? -v : v;
  }
  if (s.indexOf('_') >= 0) {
    if (!underscoreOK(s)) return null;
    s = s.replace(/_/g, '');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  return v;
}

/** Go strconv underscoreOK (decimal form): `_` only between digits. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** yaml.v2 parseTimestamp: YYYY-M-D, optional [Tt ]h:m:s[.frac][Z|±hh:mm]. */
export function isYamlTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/s.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return false;
  const dim = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > dim) return false;
  const rest = m[4]!;
  if (rest === '') return true;
  const t = /^([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(.*)$/s.exec(rest);
  if (!t) return false;
  if (Number(t[2]) > 23 || Number(t[3]) > 59 || Number(t[4]) > 59) return false;
  const zone = t[6]!;
  if (t[1] === ' ') return zone === '';
  if (zone === 'Z') return true;
  const z = /^[+-](\d{2}):(\d{2})$/.exec(zone);
  if (!z) return false;
  return Number(z[1]) <= 24 && Number(z[2]) <= 60;
}

// Result of the last resolve(): Go type of the value, for map keys.
const K_STR = 0;
const K_BOOL = 1;
const K_INT = 2;
const K_UINT = 3;
const K_FLOAT = 4;
const K_NULL = 5;
let lastKind = K_STR;
let lastIntText = '';

function resolvePlain(tag: string, inp: string): [string, unknown] {
  const c = inp.length ? inp.charCodeAt(0) : -1;
  const hint =
    c === -1
      ? 'N'
      : c === 0x2b || c === 0x2d
        ? 'S'
        : c >= 0x30 && c <= 0x39
          ? 'D'
          : 'yYnNtTfFoO~'.indexOf(inp[0]!) >= 0
            ? 'M'
            : c === 0x2e
              ? '.'
              : '';
  if (hint && tag !== TAG_STR && tag !== TAG_BINARY) {
    const item = RESOLVE_MAP.get(inp);
    if (item) return item;
    if (hint === '.') {
      const f = parseGoFloat(inp);
      if (f !== null) return [TAG_FLOAT, f];
    } else if (hint === 'D' || hint === 'S') {
      if ((tag === '' || tag === TAG_TIMESTAMP) && isYamlTimestamp(inp)) return [TAG_TIMESTAMP, inp];
      const plain = inp.replace(/_/g, '');
      let iv = parseGoInt(plain, true);
      if (iv !== null) {
        lastIntText = iv.toString();
        return [TAG_INT, Number(iv)];
      }
      iv = parseGoInt(plain, false);
      if (iv !== null) {
        lastIntText = iv.toString();
        return [TAG_INT + '#u', Number(iv)];
      }
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== null) return [TAG_FLOAT, f];
      }
      if (plain.startsWith('0b') || plain.startsWith('-0b')) {
        const b = plain.startsWith('-') ? '-' + plain.slice(3) : plain.slice(2);
        if (/^-?[01]+$/.test(b)) {
          const v = BigInt(b.startsWith('-') ? '-0b' + b.slice(1) : '0b' + b);
          if (v >= INT64_MIN && v <= UINT64_MAX) {
            lastIntText = v.toString();
            return [v > INT64_MAX ? TAG_INT + '#u' : TAG_INT, Number(v)];
          }
        }
      }
    }
  }
  return [TAG_STR, inp];
}

/** yaml.v2 resolve() including the tag check; sets lastKind. */
function resolve(tag: string, inp: string): unknown {
  if (tag !== '' && tag !== TAG_STR && tag !== TAG_BOOL && tag !== TAG_INT && tag !== TAG_FLOAT && tag !== TAG_NULL && tag !== TAG_TIMESTAMP) {
    lastKind = K_STR;
    if (tag === TAG_BINARY) return decodeBinary(inp);
    return inp;
  }
  let [rtag, out] = resolvePlain(tag, inp);
  let kind =
    rtag === TAG_BOOL ? K_BOOL : rtag === TAG_INT ? K_INT : rtag === TAG_INT + '#u' ? K_UINT : rtag === TAG_FLOAT ? K_FLOAT : rtag === TAG_NULL ? K_NULL : K_STR;
  if (rtag === TAG_INT + '#u') rtag = TAG_INT;
  if (!(tag === '' || tag === rtag || tag === TAG_STR || tag === TAG_BINARY)) {
    if (tag === TAG_FLOAT && rtag === TAG_INT && kind === K_INT) {
      kind = K_FLOAT;
    } else {
      throw new GoYamlError(`yaml: cannot decode ${shortTag(rtag)} \`${inp}\` as a ${shortTag(tag)}`);
    }
  }
  if (rtag === TAG_TIMESTAMP) kind = K_STR; // kept as the original string
  if (rtag === TAG_MERGE) kind = K_STR;
  lastKind = kind;
  return out;
}

function decodeBinary(s: string): string {
  // Go base64.StdEncoding.DecodeString: padding required, \r and \n ignored.
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    throw new GoYamlError('yaml: !!binary value contains invalid base64 data');
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

/** Go strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml formats float map keys. */
function formatFloat32Key(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  const x = Math.fround(f);
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let digits = '';
  for (let p = 1; p <= 9; p++) {
    const cand = x.toPrecision(p);
    if (Math.fround(Number(cand)) === x) {
      digits = cand;
      break;
    }
  }
  return goFormatG(Number(digits), digits);
}

/**
 * Go strconv.FormatFloat(v, 'g', -1, 64) given the shortest decimal digits of v (`repr` when the
 * digits come from a narrower type): %e form when the decimal exponent is < -4 or >= 6.
 */
export function goFormatG(v: number, repr?: string): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  const e = (repr !== undefined ? Math.abs(Number(repr)) : Math.abs(v)).toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
  const digs = (m[1]! + (m[2] ?? '')).replace(/0+$/, '') || '0';
  const exp = Number(m[3]);
  let out: string;
  if (exp < -4 || exp >= 6) {
    const mant = digs.length > 1 ? `${digs[0]}.${digs.slice(1)}` : digs;
    const ae = Math.abs(exp);
    out = `${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digs}`;
  } else if (digs.length <= exp + 1) {
    out = digs + '0'.repeat(exp + 1 - digs.length);
  } else {
    out = `${digs.slice(0, exp + 1)}.${digs.slice(exp + 1)}`;
  }
  return neg ? '-' + out : out;
}

function isMerge(n: YNode): boolean {
  return n.kind === N_SCALAR && n.value === '<<' && (n.implicit || n.tag === TAG_MERGE);
}

export interface GoYamlResult {
  value: unknown;
  /** Deepest JSON nesting of the converted value (the top-level container counts 1). */
  depth: number;
}

/** Sets an own property even for "__proto__". */
export function setKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

// Go %#v-like rendering of a decoded value, for sigs.k8s.io/yaml's "unsupported map key" message.
function goSharpV(v: unknown, nested = false): string {
  if (v === null || v === undefined) return nested ? 'interface {}(nil)' : '<nil>';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, true)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `map[interface {}]interface {}{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${goSharpV(o[k], true)}`)
    .join(', ')}}`;
}

// Decoder tasks (explicit stack; the order of visits matches yaml.v2's recursive decoder so that the
// excessive-aliasing accounting trips at the same point).
const D_UNMARSHAL = 0;
const D_ALIAS_EXIT = 1;
const D_MAP_PAIR = 2;
const D_SET_KEY = 3;
const D_SET_VALUE = 4;
const D_SEQ_ITEM = 5;
const D_APPEND = 6;
const D_MERGE_CHILD = 7;

interface Task {
  t: number;
  n: YNode | null;
  into: Record<string, unknown> | null; // merge target / map being filled
  arr: unknown[] | null;
  i: number;
  depth: number;
  key: string;
}

function task(t: number, n: YNode | null, into: Record<string, unknown> | null, i = 0, depth = 0, arr: unknown[] | null = null, key = ''): Task {
  return { t, n, into, arr, i, depth, key };
}

/**
 * sigs.k8s.io/yaml YAMLToJSON up to (not including) the JSON text: the first document of `text` decoded
 * as yaml.v2 does, keys converted to strings. Throws GoYamlError with the Go message
 * (`yaml: line 3: ...`, `unsupported map key of type: ...`, `json: unsupported value: NaN`).
 */
export function goYamlToValue(text: string): GoYamlResult {
  const root = compose(text);
  if (root === null) return { value: null, depth: 0 };

  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  const active = new Set<YNode>();
  let keyError: string | null = null;
  let nonFinite = false;
  let maxDepth = 0;

  const vals: unknown[] = [];
  const stack: Task[] = [task(D_UNMARSHAL, root, null, 0, 0)];

  const allowedRatio = (count: number): number => {
    if (count <= 400000) return 0.99;
    if (count >= 4000000) return 0.1;
    return 0.99 - 0.89 * ((count - 400000) / 3600000);
  };

  while (stack.length) {
    const tk = stack.pop()!;
    switch (tk.t) {
      case D_UNMARSHAL: {
        const n = tk.n!;
        decodeCount++;
        if (aliasDepth > 0) aliasCount++;
        if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedRatio(decodeCount)) {
          throw new GoYamlError('yaml: document contains excessive aliasing');
        }
        if (n.kind === N_ALIAS) {
          if (active.has(n)) throw new GoYamlError(`yaml: anchor '${n.value}' value contains itself`);
          active.add(n);
          aliasDepth++;
          stack.push(task(D_ALIAS_EXIT, n, null));
          stack.push(task(D_UNMARSHAL, n.alias, tk.into, 0, tk.depth));
          break;
        }
        if (n.kind === N_SCALAR) {
          let v: unknown;
          if (n.tag === '' && !n.implicit) {
            lastKind = K_STR;
            v = n.value;
          } else {
            v = resolve(n.tag, n.value);
          }
          if (typeof v === 'number' && !Number.isFinite(v)) nonFinite = true;
          vals.push(v);
          break;
        }
        const depth = tk.depth + 1;
        if (depth > maxDepth) maxDepth = depth;
        if (n.kind === N_MAPPING) {
          let obj = tk.into;
          if (!obj) {
            obj = {};
            vals.push(obj);
          }
          if (n.children.length) stack.push(task(D_MAP_PAIR, n, obj, 0, depth));
        } else {
          const arr: unknown[] = [];
          vals.push(arr);
          if (n.children.length) stack.push(task(D_SEQ_ITEM, n, null, 0, depth, arr));
        }
        break;
      }
      case D_ALIAS_EXIT:
        aliasDepth--;
        active.delete(tk.n!);
        break;
      case D_MAP_PAIR: {
        const n = tk.n!;
        const i = tk.i;
        if (2 * (i + 1) < n.children.length) {
          stack.push(task(D_MAP_PAIR, n, tk.into, i + 1, tk.depth));
        }
        const k = n.children[2 * i]!;
        const v = n.children[2 * i + 1]!;
        if (isMerge(k)) {
          // yaml.v2 d.merge
          if (v.kind === N_MAPPING) {
            stack.push(task(D_UNMARSHAL, v, tk.into, 0, tk.depth - 1));
          } else if (v.kind === N_ALIAS) {
            if (v.alias && v.alias.kind !== N_MAPPING) throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
            stack.push(task(D_UNMARSHAL, v, tk.into, 0, tk.depth - 1));
          } else if (v.kind === N_SEQUENCE) {
            // Processed last to first: earlier entries take precedence.
            for (let j = 0; j < v.children.length; j++) stack.push(task(D_MERGE_CHILD, v.children[j]!, tk.into, 0, tk.depth - 1));
          } else {
            throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
          }
          break;
        }
        stack.push(task(D_SET_KEY, v, tk.into, 0, tk.depth));
        stack.push(task(D_UNMARSHAL, k, null, 0, tk.depth));
        break;
      }
      case D_MERGE_CHILD: {
        const c = tk.n!;
        if (c.kind === N_ALIAS) {
          if (c.alias && c.alias.kind !== N_MAPPING) throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
        } else if (c.kind !== N_MAPPING) {
          throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
        }
        stack.push(task(D_UNMARSHAL, c, tk.into, 0, tk.depth));
        break;
      }
      case D_SET_KEY: {
        const k = vals.pop();
        if (k !== null && typeof k === 'object') {
          throw new GoYamlError(`yaml: invalid map key: ${goSharpV(k)}`);
        }
        let ks: string;
        switch (lastKind) {
          case K_STR:
            ks = k as string;
            break;
          case K_BOOL:
            ks = k ? 'true' : 'false';
            break;
          case K_INT:
            ks = lastIntText;
            break;
          case K_FLOAT:
            ks = formatFloat32Key(k as number);
            break;
          case K_UINT:
            ks = '';
            if (!keyError) keyError = `unsupported map key of type: uint64, key: 0x${BigInt(lastIntText).toString(16)}, value: `;
            break;
          default:
            ks = '';
            if (!keyError) keyError = 'unsupported map key of type: %!s(<nil>), key: <nil>, value: ';
        }
        const keyFailed = lastKind === K_UINT || lastKind === K_NULL;
        stack.push(task(D_SET_VALUE, null, tk.into, keyFailed ? 1 : 0, tk.depth, null, ks));
        stack.push(task(D_UNMARSHAL, tk.n, null, 0, tk.depth));
        break;
      }
      case D_SET_VALUE: {
        const v = vals.pop();
        if (tk.i === 1) {
          if (keyError && keyError.endsWith('value: ')) keyError += goSharpV(v);
          break;
        }
        setKey(tk.into!, tk.key, v);
        break;
      }
      case D_SEQ_ITEM: {
        const n = tk.n!;
        if (tk.i + 1 < n.children.length) stack.push(task(D_SEQ_ITEM, n, null, tk.i + 1, tk.depth, tk.arr));
        stack.push(task(D_APPEND, null, null, 0, 0, tk.arr));
        stack.push(task(D_UNMARSHAL, n.children[tk.i]!, null, 0, tk.depth));
        break;
      }
      case D_APPEND:
        tk.arr!.push(vals.pop());
        break;
    }
  }
  const value = vals.pop();
  if (keyError) throw new GoYamlError(keyError);
  if (nonFinite) {
    const bad = firstNonFinite(value);
    if (bad !== undefined) {
      throw new GoYamlError(`json: unsupported value: ${Number.isNaN(bad) ? 'NaN' : bad > 0 ? '+Inf' : '-Inf'}`);
    }
  }
  return { value, depth: maxDepth };
}

/** The first NaN/±Inf in Go's json.Marshal order (map keys sorted). */
function firstNonFinite(v: unknown): number | undefined {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) return x;
    } else if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    } else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const keys = Object.keys(o).sort(compareGoStrings).reverse();
      for (const k of keys) stack.push(o[k]);
    }
  }
  return undefined;
}

/** Go string comparison (UTF-8 byte order), which differs from UTF-16 order only around surrogates. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Map surrogates above the U+E000–U+FFFF block so code point order (= UTF-8 order) results.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** Go's json.Marshal float formatting check helper: is `s` an integer that fits int64 / uint64? */
export function yamlIntKind(s: string): 'int' | 'uint' | null {
  if (!/^-?\d+$/.test(s)) return null;
  const v = BigInt(s);
  if (v >= INT64_MIN && v <= INT64_MAX) return 'int';
  if (v >= 0n && v <= UINT64_MAX) return 'uint';
  return null;
}

/** yaml.v2 resolve("", s): the tag a plain scalar `s` would get (used when choosing output styles). */
export function resolvesAsString(s: string): boolean {
  const [tag] = resolvePlain('', s);
  return tag === TAG_STR;
}
