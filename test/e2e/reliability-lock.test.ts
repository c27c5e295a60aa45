// The state file lock under load and after crashes: 50 processes at once never lose an
// acknowledged change; a lock left by a dead process (or one whose pid was reused by an unrelated
// process) is taken over; a live lock makes others wait, and gives up with a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Cluster } from './harness';
import { readStateFile } from '../../src/cluster/session';
import { processStartTime } from '../../src/store/statefile';

const HAS_PROC = fs.existsSync('/proc/self/stat');

/** A small deterministic shuffle (the test must not depend on Math.random). */
function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function deadPid(): number {
  // a process that has exited: its pid is free (reuse within this test is vanishingly unlikely)
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('50 concurrent writers on one state file', () => {
  const c = new Cluster('kubesim-conc50');
  afterAll(() => c.cleanup());

  it('every acknowledged change is there afterwards; resourceVersions are unique and increasing', async () => {
    const base: string[] = [];
    for (let i = 0; i < 10; i++) {
      base.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d-${i}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: d-${i}\n  template:\n    metadata:\n      labels:\n        app: d-${i}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n`,
      );
      base.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lab-${i}\ndata:\n  a: b\n`);
      base.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: del-${i}\ndata:\n  a: b\n`);
    }
    fs.writeFileSync(path.join(c.dir, 'base.yaml'), base.join('---\n'));
    const setup = await c.run(['apply', '-f', path.join(c.dir, 'base.yaml')]);
    expect(setup.exitCode).toBe(0);
    const before = readStateFile(c.state)!;
    const rvBefore = before.resourceVersion;

    type Job = { args: string[]; expectOut: string };
    const jobs: Job[] = [];
    for (let i = 0; i < 10; i++) {
      jobs.push({ args: ['create', 'configmap', `cm-${i}`, `--from-literal=k=v-${i}`], expectOut: `configmap/cm-${i} created\n` });
      const f = path.join(c.dir, `ap-${i}.yaml`);
      fs.writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ap-${i}\ndata:\n  i: "${i}"\n`);
      jobs.push({ args: ['apply', '-f', f], expectOut: `configmap/ap-${i} created\n` });
      jobs.push({ args: ['scale', 'deployment', `d-${i}`, `--replicas=${(i % 4) + 2}`], expectOut: `deployment.apps/d-${i} scaled\n` });
      jobs.push({ args: ['label', 'configmap', `lab-${i}`, `conc=v-${i}`], expectOut: `configmap/lab-${i} labeled\n` });
      jobs.push({ args: ['delete', 'configmap', `del-${i}`], expectOut: `configmap "del-${i}" deleted\n` });
    }
    expect(jobs).toHaveLength(50);
    const t0 = performance.now();
    const results = await Promise.all(shuffle(jobs, 6).map(async (j) => ({ j, r: await c.run(j.args) })));
    const took = performance.now() - t0;
    for (const { j, r } of results) {
      expect({ args: j.args.join(' '), stderr: r.stderr, exit: r.exitCode }).toEqual({ args: j.args.join(' '), stderr: '', exit: 0 });
      expect(r.stdout).toBe(j.expectOut);
    }
    // no lock, temp or break file is left behind
    expect(fs.readdirSync(c.dir).filter((f) => f.startsWith('.') || f.includes('.lock')).sort()).toEqual([]);

    const after = readStateFile(c.state)!; // the file parses
    const all = Object.values(after.objects).flat();
    const cms = new Map(after.objects.ConfigMap!.map((o) => [o.metadata.name, o]));
    const deps = new Map(after.objects['Deployment.apps']!.map((o) => [o.metadata.name, o]));
    for (let i = 0; i < 10; i++) {
      expect(cms.get(`cm-${i}`)?.data).toEqual({ k: `v-${i}` });
      expect(cms.get(`ap-${i}`)?.data).toEqual({ i: String(i) });
      expect(cms.get(`lab-${i}`)?.metadata.labels).toEqual({ conc: `v-${i}` });
      expect(cms.has(`del-${i}`)).toBe(false);
      expect(deps.get(`d-${i}`)?.spec.replicas).toBe((i % 4) + 2);
      // the controllers ran in the same command: the ReplicaSet made the pods
      const pods = after.objects.Pod!.filter((p) => p.metadata.labels?.app === `d-${i}`);
      expect(pods).toHaveLength((i % 4) + 2);
    }
    // resourceVersions: unique across the store, never above the counter, and every object the
    // 50 commands wrote carries one above anything that existed before them
    const rvs = all.map((o) => Number(o.metadata.resourceVersion));
    expect(new Set(rvs).size).toBe(rvs.length);
    expect(Math.max(...rvs)).toBeLessThanOrEqual(after.resourceVersion);
    for (let i = 0; i < 10; i++) for (const n of [`cm-${i}`, `ap-${i}`, `lab-${i}`]) expect(Number(cms.get(n)!.metadata.resourceVersion)).toBeGreaterThan(rvBefore);
    // 50 writers each took a distinct slice of the counter
    expect(after.resourceVersion - rvBefore).toBeGreaterThanOrEqual(50);
    console.log(`[reliability] 50 concurrent writers finished in ${(took / 1000).toFixed(2)} s`);
  });

  it('concurrent readers and writers: readers never see a half-written file', async () => {
    const jobs: Promise<{ stdout: string; exitCode: number; stderr: string }>[] = [];
    for (let i = 0; i < 12; i++) {
      jobs.push(c.run(['create', 'configmap', `rw-${i}`, `--from-literal=k=${'x'.repeat(2000)}`]));
      jobs.push(c.run(['get', 'configmaps', '-o', 'name']));
    }
    const rs = await Promise.all(jobs);
    for (const r of rs) expect({ exit: r.exitCode, stderr: r.stderr }).toEqual({ exit: 0, stderr: '' });
    const names = (await c.run(['get', 'configmaps', '-o', 'name'])).stdout;
    for (let i = 0; i < 12; i++) expect(names).toContain(`configmap/rw-${i}\n`);
  });
});

