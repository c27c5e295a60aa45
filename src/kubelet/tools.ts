// The programs `kubesim exec` (and container scripts) can run, in the two flavours containers have:
// busybox applets (busybox, Alpine) and GNU coreutils (Debian, Ubuntu), with each flavour's output
// formats and error texts. A program the image has but kubesim does not simulate says so plainly;
// other tools (curl, wget…) plug in through `registerExecTool`.
import type { ProcIO, ShellHost, Dialect } from './shell';
import { Shell, cmpBytes, evalArith } from './shell';
import { FsError, ERRNO_TEXT, normalize, type ContainerFs, type VNode } from './vfs';
import { execToolFor } from './exec-registry';

export type Flavor = 'busybox' | 'gnu';

/** What a program can learn about the container it runs in. */
export interface ExecHost extends ShellHost {
  flavor: Flavor;
  /** /bin/sh of this image (busybox ash or dash). */
  sh: Dialect | null;
  podIP: string;
  fqdn: string;
  /** `id` output for root. */
  rootId: string;
  cpus: number;
  kernel: string;
  /** Whether the process has a terminal (exec -t). */
  tty: boolean;
}

export type Tool = (io: ProcIO, host: ExecHost) => number;

export { registerExecTool, execToolFor } from './exec-registry';

export const KERNEL = '6.8.0-51-generic';
const KERNEL_BUILD = '#52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024';

/** Programs simulated here (the image must still have them). */
export const SIMULATED = new Set([
  'sh', 'ash', 'dash', 'bash', 'echo', 'printf', 'cat', 'ls', 'env', 'printenv', 'hostname', 'id', 'whoami', 'pwd', 'mkdir', 'rmdir', 'touch', 'rm', 'cp', 'mv', 'sleep', 'date', 'true', 'false', 'test', '[', 'uname', 'which', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'tee', 'basename', 'dirname', 'seq', 'nproc', 'expr', 'yes', 'cut', 'tr',
]);

// ---------------------------------------------------------------- helpers

function q(flavor: Flavor, s: string): string {
  return `'${s}'`;
}

function fsErr(e: unknown): FsError {
  if (e instanceof FsError) return e;
  throw e;
}

/** Splits `-la -h` style options; returns [flags, operands]. `--` ends options. */
function parseOpts(args: string[], valid: string, withValue = ''): { flags: Map<string, string | true>; operands: string[]; bad?: string } {
  const flags = new Map<string, string | true>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (withValue.includes(c)) {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return { flags, operands, bad: c };
          flags.set(c, v);
          break;
        }
        if (!valid.includes(c)) return { flags, operands, bad: c };
        flags.set(c, true);
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, operands };
}

function badOption(io: ProcIO, host: ExecHost, cmd: string, c: string): number {
  if (host.flavor === 'busybox') {
    io.err(`${cmd}: unrecognized option: ${c}\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ${cmd} …\n`);
    return 1;
  }
  io.err(`${cmd}: invalid option -- '${c}'\nTry '${cmd} --help' for more information.\n`);
  return cmd === 'ls' ? 2 : 1;
}

/** A program that exists in GNU/busybox but whose option kubesim does not simulate. */
function notSimulatedOption(io: ProcIO, cmd: string, opt: string): number {
  io.err(`kubesim: ${cmd} ${opt} is not simulated\n`);
  return 126;
}

