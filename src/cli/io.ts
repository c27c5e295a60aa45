// Output streams of one invocation. Verbs write through here so tests and waiting verbs share one path.
//
// Text goes to file descriptors 1 and 2 with fs.writeSync rather than through process.stdout/stderr:
// creating those streams loads Node's stream machinery (net and tty too for pipes and terminals),
// a few milliseconds of every start. Writes stay in order with anything else written to the same
// descriptor (on Linux, Node writes stdio synchronously too). A reader that went away (`| head`)
// ends the command quietly, as it does for kubectl: later writes are dropped and the process exits
// with its exit code once the code running now has finished (so a session still saves and unlocks).
import { writeSync } from 'node:fs';

const closed: Record<number, boolean> = {};
let pause: Int32Array | undefined;

function writeFd(fd: 1 | 2, s: string): void {
  if (closed[fd]) return;
  const buf = Buffer.from(s, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // a non-blocking pipe that is full: wait for the reader
        Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') {
        closed[fd] = true;
        setImmediate(() => process.exit(process.exitCode ?? 0));
        return;
      }
      throw e;
    }
  }
}

export const out = {
  write(s: string): void {
    if (s) writeFd(1, s);
  },
  line(s = ''): void {
    writeFd(1, `${s}\n`);
  },
};

export const err = {
  write(s: string): void {
    if (s) writeFd(2, s);
  },
  line(s = ''): void {
    writeFd(2, `${s}\n`);
  },
};

let guarded = false;

/**
 * process.stdout or process.stderr, for the few places that need a stream (a spinner, an interactive
 * shell, binary exec output); a closed pipe ends the command quietly there too.
 */
export function stdStream(fd: 1 | 2): NodeJS.WriteStream {
  if (!guarded) {
    guarded = true;
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw e;
      });
    }
  }
  return fd === 1 ? process.stdout : process.stderr;
}

/** Colour only for people: a TTY, and NO_COLOR unset (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = stdStream(1)): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR === '0') return false;
  return !!stream.isTTY;
}

/** Spinners only where a person waits: stderr is a TTY with a width, not CI, colour allowed. */
export function spinnerEnabled(): boolean {
  const stderr = stdStream(2);
  return !!stderr.isTTY && (stderr.columns ?? 0) > 0 && !process.env.CI && colorEnabled(stderr);
}

/** The program name users typed (so messages say `kubesim` — or `kubectl` when aliased via KUBESIM_NAME). */
export function progName(): string {
  return process.env.KUBESIM_NAME || 'kubesim';
}
