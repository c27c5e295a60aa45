// What a container's process does, decided from its command/args and its image's default process.
// Nothing runs: we read the command the way a person would, to know whether it serves forever,
// sleeps and exits, or exits at once with some code.
//
// A manifest can also say it outright with pod annotations (documented in the README):
//   kubesim.dev/run-seconds: "45"        the main containers exit after 45 s of running
//   kubesim.dev/exit-code: "1"           …with this exit code (default 0)
import type { Container } from '../api/types';
import { lookupImage, parseImage, type DefaultBehaviour } from './images';

export type Program =
  | { kind: 'serve' } // runs until stopped
  | { kind: 'exit'; afterMs: number; code: number; signal?: number };

export const RUN_SECONDS_ANNOTATION = 'kubesim.dev/run-seconds';
export const EXIT_CODE_ANNOTATION = 'kubesim.dev/exit-code';

const SERVE: Program = { kind: 'serve' };
const quick = (code = 0): Program => ({ kind: 'exit', afterMs: 100, code });

function fromBehaviour(b: DefaultBehaviour): Program {
  switch (b.kind) {
    case 'serve':
      return SERVE;
    case 'exit':
      return { kind: 'exit', afterMs: b.afterMs, code: b.code };
    case 'run':
      return { kind: 'exit', afterMs: Math.round(b.seconds * 1000), code: b.code ?? 0 };
  }
}

/** Seconds of a `sleep` argument (`30`, `1m`, `infinity`); undefined if not a sleep duration. */
function sleepSeconds(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  return n * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]!;
}