function lines(buf: Buffer | string): string[] {
  const s = typeof buf === 'string' ? buf : buf.toString('utf8');
  if (s === '') return [];
  const parts = s.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_FULL = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime for the formats `date` is usually asked for (UTC: containers have no TZ). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return p2(d.getUTCFullYear() % 100);
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'I': return p2(((d.getUTCHours() + 11) % 12) + 1);
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 'N': return String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0');
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'A': return DAYS_FULL[d.getUTCDay()]!;
      case 'b': case 'h': return MONTHS[d.getUTCMonth()]!;
      case 'B': return MONTHS_FULL[d.getUTCMonth()]!;
      case 'j': return String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0');
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'R': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
      case 'D': return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`;
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
    }
    return m;
  });
}

/** `date`'s default output: `Thu Jan  1 00:00:00 UTC 2026`. */
export function dateLine(ms: number): string {
  return strftime('%a %b %e %H:%M:%S %Z %Y', ms);
}

function lsTime(ms: number, now: number): string {
  const d = new Date(ms);
  const recent = now - ms < 182.5 * 86_400_000 && ms - now < 3_600_000;
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return recent ? `${MONTHS[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}` : `${MONTHS[d.getUTCMonth()]} ${day}  ${d.getUTCFullYear()}`;
}

function modeString(n: VNode): string {
  const t = n.type === 'd' ? 'd' : n.type === 'l' ? 'l' : '-';
  const m = n.mode;
  const bit = (b: number, c: string) => (m & b ? c : '-');
  let s = t + bit(0o400, 'r') + bit(0o200, 'w') + bit(0o100, 'x') + bit(0o40, 'r') + bit(0o20, 'w') + bit(0o10, 'x') + bit(0o4, 'r') + bit(0o2, 'w') + bit(0o1, 'x');
  if (m & 0o1000) s = s.slice(0, 9) + (m & 0o1 ? 't' : 'T');
  return s;
}

function sizeOf(n: VNode): number {
  if (n.type === 'd') return 4096;
  if (n.type === 'l') return (n.target ?? '').length;
  return n.size ?? n.data?.length ?? 0;
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : Math.ceil(v)}${units[u]}`;
}

// ---------------------------------------------------------------- programs

function echo(io: ProcIO, host: ExecHost, builtin: Dialect | undefined): number {
  let args = io.argv.slice(1);
  let newline = true;
  // dash's builtin echo has no options and always interprets escapes
  let escapes = builtin === 'dash';
  if (builtin !== 'dash') {
    while (args.length && /^-[neE]+$/.test(args[0]!)) {
      for (const c of args[0]!.slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') escapes = true;
        else escapes = false;
      }
      args = args.slice(1);
    }
  } else if (args[0] === '-n') {
    newline = false;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    text = unescape(text);
  }
  io.out(newline ? `${text}\n` : text);
  void host;
  return 0;
}

function unescape(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|[abefnrtv\\])/g, (_, e: string) => {
    if (e.startsWith('0')) return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
    return ({ a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' } as Record<string, string>)[e]!;
  });
}

function printf(io: ProcIO): number {
  const [fmt, ...args] = io.argv.slice(1);
  if (fmt === undefined) {
    io.err('printf: usage: printf format [arguments]\n');
    return 2;
  }
  let ai = 0;
  let out = '';
  const once = () => {
    out += unescape(fmt).replace(/%(-?\d*)(\.\d+)?([sdbxXoc%])/g, (_, w: string, prec: string | undefined, c: string) => {
      if (c === '%') return '%';
      const a = args[ai++] ?? '';
      let v: string;
      switch (c) {
        case 'd': v = String(parseInt(a, 10) || 0); break;
        case 'x': v = (parseInt(a, 10) || 0).toString(16); break;
        case 'X': v = (parseInt(a, 10) || 0).toString(16).toUpperCase(); break;
        case 'o': v = (parseInt(a, 10) || 0).toString(8); break;
        case 'c': v = a.slice(0, 1); break;
        case 'b': v = unescape(a); break;
        default: v = prec ? a.slice(0, parseInt(prec.slice(1), 10)) : a;
      }
      const width = parseInt(w || '0', 10);
      return w.startsWith('-') ? v.padEnd(-width) : v.padStart(width);
    });
  };
  once();
  while (ai > 0 && ai < args.length) once();
  io.out(out);
  return 0;
}

function cat(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'nu');
  if (bad) return badOption(io, host, 'cat', bad);
  const files = operands.length ? operands : ['-'];
  let code = 0;
  let lineNo = 0;
  for (const f of files) {
    let data: Buffer;
    if (f === '-') data = io.stdin;
    else {
      try {
        data = host.fs.readFile(f, io.cwd);
      } catch (e) {
        const err = fsErr(e);
        if (host.flavor === 'busybox') io.err(err.code === 'EISDIR' ? `cat: read error: Is a directory\n` : `cat: can't open '${f}': ${ERRNO_TEXT[err.code]}\n`);
        else io.err(`cat: ${f}: ${ERRNO_TEXT[err.code]}\n`);
        code = 1;
        continue;
      }
    }
    if (flags.has('n')) {
      const ls = data.toString('utf8').split('\n');
      const trailing = ls[ls.length - 1] === '';
      if (trailing) ls.pop();
      io.out(ls.map((l) => `${String(++lineNo).padStart(6)}\t${l}`).join('\n') + (trailing ? '\n' : ''));
    } else io.out(data);
  }
  return code;
}

interface LsEntry {
  name: string;
  node: VNode;
  /** Full path (for symlink targets of -l). */
  path: string;
}

function ls(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'laA1dhtrFpiRsScuSx');
  if (bad) return badOption(io, host, 'ls', bad);
  for (const f of ['R', 'i', 's', 'c', 'u', 'S', 'x'])
    if (flags.has(f)) return notSimulatedOption(io, 'ls', `-${f}`);
  const long = flags.has('l');
  const all = flags.has('a');
  const almost = flags.has('A');
  const fs = host.fs;
  const now = host.now();
  const gnu = host.flavor === 'gnu';
  const targets = operands.length ? operands : ['.'];
  const files: LsEntry[] = [];
  const dirs: { arg: string; path: string }[] = [];
  let code = 0;
  for (const t of targets) {
    try {
      // a trailing slash always goes through a symlink to the directory it names
      const follow = t.endsWith('/') || !(long || flags.has('d') || flags.has('F'));
      let node = fs.lstat(t, io.cwd);
      if (node.type === 'l' && (follow || (!long && !flags.has('d')))) {
        try {
          node = fs.stat(t, io.cwd);
        } catch {
          /* a dangling link lists as itself */
        }
      }
      if (node.type === 'd' && !flags.has('d')) dirs.push({ arg: t, path: t });
      else files.push({ name: t, node, path: t });
    } catch (e) {
      const err = fsErr(e);
      io.err(gnu ? `ls: cannot access '${t}': ${ERRNO_TEXT[err.code]}\n` : `ls: ${t}: ${ERRNO_TEXT[err.code]}\n`);
      code = gnu ? 2 : 1;
    }
  }
  const sortEntries = (es: LsEntry[]) => {
    es.sort((a, b) => cmpBytes(a.name, b.name));
    if (flags.has('t')) es.sort((a, b) => b.node.mtime - a.node.mtime);
    if (flags.has('r')) es.reverse();
    return es;
  };
  const decorate = (e: LsEntry) => {
    let s = e.name;
    if (flags.has('F')) s += e.node.type === 'd' ? '/' : e.node.type === 'l' ? '@' : e.node.mode & 0o111 ? '*' : '';
    else if (flags.has('p') && e.node.type === 'd') s += '/';
    return s;
  };
  const render = (es: LsEntry[], withTotal: boolean) => {
    if (!long) {
      if (flags.has('1') || !host.tty) io.out(es.map((e) => `${decorate(e)}\n`).join(''));
      else io.out(columns(es.map(decorate)));
      return;
    }
    const rows = es.map((e) => {
      const nlink = e.node.type === 'd' ? String(2 + countSubdirs(fs, e.path, io.cwd)) : '1';
      const size = flags.has('h') ? human(sizeOf(e.node)) : String(sizeOf(e.node));
      let name = decorate(e);
      if (e.node.type === 'l') name = `${e.name} -> ${e.node.target}`;
      return { mode: modeString(e.node), nlink, user: 'root', group: 'root', size, time: lsTime(e.node.mtime, now), name };
    });
    if (withTotal) {
      const total = es.reduce((t, e) => t + (e.node.type === 'd' ? 4 : e.node.type === 'l' ? 0 : Math.ceil(sizeOf(e.node) / 4096) * 4), 0);
      io.out(`total ${total}\n`);
    }
    if (!gnu) {
      for (const r of rows) io.out(`${r.mode} ${r.nlink.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${r.time} ${r.name}\n`);
      return;
    }
    const w = (k: 'nlink' | 'user' | 'group' | 'size') => Math.max(0, ...rows.map((r) => r[k].length));
    const [wl, wu, wg, ws] = [w('nlink'), w('user'), w('group'), w('size')];
    for (const r of rows) io.out(`${r.mode} ${r.nlink.padStart(wl)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.time} ${r.name}\n`);
  };
  if (files.length) render(sortEntries(files), false);
  const many = targets.length > 1;
  dirs.sort((a, b) => cmpBytes(a.arg, b.arg)).forEach((d, i) => {
    let names: string[];
    try {
      names = fs.readdir(d.path, io.cwd);
    } catch (e) {
      const err = fsErr(e);
      io.err(gnu ? `ls: cannot open directory '${d.arg}': ${ERRNO_TEXT[err.code]}\n` : `ls: ${d.arg}: ${ERRNO_TEXT[err.code]}\n`);
      code = gnu ? 2 : 1;
      return;
    }
    const entries: LsEntry[] = [];
    if (all) {
      entries.push({ name: '.', node: fs.stat(d.path, io.cwd), path: d.path });
      entries.push({ name: '..', node: fs.stat(`${d.path}/..`, io.cwd), path: `${d.path}/..` });
    }
    for (const n of names) {
      if (n.startsWith('.') && !all && !almost) continue;
      const p = `${d.path === '/' ? '' : d.path}/${n}`;
      try {
        entries.push({ name: n, node: fs.lstat(p, io.cwd), path: p });
      } catch {
        /* raced away */
      }
    }
    if (many || files.length) io.out(`${files.length || i > 0 ? '\n' : ''}${d.arg}:\n`);
    render(sortEntries(entries), true);
  });
  return code;
}