describe('the lock on the state file', () => {
  const c = new Cluster('kubesim-lock');
  const lock = () => `${c.state}.lock`;
  const host = os.hostname().replace(/\s+/g, '_');
  let sleeper: ChildProcess | undefined;

  beforeAll(async () => {
    expect((await c.run(['get', 'ns'])).exitCode).toBe(0);
  });
  afterAll(() => {
    sleeper?.kill('SIGKILL');
    c.cleanup();
  });

  it('a lock left by a dead process is taken over at once, with its temp file', async () => {
    const pid = deadPid();
    fs.writeFileSync(lock(), `${pid} 4242 ${host}\n`);
    const tmp = path.join(c.dir, `.state.json.${pid}.tmp`);
    fs.writeFileSync(tmp, '{"half": ');
    const t0 = performance.now();
    const r = await c.run(['create', 'configmap', 'after-dead', '--from-literal=a=b'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '20000' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/after-dead created\n');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(fs.existsSync(lock())).toBe(false);
    expect(fs.existsSync(tmp)).toBe(false);
  });

  it('an old-style lock (pid only) of a dead process is taken over too', async () => {
    fs.writeFileSync(lock(), `${deadPid()}\n`);
    const r = await c.run(['get', 'configmap', 'after-dead', '-o', 'name'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '20000' } });
    expect(r.stdout).toBe('configmap/after-dead\n');
    expect(fs.existsSync(lock())).toBe(false);
  });

  it.skipIf(!HAS_PROC)('a lock whose pid now belongs to another, unrelated process is stale (pid reuse)', async () => {
    // this very test process is alive, but it did not start at the time the lock records
    fs.writeFileSync(lock(), `${process.pid} 1 ${host}\n`);
    const r = await c.run(['get', 'configmap', 'after-dead', '-o', 'name'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '20000' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/after-dead\n');
    expect(fs.existsSync(lock())).toBe(false);
  });

  it('an incomplete lock (its writer died before writing its pid) is taken over once it is 2 s old', async () => {
    fs.writeFileSync(lock(), '');
    const old = new Date(Date.UTC(2020, 0, 1));
    fs.utimesSync(lock(), old, old);
    const r = await c.run(['get', 'configmap', 'after-dead', '-o', 'name']);
    expect(r.stdout).toBe('configmap/after-dead\n');
    expect(fs.existsSync(lock())).toBe(false);
  });

  it('a breaker that died while breaking a stale lock does not block the others', async () => {
    fs.writeFileSync(lock(), `${deadPid()} 4242 ${host}\n`);
    fs.writeFileSync(`${lock()}.break`, `${deadPid()} 4243 ${host}\n`);
    const r = await c.run(['get', 'configmap', 'after-dead', '-o', 'name'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '20000' } });
    expect(r.stdout).toBe('configmap/after-dead\n');
    expect(fs.readdirSync(c.dir).filter((f) => f.includes('.lock'))).toEqual([]);
  });

  it.skipIf(!HAS_PROC)('a live lock makes others wait, then fail after KUBESIM_LOCK_TIMEOUT_MS with a clear message and nothing changed', async () => {
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 50));
    const start = processStartTime(sleeper.pid!);
    fs.writeFileSync(lock(), `${sleeper.pid} ${start} ${host}\n`);
    const before = c.stateBytes();
    const t0 = performance.now();
    const r = await c.run(['create', 'configmap', 'blocked', '--from-literal=a=b'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '1500' } });
    const took = performance.now() - t0;
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: timed out after 1.5s waiting for the lock on the kubesim state file ${c.state}: it is held by process ${sleeper.pid}\n` +
        `If no kubesim command is running, delete ${lock()} and try again. KUBESIM_LOCK_TIMEOUT_MS sets how long to wait (in milliseconds).\n`,
    );
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(c.stateBytes().equals(before)).toBe(true);
    expect(fs.readFileSync(lock(), 'utf8')).toBe(`${sleeper.pid} ${start} ${host}\n`); // the live lock stands
  });

  it.skipIf(!HAS_PROC)('a waiter goes ahead as soon as the live holder releases the lock', async () => {
    expect(fs.existsSync(lock())).toBe(true); // still held by the sleeping process
    const t0 = performance.now();
    const pending = c.run(['create', 'configmap', 'waited', '--from-literal=a=b'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '30000' } });
    await new Promise((r) => setTimeout(r, 600));
    fs.unlinkSync(lock()); // the holder finishes
    const r = await pending;
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/waited created\n');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(600);
  });

  it.skipIf(!HAS_PROC)('a waiter goes ahead when the live holder is killed', async () => {
    fs.writeFileSync(lock(), `${sleeper!.pid} ${processStartTime(sleeper!.pid!)} ${host}\n`);
    const pending = c.run(['create', 'configmap', 'holder-killed', '--from-literal=a=b'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '30000' } });
    await new Promise((r) => setTimeout(r, 400));
    sleeper!.kill('SIGKILL');
    await new Promise((r) => sleeper!.once('exit', r));
    const r = await pending;
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('configmap/holder-killed created\n');
    expect(fs.existsSync(lock())).toBe(false);
  });

  it("a lock written on another host cannot be checked: it is waited for, and the message names the host", async () => {
    fs.writeFileSync(lock(), `${process.pid} 1 some-other-host\n`);
    const r = await c.run(['get', 'ns'], { env: { KUBESIM_LOCK_TIMEOUT_MS: '300' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`error: timed out after 0.3s waiting for the lock on the kubesim state file ${c.state}: it is held by process ${process.pid} on host some-other-host`);
    fs.unlinkSync(lock());
  });
});
