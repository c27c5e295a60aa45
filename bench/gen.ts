// Builds a large cluster for the benchmarks, in-process, through the same code the CLI runs: a
// fresh default cluster with W worker nodes (what `kubesim cluster create --workers W` makes), then
// Deployments created through the API server, then simulated time advanced until the controllers,
// scheduler and kubelet have every pod Running, then one atomic save of the state file.
// Nothing is faked: every pod, ReplicaSet, event and kubelet record is what the simulation produced.
//
// Bundled and run by bench/run.mjs:
//   node gen.cjs --state FILE --workers W --pods N [--replicas R] [--namespaces K]
import { Session } from '../src/cluster/session';
import { StateLock } from '../src/store/statefile';
import { defaultClusterConfig } from '../src/cluster/config';
import type { KObject } from '../src/api/types';

function opt(name: string, def?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1]!;
  if (def === undefined) throw new Error(`--${name} is required`);
  return def;
}

const state = opt('state');
const workers = Number(opt('workers', '2'));
const pods = Number(opt('pods', '0'));
const replicas = Number(opt('replicas', String(Math.min(pods || 1, 1000))));
const namespaces = Number(opt('namespaces', String(Math.max(1, Math.ceil(pods / 10_000)))));

const t0 = performance.now();
const lap = (what: string) => process.stderr.write(`  gen: ${what} at ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

const lock = new StateLock(`${state}.lock`);
lock.acquire();
try {
  const s = Session.fresh(state, lock, { clock: 'manual', config: defaultClusterConfig({ workers }) });
  const { api, loop, store } = s.ctx;
  lap(`cluster with ${workers} workers`);
  const nss: string[] = [];
  for (let i = 0; i < namespaces; i++) {
    const name = namespaces === 1 ? 'default' : `bench-${i}`;
    if (name !== 'default') api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    nss.push(name);
  }
  loop.runUntilQuiet();
  let left = pods;
  let d = 0;
  while (left > 0) {
    const r = Math.min(replicas, left);
    const ns = nss[d % nss.length]!;
    const name = `app-${d}`;
    const dep: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels: { app: name } },
      spec: {
        replicas: r,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '1m', memory: '1Mi' } } }] } },
      },
    };
    api.create(dep);
    loop.runUntilQuiet();
    left -= r;
    d++;
    if (d % 10 === 0) lap(`${d} deployments, ${store.count('Pod')} pods`);
  }
  lap(`${d} deployments created`);
  const running = () => store.list('Pod').filter((p) => p.status?.phase === 'Running').length;
  const total = store.count('Pod');
  for (let step = 0; step < 60 && pods > 0; step++) {
    s.advance(10_000);
    const n = running();
    if (n === total) break;
  }
  lap(`${running()}/${total} pods Running, ${store.count('Event')} events, clock +${Math.round((s.clock.now() - 1767225600000) / 1000)} s`);
  s.save();
  lap('saved');
} finally {
  lock.release();
}