function countSubdirs(fs: ContainerFs, path: string, cwd: string): number {
  try {
    const dir = path;
    return fs.readdir(dir, cwd).filter((n) => {
      try {
        return fs.lstat(`${dir === '/' ? '' : dir}/${n}`, cwd).type === 'd';
      } catch {
        return false;
      }
    }).length;
  } catch {
    return 0;
  }
}

/** ls's column layout on a terminal (80 columns, filled down the columns). */
function columns(names: string[]): string {
  if (!names.length) return '';
  const width = 80;
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const colW: number[] = [];
    for (let c = 0; c < cols; c++) colW.push(Math.max(0, ...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
    const total = colW.reduce((a, b) => a + b + 2, 0) - 2;
    if (total <= width || cols === 1) {
      let out = '';
      for (let r = 0; r < rows; r++) {
        const cells: string[] = [];
        for (let c = 0; c < cols; c++) {
          const n = names[c * rows + r];
          if (n !== undefined) cells.push(n);
        }
        out += `${cells.map((n, c) => (c < cells.length - 1 ? n.padEnd(colW[c]! + 2) : n)).join('')}\n`;
      }
      return out;
    }
  }
  return '';
}

function env(io: ProcIO, host: ExecHost): number {
  let args = io.argv.slice(1);
  let envMap = new Map(io.env);
  while (args.length) {
    const a = args[0]!;
    if (a === '-i' || a === '-') {
      envMap = new Map();
      args = args.slice(1);
    } else if (a === '-u' && args[1]) {
      envMap.delete(args[1]);
      args = args.slice(2);
    } else if (/^[^=-][^=]*=/.test(a)) {
      const i = a.indexOf('=');
      envMap.set(a.slice(0, i), a.slice(i + 1));
      args = args.slice(1);
    } else break;
  }
  if (!args.length) {
    for (const [k, v] of envMap) io.out(`${k}=${v}\n`);
    return 0;
  }
  const path = host.which(args[0]!, envMap.get('PATH') ?? '');
  if (!path) {
    io.err(host.flavor === 'busybox' ? `env: can't execute '${args[0]}': No such file or directory\n` : `env: '${args[0]}': No such file or directory\n`);
    return 127;
  }
  return host.run({ ...io, argv: args, env: envMap }, host);
}

function printenv(io: ProcIO): number {
  const names = io.argv.slice(1);
  if (!names.length) {
    for (const [k, v] of io.env) io.out(`${k}=${v}\n`);
    return 0;
  }
  let code = 0;
  for (const n of names) {
    const v = io.env.get(n);
    if (v === undefined) code = 1;
    else io.out(`${v}\n`);
  }
  return code;
}

function parseDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return s === 'inf' || s === 'infinity' ? Infinity : undefined;
  return parseFloat(m[1]!) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]! * 1000;
}

