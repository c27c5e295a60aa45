// Every corpus manifest holding a StatefulSet, DaemonSet, ReplicationController, Namespace or
// ServiceAccount is applied to a fresh cluster, the controllers get two simulated minutes, and the
// cluster is listed: each command must end with exit 0 or kubectl's exit 1 with a proper error
// (`error: …` / `Error from server …`), never with a stack trace or an internal error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster, SHARED, type Result } from './harness';

const CORPUS = path.join(SHARED, 'corpus');
const KINDS = /^\s*"?kind"?\s*:\s*"?(StatefulSet|DaemonSet|ReplicationController|Namespace|ServiceAccount)"?\s*,?\s*$/m;

function manifests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...manifests(p));
    else if (/\.(ya?ml|json)$/.test(e.name) && KINDS.test(fs.readFileSync(p, 'utf8'))) out.push(p);
  }
  return out;
}

/** A problem with one command's outcome, or undefined when it ended as kubectl would. */
function problem(r: Result): string | undefined {
  const all = `${r.stdout}\n${r.stderr}`;
  if (/internal error|\n\s+at .+\(.+:\d+:\d+\)|TypeError|ReferenceError|RangeError/.test(all)) return `crash: ${r.stderr.trim().split('\n')[0]}`;
  if (r.exitCode !== 0 && r.exitCode !== 1) return `exit ${r.exitCode}`;
  if (r.exitCode === 1) {
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    const bad = lines.find((l) => !/^(error: |Error from server|Error: |Warning: |The \S+ "[^"]*" is invalid|\* |ensure CRDs are installed first|Resource: |Name: |from server for: |\s)/.test(l));
    if (bad !== undefined || lines.length === 0) return `unexpected error output: ${lines[0] ?? '(none)'}`;
  }
  return undefined;
}

const present = fs.existsSync(CORPUS);

describe('corpus: workload, namespace and service-account manifests', () => {
  const clusters: Cluster[] = [];
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  const title = present ? 'apply, reconcile and list without a crash' : `skipped: the shared corpus is not at ${CORPUS}`;
  it.skipIf(!present)(title, async () => {
    const files = manifests(CORPUS);
    expect(files.length).toBeGreaterThan(40);
    const findings: string[] = [];
    const problems: string[] = [];
    const queue = [...files];
    const worker = async () => {
      for (;;) {
        const file = queue.shift();
        if (!file) return;
        const c = new Cluster('kubesim-corpus');
        clusters.push(c);
        const rel = path.relative(CORPUS, file);
        const apply = await c.run(['apply', '-f', file]);
        const applied = apply.exitCode === 0 ? 'applied' : `rejected: ${apply.stderr.trim().split('\n')[0]}`;
        const steps: [string, Result][] = [['apply', apply]];
        steps.push(['clock advance', await c.run(['clock', 'advance', '2m'])]);
        steps.push(['get all -A', await c.run(['get', 'all,pvc,sa,controllerrevisions', '-A'])]);
        steps.push(['describe', await c.run(['describe', 'statefulsets,daemonsets,replicationcontrollers', '-A'])]);
        for (const [what, r] of steps) {
          const p = problem(r);
          if (p) problems.push(`${rel}: ${what}: ${p}`);
        }
        findings.push(`${rel}: ${applied}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    findings.sort();
    // the summary (what was accepted, what was refused and why) is part of the test output
    console.log(`corpus workload manifests (${files.length}):\n${findings.join('\n')}`);
    expect(problems).toEqual([]);
  });
});
