#!/usr/bin/env node
// kubesim benchmarks. Run with `npm run bench` (builds first), or `node bench/run.mjs [options]`:
//
//   --suite a,b     suites to run (default: all): startup, scale, apply, rollout, limits
//   --rounds N      rounds of the start-up suite (default 30)
//   --quick         skip the 5,000-node / 150,000-pod suite (it takes minutes)
//   --keep DIR      keep the generated states in DIR (reused on the next run with the same --keep)
//
// Every number is a median of interleaved runs (round by round, so machine noise hits every
// contender alike), with NODE_EXTRA_CA_CERTS removed from the environment as in a user's shell.
// Large clusters are built by bench/gen.ts — in-process, through the same API server, controllers,
// scheduler and kubelet the CLI runs, then saved once — and every command is then timed through the
// real binary. Peak memory is the child's maximum resident set size (bench/peak.cjs).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'kubesim.cjs');
const peak = path.join(root, 'bench', 'peak.cjs');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const flag = (name) => args.includes(`--${name}`);
const rounds = Number(opt('rounds', 30));
const quick = flag('quick');
const allSuites = ['startup', 'scale', 'apply', 'rollout', 'limits'];
const suites = (opt('suite', '') || allSuites.filter((s) => !(quick && s === 'limits')).join(',')).split(',');
const keep = opt('keep', '');
const work = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-bench-'));
fs.mkdirSync(work, { recursive: true });

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
for (const k of Object.keys(env)) if (k.startsWith('KUBESIM_')) delete env[k];
env.NO_COLOR = '1';

// ---- measuring ----

function run(cmd, argv, extraEnv = {}, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env: { ...env, ...extraEnv }, stdio: ['ignore', opts.keepOut ? 'pipe' : 'ignore', 'pipe'], maxBuffer: 1 << 30, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal}): ${String(r.stderr).slice(0, 2000)}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

/** Runs kubesim with the peak-memory preload; returns time and max RSS (MiB). */
function kubesim(state, argv, opts = {}) {
  const rss = path.join(work, `rss-${process.pid}.txt`);
  fs.rmSync(rss, { force: true });
  const r = run(process.execPath, ['-r', peak, bin, ...argv], { KUBESIM_STATE: state, KUBESIM_CLOCK: 'manual', KUBESIM_BENCH_RSS: rss }, opts);
  let mib;
  try {
    mib = Number(fs.readFileSync(rss, 'utf8')) / 1024;
  } catch {
    mib = NaN;
  }
  return { ...r, rss: mib };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(w[i]) : String(c ?? '').padStart(w[i]))).join('  ')).join('\n');
}

const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtSize = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : `${(b / 1024).toFixed(0)} KiB`);
const fmtMiB = (m) => (Number.isFinite(m) ? `${m.toFixed(0)} MiB` : '?');

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

// ---- the state generator (bench/gen.ts, bundled on first use) ----