function sleep(io: ProcIO, host: ExecHost): number {
  const args = io.argv.slice(1);
  if (!args.length) {
    io.err(host.flavor === 'busybox' ? 'sleep: applet requires at least one argument\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === undefined) {
      io.err(host.flavor === 'busybox' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += ms;
  }
  host.sleep(total);
  return 0;
}

function date(io: ProcIO, host: ExecHost): number {
  const args = io.argv.slice(1).filter((a) => a !== '-u' && a !== '--utc');
  const now = host.now();
  if (!args.length) {
    io.out(`${dateLine(now)}\n`);
    return 0;
  }
  const a = args[0]!;
  if (a.startsWith('+')) {
    io.out(`${strftime(a.slice(1), now)}\n`);
    return 0;
  }
  if (a === '-R') {
    io.out(`${strftime('%a, %d %b %Y %H:%M:%S +0000', now)}\n`);
    return 0;
  }
  if (a === '-I' || a === '--iso-8601') {
    io.out(`${strftime('%F', now)}\n`);
    return 0;
  }
  return notSimulatedOption(io, 'date', a);
}

function test(io: ProcIO, host: ExecHost, builtin: Dialect | undefined): number {
  let args = io.argv.slice(1);
  if (io.argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      const msg = builtin === 'bash' ? '[: missing `]\'' : builtin === 'dash' ? '[: missing ]' : 'missing ]';
      io.err(builtin === 'dash' ? `sh: 1: ${msg}\n` : builtin === 'bash' ? `bash: ${msg}\n` : builtin ? `sh: ${msg}\n` : `[: missing ]\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const fs = host.fs;
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-e': return fs.exists(a, io.cwd);
      case '-f': try { return fs.stat(a, io.cwd).type === 'f'; } catch { return false; }
      case '-d': try { return fs.stat(a, io.cwd).type === 'd'; } catch { return false; }
      case '-L': case '-h': try { return fs.lstat(a, io.cwd).type === 'l'; } catch { return false; }
      case '-s': try { const n = fs.stat(a, io.cwd); return n.type !== 'f' || (n.data?.length ?? 0) > 0; } catch { return false; }
      case '-r': case '-w': return fs.exists(a, io.cwd);
      case '-x': try { return (fs.stat(a, io.cwd).mode & 0o111) !== 0; } catch { return false; }
    }
    throw new Error(op);
  };
  const binary = (a: string, op: string, b: string): boolean => {
    const n = (s: string) => parseInt(s, 10);
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '-eq': return n(a) === n(b);
      case '-ne': return n(a) !== n(b);
      case '-lt': return n(a) < n(b);
      case '-le': return n(a) <= n(b);
      case '-gt': return n(a) > n(b);
      case '-ge': return n(a) >= n(b);
    }
    throw new Error(op);
  };
  const evalExpr = (xs: string[]): boolean => {
    const oi = xs.lastIndexOf('-o');
    if (oi > 0) return evalExpr(xs.slice(0, oi)) || evalExpr(xs.slice(oi + 1));
    const ai = xs.lastIndexOf('-a');
    if (ai > 0) return evalExpr(xs.slice(0, ai)) && evalExpr(xs.slice(ai + 1));
    if (xs[0] === '!') return !evalExpr(xs.slice(1));
    if (xs.length === 0) return false;
    if (xs.length === 1) return xs[0] !== '';
    if (xs.length === 2) return unary(xs[0]!, xs[1]!);
    if (xs.length === 3) return binary(xs[0]!, xs[1]!, xs[2]!);
    throw new Error('too many');
  };
  try {
    return evalExpr(args) ? 0 : 1;
  } catch {
    io.err(`kubesim: this test expression is not simulated: ${args.join(' ')}\n`);
    return 2;
  }
}

function mkdir(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'pv', 'm');
  if (bad) return badOption(io, host, 'mkdir', bad);
  if (!operands.length) {
    io.err(host.flavor === 'busybox' ? 'mkdir: applet requires at least one argument\n' : "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let code = 0;
  for (const d of operands) {
    try {
      host.fs.mkdir(d, { parents: flags.has('p'), now: host.now(), cwd: io.cwd });
      if (flags.has('v')) io.out(`mkdir: created directory '${d}'\n`);
    } catch (e) {
      const err = fsErr(e);
      io.err(host.flavor === 'busybox' ? `mkdir: can't create directory '${d}': ${ERRNO_TEXT[err.code]}\n` : `mkdir: cannot create directory ${q('gnu', d)}: ${ERRNO_TEXT[err.code]}\n`);
      code = 1;
    }
  }
  return code;
}

function rmdir(io: ProcIO, host: ExecHost): number {
  let code = 0;
  for (const d of io.argv.slice(1)) {
    try {
      const n = host.fs.lstat(d, io.cwd);
      if (n.type !== 'd') throw new FsError('ENOTDIR', d);
      host.fs.remove(d, { dirs: true, cwd: io.cwd });
    } catch (e) {
      const err = fsErr(e);
      io.err(host.flavor === 'busybox' ? `rmdir: '${d}': ${ERRNO_TEXT[err.code]}\n` : `rmdir: failed to remove '${d}': ${ERRNO_TEXT[err.code]}\n`);
      code = 1;
    }
  }
  return code;
}

function touch(io: ProcIO, host: ExecHost): number {
  const { operands, bad } = parseOpts(io.argv.slice(1), 'cam');
  if (bad) return badOption(io, host, 'touch', bad);
  let code = 0;
  for (const f of operands) {
    try {
      host.fs.touch(f, { now: host.now(), cwd: io.cwd });
    } catch (e) {
      const err = fsErr(e);
      io.err(host.flavor === 'busybox' ? `touch: ${f}: ${ERRNO_TEXT[err.code]}\n` : `touch: cannot touch '${f}': ${ERRNO_TEXT[err.code]}\n`);
      code = 1;
    }
  }
  return code;
}

function rm(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'rRfidv');
  if (bad) return badOption(io, host, 'rm', bad);
  const recursive = flags.has('r') || flags.has('R');
  let code = 0;
  for (const f of operands) {
    try {
      host.fs.remove(f, { recursive, dirs: flags.has('d'), cwd: io.cwd });
    } catch (e) {
      const err = fsErr(e);
      if (err.code === 'ENOENT' && flags.has('f')) continue;
      if (err.code === 'EISDIR') io.err(host.flavor === 'busybox' ? `rm: '${f}' is a directory\n` : `rm: cannot remove '${f}': Is a directory\n`);
      else io.err(host.flavor === 'busybox' ? `rm: can't remove '${f}': ${ERRNO_TEXT[err.code === 'EINVAL' ? 'EACCES' : err.code]}\n` : `rm: cannot remove '${f}': ${ERRNO_TEXT[err.code === 'EINVAL' ? 'EACCES' : err.code]}\n`);
      code = 1;
    }
  }
  return code;
}

function copyTree(fs: ContainerFs, from: string, to: string, cwd: string, now: number): void {
  const n = fs.stat(from, cwd);
  if (n.type === 'd') {
    fs.mkdir(to, { parents: true, now, cwd });
    for (const c of fs.readdir(from, cwd)) copyTree(fs, `${from}/${c}`, `${to}/${c}`, cwd, now);
  } else fs.writeFile(to, n.data ?? Buffer.alloc(0), { now, cwd });
}

function cpmv(io: ProcIO, host: ExecHost, move: boolean): number {
  const cmd = move ? 'mv' : 'cp';
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), move ? 'fiv' : 'rRapfiv');
  if (bad) return badOption(io, host, cmd, bad);
  if (operands.length < 2) {
    io.err(host.flavor === 'busybox' ? `${cmd}: applet requires at least one argument\n` : `${cmd}: missing file operand\nTry '${cmd} --help' for more information.\n`);
    return 1;
  }
  const dest = operands[operands.length - 1]!;
  const srcs = operands.slice(0, -1);
  let destIsDir = false;
  try {
    destIsDir = host.fs.stat(dest, io.cwd).type === 'd';
  } catch {
    /* new name */
  }
  let code = 0;
  for (const s of srcs) {
    const target = destIsDir ? `${dest}/${normalize(s).split('/').pop()}` : dest;
    try {
      const n = host.fs.stat(s, io.cwd);
      if (n.type === 'd' && !move && !(flags.has('r') || flags.has('R') || flags.has('a'))) {
        io.err(host.flavor === 'busybox' ? `cp: omitting directory '${s}'\n` : `cp: -r not specified; omitting directory '${s}'\n`);
        code = 1;
        continue;
      }
      copyTree(host.fs, s, target, io.cwd, host.now());
      if (move) host.fs.remove(s, { recursive: true, cwd: io.cwd });
    } catch (e) {
      const err = fsErr(e);
      const what = err.path === s ? `stat '${s}'` : `create '${target}'`;
      io.err(host.flavor === 'busybox' ? `${cmd}: can't ${what}: ${ERRNO_TEXT[err.code]}\n` : `${cmd}: cannot ${what}: ${ERRNO_TEXT[err.code]}\n`);
      code = 1;
    }
  }
  return code;
}