const servers = /\b(nginx|httpd|apache2|redis-server|mongod|postgres|mysqld|node\s+\S+\.js|npm\s+start|python\S*\s+(-m\s+http\.server|\S+\.py)|flask|gunicorn|uvicorn|java\s+-jar|catalina|nc\s+-l|httpd|http-server|php-fpm|serve|tail\s+-[fF]|sleep\s+(infinity|inf)|while\s+(true|:)|for\s*\(\(\s*;\s*;)/;

/** A shell script's behaviour, as well as a reading can tell. */
function scriptProgram(script: string): Program {
  const s = script.trim();
  if (servers.test(s)) return SERVE;
  // `exit N` anywhere at top level decides the code
  const exit = /(?:^|[;&|\n]\s*)exit\s+(\d+)/.exec(s);
  const code = exit ? parseInt(exit[1]!, 10) : 0;
  let total = 0;
  const sleepRe = /(?:^|[;&|\n]|&&|\|\|)\s*sleep\s+([^\s;&|]+)/g;
  let m: RegExpExecArray | null;
  while ((m = sleepRe.exec(s))) {
    const secs = sleepSeconds(m[1]);
    if (secs === Infinity) return SERVE;
    if (secs !== undefined) total += secs;
  }
  if (/^\s*(false)\s*$/.test(s)) return quick(1);
  return { kind: 'exit', afterMs: Math.max(100, Math.round(total * 1000)), code };
}

/** The inline program given after a flag such as `-c` / `-e` (`python -c CODE`), if any. */
function inlineCode(args: string[], flag: RegExp): string | undefined {
  const i = args.findIndex((a) => flag.test(a));
  return i >= 0 && i + 1 < args.length ? args.slice(i + 1).join(' ') : undefined;
}

/** An inline script: it exits after the sleeps it contains, with the code of its exit call. */
function inlineProgram(code: string, sleepRe: RegExp, exitRe: RegExp, unitSeconds = 1): Program {
  if (/while\s*\(?\s*(true|True|1)\b|for\s*\(\s*;\s*;|loop\s+do|setInterval\(/.test(code)) return SERVE;
  let total = 0;
  for (const m of code.matchAll(sleepRe)) total += parseFloat(m[1]!) * unitSeconds;
  const exit = exitRe.exec(code);
  return { kind: 'exit', afterMs: Math.max(100, Math.round(total * 1000)), code: exit ? parseInt(exit[1]!, 10) || 0 : 0 };
}

/** Decides what the container's process does. */
export function programFor(c: Container, podAnnotations: Record<string, string> | undefined, init: boolean): Program {
  const ann = podAnnotations ?? {};
  if (!init && ann[RUN_SECONDS_ANNOTATION] !== undefined) {
    const secs = parseFloat(ann[RUN_SECONDS_ANNOTATION]!);
    const code = parseInt(ann[EXIT_CODE_ANNOTATION] ?? '0', 10) || 0;
    if (Number.isFinite(secs) && secs >= 0) return { kind: 'exit', afterMs: Math.round(secs * 1000), code };
  }
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const ref = c.image ? parseImage(c.image) : undefined;
  const info = ref ? lookupImage(ref) : undefined;
  if (!c.command || c.command.length === 0) {
    // the image's entrypoint runs; args alone feed it (e.g. `args: ["sleep", "3600"]` on busybox
    // replace CMD)
    if (argv.length === 0) return info ? fromBehaviour(info.behaviour) : SERVE;
    if (info && info.behaviour.kind === 'serve') return SERVE;
  }
  return argvProgram(argv, info?.behaviour);
}

function argvProgram(argv: string[], fallback: DefaultBehaviour | undefined): Program {
  const [cmd0, ...rest] = argv;
  const cmd = (cmd0 ?? '').split('/').pop() ?? '';
  if (['sh', 'bash', 'ash', 'dash', 'zsh'].includes(cmd)) {
    const i = rest.indexOf('-c');
    if (i >= 0) return scriptProgram(rest.slice(i + 1).join(' '));
    // an interactive shell without a terminal reads EOF and exits
    return quick(0);
  }
  switch (cmd) {
    case 'sleep': {
      const secs = sleepSeconds(rest[0]);
      if (secs === Infinity) return SERVE;
      return { kind: 'exit', afterMs: Math.max(0, Math.round((secs ?? 0) * 1000)), code: secs === undefined ? 1 : 0 };
    }
    case 'echo':
    case 'printf':
    case 'date':
    case 'true':
    case 'env':
    case 'printenv':
    case 'ls':
    case 'cat':
    case 'hostname':
    case 'uname':
    case 'whoami':
    case 'id':
    case 'pwd':
    case 'nslookup':
    case 'wget':
    case 'curl':
      return quick(0);
    case 'false':
      return quick(1);
    case 'perl': {
      // the classic pi Job (`perl -Mbignum=bpi -wle 'print bpi(2000)'`) takes a few seconds
      const code = inlineCode(rest, /^-\w*e$/);
      if (code !== undefined && !/\bbpi\b/.test(code)) return inlineProgram(code, /\bsleep\s*\(?\s*(\d+(?:\.\d+)?)/g, /\bexit\s*\(?\s*(\d+)/);
      return { kind: 'exit', afterMs: 4000, code: 0 };
    }
    case 'tail':
      return rest.includes('-f') || rest.includes('-F') ? SERVE : quick(0);
  }
  if (cmd === 'exit') return quick(parseInt(rest[0] ?? '0', 10) || 0);
  // one-line scripts of interpreters (common in Job examples) run to their end
  if (/^python[\d.]*$/.test(cmd)) {
    const code = inlineCode(rest, /^-c$/);
    if (code !== undefined) return inlineProgram(code, /\btime\.sleep\s*\(\s*(\d+(?:\.\d+)?)/g, /\b(?:sys\.)?exit\s*\(\s*(\d+)/);
  }
  if (cmd === 'node' || cmd === 'nodejs') {
    const code = inlineCode(rest, /^(-e|--eval|-p|--print)$/);
    if (code !== undefined) return inlineProgram(code, /setTimeout\([^,]*,\s*(\d+)\s*\)/g, /process\.exit\s*\(\s*(\d+)/, 1 / 1000);
  }
  if (cmd === 'ruby') {
    const code = inlineCode(rest, /^-\w*e$/);
    if (code !== undefined) return inlineProgram(code, /\bsleep\s*\(?\s*(\d+(?:\.\d+)?)/g, /\bexit!?\s*\(?\s*(\d+)/);
  }
  // anything else: a long-running program (servers, agents) unless the image says otherwise
  if (fallback && fallback.kind === 'run') return fromBehaviour(fallback);
  return SERVE;
}
