// The state file: one JSON document holding the whole cluster. Writers take an exclusive lock
// (`<state>.lock`, created with O_EXCL and holding the owner's pid), write a temp file, fsync it and
// rename it over the old one, so a reader always sees either the old or the new state and a killed
// writer never leaves half a file behind. A lock left by a dead process is taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { CliError, RawError } from '../api/errors';
import { wallClockMs } from '../sim/clock';

export const SCHEMA_VERSION = 1;

export function defaultStatePath(): string {
  return path.join(os.homedir(), '.kubesim', 'state.json');
}

export function resolveStatePath(flag: string | undefined): string {
  const p = flag || process.env.KUBESIM_STATE || defaultStatePath();
  return path.resolve(p);
}

// ---- lock ----

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

export interface LockOptions {
  /** How long to wait for a live holder before giving up (ms). */
  timeoutMs?: number;
}

export class StateLock {
  private held = false;
  constructor(readonly lockPath: string) {}

  acquire(opts: LockOptions = {}): void {
    const timeoutMs = opts.timeoutMs ?? Number(process.env.KUBESIM_LOCK_TIMEOUT_MS ?? 60_000);
    const started = performance.now();
    let delay = 2;
    let lastHolder = '';
    for (;;) {
      try {
        const fd = fs.openSync(this.lockPath, 'wx', 0o600);
        try {
          fs.writeSync(fd, `${process.pid}\n`);
        } finally {
          fs.closeSync(fd);
        }
        this.held = true;
        return;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'ENOENT') {
          fs.mkdirSync(path.dirname(this.lockPath), { recursive: true, mode: 0o700 });
          continue;
        }
        if (err.code !== 'EEXIST') throw new CliError(`cannot lock state file: ${err.message}`);
      }
      // Someone holds it. If the holder is dead, take the lock over.
      let content = '';
      try {
        content = fs.readFileSync(this.lockPath, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      const pid = parseInt(content, 10);
      lastHolder = content.trim();
      if (content.endsWith('\n') && !pidAlive(pid)) {
        this.breakStale(content);
        continue;
      }
      if (!content.endsWith('\n')) {
        // A holder may have died between creating the file and writing its pid.
        try {
          const age = wallClockMs() - fs.statSync(this.lockPath).mtimeMs;
          if (age > 2000) {
            this.breakStale(content);
            continue;
          }
        } catch {
          continue;
        }
      }
      if (performance.now() - started > timeoutMs) {
        throw new RawError(
          `error: timed out after ${Math.round(timeoutMs / 1000)}s waiting for the lock on the state file, held by process ${lastHolder || '?'} (${this.lockPath}); if no kubesim command is running, delete that file`,
        );
      }
      sleepMs(delay + Math.floor((process.pid * 7 + delay * 13) % 5));
      delay = Math.min(delay * 2, 50);
    }
  }

  /** Removes a stale lock only if it still has the content we judged stale (rename is atomic). */
  private breakStale(content: string): void {
    const grave = `${this.lockPath}.stale.${process.pid}`;
    try {
      fs.renameSync(this.lockPath, grave);
    } catch {
      return;
    }
    let now = '';
    try {
      now = fs.readFileSync(grave, 'utf8');
    } catch {
      /* ignore */
    }
    if (now !== content) {
      // We moved a fresh lock of another process: put it back if the slot is still free.
      try {
        fs.linkSync(grave, this.lockPath);
      } catch {
        /* someone else got the slot; their lock stands, the moved one is lost but its owner re-checks */
      }
    }
    try {
      fs.unlinkSync(grave);
    } catch {
      /* ignore */
    }
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      fs.unlinkSync(this.lockPath);
    } catch {
      /* already gone */
    }
  }
}

// ---- read / write ----

export interface ReadResult {
  text: string;
}

/** Reads the state file; undefined when it does not exist. Errors are explained, never stack traces. */
export function readStateText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return undefined;
    if (err.code === 'EACCES' || err.code === 'EPERM')
      throw new RawError(
        `error: cannot read the kubesim state file ${file}: permission denied\nFix its permissions (chmod 600 ${file}) or use another file with --state or KUBESIM_STATE.`,
      );
    if (err.code === 'EISDIR') throw new RawError(`error: the kubesim state path ${file} is a directory, not a file`);
    throw new RawError(`error: cannot read the kubesim state file ${file}: ${err.message}`);
  }
}

/** Atomically replaces the state file: temp file in the same directory, fsync, rename, fsync dir. */
export function writeStateText(file: string, text: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'w', 0o600);
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* ignore */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* ignore */
    }
    const err = e as NodeJS.ErrnoException;
    throw new RawError(`error: cannot write the kubesim state file ${file}: ${err.message}`);
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* directories cannot be fsynced on every platform */
  }
}

/** Keeps a copy of a state file kubesim cannot read, so `cluster reset` never destroys data silently. */
export function backupState(file: string): string {
  const bak = `${file}.bak`;
  fs.copyFileSync(file, bak);
  return bak;
}