let genBundle;
function generator() {
  if (genBundle) return genBundle;
  genBundle = path.join(work, 'gen.cjs');
  const esbuild = path.join(root, 'node_modules', 'esbuild');
  const r = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(esbuild)}).buildSync({entryPoints:[${JSON.stringify(path.join(root, 'bench', 'gen.ts'))}],outfile:${JSON.stringify(genBundle)},bundle:true,platform:'node',target:'node20',format:'cjs',logLevel:'error',define:{'process.env.KUBESIM_BUNDLED':'"1"'}})`],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('cannot bundle bench/gen.ts (run npm install first)');
  return genBundle;
}

/** A cluster with `pods` pods (all Running) on `workers` worker nodes; reused when kept. */
function cluster(name, workers, pods, replicas) {
  const state = path.join(work, `${name}.json`);
  const meta = `${state}.gen`;
  if (fs.existsSync(state) && fs.existsSync(meta)) return { state, ...JSON.parse(fs.readFileSync(meta, 'utf8')), reused: true };
  process.stderr.write(`building ${name}: ${workers} workers, ${pods} pods …\n`);
  const rss = path.join(work, `rss-gen.txt`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', peak, generator(), '--state', state, '--workers', String(workers), '--pods', String(pods), '--replicas', String(replicas)], {
    env: { ...env, KUBESIM_BENCH_RSS: rss },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`generating ${name} failed`);
  const info = { genMs: Number(process.hrtime.bigint() - t0) / 1e6, genRss: Number(fs.readFileSync(rss, 'utf8')) / 1024 };
  fs.writeFileSync(meta, JSON.stringify(info));
  return { state, ...info, reused: false };
}

/** Times a read-only command `n` times (the state is not changed by it). */
function timeRead(state, argv, n) {
  const xs = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = kubesim(state, argv);
    xs.push(r.ms);
    rss = Math.max(rss, r.rss);
  }
  return { ms: median(xs), rss };
}

/** Times a writing command `n` times, each on a fresh copy of the state. */
function timeWrite(state, argv, n, opts = {}) {
  const copy = path.join(work, 'scratch.json');
  const xs = [];
  let rss = 0;
  let size = 0;
  let out;
  for (let i = 0; i < n; i++) {
    fs.copyFileSync(state, copy);
    const r = kubesim(copy, argv, opts);
    xs.push(r.ms);
    rss = Math.max(rss, r.rss);
    size = fs.statSync(copy).size;
    out = r.stdout;
  }
  return { ms: median(xs), rss, size, out };
}

// ---- suites ----

function startupSuite() {
  const state = path.join(work, 'startup.json');
  fs.rmSync(state, { force: true });
  const kenv = { KUBESIM_STATE: state, KUBESIM_CLOCK: 'manual' };
  // create the cluster and warm the V8 code cache
  run(process.execPath, [bin, 'get', 'pods', '-A'], kenv);
  run(process.execPath, [bin, 'get', 'pods', '-A'], kenv);
  const contenders = [
    ['node -e 0', () => run(process.execPath, ['-e', '0']).ms],
    ['kubesim get pods -A', () => run(process.execPath, [bin, 'get', 'pods', '-A'], kenv).ms],
    ['kubesim get pods', () => run(process.execPath, [bin, 'get', 'pods'], kenv).ms],
    ['kubesim get deploy -A -o yaml', () => run(process.execPath, [bin, 'get', 'deploy', '-A', '-o', 'yaml'], kenv).ms],
    ['kubesim describe node worker-1', () => run(process.execPath, [bin, 'describe', 'node', 'worker-1'], kenv).ms],
  ];
  const kubectl = which('kubectl');
  if (kubectl) contenders.push(['kubectl version --client', () => run(kubectl, ['version', '--client']).ms]);
  const samples = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) contenders.forEach(([, f], i) => samples[i].push(f()));
  const med = samples.map(median);
  const node = med[0];
  const kc = kubectl ? med[contenders.length - 1] : undefined;
  const rows = [['command', 'median', '× node -e 0', kubectl ? '× kubectl' : '']];
  contenders.forEach(([name], i) => rows.push([name, fmtMs(med[i]), (med[i] / node).toFixed(2), kc ? (med[i] / kc).toFixed(2) : '']));
  const mem = kubesim(state, ['get', 'pods', '-A']);
  const goals = [`goal: kubesim get pods -A ≤ 1.30 × node -e 0 → ${(med[1] / node).toFixed(2)}`];
  if (kc) goals.push(`goal: kubesim get pods -A ≤ 1.00 × kubectl version --client → ${(med[1] / kc).toFixed(2)}`);
  return `Start-up: default cluster (${fmtSize(fs.statSync(state).size)} state, ${fmtMiB(mem.rss)} peak), ${rounds} interleaved rounds\n${table(rows)}\n${goals.join('\n')}`;
}

function scaleSuite() {
  const sizes = [
    ['1k', 10, 1_000],
    ['10k', 100, 10_000],
  ];
  if (!quick) sizes.push(['150k', 5_000, 150_000]);
  const rows = [['pods', 'nodes', 'get pods -A', 'per 1k pods', 'get pods -n one ns', 'state file', 'peak memory', 'built in']];
  const per = [];
  for (const [name, workers, pods] of sizes) {
    // the 150k cluster is the limits suite's (built once)
    const c = pods === 150_000 ? cluster('limits', 5_000, 150_000, 1000) : cluster(`scale-${name}`, workers, pods, Math.min(1000, pods));
    const n = pods >= 100_000 ? 3 : 5;
    const all = timeRead(c.state, ['get', 'pods', '-A'], n);
    const one = timeRead(c.state, ['get', 'pods', '-n', pods > 10_000 ? 'bench-0' : 'default'], n);
    per.push(all.ms / (pods / 1000));
    rows.push([name, String(workers + 1), fmtMs(all.ms), fmtMs(all.ms / (pods / 1000)), fmtMs(one.ms), fmtSize(fs.statSync(c.state).size), fmtMiB(all.rss), `${fmtMs(c.genMs)}${c.reused ? ' (kept)' : ''}`]);
  }
  const growth = per.length > 1 ? `cost per 1k pods from ${sizes[0][0]} to ${sizes[per.length - 1][0]}: ×${(per[per.length - 1] / per[0]).toFixed(2)} (1.00 = linear)` : '';
  const r10 = rows.find((r) => r[0] === '10k');
  return `Scale: get pods -A (all Running; states built by bench/gen.ts)\n${table(rows)}\n${growth}\ngoal: 10k-pod get pods -A ≤ 0.5 s → ${r10 ? r10[2] : '?'}`;
}

function applySuite() {
  const c = cluster('apply-base', 10, 0, 1);
  const file = path.join(work, 'apply-1000.yaml');
  const docs = [];
  for (let i = 0; i < 1000; i++) {
    const kind = i % 4;
    if (kind === 0)
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  labels:\n    app: app-${i}\nspec:\n  replicas: 0\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n`,
      );
    else if (kind === 1) docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: app-${i - 1}\n  ports:\n  - port: 80\n    targetPort: 80\n`);
    else docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  index: "${i}"\n  payload: "${'x'.repeat(200)}"\n`);
  }
  fs.writeFileSync(file, docs.join('---\n'));
  const first = timeWrite(c.state, ['apply', '-f', file], 3);
  // the same file again, on the state the first apply left: every object "unchanged"
  const applied = path.join(work, 'apply-applied.json');
  fs.copyFileSync(path.join(work, 'scratch.json'), applied);
  const again = timeWrite(applied, ['apply', '-f', file], 3);
  const rows = [
    ['apply -f (1,000 objects)', 'median', 'state file after', 'peak memory'],
    ['first apply: 250 Deployments, 250 Services, 500 ConfigMaps created', fmtMs(first.ms), fmtSize(first.size), fmtMiB(first.rss)],
    ['same file again: 1,000 unchanged', fmtMs(again.ms), fmtSize(again.size), fmtMiB(again.rss)],
  ];
  return `Apply of a 1,000-object file (10 workers)\n${table(rows)}`;
}