function hostname(io: ProcIO, host: ExecHost): number {
  const a = io.argv[1];
  if (a === undefined) io.out(`${host.hostname}\n`);
  else if (a === '-i' || a === '-I') io.out(a === '-I' ? `${host.podIP} \n` : `${host.podIP}\n`);
  else if (a === '-f' || a === '--fqdn') io.out(`${host.fqdn}\n`);
  else if (a === '-s' || a === '--short') io.out(`${host.hostname}\n`);
  else if (a === '-d' || a === '--domain') io.out(`${host.fqdn.split('.').slice(1).join('.')}\n`);
  else {
    io.err(host.flavor === 'busybox' ? 'hostname: sethostname: Operation not permitted\n' : 'hostname: you must be root to change the host name\n');
    return 1;
  }
  return 0;
}

function id(io: ProcIO, host: ExecHost): number {
  const a = io.argv[1];
  if (a === '-u') io.out('0\n');
  else if (a === '-g') io.out('0\n');
  else if (a === '-un' || a === '-nu') io.out('root\n');
  else if (a === undefined) io.out(`${host.rootId}\n`);
  else return notSimulatedOption(io, 'id', a);
  return 0;
}

function uname(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'asnrvmpio');
  if (bad) return badOption(io, host, 'uname', bad);
  void operands;
  const parts: string[] = [];
  const all = flags.has('a');
  if (all || flags.has('s') || flags.size === 0) parts.push('Linux');
  if (all || flags.has('n')) parts.push(host.hostname);
  if (all || flags.has('r')) parts.push(KERNEL);
  if (all || flags.has('v')) parts.push(KERNEL_BUILD);
  if (all || flags.has('m')) parts.push('x86_64');
  if (all && host.flavor === 'gnu') parts.push('GNU/Linux');
  else if (all) parts.push('GNU/Linux');
  else if (flags.has('o')) parts.push('GNU/Linux');
  io.out(`${parts.join(' ')}\n`);
  return 0;
}

function which(io: ProcIO, host: ExecHost): number {
  let code = 0;
  for (const n of io.argv.slice(1)) {
    const p = host.which(n, io.env.get('PATH') ?? '');
    if (p) io.out(`${p}\n`);
    else code = 1;
  }
  return code;
}

function inputs(io: ProcIO, host: ExecHost, operands: string[], cmd: string): { name: string; data: Buffer }[] | number {
  if (!operands.length) return [{ name: '-', data: io.stdin }];
  const out: { name: string; data: Buffer }[] = [];
  for (const f of operands) {
    if (f === '-') {
      out.push({ name: f, data: io.stdin });
      continue;
    }
    try {
      out.push({ name: f, data: host.fs.readFile(f, io.cwd) });
    } catch (e) {
      const err = fsErr(e);
      io.err(host.flavor === 'busybox' ? `${cmd}: ${f}: ${ERRNO_TEXT[err.code]}\n` : `${cmd}: ${f}: ${ERRNO_TEXT[err.code]}\n`);
      return cmd === 'grep' ? 2 : 1;
    }
  }
  return out;
}

