#!/usr/bin/env node
// kubesim benchmarks. Run with `npm run bench` (builds first). Prints a table of medians and ratios
// measured side by side in one run: commands are interleaved round by round so machine noise hits
// every contender alike. NODE_EXTRA_CA_CERTS is removed from the environment, as in a user's shell.
//
//   node bench/run.mjs [--rounds N] [--suite startup]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'kubesim.cjs');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const rounds = Number(opt('rounds', 30));
const suites = (opt('suite', 'startup') || 'startup').split(',');

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

function timeOnce(cmd, argv, extraEnv = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ')).join('\n');
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function startupSuite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-bench-'));
  const state = path.join(dir, 'state.json');
  const kenv = { KUBESIM_STATE: state, KUBESIM_CLOCK: 'manual' };
  // create the cluster and warm the V8 code cache
  timeOnce(process.execPath, [bin, 'get', 'pods', '-A'], kenv);
  timeOnce(process.execPath, [bin, 'get', 'pods', '-A'], kenv);
  const contenders = [
    ['node -e 0', () => timeOnce(process.execPath, ['-e', '0'])],
    ['kubesim get pods -A', () => timeOnce(process.execPath, [bin, 'get', 'pods', '-A'], kenv)],
    ['kubesim get pods', () => timeOnce(process.execPath, [bin, 'get', 'pods'], kenv)],
  ];
  const kubectl = which('kubectl');
  if (kubectl) contenders.push(['kubectl version --client', () => timeOnce(kubectl, ['version', '--client'])]);
  const samples = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) contenders.forEach(([, f], i) => samples[i].push(f()));
  const med = samples.map(median);
  const node = med[0];
  const kc = kubectl ? med[3] : undefined;
  const rows = [['command', 'median ms', '× node -e 0', kubectl ? '× kubectl' : '']];
  contenders.forEach(([name], i) => rows.push([name, med[i].toFixed(1), (med[i] / node).toFixed(2), kc ? (med[i] / kc).toFixed(2) : '']));
  fs.rmSync(dir, { recursive: true, force: true });
  return `Start-up (${rounds} interleaved rounds, NODE_EXTRA_CA_CERTS unset)\n${table(rows)}`;
}

const known = { startup: startupSuite };
console.log(`kubesim bench — ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}\n`);
for (const s of suites) {
  const fn = known[s];
  if (!fn) {
    console.error(`unknown suite ${s}; known: ${Object.keys(known).join(', ')}`);
    process.exit(1);
  }
  console.log(fn());
  console.log('');
}
