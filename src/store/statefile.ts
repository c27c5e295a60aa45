// The state file: one JSON document holding the whole cluster. Writers take an exclusive lock
// (`<state>.lock`, created with O_EXCL and holding the owner's pid), write a temp file, fsync it and
// rename it over the old one, so a reader always sees either the old or the new state and a killed
// writer never leaves half a file behind. A lock left by a dead process is taken over.
import { chmodSync, closeSync, copyFileSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { homedir, hostname } from 'node:os';
import { CliError, RawError } from '../api/errors';
import { wallClockMs } from '../sim/clock';

// 2: a header line and sections read on demand (src/store/stateformat.ts); 1: one JSON document (still read)
export const SCHEMA_VERSION = 2;

export function defaultStatePath(): string {
  return join(homedir(), '.kubesim', 'state.json');
}

export function resolveStatePath(flag: string | undefined): string {
  const p = flag || process.env.KUBESIM_STATE || defaultStatePath();
  return resolve(p);
}

// ---- lock ----
//
// The lock file holds `<pid> <start> <host>\n`: the holder's process id, its start time as the
// kernel counts it (field 22 of /proc/<pid>/stat; `-` where there is no /proc) and the host name.
// A waiter takes the lock over when the holder is gone:
//   - no process with that pid exists (the holder was killed, or the machine rebooted);
//   - a process with that pid exists but started at another time: the pid was reused by an
//     unrelated process after the holder died (after a reboot, pid 1234 may well be a shell), so
//     "alive" alone would make every later command wait for nothing;
//   - the file is incomplete (a holder died between creating it and writing it) and older than 2 s.
// A lock whose holder is alive (same pid and start time) is live: others wait for it, up to
// KUBESIM_LOCK_TIMEOUT_MS (default 60 s), then fail with a message naming the holder and the way
// out. A lock written on another host (a state file on a shared disk) cannot be checked and is
// treated as live. An old `<pid>\n` lock (no start time) is judged by the pid alone.

const sleepBuf = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void {
  Atomics.wait(sleepBuf, 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let selfStart: string | undefined;

/** The kernel's start time of a process (clock ticks since boot), or '-' when it cannot be read. */
export function processStartTime(pid: number | 'self'): string {
  if (pid === 'self') return (selfStart ??= readStartTime('self'));
  return readStartTime(pid);
}

/**
 * A /proc file's text. /proc files report size 0, which sends readFileSync down its growing-buffer
 * path (half a millisecond for a few hundred bytes); read into one small buffer instead.
 */
function readProcFile(file: string): string {
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(1024);
    let len = 0;
    for (;;) {
      if (len === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const n = readSync(fd, buf, len, buf.length - len, null);
      if (n === 0) break;
      len += n;
    }
    return buf.toString('latin1', 0, len);
  } finally {
    closeSync(fd);
  }
}

function readStartTime(pid: number | 'self'): string {
  try {
    const stat = readProcFile(`/proc/${pid}/stat`);
    // the command name (field 2) is in parentheses and may itself contain spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? '-';
  } catch {
    return '-';
  }
}

function hostName(): string {
  try {
    return hostname().replace(/\s+/g, '_') || '-';
  } catch {
    return '-';
  }
}

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number;
  start: string;
  host: string;
  /** The file was completely written (ends in a newline). */
  complete: boolean;
}

export function parseLockContent(content: string): LockHolder {
  const [pid, start, host] = content.trim().split(/\s+/);
  return { pid: parseInt(pid ?? '', 10), start: start ?? '-', host: host ?? '-', complete: content.endsWith('\n') };
}

/** Whether the holder named in a lock file is certainly gone (so its lock may be taken over). */
export function holderGone(h: LockHolder, here = hostName()): boolean {
  if (h.host !== '-' && h.host !== here) return false; // another machine's process: cannot tell
  if (!pidAlive(h.pid)) return true;
  if (h.start === '-') return false;
  const now = processStartTime(h.pid);
  return now !== '-' && now !== h.start;
}

export interface LockOptions {
  /** How long to wait for a live holder before giving up (ms). */
  timeoutMs?: number;
}

function lockTimeoutMs(): number {
  const v = process.env.KUBESIM_LOCK_TIMEOUT_MS;
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : 60_000;
}

function secondsText(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}

export class StateLock {
  private held = false;
  constructor(readonly lockPath: string) {}

  acquire(opts: LockOptions = {}): void {
    const timeoutMs = opts.timeoutMs ?? lockTimeoutMs();
    // (the wall clock, not performance.now(): the global `performance` costs a module load per start)
    let started = -1;
    let delay = 2;
    let holder: LockHolder | undefined;
    let me: string | undefined;
    for (;;) {
      me ??= `${process.pid} ${processStartTime('self')} ${hostName()}\n`;
      try {
        const fd = openSync(this.lockPath, 'wx', 0o600);
        try {
          writeSync(fd, me);
        } finally {
          closeSync(fd);
        }
        this.held = true;
        return;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'ENOENT') {
          try {
            mkdirSync(dirname(this.lockPath), { recursive: true, mode: 0o700 });
          } catch (e2) {
            throw this.cannotLock(e2 as NodeJS.ErrnoException);
          }
          continue;
        }
        if (err.code !== 'EEXIST') throw this.cannotLock(err);
      }
      // Someone holds it. If the holder is gone, take the lock over.
      let content = '';
      try {
        content = readFileSync(this.lockPath, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      holder = parseLockContent(content);
      let stale = false;
      if (holder.complete) stale = holderGone(holder);
      else {
        // A holder may have died between creating the file and writing its pid.
        try {
          stale = wallClockMs() - statSync(this.lockPath).mtimeMs > 2000;
        } catch {
          continue; // released meanwhile
        }
      }
      if (stale && this.breakStale(content, holder)) continue;
      if (started < 0) started = wallClockMs();
      else if (wallClockMs() - started > timeoutMs) {
        const who = Number.isInteger(holder.pid) && holder.pid > 0 ? `process ${holder.pid}${holder.host !== '-' && holder.host !== hostName() ? ` on host ${holder.host}` : ''}` : 'a process that did not say who it is';
        throw new RawError(
          `error: timed out after ${secondsText(timeoutMs)} waiting for the lock on the kubesim state file ${this.lockPath.replace(/\.lock$/, '')}: it is held by ${who}\n` +
            `If no kubesim command is running, delete ${this.lockPath} and try again. KUBESIM_LOCK_TIMEOUT_MS sets how long to wait (in milliseconds).`,
        );
      }
      sleepMs(delay + ((process.pid * 7 + delay * 13) % 5));
      delay = Math.min(delay * 2, 50);
    }
  }

  private cannotLock(err: NodeJS.ErrnoException): RawError {
    const dir = dirname(this.lockPath);
    const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EROFS' ? 'read-only file system' : err.message;
    return new RawError(
      `error: cannot create the lock file ${this.lockPath}: ${why}\nkubesim needs write access to the directory of its state file (${dir}). Fix its permissions, or point --state/KUBESIM_STATE at a file in a directory you can write.`,
    );
  }

  /**
   * Removes a stale lock. Breakers serialise on a second lock file (`<lock>.break`): under it, the
   * lock is removed only if it still has the content judged stale. A live process never has that
   * content and nobody else removes a lock they do not hold, so a fresh lock is never removed by
   * mistake, however many waiters judge the same dead holder at once.
   */
  private breakStale(content: string, holder: LockHolder): boolean {
    const brk = `${this.lockPath}.break`;
    if (!this.takeBreakLock(brk)) return false;
    try {
      let cur: string;
      try {
        cur = readFileSync(this.lockPath, 'utf8');
      } catch {
        return true; // gone already
      }
      if (cur !== content) return true;
      unlinkSync(this.lockPath);
      // the dead holder may have left its half-written temp file behind
      if (Number.isInteger(holder.pid) && holder.pid > 0) {
        try {
          unlinkSync(tempPathFor(this.lockPath.replace(/\.lock$/, ''), holder.pid));
        } catch {
          /* none */
        }
      }
      return true;
    } catch {
      return true; // lost a race: the caller looks again
    } finally {
      try {
        unlinkSync(brk);
      } catch {
        /* ignore */
      }
    }
  }

  /** The breakers' lock: held for microseconds; one left by a breaker that died is removed. */
  private takeBreakLock(brk: string): boolean {
    try {
      const fd = openSync(brk, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid} ${processStartTime('self')} ${hostName()}\n`);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    try {
      const content = readFileSync(brk, 'utf8');
      const h = parseLockContent(content);
      const dead = h.complete ? holderGone(h) : wallClockMs() - statSync(brk).mtimeMs > 2000;
      if (!dead) return false;
      // rename first, so that only the content judged dead is removed
      const grave = `${brk}.${process.pid}`;
      renameSync(brk, grave);
      if (readFileSync(grave, 'utf8') !== content) {
        try {
          linkSync(grave, brk);
        } catch {
          /* taken meanwhile */
        }
      }
      unlinkSync(grave);
    } catch {
      /* released or taken meanwhile */
    }
    return false;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      unlinkSync(this.lockPath);
    } catch {
      /* already gone */
    }
  }
}

/** The temp file a writer fills before renaming it over the state file. */
export function tempPathFor(file: string, pid = process.pid): string {
  return join(dirname(file), `.${basename(file)}.${pid}.tmp`);
}

// ---- read / write ----

const ERRNO: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
};

function errnoText(err: NodeJS.ErrnoException): string {
  return (err.code && ERRNO[err.code]) || err.message;
}

/** Opens the state file for reading; undefined when it does not exist. Errors are explained, never stack traces. */
export function openStateFile(file: string): number | undefined {
  try {
    const fd = openSync(file, 'r');
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return fd;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return undefined;
    if (err.code === 'EACCES' || err.code === 'EPERM')
      throw new RawError(
        `error: cannot read the kubesim state file ${file}: permission denied\nFix its permissions (chmod 600 ${file}) or use another file with --state or KUBESIM_STATE.`,
      );
    if (err.code === 'EISDIR')
      throw new RawError(`error: the kubesim state path ${file} is a directory, not a file\nPoint --state/KUBESIM_STATE at a file (it is created when missing).`);
    throw new RawError(`error: cannot read the kubesim state file ${file}: ${errnoText(err)}`);
  }
}

/**
 * Fault injection for the crash-safety tests: KUBESIM_TEST_CRASH=<stage> kills the process with
 * SIGKILL right after that stage of a save (`tmp-open`, `tmp-half`, `tmp-written`, `tmp-synced`,
 * `renamed`), so each moment of a write is exercised, not only the ones random kills happen to hit.
 */
function crashPoint(stage: string): void {
  if (process.env.KUBESIM_TEST_CRASH === stage) process.kill(process.pid, 'SIGKILL');
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * Atomically replaces the state file: temp file in the same directory (mode 0600), written in
 * full, fsynced, renamed over the old file, directory fsynced. A crash at any moment leaves either
 * the old file or the new one, never a mix; a temp file left by a crash is removed by the next
 * command that takes the dead writer's lock over.
 */
export function writeStateText(file: string, text: string | (string | Uint8Array | (() => Uint8Array))[]): void {
  const dir = dirname(file);
  const tmp = tempPathFor(file);
  let chunks = typeof text === 'string' ? [text] : text;
  if (process.env.KUBESIM_TEST_CRASH === 'tmp-half' && chunks.length === 1 && typeof chunks[0] !== 'function') {
    const b = Buffer.from(chunks[0]!);
    chunks = [b.subarray(0, b.length >> 1), b.subarray(b.length >> 1)];
  }
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      unlinkSync(tmp); // one left by an earlier process with our pid: start clean, with our mode
    } catch {
      /* none */
    }
    fd = openSync(tmp, 'wx', 0o600);
    crashPoint('tmp-open');
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
      writeAll(fd, typeof c === 'function' ? c() : c);
      if (i === (chunks.length - 1) >> 1) crashPoint('tmp-half');
    }
    crashPoint('tmp-written');
    fsyncSync(fd);
    crashPoint('tmp-synced');
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    crashPoint('renamed');
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* ignore */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* ignore */
    }
    const err = e as NodeJS.ErrnoException;
    throw new RawError(`error: cannot write the kubesim state file ${file}: ${errnoText(err)}\nThe command's changes were not saved: the state file still holds the cluster as it was before.`);
  }
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* directories cannot be fsynced on every platform */
  }
}

/** Keeps a copy of a state file kubesim cannot read, so `cluster reset` never destroys data silently. */
export function backupState(file: string): string {
  const bak = `${file}.bak`;
  copyFileSync(file, bak);
  // a backup may hold Secrets: only its owner may read it, like the state file itself
  chmodSync(bak, 0o600);
  return bak;
}