function grep(io: ProcIO, host: ExecHost): number {
  const cmd = io.argv[0]!.split('/').pop()!;
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'ivcnlqEFwohsxH', 'e');
  if (bad) return badOption(io, host, 'grep', bad);
  let pattern = flags.get('e') as string | undefined;
  const ops = [...operands];
  if (pattern === undefined) pattern = ops.shift();
  if (pattern === undefined) {
    io.err(host.flavor === 'busybox' ? 'grep: applet requires at least one argument\n' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const fixed = flags.has('F') || cmd === 'fgrep';
  const extended = flags.has('E') || cmd === 'egrep';
  let src = fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? pattern : breToJs(pattern);
  if (flags.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  if (flags.has('x')) src = `^(?:${src})$`;
  let re: RegExp;
  try {
    re = new RegExp(src, flags.has('i') ? 'i' : '');
  } catch {
    io.err(`grep: Invalid regular expression\n`);
    return 2;
  }
  const ins = inputs(io, host, ops, 'grep');
  if (typeof ins === 'number') return ins;
  const prefix = (ins.length > 1 || flags.has('H')) && !flags.has('h');
  let matched = false;
  for (const { name, data } of ins) {
    let count = 0;
    lines(data).forEach((l, i) => {
      const hit = re.test(l) !== flags.has('v');
      if (!hit) return;
      count++;
      matched = true;
      if (flags.has('q') || flags.has('c') || flags.has('l')) return;
      const pre = `${prefix ? `${name === '-' ? '(standard input)' : name}:` : ''}${flags.has('n') ? `${i + 1}:` : ''}`;
      if (flags.has('o') && !flags.has('v')) {
        for (const m of l.matchAll(new RegExp(re.source, `g${re.flags}`))) io.out(`${pre}${m[0]}\n`);
      } else io.out(`${pre}${l}\n`);
    });
    if (flags.has('c')) io.out(`${prefix ? `${name}:` : ''}${count}\n`);
    if (flags.has('l') && count) io.out(`${name === '-' ? '(standard input)' : name}\n`);
  }
  return matched ? 0 : 1;
}

/** POSIX basic regular expression → JavaScript. */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i]!;
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

function headTail(io: ProcIO, host: ExecHost, tail: boolean): number {
  const cmd = tail ? 'tail' : 'head';
  let args = io.argv.slice(1);
  let n = 10;
  let fromStart = false;
  const ops: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '-c') {
      if (a === '-c') return notSimulatedOption(io, cmd, '-c');
      const v = args[++i] ?? '';
      fromStart = v.startsWith('+');
      n = parseInt(v.replace(/^[+-]/, ''), 10);
    } else if (/^-n[+-]?\d+$/.test(a)) {
      fromStart = a[2] === '+';
      n = parseInt(a.slice(2).replace(/^[+-]/, ''), 10);
    } else if (/^-\d+$/.test(a)) n = parseInt(a.slice(1), 10);
    else if (a === '-f' || a === '-F') return notSimulatedOption(io, cmd, a);
    else if (a.startsWith('-') && a !== '-') return badOption(io, host, cmd, a[1]!);
    else ops.push(a);
  }
  args = ops;
  const ins = inputs(io, host, args, cmd);
  if (typeof ins === 'number') return ins;
  ins.forEach(({ name, data }, i) => {
    if (ins.length > 1) io.out(`${i ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
    const ls = lines(data);
    const picked = tail ? (fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n)) : ls.slice(0, n);
    io.out(picked.map((l) => `${l}\n`).join(''));
  });
  return 0;
}

function wc(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'lwcm');
  if (bad) return badOption(io, host, 'wc', bad);
  const ins = inputs(io, host, operands, 'wc');
  if (typeof ins === 'number') return ins;
  const which = flags.size ? ['l', 'w', 'c'].filter((f) => flags.has(f) || (f === 'c' && flags.has('m'))) : ['l', 'w', 'c'];
  const rows = ins.map(({ name, data }) => {
    const text = data.toString('utf8');
    const counts: Record<string, number> = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: data.length };
    return { name, vals: which.map((k) => counts[k]!) };
  });
  if (rows.length > 1) rows.push({ name: 'total', vals: which.map((_, i) => rows.reduce((t, r) => t + r.vals[i]!, 0)) });
  const stdinOnly = ins.length === 1 && ins[0]!.name === '-';
  const width = host.flavor === 'busybox' ? (which.length > 1 ? 7 : 0) : stdinOnly && which.length > 1 ? 7 : Math.max(...rows.flatMap((r) => r.vals.map((v) => String(v).length)));
  for (const r of rows) {
    const nums = r.vals.map((v) => String(v).padStart(width)).join(host.flavor === 'busybox' ? ' ' : ' ');
    io.out(`${nums}${r.name === '-' ? '' : ` ${r.name}`}\n`);
  }
  return 0;
}

function sort(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'rnuf');
  if (bad) return badOption(io, host, 'sort', bad);
  const ins = inputs(io, host, operands, 'sort');
  if (typeof ins === 'number') return ins;
  let ls = ins.flatMap((x) => lines(x.data));
  if (flags.has('n')) ls.sort((a, b) => (parseFloat(a) || 0) - (parseFloat(b) || 0) || cmpBytes(a, b));
  else if (flags.has('f')) ls.sort((a, b) => cmpBytes(a.toLowerCase(), b.toLowerCase()));
  else ls.sort(cmpBytes);
  if (flags.has('r')) ls.reverse();
  if (flags.has('u')) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
  io.out(ls.map((l) => `${l}\n`).join(''));
  return 0;
}

function uniq(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'cdu');
  if (bad) return badOption(io, host, 'uniq', bad);
  const ins = inputs(io, host, operands.slice(0, 1), 'uniq');
  if (typeof ins === 'number') return ins;
  const ls = lines(ins[0]!.data);
  const groups: { l: string; n: number }[] = [];
  for (const l of ls) {
    const last = groups[groups.length - 1];
    if (last && last.l === l) last.n++;
    else groups.push({ l, n: 1 });
  }
  for (const g of groups) {
    if (flags.has('d') && g.n < 2) continue;
    if (flags.has('u') && g.n > 1) continue;
    io.out(flags.has('c') ? `${String(g.n).padStart(7)} ${g.l}\n` : `${g.l}\n`);
  }
  return 0;
}

function tee(io: ProcIO, host: ExecHost): number {
  const { flags, operands } = parseOpts(io.argv.slice(1), 'a');
  let code = 0;
  for (const f of operands) {
    try {
      host.fs.writeFile(f, io.stdin, { append: flags.has('a'), now: host.now(), cwd: io.cwd });
    } catch (e) {
      const err = fsErr(e);
      io.err(`tee: ${f}: ${ERRNO_TEXT[err.code]}\n`);
      code = 1;
    }
  }
  io.out(io.stdin);
  return code;
}

function seq(io: ProcIO): number {
  const nums = io.argv.slice(1).map((a) => parseFloat(a));
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  let out = '';
  for (let v = first, i = 0; step > 0 ? v <= last : v >= last; v += step, i++) {
    if (i > 100_000) break;
    out += `${v}\n`;
  }
  io.out(out);
  return 0;
}

function expr(io: ProcIO): number {
  const args = io.argv.slice(1);
  try {
    const v = evalArith(args.join(' ').replace(/\\\*/g, '*'), () => undefined);
    io.out(`${v}\n`);
    return v === 0 ? 1 : 0;
  } catch {
    if (args.length === 1) {
      io.out(`${args[0]}\n`);
      return args[0] === '' || args[0] === '0' ? 1 : 0;
    }
    io.err('expr: syntax error\n');
    return 2;
  }
}

function rangeList(spec: string): (i: number) => boolean {
  const parts = spec.split(',').map((p) => {
    const m = /^(\d*)(-?)(\d*)$/.exec(p);
    if (!m || (!m[1] && !m[3])) throw new Error(p);
    const lo = m[1] ? parseInt(m[1], 10) : 1;
    const hi = m[2] ? (m[3] ? parseInt(m[3], 10) : Infinity) : lo;
    return [lo, hi] as const;
  });
  return (i) => parts.some(([lo, hi]) => i >= lo && i <= hi);
}

function cut(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 's', 'dfc');
  if (bad) return badOption(io, host, 'cut', bad);
  const list = (flags.get('f') ?? flags.get('c')) as string | undefined;
  if (!list) {
    io.err(host.flavor === 'busybox' ? 'cut: expected a list of bytes, characters, or fields\n' : "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  let pick: (i: number) => boolean;
  try {
    pick = rangeList(list);
  } catch {
    io.err(`cut: invalid field value '${list}'\n`);
    return 1;
  }
  const ins = inputs(io, host, operands, 'cut');
  if (typeof ins === 'number') return ins;
  const delim = (flags.get('d') as string | undefined) ?? '\t';
  for (const { data } of ins) {
    for (const l of lines(data)) {
      if (flags.has('c')) io.out(`${[...l].filter((_, i) => pick(i + 1)).join('')}\n`);
      else if (!l.includes(delim)) {
        if (!flags.has('s')) io.out(`${l}\n`);
      } else io.out(`${l.split(delim).filter((_, i) => pick(i + 1)).join(delim)}\n`);
    }
  }
  return 0;
}

function trSet(spec: string): string[] {
  const classes: Record<string, string> = { upper: 'A-Z', lower: 'a-z', digit: '0-9', alpha: 'a-zA-Z', alnum: 'a-zA-Z0-9', space: ' \t\n\r\v\f', blank: ' \t', punct: '!-/:-@[-`{-~' };
  const s = unescape(spec.replace(/\[:(\w+):\]/g, (m, c: string) => classes[c] ?? m));
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]!);
  }
  return out;
}

