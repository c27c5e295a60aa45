// Output streams of one invocation. Verbs write through here so tests and waiting verbs share one path.

export const out = {
  write(s: string): void {
    if (s) process.stdout.write(s);
  },
  line(s = ''): void {
    process.stdout.write(`${s}\n`);
  },
};

export const err = {
  write(s: string): void {
    if (s) process.stderr.write(s);
  },
  line(s = ''): void {
    process.stderr.write(`${s}\n`);
  },
};

/** Colour only for people: a TTY, and NO_COLOR unset (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR === '0') return false;
  return !!stream.isTTY;
}

/** Spinners only where a person waits: stderr is a TTY with a width, not CI, colour allowed. */
export function spinnerEnabled(): boolean {
  return !!process.stderr.isTTY && (process.stderr.columns ?? 0) > 0 && !process.env.CI && colorEnabled(process.stderr);
}

/** The program name users typed (so messages say `kubesim` — or `kubectl` when aliased via KUBESIM_NAME). */
export function progName(): string {
  return process.env.KUBESIM_NAME || 'kubesim';
}
