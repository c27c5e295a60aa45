// Crash safety: writing commands killed with SIGKILL at random moments (and at each stage of a
// save) always leave the state file as it was before the command or as the command left it,
// never a mix; the next command recovers the dead writer's lock and temp file by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, Cluster, ROOT, cleanEnv } from './harness';
import { readStateFile } from '../../src/cluster/session';

/** A writing command and the states before and after it (manual clock: deterministic bytes). */
interface Scenario {
  name: string;
  args: string[];
  before: Buffer;
  after: Buffer;
  /** How long one complete run takes here (ms). */
  ms: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runOnce(state: string, args: string[], env: Record<string, string> = {}, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv({ KUBESIM_STATE: state, ...env }), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - t0, stderr });
    });
  });
}

const c = new Cluster('kubesim-crash');
const scenarios: Scenario[] = [];
let kills = 0;

async function scenario(name: string, setup: string[][], args: string[]): Promise<void> {
  const state = path.join(c.dir, `${name}.json`);
  for (const a of setup) {
    const r = await runOnce(state, a);
    expect(r.stderr).toBe('');
  }
  const before = fs.readFileSync(state);
  const work = path.join(c.dir, `${name}.probe.json`);
  fs.writeFileSync(work, before);
  const r = await runOnce(work, args);
  expect(r.code).toBe(0);
  const after = fs.readFileSync(work);
  expect(after.equals(before)).toBe(false);
  // determinism: the same command on the same state writes the same bytes
  fs.writeFileSync(work, before);
  const r2 = await runOnce(work, args);
  expect(fs.readFileSync(work).equals(after)).toBe(true);
  scenarios.push({ name, args, before, after, ms: Math.min(r.ms, r2.ms) });
}

/** Checks the state file after a crash: exactly the old or the new bytes, and it parses. */
function checkState(file: string, s: Scenario): 'old' | 'new' {
  const now = fs.readFileSync(file);
  const which = now.equals(s.before) ? 'old' : now.equals(s.after) ? 'new' : 'mixed';
  expect(which, `${s.name}: the state file after a crash is neither the old nor the new state`).not.toBe('mixed');
  expect(readStateFile(file)).toBeTruthy();
  return which as 'old' | 'new';
}

describe('crash safety (SIGKILL while writing)', () => {
  beforeAll(async () => {
    const many = path.join(c.dir, 'many.yaml');
    const docs: string[] = [];
    for (let i = 0; i < 40; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many-${i}\ndata:\n  payload: "${'p'.repeat(500)}"\n`);
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: many-web\nspec:\n  replicas: 5\n  selector:\n    matchLabels:\n      app: many\n  template:\n    metadata:\n      labels:\n        app: many\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`);
    fs.writeFileSync(many, docs.join('---\n'));
    // one after the other, so that the timings measured are those of an unloaded run
    await scenario('apply', [['get', 'ns']], ['apply', '-f', many]);
    await scenario('create', [['get', 'ns']], ['create', 'configmap', 'one', '--from-literal=a=b']);
    // a bigger file (a 300-pod Deployment, ~2 MB) makes the write itself take longer
    await scenario('scale', [['create', 'deployment', 'big', '--image=nginx', '--replicas=300']], ['scale', 'deployment', 'big', '--replicas=150']);
    await scenario('delete', [['create', 'deployment', 'gone', '--image=nginx', '--replicas=20']], ['delete', 'deployment', 'gone']);
  });
  afterAll(() => c.cleanup());

  it('a kill at each stage of a save leaves the old or the new state, and the next command recovers', async () => {
    const stages = ['tmp-open', 'tmp-half', 'tmp-written', 'tmp-synced', 'renamed'];
    for (const s of scenarios) {
      const file = path.join(c.dir, `${s.name}.stages.json`);
      for (const stage of stages) {
        fs.writeFileSync(file, s.before);
        const r = await runOnce(file, s.args, { KUBESIM_TEST_CRASH: stage });
        expect(r.signal).toBe('SIGKILL');
        kills++;
        expect(checkState(file, s)).toBe(stage === 'renamed' ? 'new' : 'old');
        // the dead writer left its lock (and maybe its temp file); the next command takes both over
        expect(fs.existsSync(`${file}.lock`)).toBe(true);
        const again = await runOnce(file, ['get', 'ns', '-o', 'name'], { KUBESIM_LOCK_TIMEOUT_MS: '10000' });
        expect(again.stderr).toBe('');
        expect(again.code).toBe(0);
        expect(fs.readdirSync(c.dir).filter((f) => f.startsWith(`.${s.name}.stages.json.`) || f.startsWith(`${s.name}.stages.json.lock`))).toEqual([]);
      }
    }
  });

  it('≥ 200 kills at random moments: the state file is always the old or the new state, never partial', async () => {
    console.log(`[reliability] one run: ${scenarios.map((s) => `${s.name} ${Math.round(s.ms)} ms (${(s.after.length / 1024).toFixed(0)} KiB)`).join(', ')}`);
    const rand = rng(20260101);
    const outcomes = { old: 0, new: 0, finished: 0 };
    const lanes = 2;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        // until 220 kills in all (runs that finish before their kill do not count), at most 200 runs a lane
        for (let i = 0; i < 200 && kills < 220; i++) {
          const s = scenarios[(i + lane) % scenarios.length]!;
          const file = path.join(c.dir, `${s.name}.lane${lane}.json`);
          fs.writeFileSync(file, s.before); // (a lock left by the previous kill stays: recovering it is part of the test)
          // anywhere from start-up to just past the end of a normal run, weighted to the end where the save happens
          const u = rand();
          const at = u < 0.3 ? rand() * s.ms : s.ms * (0.55 + 0.55 * rand());
          const r = await runOnce(file, s.args, { KUBESIM_LOCK_TIMEOUT_MS: '10000' }, Math.round(at));
          if (r.signal === 'SIGKILL') {
            kills++;
            const which = checkState(file, s);
            outcomes[which]++;
            // steer the estimate of when the save happens towards the real moment under this load
            if (at > s.ms * 0.55) s.ms *= which === 'old' ? 1.03 : 0.97;
          } else {
            expect(r.stderr).toBe('');
            expect(r.code).toBe(0);
            outcomes.finished++;
            // the run beat the kill: aim earlier from now on
            s.ms = Math.min(s.ms, r.ms) * 0.9;
            expect(checkState(file, s)).toBe('new');
          }
        }
      }),
    );
    console.log(
      `[reliability] ${kills} kills in total; random phase: ${outcomes.old} left the old state, ${outcomes.new} the new one, ${outcomes.finished} runs finished first; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(200);
    expect(outcomes.old).toBeGreaterThan(0);
  });
});