function tr(io: ProcIO, host: ExecHost): number {
  const { flags, operands, bad } = parseOpts(io.argv.slice(1), 'dsc');
  if (bad) return badOption(io, host, 'tr', bad);
  if (flags.has('c')) return notSimulatedOption(io, 'tr', '-c');
  const [a, b] = operands.map(trSet);
  if (!a || (!flags.has('d') && !flags.has('s') && !b)) {
    io.err(host.flavor === 'busybox' ? 'tr: applet requires at least one argument\n' : "tr: missing operand\nTry 'tr --help' for more information.\n");
    return 1;
  }
  let text = io.stdin.toString('utf8');
  if (flags.has('d')) text = [...text].filter((c) => !a.includes(c)).join('');
  else if (b) text = [...text].map((c) => (a.indexOf(c) >= 0 ? b[Math.min(a.indexOf(c), b.length - 1)]! : c)).join('');
  if (flags.has('s')) {
    const squeeze = flags.has('d') ? b ?? [] : b ?? a;
    text = [...text].filter((c, i, all) => !(i > 0 && c === all[i - 1] && squeeze.includes(c))).join('');
  }
  io.out(text);
  return 0;
}

/** π to `digits` significant digits, rounded (Machin's formula in fixed-point integers). */
export function piDigits(digits: number): string {
  const guard = 10n;
  const scale = 10n ** (BigInt(digits) + guard);
  const arctanInv = (x: bigint) => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += (k % 4n === 1n ? term : -term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  // pi is scaled by 10^(digits+guard): keep digits+1 digits, then round the last away (half up)
  const keep = pi / 10n ** guard;
  const rounded = (keep + 5n) / 10n;
  const s = rounded.toString();
  return `${s[0]}.${s.slice(1)}`;
}

/** perl: only the Job example of the Kubernetes docs (`perl -Mbignum=bpi -wle 'print bpi(2000)'`). */
function perl(io: ProcIO): number {
  const args = io.argv.slice(1);
  const m = args.some((a) => a === '-Mbignum=bpi') ? /^\s*print\s+bpi\((\d+)\)\s*;?\s*$/.exec(args[args.length - 1] ?? '') : null;
  if (!m) {
    io.err('kubesim: "perl" exists in this image, but kubesim only simulates the `print bpi(N)` example\n');
    return 126;
  }
  io.out(`${piDigits(parseInt(m[1]!, 10))}\n`);
  return 0;
}

/** Runs a program found at `path` (its name decides what it is). */
export function runProgram(io: ProcIO, host: ExecHost, builtin?: Dialect): number {
  const name = io.argv[0]!.split('/').pop()!;
  const tool = execToolFor(name);
  if (tool) return tool(io, host);
  switch (name) {
    case 'sh':
    case 'ash':
    case 'dash':
    case 'bash': {
      const dialect: Dialect = name === 'bash' ? 'bash' : name === 'dash' ? 'dash' : host.sh ?? 'ash';
      return runShell(io, { ...host, dialect }, dialect);
    }
    case 'echo':
      return echo(io, host, builtin);
    case 'printf':
      return printf(io);
    case 'cat':
      return cat(io, host);
    case 'ls':
      return ls(io, host);
    case 'env':
      return env(io, host);
    case 'printenv':
      return printenv(io);
    case 'hostname':
      return hostname(io, host);
    case 'id':
      return id(io, host);
    case 'whoami':
      io.out('root\n');
      return 0;
    case 'pwd':
      io.out(`${io.cwd}\n`);
      return 0;
    case 'mkdir':
      return mkdir(io, host);
    case 'rmdir':
      return rmdir(io, host);
    case 'touch':
      return touch(io, host);
    case 'rm':
      return rm(io, host);
    case 'cp':
      return cpmv(io, host, false);
    case 'mv':
      return cpmv(io, host, true);
    case 'sleep':
      return sleep(io, host);
    case 'date':
      return date(io, host);
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'test':
    case '[':
      return test(io, host, builtin);
    case 'uname':
      return uname(io, host);
    case 'which':
      return which(io, host);
    case 'grep':
    case 'egrep':
    case 'fgrep':
      return grep(io, host);
    case 'head':
      return headTail(io, host, false);
    case 'tail':
      return headTail(io, host, true);
    case 'wc':
      return wc(io, host);
    case 'sort':
      return sort(io, host);
    case 'uniq':
      return uniq(io, host);
    case 'tee':
      return tee(io, host);
    case 'basename': {
      const [p = '', suffix] = io.argv.slice(1);
      let b = normalize(p).split('/').pop() || '/';
      if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
      io.out(`${b}\n`);
      return 0;
    }
    case 'dirname': {
      const p = io.argv[1] ?? '.';
      const i = p.replace(/\/+$/, '').lastIndexOf('/');
      io.out(`${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
      return 0;
    }
    case 'seq':
      return seq(io);
    case 'nproc':
      io.out(`${host.cpus}\n`);
      return 0;
    case 'expr':
      return expr(io);
    case 'cut':
      return cut(io, host);
    case 'perl':
      return perl(io);
    case 'tr':
      return tr(io, host);
    case 'yes':
      io.err('kubesim: yes never ends without a reader that stops it\n');
      return 126;
  }
  io.err(`kubesim: "${name}" exists in this image, but kubesim does not simulate it\n`);
  return 126;
}

/** `sh -c script [name args…]`, `sh script`, or `sh` reading commands from its input. */
export function runShell(io: ProcIO, host: ExecHost, dialect: Dialect): number {
  const args = io.argv.slice(1);
  const argv0 = io.argv[0]!;
  const shellHost: ShellHost = { ...host, dialect, run: (pio, h) => runProgram(pio, h as ExecHost) };
  const builtinRunner = (pio: ProcIO, h: ShellHost) => runProgram(pio, { ...host, ...h } as ExecHost, BUILTIN_NAMES.has(pio.argv[0]!) ? dialect : undefined);
  shellHost.run = builtinRunner;
  let i = 0;
  while (i < args.length && /^-[exu]+$/.test(args[i]!)) i++;
  if (args[i] === '-c') {
    const script = args[i + 1];
    if (script === undefined) {
      io.err(dialect === 'bash' ? `${argv0}: -c: option requires an argument\n` : dialect === 'dash' ? `${argv0}: 0: -c requires an argument\n` : `${argv0}: -c requires an argument\n`);
      return 2;
    }
    const name = args[i + 2] ?? argv0;
    const sh = new Shell(shellHost, io.env, io.cwd, name, args.slice(i + 3));
    return sh.runScript(script, { stdin: io.stdin, out: io.out, err: io.err });
  }
  if (args[i] !== undefined && !args[i]!.startsWith('-')) {
    // sh script.sh
    const file = args[i]!;
    let src: string;
    try {
      src = host.fs.readFile(file, io.cwd).toString('utf8');
    } catch (e) {
      const err = fsErr(e);
      io.err(dialect === 'bash' ? `${argv0}: ${file}: ${ERRNO_TEXT[err.code]}\n` : dialect === 'dash' ? `${argv0}: 0: cannot open ${file}: No such file\n` : `${argv0}: can't open '${file}': ${ERRNO_TEXT[err.code]}\n`);
      return dialect === 'bash' ? 127 : 2;
    }
    return new Shell(shellHost, io.env, io.cwd, file, args.slice(i + 1)).runScript(src, { stdin: Buffer.alloc(0), out: io.out, err: io.err });
  }
  // commands from standard input (no terminal: read to the end, run, exit)
  return new Shell(shellHost, io.env, io.cwd, argv0).runScript(io.stdin.toString('utf8'), { stdin: Buffer.alloc(0), out: io.out, err: io.err });
}

const BUILTIN_NAMES = new Set(['echo', 'printf', 'test', '[', 'sleep']);