function rolloutSuite() {
  const c = cluster('rollout-base', 10, 0, 1);
  const created = path.join(work, 'rollout-created.json');
  fs.copyFileSync(c.state, created);
  const steps = [
    ['create deployment big --replicas=1000', ['create', 'deployment', 'big', '--image=nginx:1.26', '--replicas=1000']],
    ['rollout status deploy/big (to 1,000 available)', ['rollout', 'status', 'deployment/big', '--timeout=30m']],
    ['set image deploy/big nginx=nginx:1.27', ['set', 'image', 'deployment/big', 'nginx=nginx:1.27']],
    ['rollout status deploy/big (rolling update)', ['rollout', 'status', 'deployment/big', '--timeout=60m']],
    ['get pods -A (1,000 pods)', ['get', 'pods', '-A']],
  ];
  const rows = [['1,000-replica Deployment', 'time', 'state file after', 'peak memory']];
  let state = c.state;
  for (const [label, argv] of steps) {
    const r = timeWrite(state, argv, 1);
    const next = path.join(work, `rollout-${rows.length}.json`);
    fs.copyFileSync(path.join(work, 'scratch.json'), next);
    state = next;
    rows.push([label, fmtMs(r.ms), fmtSize(r.size), fmtMiB(r.rss)]);
  }
  return `Rollout of a 1,000-replica Deployment to completion (10 workers, manual clock: waiting verbs advance simulated time)\n${table(rows)}`;
}

