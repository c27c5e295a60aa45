// A small, honest POSIX shell: what `sh -c '…'` (busybox ash, dash) or `bash -c '…'` does with the
// commands kubesim simulates. Lists (`;`, `&&`, `||`, newlines), pipelines, `if`/`for`/`while`/`until`,
// `{ …; }` and `( … )`, assignments and `export`, `$VAR`/`${VAR}`/`${VAR:-x}`/`$?`/`$(…)`/`` `…` ``/
// `$((…))` expansion with field splitting and globbing, redirections (`>`, `>>`, `<`, `2>`, `2>&1`,
// `>&2`, `&>`) and the usual builtins. Anything outside that subset is refused with a message that says
// so, never guessed. Time only moves through `sleep` (a virtual clock the caller reads), so container
// output can be generated lazily up to any instant.
import type { ContainerFs } from './vfs';
import { FsError, ERRNO_TEXT, normalize } from './vfs';

export type Dialect = 'ash' | 'dash' | 'bash';

// ---------------------------------------------------------------- words

type Part =
  | { t: 'lit'; s: string; q: boolean } // q: quoted (no splitting, no globbing)
  | { t: 'var'; name: string; op?: string; arg?: Word; q: boolean }
  | { t: 'cmd'; src: string; q: boolean }
  | { t: 'arith'; expr: string; q: boolean };
type Word = Part[];

interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>';
  target: Word;
}

type Node =
  | { k: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[]; line: number }
  | { k: 'pipe'; cmds: Node[]; bang: boolean }
  | { k: 'andor'; first: Node; rest: { op: '&&' | '||'; node: Node }[] }
  | { k: 'list'; items: Node[] }
  | { k: 'group'; body: Node; sub: boolean; redirs: Redir[] }
  | { k: 'if'; branches: { cond: Node; body: Node }[]; els?: Node; redirs: Redir[] }
  | { k: 'for'; name: string; items?: Word[]; body: Node; redirs: Redir[] }
  | { k: 'while'; until: boolean; cond: Node; body: Node; redirs: Redir[] };

export class ShellSyntaxError extends Error {
  constructor(
    readonly near: string,
    readonly line: number,
    /** The reserved word the parser was waiting for (dash and ash name it). */
    readonly expecting?: string,
  ) {
    super(near);
  }
}

/** A construct the simulated shell does not implement (reported honestly, never faked). */
export class Unsupported extends Error {}

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}', '!', 'case', 'esac', 'function', 'select']);

interface Tok {
  kind: 'word' | 'op' | 'nl' | 'eof';
  text: string;
  word?: Word;
  /** Unquoted literal text of a word (for reserved words and assignments). */
  plain?: string;
  line: number;
}

class Lexer {
  i = 0;
  line = 1;
  constructor(private readonly s: string) {}

  private peekc(o = 0): string {
    return this.s[this.i + o] ?? '';
  }

