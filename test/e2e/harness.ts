// Runs the built kubesim binary against a temporary state file with a manual clock, and records
// transcripts (command, stdout, stderr, exit code) for snapshot comparison.
import { execa } from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'kubesim.cjs');
export const SHARED = path.resolve(ROOT, '..', 'shared');

export interface Result {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The environment of a user's shell, minus what would make output vary (colour, CA bundle cost). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'NODE_EXTRA_CA_CERTS' && !k.startsWith('KUBESIM_')) env[k] = v;
  return { ...env, NO_COLOR: '1', KUBESIM_CLOCK: 'manual', ...extra };
}

export class Cluster {
  readonly dir: string;
  readonly state: string;
  readonly log: string[] = [];

  /** `memory`: put the state in a RAM-backed directory when there is one (/dev/shm), for tests whose cost is thousands of saves. */
  constructor(name = 'kubesim-e2e', opts: { memory?: boolean } = {}) {
    this.dir = fs.mkdtempSync(path.join(opts.memory ? ramDir() : os.tmpdir(), `${name}-`));
    this.state = path.join(this.dir, 'state.json');
  }

  async run(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<Result> {
    const r = await execa(process.execPath, [BIN, ...args], {
      env: cleanEnv({ KUBESIM_STATE: this.state, ...(opts.env ?? {}) }),
      extendEnv: false,
      input: opts.input,
      reject: false,
      cwd: opts.cwd ?? ROOT,
      stripFinalNewline: false,
    });
    return { stdout: r.stdout as string, stderr: r.stderr as string, exitCode: r.exitCode ?? -1 };
  }

  /** Runs a command and appends it to the transcript. */
  async sh(cmd: string, opts: { input?: string } = {}): Promise<Result> {
    const args = splitArgs(cmd);
    const r = await this.run(args, opts);
    this.log.push(`$ kubesim ${cmd}`);
    if (r.stdout) this.log.push(r.stdout.replace(/\n$/, ''));
    if (r.stderr) this.log.push(r.stderr.replace(/\n$/, '').split('\n').map((l) => `[stderr] ${l}`).join('\n'));
    if (r.exitCode !== 0) this.log.push(`[exit ${r.exitCode}]`);
    return r;
  }

  transcript(): string {
    return this.log.join('\n') + '\n';
  }

  stateBytes(): Buffer {
    return fs.readFileSync(this.state);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function ramDir(): string {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** Shell-like splitting with single and double quotes. */
export function splitArgs(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i]!;
    if (q) {
      if (c === q) q = null;
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      q = c;
      has = true;
      continue;
    }
    if (c === ' ') {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (cur || has) out.push(cur);
  return out;
}