function limitsSuite() {
  const c = cluster('limits', 5_000, 150_000, 1000);
  const cmds = [
    ['get pods -A', ['get', 'pods', '-A'], 'read'],
    ['get nodes', ['get', 'nodes'], 'read'],
    ['get pods -n bench-0', ['get', 'pods', '-n', 'bench-0'], 'read'],
    ['get deploy -A', ['get', 'deploy', '-A'], 'read'],
    ['describe node worker-17', ['describe', 'node', 'worker-17'], 'read'],
    ['describe deploy app-3 -n bench-3', ['describe', 'deployment', 'app-3', '-n', 'bench-3'], 'read'],
    ['get events -n bench-5', ['get', 'events', '-n', 'bench-5'], 'read'],
    ['create configmap', ['create', 'configmap', 'bench', '--from-literal=a=b'], 'write'],
    ['delete pod (its ReplicaSet replaces it)', ['delete', 'pod', '-n', 'bench-1', '--wait=false', 'POD'], 'write'],
    ['scale deploy app-1 --replicas=1100', ['scale', 'deployment', 'app-1', '-n', 'bench-1', '--replicas=1100'], 'write'],
    ['clock advance 1m', ['clock', 'advance', '1m'], 'write'],
  ];
  const pod = kubesim(c.state, ['get', 'pods', '-n', 'bench-1', '-o', 'name'], { keepOut: true }).stdout.split('\n')[0].replace('pod/', '');
  const rows = [['5,000 nodes / 150,000 pods', 'time', 'state file after', 'peak memory', '≤ 5 s']];
  let worst = 0;
  for (const [label, argv, mode] of cmds) {
    const a = argv.map((x) => (x === 'POD' ? pod : x));
    const r = mode === 'read' ? { ...timeRead(c.state, a, 3), size: fs.statSync(c.state).size } : timeWrite(c.state, a, 3);
    worst = Math.max(worst, r.ms);
    rows.push([label, fmtMs(r.ms), fmtSize(r.size), fmtMiB(r.rss), r.ms <= 5000 ? 'yes' : 'NO']);
  }
  return `Kubernetes' published limits: 5,000 nodes, 150,000 pods (built by bench/gen.ts in ${fmtMs(c.genMs)}, generator peak ${fmtMiB(c.genRss)})\n${table(rows)}\nslowest command: ${fmtMs(worst)} (goal ≤ 5 s)`;
}

const known = { startup: startupSuite, scale: scaleSuite, apply: applySuite, rollout: rolloutSuite, limits: limitsSuite };
const cpu = os.cpus();
console.log(`kubesim bench — ${cpu.length} cores (${cpu[0]?.model?.trim() ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}\n`);
for (const s of suites) {
  const fn = known[s];
  if (!fn) {
    console.error(`unknown suite ${s}; known: ${Object.keys(known).join(', ')}`);
    process.exit(1);
  }
  const t0 = performance.now();
  console.log(fn());
  console.log(`(${s}: ${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
}
if (!keep) fs.rmSync(work, { recursive: true, force: true });