  next(): Tok {
    // blanks and comments
    for (;;) {
      const c = this.peekc();
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && this.peekc(1) === '\n') {
        this.i += 2;
        this.line++;
      } else if (c === '#') {
        while (this.i < this.s.length && this.peekc() !== '\n') this.i++;
      } else break;
    }
    const line = this.line;
    if (this.i >= this.s.length) return { kind: 'eof', text: '', line };
    const c = this.peekc();
    if (c === '\n') {
      this.i++;
      this.line++;
      return { kind: 'nl', text: '\n', line };
    }
    for (const op of ['&&', '||', ';;', '>>', '>&', '<&', '&>', '<<', '>|', '|', '&', ';', '(', ')', '<', '>']) {
      if (this.s.startsWith(op, this.i)) {
        this.i += op.length;
        return { kind: 'op', text: op, line };
      }
    }
    // a word, possibly `2>` (an fd number directly before a redirection)
    const m = /^\d+(?=[<>])/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      const op = ['>>', '>&', '<&', '>', '<'].find((o) => this.s.startsWith(o, this.i))!;
      this.i += op.length;
      return { kind: 'op', text: `${m[0]}${op}`, line };
    }
    const start = this.i;
    const word = this.readWord();
    const raw = this.s.slice(start, this.i);
    const plain = word.every((p) => p.t === 'lit' && !p.q) ? word.map((p) => (p as { s: string }).s).join('') : undefined;
    return { kind: 'word', text: raw, word, plain, line };
  }

  private readWord(stopAtParen = false): Word {
    const parts: Word = [];
    let lit = '';
    const flush = (q = false) => {
      if (lit) parts.push({ t: 'lit', s: lit, q });
      lit = '';
    };
    while (this.i < this.s.length) {
      const c = this.peekc();
      if (' \t\n;&|<>'.includes(c) || (c === '(' && !stopAtParen) || c === ')') break;
      if (c === '\\') {
        flush();
        const n = this.peekc(1);
        this.i += 2;
        if (n === '\n') {
          this.line++;
          continue;
        }
        parts.push({ t: 'lit', s: n, q: true });
        continue;
      }
      if (c === "'") {
        flush();
        const end = this.s.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string', this.line, "'");
        const text = this.s.slice(this.i + 1, end);
        this.line += (text.match(/\n/g) ?? []).length;
        parts.push({ t: 'lit', s: text, q: true });
        this.i = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.i++;
        parts.push(...this.readDouble());
        continue;
      }
      if (c === '$' || c === '`') {
        flush();
        parts.push(this.readDollar(false));
        continue;
      }
      lit += c;
      this.i++;
    }
    flush();
    return parts;
  }

  private readDouble(): Word {
    const parts: Word = [];
    let lit = '';
    const flush = () => {
      parts.push({ t: 'lit', s: lit, q: true });
      lit = '';
    };
    for (;;) {
      if (this.i >= this.s.length) throw new ShellSyntaxError('unterminated quoted string', this.line, '"');
      const c = this.peekc();
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = this.peekc(1);
        if ('$`"\\\n'.includes(n)) {
          if (n !== '\n') lit += n;
          this.i += 2;
          continue;
        }
        lit += c;
        this.i++;
        continue;
      }
      if (c === '$' || c === '`') {
        if (lit) flush();
        const p = this.readDollar(true);
        parts.push(p);
        continue;
      }
      if (c === '\n') this.line++;
      lit += c;
      this.i++;
    }
    flush();
    return parts;
  }

  /** `$name`, `${…}`, `$(…)`, `$((…))`, `` `…` `` at the cursor. */
  private readDollar(q: boolean): Part {
    const c = this.peekc();
    if (c === '`') {
      const end = this.s.indexOf('`', this.i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated quoted string', this.line);
      const src = this.s.slice(this.i + 1, end).replace(/\\([`$\\])/g, '$1');
      this.i = end + 1;
      return { t: 'cmd', src, q };
    }
    const n = this.peekc(1);
    if (n === '(' && this.peekc(2) === '(') {
      const end = this.matchParen(this.i + 1);
      const inner = this.s.slice(this.i + 3, end - 1);
      this.i = end + 1;
      return { t: 'arith', expr: inner, q };
    }
    if (n === '(') {
      const end = this.matchParen(this.i + 1);
      const src = this.s.slice(this.i + 2, end);
      this.i = end + 1;
      return { t: 'cmd', src, q };
    }
    if (n === '{') {
      const end = this.s.indexOf('}', this.i + 2);
      if (end < 0) throw new ShellSyntaxError('missing }', this.line);
      const body = this.s.slice(this.i + 2, end);
      this.i = end + 1;
      const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(?:(:?[-=+?])(.*))?$/s.exec(body);
      if (!m) throw new Unsupported(`\${${body}}`);
      if (m[1]) return { t: 'var', name: m[2]!, op: '#len', q };
      const arg = m[3] ? new Lexer(m[4] ?? '').readWordAll() : undefined;
      return { t: 'var', name: m[2]!, op: m[3], arg, q };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?$#@*!-])/.exec(this.s.slice(this.i + 1));
    if (!m) {
      this.i++;
      return { t: 'lit', s: '$', q: true };
    }
    this.i += 1 + m[1]!.length;
    return { t: 'var', name: m[1]!, q };
  }

  /** Everything as one word (the operand of `${x:-…}`). */
  readWordAll(): Word {
    const parts: Word = [];
    while (this.i < this.s.length) {
      const w = this.readWord(true);
      parts.push(...w);
      if (this.i < this.s.length) parts.push({ t: 'lit', s: this.s[this.i++]!, q: false });
    }
    return parts;
  }

  private matchParen(open: number): number {
    let depth = 0;
    for (let j = open; j < this.s.length; j++) {
      const c = this.s[j]!;
      if (c === "'") {
        j = this.s.indexOf("'", j + 1);
        if (j < 0) break;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j;
    }
    throw new ShellSyntaxError('unterminated $(', this.line);
  }
}

class Parser {
  private tok: Tok;
  private readonly lx: Lexer;
  constructor(src: string) {
    this.lx = new Lexer(src);
    this.tok = this.lx.next();
  }

  /** The current token (a call, so narrowing does not survive `advance()`). */
  private peek(): Tok {
    return this.tok;
  }

  private advance(): Tok {
    const t = this.tok;
    this.tok = this.lx.next();
    return t;
  }

  private isWord(w: string): boolean {
    return this.tok.kind === 'word' && this.tok.plain === w;
  }

  private expectWord(w: string): void {
    if (!this.isWord(w)) throw this.unexpected(w);
    this.advance();
  }

  private unexpected(expecting?: string): ShellSyntaxError {
    const t = this.tok;
    return new ShellSyntaxError(t.kind === 'eof' ? 'end of file' : t.kind === 'nl' ? 'newline' : t.text, t.line, expecting);
  }

  private skipNewlines(): void {
    while (this.tok.kind === 'nl') this.advance();
  }

  parseAll(): Node {
    const n = this.list(new Set());
    if (this.tok.kind !== 'eof') throw this.unexpected();
    return n;
  }

  /** A list ending at one of the `stop` reserved words (or `)`/`}`/eof). */
  private list(stop: Set<string>): Node {
    const items: Node[] = [];
    this.skipNewlines();
    while (this.tok.kind !== 'eof') {
      if (this.tok.kind === 'word' && this.tok.plain !== undefined && stop.has(this.tok.plain)) break;
      if (this.tok.kind === 'op' && this.tok.text === ')') break;
      items.push(this.andOr());
      if (this.tok.kind === 'op' && (this.tok.text === ';' || this.tok.text === '&')) this.advance();
      else if (this.tok.kind === 'nl') {
        /* next command */
      } else if (!(this.peek().kind === 'eof' || (this.peek().kind === 'op' && this.peek().text === ')') || (this.peek().kind === 'word' && stop.has(this.peek().plain ?? ''))))
        throw this.unexpected();
      this.skipNewlines();
    }
    return { k: 'list', items };
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    while (this.tok.kind === 'op' && (this.tok.text === '&&' || this.tok.text === '||')) {
      const op = this.advance().text as '&&' | '||';
      this.skipNewlines();
      rest.push({ op, node: this.pipeline() });
    }
    return rest.length ? { k: 'andor', first, rest } : first;
  }

  private pipeline(): Node {
    let bang = false;
    if (this.isWord('!')) {
      this.advance();
      bang = true;
    }
    const cmds = [this.command()];
    while (this.tok.kind === 'op' && this.tok.text === '|') {
      this.advance();
      this.skipNewlines();
      cmds.push(this.command());
    }
    return cmds.length === 1 && !bang ? cmds[0]! : { k: 'pipe', cmds, bang };
  }

  private command(): Node {
    const t = this.tok;
    if (t.kind === 'op' && t.text === '(') {
      this.advance();
      const body = this.list(new Set());
      if (!(this.tok.kind === 'op' && this.tok.text === ')')) throw this.unexpected();
      this.advance();
      return { k: 'group', body, sub: true, redirs: this.redirs() };
    }
    if (t.kind === 'word' && t.plain !== undefined && RESERVED.has(t.plain)) {
      switch (t.plain) {
        case '{': {
          this.advance();
          const body = this.list(new Set(['}']));
          this.expectWord('}');
          return { k: 'group', body, sub: false, redirs: this.redirs() };
        }
        case 'if': {
          this.advance();
          const branches: { cond: Node; body: Node }[] = [];
          let cond = this.list(new Set(['then']));
          this.expectWord('then');
          let body = this.list(new Set(['elif', 'else', 'fi']));
          branches.push({ cond, body });
          let els: Node | undefined;
          for (;;) {
            if (this.isWord('elif')) {
              this.advance();
              cond = this.list(new Set(['then']));
              this.expectWord('then');
              body = this.list(new Set(['elif', 'else', 'fi']));
              branches.push({ cond, body });
              continue;
            }
            if (this.isWord('else')) {
              this.advance();
              els = this.list(new Set(['fi']));
            }
            this.expectWord('fi');
            break;
          }
          return { k: 'if', branches, els, redirs: this.redirs() };
        }
        case 'for': {
          this.advance();
          if (this.tok.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.tok.plain ?? '')) throw this.unexpected();
          const name = this.advance().plain!;
          let items: Word[] | undefined;
          this.skipNewlines();
          if (this.isWord('in')) {
            this.advance();
            items = [];
            while (this.tok.kind === 'word') items.push(this.advance().word!);
          }
          if (this.peek().kind === 'op' && this.peek().text === ';') this.advance();
          this.skipNewlines();
          this.expectWord('do');
          const body = this.list(new Set(['done']));
          this.expectWord('done');
          return { k: 'for', name, items, body, redirs: this.redirs() };
        }
        case 'while':
        case 'until': {
          this.advance();
          const cond = this.list(new Set(['do']));
          this.expectWord('do');
          const body = this.list(new Set(['done']));
          this.expectWord('done');
          return { k: 'while', until: t.plain === 'until', cond, body, redirs: this.redirs() };
        }
        case 'case':
        case 'function':
        case 'select':
          throw new Unsupported(t.plain);
        default:
          throw this.unexpected();
      }
    }
    return this.simple();
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const r = this.redir();
      if (!r) return out;
      out.push(r);
    }
  }

  private redir(): Redir | undefined {
    if (this.tok.kind !== 'op') return undefined;
    const m = /^(\d*)(>>|>&|<&|&>|>\||<<|>|<)$/.exec(this.tok.text);
    if (!m) return undefined;
    if (m[2] === '<<') throw new Unsupported('here-documents (<<)');
    this.advance();
    if (this.peek().kind !== 'word') throw this.unexpected();
    const target = this.advance().word!;
    const op = (m[2] === '>|' ? '>' : m[2]) as Redir['op'];
    const fd = m[1] ? parseInt(m[1], 10) : op === '<' || op === '<&' ? 0 : 1;
    return { fd, op, target };
  }

  private simple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    const line = this.tok.line;
    for (;;) {
      const r = this.redir();
      if (r) {
        redirs.push(r);
        continue;
      }
      if (this.tok.kind !== 'word') break;
      if (words.length === 0 && this.tok.word) {
        const first = this.tok.word[0];
        const m = first?.t === 'lit' && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.s) : null;
        if (m) {
          const w = this.advance().word!;
          const rest: Word = [{ t: 'lit', s: (w[0] as { s: string }).s.slice(m[0].length), q: false }, ...w.slice(1)];
          assigns.push({ name: m[1]!, value: rest });
          continue;
        }
      }
      words.push(this.advance().word!);
    }
    if (this.tok.kind === 'op' && this.tok.text === '(' && words.length === 1) throw new Unsupported('function definitions');
    if (!words.length && !assigns.length && !redirs.length) throw this.unexpected();
    return { k: 'simple', assigns, words, redirs, line };
  }
}

export function parseScript(src: string): Node {
  return new Parser(src).parseAll();
}

// ---------------------------------------------------------------- execution

/** What a program (builtin or external) receives. */
export interface ProcIO {
  argv: string[];
  stdin: Buffer;
  env: Map<string, string>;
  cwd: string;
  out(text: string | Buffer): void;
  err(text: string): void;
}

/** Runs a program that is not a shell builtin. Returns its exit code. */
export type ExternalRunner = (io: ProcIO, sh: ShellHost) => number;

/** What the shell needs from the container it runs in. */
export interface ShellHost {
  fs: ContainerFs;
  dialect: Dialect;
  /** The virtual clock (ms). */
  now(): number;
  sleep(ms: number): void;
  /** Whether time is up (lazy log generation stops there). */
  expired(): boolean;
  run: ExternalRunner;
  /** Finds a program on $PATH (or by path): its path, or undefined. */
  which(name: string, path: string): string | undefined;
  hostname: string;
  /** `$$`. */
  pid: number;
}

class ExitSignal {
  constructor(readonly code: number) {}
}
class StopSignal {}
class LoopCtl {
  constructor(
    readonly kind: 'break' | 'continue',
    public n: number,
  ) {}
}

const MAX_STEPS = 500_000;

export interface ShellResult {
  code: number;
}

/** A shell process: `sh -c script [name args…]`. */
export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  cwd: string;
  status = 0;
  /** The script ran `exit` (an interactive shell ends). */
  exited = false;
  private steps = 0;
  private positional: string[];

  constructor(
    private readonly host: ShellHost,
    env: Map<string, string>,
    cwd: string,
    readonly argv0: string,
    args: string[] = [],
  ) {
    for (const [k, v] of env) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    this.cwd = cwd;
    this.positional = args;
  }

  /** The `sh: …` prefix of diagnostics in this dialect. */
  diag(line: number, msg: string): string {
    // dash names the line; bash 5.2 running `-c` and busybox ash do not
    if (this.host.dialect === 'dash') return `${this.argv0}: ${line}: ${msg}`;
    return `${this.argv0}: ${msg}`;
  }

  /** Runs a script with the given streams. Never throws for script errors. */
  runScript(src: string, io: { stdin: Buffer; out: (s: string | Buffer) => void; err: (s: string) => void }): number {
    let tree: Node;
    try {
      tree = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.err(`${this.syntaxMessage(e, src)}\n`);
        return 2;
      }
      if (e instanceof Unsupported) {
        io.err(`kubesim: the simulated shell does not support ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    try {
      this.exec(tree, io);
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exited = true;
        this.status = e.code;
        return e.code;
      }
      if (e instanceof StopSignal) return this.status;
      if (e instanceof Unsupported) {
        io.err(`kubesim: the simulated shell does not support ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    return this.status;
  }

  private syntaxMessage(e: ShellSyntaxError, src: string): string {
    const lines = src.split('\n');
    if (e.near === 'unterminated quoted string') {
      if (this.host.dialect === 'bash') return `${this.argv0}: -c: line ${e.line}: unexpected EOF while looking for matching \`${e.expecting ?? '"'}'`;
      if (this.host.dialect === 'dash') return `${this.argv0}: ${e.line}: Syntax error: Unterminated quoted string`;
      return `${this.argv0}: syntax error: unterminated quoted string`;
    }
    const eof = e.near === 'end of file';
    const expecting = e.expecting ? ` (expecting "${e.expecting}")` : '';
    if (this.host.dialect === 'bash') {
      if (eof) return `${this.argv0}: -c: line ${lines.length + 1}: syntax error: unexpected end of file`;
      return `${this.argv0}: -c: line ${e.line}: syntax error near unexpected token \`${e.near}'\n${this.argv0}: -c: line ${e.line}: \`${lines[e.line - 1] ?? ''}'`;
    }
    const what = eof ? `end of file` : e.near === 'newline' ? 'newline' : `"${e.near}"`;
    if (this.host.dialect === 'dash') return `${this.argv0}: ${e.line}: Syntax error: ${what} unexpected${expecting}`;
    return `${this.argv0}: syntax error: unexpected ${what}${expecting}`;
  }

  private lastT = NaN;

  private tick(): void {
    // a loop that lets time pass (sleep) may run as long as it likes; one that does not is stopped
    const t = this.host.now();
    if (t !== this.lastT) {
      this.lastT = t;
      this.steps = 0;
    }
    if (++this.steps > MAX_STEPS) throw new Unsupported(`scripts that run more than ${MAX_STEPS} commands without time passing`);
    if (this.host.expired()) throw new StopSignal();
  }

  private exec(n: Node, io: IO): void {
    switch (n.k) {
      case 'list':
        for (const it of n.items) this.exec(it, io);
        return;
      case 'andor': {
        this.exec(n.first, io);
        for (const r of n.rest) {
          if ((r.op === '&&') === (this.status === 0)) this.exec(r.node, io);
        }
        return;
      }
      case 'pipe': {
        let input = io.stdin;
        n.cmds.forEach((c, i) => {
          const last = i === n.cmds.length - 1;
          if (last) {
            this.exec(c, { ...io, stdin: input });
            return;
          }
          const chunks: Buffer[] = [];
          const sub = this.fork();
          sub.exec(c, { ...io, stdin: input, out: (s) => chunks.push(Buffer.isBuffer(s) ? s : Buffer.from(s)) });
          input = Buffer.concat(chunks);
        });
        if (n.bang) this.status = this.status === 0 ? 1 : 0;
        return;
      }
      case 'group': {
        this.withRedirs(n.redirs, io, 0, (rio) => {
          if (n.sub) {
            const sub = this.fork();
            try {
              sub.exec(n.body, rio);
            } catch (e) {
              if (!(e instanceof ExitSignal)) throw e;
              sub.status = e.code;
            }
            this.status = sub.status;
          } else this.exec(n.body, rio);
        });
        return;
      }
      case 'if':
        this.withRedirs(n.redirs, io, 0, (rio) => {
          for (const b of n.branches) {
            this.exec(b.cond, rio);
            if (this.status === 0) {
              this.exec(b.body, rio);
              return;
            }
          }
          if (n.els) this.exec(n.els, rio);
          else this.status = 0;
        });
        return;
      case 'for':
        this.withRedirs(n.redirs, io, 0, (rio) => {
          const items = n.items ? n.items.flatMap((w) => this.expandWord(w, rio)) : [...this.positional];
          this.status = 0;
          for (const it of items) {
            this.tick();
            this.vars.set(n.name, it);
            if (this.loopBody(n.body, rio)) break;
          }
        });
        return;
      case 'while':
        this.withRedirs(n.redirs, io, 0, (rio) => {
          let last = 0;
          for (;;) {
            this.tick();
            this.exec(n.cond, rio);
            if ((this.status === 0) === n.until) break;
            const stop = this.loopBody(n.body, rio);
            last = this.status;
            if (stop) break;
          }
          this.status = last;
        });
        return;
      case 'simple':
        this.simple(n, io);
        return;
    }
  }

  /** Runs a loop body; true when the loop must end (break). */
  private loopBody(body: Node, io: IO): boolean {
    try {
      this.exec(body, io);
    } catch (e) {
      if (e instanceof LoopCtl) {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return e.kind === 'break';
      }
      throw e;
    }
    return false;
  }

  private fork(): Shell {
    const s = new Shell(this.host, new Map(), this.cwd, this.argv0, this.positional);
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.status = this.status;
    s.steps = this.steps;
    return s;
  }

  private envMap(extra?: Map<string, string>): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of this.exported) if (this.vars.has(k)) env.set(k, this.vars.get(k)!);
    if (extra) for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  // ---- expansion

  private param(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.host.pid);
      case '#':
        return String(this.positional.length);
      case '@':
      case '*':
        return this.positional.join(' ');
      case '0':
        return this.argv0;
      case '!':
        return '';
      case '-':
        return this.host.dialect === 'bash' ? 'hBc' : '';
    }
    if (/^\d+$/.test(name)) return this.positional[parseInt(name, 10) - 1];
    return this.vars.get(name);
  }

  private expandVar(p: Extract<Part, { t: 'var' }>, io: IO): string {
    const v = this.param(p.name);
    if (p.op === '#len') return String((v ?? '').length);
    if (!p.op) {
      if (v === undefined && this.vars.get('-u') === 'on') throw new Unsupported('set -u');
      return v ?? '';
    }
    const colon = p.op.startsWith(':');
    const unset = v === undefined || (colon && v === '');
    const arg = () => this.expandWord(p.arg ?? [], io, true).join('');
    switch (p.op.replace(':', '')) {
      case '-':
        return unset ? arg() : v!;
      case '=': {
        if (!unset) return v!;
        const a = arg();
        this.vars.set(p.name, a);
        return a;
      }
      case '+':
        return unset ? '' : arg();
      case '?':
        if (unset) {
          const msg = arg() || (colon ? 'parameter null or not set' : 'parameter not set');
          io.err(`${this.diag(1, `${p.name}: ${msg}`)}\n`);
          throw new ExitSignal(this.host.dialect === 'bash' ? 1 : 2);
        }
        return v!;
    }
    return v ?? '';
  }

  private commandSubst(src: string, io: IO): string {
    const chunks: Buffer[] = [];
    const sub = this.fork();
    const code = sub.runScript(src, { stdin: Buffer.alloc(0), out: (s) => chunks.push(Buffer.isBuffer(s) ? s : Buffer.from(s)), err: io.err });
    this.status = code;
    return Buffer.concat(chunks).toString('utf8').replace(/\n+$/, '');
  }

  private arith(expr: string, io: IO): string {
    try {
      return String(evalArith(expr, (n) => this.vars.get(n)));
    } catch (e) {
      if (e instanceof Unsupported) throw e;
      io.err(`${this.diag(1, `arithmetic syntax error`)}\n`);
      throw new ExitSignal(2);
    }
  }

  /** Expands a word to fields (splitting and globbing unquoted results unless `noSplit`). */
  expandWord(w: Word, io: IO, noSplit = false): string[] {
    // segments: [text, splittable, globbable]
    const segs: { s: string; split: boolean; glob: boolean }[] = [];
    for (const p of w) {
      if (p.t === 'lit') segs.push({ s: p.s, split: false, glob: !p.q });
      else if (p.t === 'var') segs.push({ s: this.expandVar(p, io), split: !p.q, glob: !p.q });
      else if (p.t === 'cmd') segs.push({ s: this.commandSubst(p.src, io), split: !p.q, glob: !p.q });
      else segs.push({ s: this.arith(p.expr, io), split: !p.q, glob: false });
    }
    if (noSplit) return [segs.map((s) => s.s).join('')];
    // field splitting on IFS whitespace in unquoted expansions
    const fields: { text: string; glob: boolean; pattern: string }[] = [];
    let cur: { text: string; glob: boolean; pattern: string } | null = null;
    const anyQuoted = w.some((p) => p.q) || w.length === 0;
    for (const seg of segs) {
      if (!seg.split) {
        cur ??= { text: '', glob: false, pattern: '' };
        cur.text += seg.s;
        cur.pattern += seg.glob ? seg.s : seg.s.replace(/[*?[\]\\]/g, '\\$&');
        if (seg.glob && /[*?[]/.test(seg.s)) cur.glob = true;
        continue;
      }
      const pieces = seg.s.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (cur && (cur.text !== '' || anyQuoted)) fields.push(cur);
          cur = null;
        }
        if (piece === '' && i > 0 && i === pieces.length - 1) return;
        if (piece === '' && !cur) return;
        cur ??= { text: '', glob: false, pattern: '' };
        cur.text += piece;
        cur.pattern += piece;
        if (/[*?[]/.test(piece)) cur.glob = true;
      });
    }
    if (cur && ((cur as { text: string }).text !== '' || anyQuoted)) fields.push(cur);
    const out: string[] = [];
    for (const f of fields) {
      if (f.glob) {
        const matches = this.glob(f.pattern);
        if (matches.length) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
    return out;
  }

  /** Pathname expansion: `*`, `?`, `[…]` per path component, sorted; no match keeps the word. */
  private glob(pattern: string): string[] {
    const abs = pattern.startsWith('/');
    const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
    let bases: string[] = [abs ? '/' : ''];
    for (const comp of comps) {
      if (comp === '') continue;
      const next: string[] = [];
      const magic = /(^|[^\\])[*?[]/.test(comp);
      for (const b of bases) {
        const dir = b === '' ? this.cwd : b;
        if (!magic) {
          const p = b === '' ? comp.replace(/\\(.)/g, '$1') : `${b === '/' ? '' : b}/${comp.replace(/\\(.)/g, '$1')}`;
          if (this.host.fs.exists(p, this.cwd)) next.push(p);
          continue;
        }
        let names: string[];
        try {
          names = this.host.fs.readdir(dir, this.cwd);
        } catch {
          continue;
        }
        const re = globRe(comp);
        for (const n of names.sort(cmpBytes)) {
          if (n.startsWith('.') && !comp.startsWith('.')) continue;
          if (re.test(n)) next.push(b === '' ? n : `${b === '/' ? '' : b}/${n}`);
        }
      }
      bases = next;
      if (!bases.length) return [];
    }
    return bases;
  }

  // ---- redirections

  private withRedirs(redirs: Redir[], io: IO, line: number, fn: (io: IO) => void): void {
    if (!redirs.length) return fn(io);
    let stdin = io.stdin;
    let out = io.out;
    let err: (s: string) => void = io.err;
    for (const r of redirs) {
      const target = this.expandWord(r.target, io, true)[0] ?? '';
      if (r.op === '>&' || r.op === '<&') {
        if (target === '1' && r.fd === 2) err = (s) => out(s);
        else if (target === '2' && r.fd === 1) {
          const e = err;
          out = (s) => e(Buffer.isBuffer(s) ? s.toString('utf8') : s);
        } else if (target === '-') {
          if (r.fd === 1) out = () => {};
          if (r.fd === 2) err = () => {};
        } else if (!/^\d+$/.test(target) || (target !== '1' && target !== '2' && target !== '0')) {
          // `>&file` in bash means `&>file`
          throw new Unsupported(`the redirection ${r.fd}${r.op}${target}`);
        }
        continue;
      }
      if (target === '/dev/null') {
        if (r.op === '<') stdin = Buffer.alloc(0);
        else if (r.op === '&>') {
          out = () => {};
          err = () => {};
        } else if (r.fd === 1) out = () => {};
        else if (r.fd === 2) err = () => {};
        continue;
      }
      if (target === '/dev/stdout' || target === '/dev/stderr') {
        if (r.fd === 2 && target === '/dev/stdout') err = (s) => out(s);
        if (r.fd === 1 && target === '/dev/stderr') {
          const e = err;
          out = (s) => e(Buffer.isBuffer(s) ? s.toString('utf8') : s);
        }
        continue;
      }
      if (r.op === '<') {
        try {
          stdin = this.host.fs.readFile(target, this.cwd);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          io.err(`${this.redirError(target, e, line, true)}\n`);
          this.status = this.host.dialect === 'bash' ? 1 : 2;
          return;
        }
        continue;
      }
      // open for writing now (creating/truncating), append what the command writes
      try {
        this.host.fs.writeFile(target, Buffer.alloc(0), { append: r.op === '>>', now: this.host.now(), cwd: this.cwd });
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        io.err(`${this.redirError(target, e, line, false)}\n`);
        this.status = this.host.dialect === 'bash' ? 1 : 2;
        return;
      }
      const fs = this.host.fs;
      const cwd = this.cwd;
      const now = () => this.host.now();
      const sink = (s: string | Buffer) => fs.writeFile(target, Buffer.isBuffer(s) ? s : Buffer.from(s), { append: true, now: now(), cwd });
      if (r.op === '&>') {
        out = sink;
        err = (s) => sink(s);
      } else if (r.fd === 1) out = sink;
      else if (r.fd === 2) err = (s) => sink(s);
    }
    fn({ stdin, out, err });
  }

  private redirError(target: string, e: FsError, line: number, input: boolean): string {
    const why = ERRNO_TEXT[e.code];
    if (this.host.dialect === 'bash') return this.diag(line || 1, `${target}: ${why}`);
    if (this.host.dialect === 'dash') {
      const dashWhy = e.code === 'ENOENT' ? (input ? 'No such file' : 'Directory nonexistent') : why;
      return this.diag(line || 1, `cannot ${input ? 'open' : 'create'} ${target}: ${dashWhy}`);
    }
    const ashWhy = e.code === 'ENOENT' ? (input ? 'no such file' : 'nonexistent directory') : why;
    return this.diag(line || 1, `can't ${input ? 'open' : 'create'} ${target}: ${ashWhy}`);
  }

  // ---- simple commands

  private simple(n: Extract<Node, { k: 'simple' }>, io: IO): void {
    this.tick();
    const argv = n.words.flatMap((w) => this.expandWord(w, io));
    const assigns = new Map<string, string>();
    for (const a of n.assigns) assigns.set(a.name, this.expandWord(a.value, io, true)[0] ?? '');
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      this.withRedirs(n.redirs, io, n.line, () => {
        this.status = 0;
      });
      return;
    }
    this.withRedirs(n.redirs, io, n.line, (rio) => {
      const builtin = this.builtin(argv, assigns, rio, n.line);
      if (builtin !== undefined) {
        this.status = builtin;
        return;
      }
      const name = argv[0]!;
      const path = this.host.which(name, this.vars.get('PATH') ?? '');
      if (!path) {
        if (name.includes('/')) {
          rio.err(`${this.diag(n.line, `${name}: ${this.host.dialect === 'bash' ? 'No such file or directory' : 'not found'}`)}\n`);
        } else rio.err(`${this.diag(n.line, `${name}: ${this.host.dialect === 'bash' ? 'command not found' : 'not found'}`)}\n`);
        this.status = 127;
        return;
      }
      const env = this.envMap(assigns);
      this.status = this.host.run({ argv, stdin: rio.stdin, env, cwd: this.cwd, out: rio.out, err: rio.err }, this.host);
    });
  }

  /** Shell builtins; undefined when `argv[0]` is not one. */
  private builtin(argv: string[], assigns: Map<string, string>, io: IO, line: number): number | undefined {
    const [cmd, ...args] = argv as [string, ...string[]];
    switch (cmd) {
      case ':':
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'exit':
        throw new ExitSignal(args[0] !== undefined ? parseInt(args[0], 10) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new LoopCtl(cmd, parseInt(args[0] ?? '1', 10) || 1);
      case 'cd': {
        const target = args[0] ?? this.vars.get('HOME') ?? '/';
        const dest = target === '-' ? this.vars.get('OLDPWD') ?? this.cwd : target;
        try {
          const r = this.host.fs.resolve(dest, true, this.cwd);
          if (!r.node) throw new FsError('ENOENT', dest);
          if (r.node.type !== 'd') throw new FsError('ENOTDIR', dest);
          this.vars.set('OLDPWD', this.cwd);
          this.cwd = normalize(dest.startsWith('/') ? dest : `${this.cwd}/${dest}`);
          this.vars.set('PWD', this.cwd);
          return 0;
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          if (this.host.dialect === 'bash') io.err(`${this.diag(line, `cd: ${dest}: ${ERRNO_TEXT[e.code]}`)}\n`);
          else if (this.host.dialect === 'dash') io.err(`${this.diag(line, `cd: can't cd to ${dest}`)}\n`);
          else io.err(`${this.diag(line, `cd: can't cd to ${dest}: ${ERRNO_TEXT[e.code]}`)}\n`);
          return this.host.dialect === 'bash' ? 1 : 2;
        }
      }
      case 'pwd':
        io.out(`${this.cwd}\n`);
        return 0;
      case 'export':
      case 'readonly':
        for (const a of args) {
          if (a === '-p' || a === '-n') continue;
          const i = a.indexOf('=');
          const name = i >= 0 ? a.slice(0, i) : a;
          if (i >= 0) this.vars.set(name, a.slice(i + 1));
          this.exported.add(name);
        }
        if (args.length === 0) for (const [k, v] of [...this.envMap()].sort()) io.out(`export ${k}='${v}'\n`);
        return 0;
      case 'unset':
        for (const a of args) {
          if (a.startsWith('-')) continue;
          this.vars.delete(a);
          this.exported.delete(a);
        }
        return 0;
      case 'shift':
        this.positional = this.positional.slice(parseInt(args[0] ?? '1', 10));
        return 0;
      case 'set':
        if (args.length === 0) {
          for (const [k, v] of [...this.vars].sort(([a], [b]) => cmpBytes(a, b))) io.out(`${k}='${v}'\n`);
          return 0;
        }
        for (const a of args) if (/^[-+][eux]+$/.test(a) && a !== '-e' && a !== '+e' && a !== '-x' && a !== '+x') throw new Unsupported(`set ${a}`);
        return 0;
      case 'echo':
        return this.host.run({ argv, stdin: io.stdin, env: this.envMap(assigns), cwd: this.cwd, out: io.out, err: io.err }, this.host);
      case 'printf':
      case 'test':
      case '[':
      case 'sleep':
        return this.host.run({ argv, stdin: io.stdin, env: this.envMap(assigns), cwd: this.cwd, out: io.out, err: io.err }, this.host);
      case 'read': {
        const names = args.filter((a) => !a.startsWith('-'));
        const text = io.stdin.toString('utf8');
        const nl = text.indexOf('\n');
        if (text.length === 0) return 1;
        const lineText = nl >= 0 ? text.slice(0, nl) : text;
        const fields = lineText.trim().split(/\s+/);
        names.forEach((nm, i) => this.vars.set(nm, i === names.length - 1 ? fields.slice(i).join(' ') : fields[i] ?? ''));
        return 0;
      }
      case 'type':
      case 'command': {
        if (cmd === 'command' && args[0] !== '-v') {
          if (!args.length) return 0;
          return this.builtin(args, assigns, io, line) ?? this.external(args, assigns, io, line);
        }
        const names = cmd === 'command' ? args.slice(1) : args;
        let code = 0;
        for (const nm of names) {
          if (BUILTINS.has(nm)) io.out(cmd === 'command' ? `${nm}\n` : `${nm} is a shell builtin\n`);
          else {
            const p = this.host.which(nm, this.vars.get('PATH') ?? '');
            if (p) io.out(cmd === 'command' ? `${p}\n` : `${nm} is ${p}\n`);
            else {
              if (cmd === 'type') io.err(`${this.diag(line, `type: ${nm}: not found`)}\n`);
              code = 1;
            }
          }
        }
        return code;
      }
      case 'exec':
        if (!args.length) return 0;
        throw new ExitSignal(this.builtin(args, assigns, io, line) ?? this.external(args, assigns, io, line));
      case 'wait':
        return 0;
      case 'eval':
        return this.runScript(args.join(' '), io);
      case 'trap':
      case 'ulimit':
      case 'umask':
      case 'alias':
      case 'source':
      case '.':
      case 'local':
      case 'return':
      case 'getopts':
      case 'jobs':
      case 'fg':
      case 'bg':
        throw new Unsupported(`the \`${cmd}\` builtin`);
    }
    return undefined;
  }

  private external(argv: string[], assigns: Map<string, string>, io: IO, line: number): number {
    const path = this.host.which(argv[0]!, this.vars.get('PATH') ?? '');
    if (!path) {
      io.err(`${this.diag(line, `${argv[0]}: ${this.host.dialect === 'bash' ? 'command not found' : 'not found'}`)}\n`);
      return 127;
    }
    return this.host.run({ argv, stdin: io.stdin, env: this.envMap(assigns), cwd: this.cwd, out: io.out, err: io.err }, this.host);
  }

}

interface IO {
  stdin: Buffer;
  out: (s: string | Buffer) => void;
  err: (s: string) => void;
}

const BUILTINS = new Set([':', 'true', 'false', 'exit', 'break', 'continue', 'cd', 'pwd', 'export', 'readonly', 'unset', 'shift', 'set', 'echo', 'printf', 'test', '[', 'read', 'type', 'command', 'exec', 'wait', 'eval']);

export function cmpBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A glob component as a regular expression. */
export function globRe(glob: string): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) re += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let cls = glob.slice(i + 1, end);
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's');
}

/** Shell arithmetic ($((…))): integers, + - * / % ** unary, comparisons, && || !, parentheses. */
export function evalArith(expr: string, lookup: (name: string) => string | undefined): number {
  const toks = expr.match(/\s*(\d+|\$?\{?[A-Za-z_][A-Za-z0-9_]*\}?|\*\*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!])/gy);
  if (!toks || toks.join('').replace(/\s+/g, '') !== expr.replace(/\s+/g, '')) throw new Error('syntax');
  const t = toks.map((x) => x.trim());
  let i = 0;
  const val = (name: string): number => {
    const v = lookup(name.replace(/^\$\{?|\}$/g, ''));
    const n = parseInt(v ?? '0', 10);
    return Number.isNaN(n) ? 0 : n;
  };
  const prec: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6, '**': 7 };
  const unary = (): number => {
    const x = t[i++];
    if (x === undefined) throw new Error('syntax');
    if (x === '(') {
      const v = binary(0);
      if (t[i++] !== ')') throw new Error('syntax');
      return v;
    }
    if (x === '-') return -unary();
    if (x === '+') return unary();
    if (x === '!') return unary() ? 0 : 1;
    if (/^\d+$/.test(x)) return parseInt(x, 10);
    return val(x);
  };
  const binary = (min: number): number => {
    let left = unary();
    for (;;) {
      const op = t[i];
      const p = op !== undefined ? prec[op] : undefined;
      if (p === undefined || p < min) return left;
      i++;
      const right = binary(op === '**' ? p : p + 1);
      switch (op) {
        case '||': left = left || right ? 1 : 0; break;
        case '&&': left = left && right ? 1 : 0; break;
        case '==': left = left === right ? 1 : 0; break;
        case '!=': left = left !== right ? 1 : 0; break;
        case '<': left = left < right ? 1 : 0; break;
        case '>': left = left > right ? 1 : 0; break;
        case '<=': left = left <= right ? 1 : 0; break;
        case '>=': left = left >= right ? 1 : 0; break;
        case '+': left += right; break;
        case '-': left -= right; break;
        case '*': left *= right; break;
        case '/': if (right === 0) throw new Error('division by 0'); left = Math.trunc(left / right); break;
        case '%': if (right === 0) throw new Error('division by 0'); left %= right; break;
        case '**': left = left ** right; break;
      }
    }
  };
  if (t.length === 0) return 0;
  const v = binary(0);
  if (i !== t.length) throw new Error('syntax');
  return v;
}
