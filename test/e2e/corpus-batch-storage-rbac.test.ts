// Every corpus manifest with a Job, CronJob, PersistentVolume(Claim), StorageClass, RBAC object,
// CRD or custom resource, applied to a fresh cluster: each must be accepted or rejected with a
// kubectl error (exit 0 or 1, never a stack trace), and the cluster must keep working afterwards
// (time passes, the objects print). Old API versions must get the real "no matches" error.
// The outcome per file is kept as a reviewed summary.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster, SHARED } from './harness';

const CORPUS = path.join(SHARED, 'corpus');
const OWNED = /^kind:\s*(Job|CronJob|PersistentVolume|PersistentVolumeClaim|StorageClass|Role|ClusterRole|RoleBinding|ClusterRoleBinding|CustomResourceDefinition|Website|ServiceMonitor|PrometheusRule|Instance|Broker)\s*$/m;
/** apiVersions 1.32 no longer serves (or never served) for these kinds. */
const GONE = /^apiVersion:\s*"?(batch\/v1beta1|batch\/v2alpha1|apiextensions\.k8s\.io\/v1beta1|rbac\.authorization\.k8s\.io\/v1(alpha1|beta1)|storage\.k8s\.io\/v1beta1)"?\s*$/m;

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && OWNED.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(CORPUS);
  return out;
}

const present = fs.existsSync(CORPUS);
if (!present) console.warn(`corpus test skipped: ${CORPUS} is absent (the shared corpus sits beside the project as ../shared)`);

const STACK = /internal error in kubesim|^\s+at .+\(.+:\d+:\d+\)$/m;

describe.skipIf(!present)('corpus: batch, storage, RBAC and CRD manifests', () => {
  const clusters: Cluster[] = [];
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('applies each file to a fresh cluster without a crash', async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(50);
    const lines: string[] = new Array(files.length);
    const problems: string[] = [];
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= files.length) return;
        const file = files[i]!;
        const rel = path.relative(CORPUS, file);
        const c = new Cluster('kubesim-corpus');
        clusters.push(c);
        const apply = await c.run(['apply', '-f', file]);
        const advance = await c.run(['clock', 'advance', '3m']);
        const get = await c.run(['get', 'all,pv,pvc,sc,roles,rolebindings,clusterrolebindings,crd', '-A']);
        for (const [what, r] of [['apply', apply], ['clock advance', advance], ['get', get]] as const) {
          if (STACK.test(r.stderr) || STACK.test(r.stdout)) problems.push(`${rel}: ${what} crashed:\n${r.stderr}`);
          if (r.exitCode !== 0 && r.exitCode !== 1) problems.push(`${rel}: ${what} exited ${r.exitCode}`);
        }
        if (advance.exitCode !== 0 || get.exitCode !== 0) problems.push(`${rel}: the cluster broke after apply (${advance.stderr}${get.stderr})`);
        const text = fs.readFileSync(file, 'utf8');
        if (GONE.test(text) && !/no matches for kind/.test(apply.stderr)) problems.push(`${rel}: an old apiVersion was not refused with "no matches for kind"`);
        if (apply.exitCode === 1 && !/^(error: |Error from server|The \S+ "[^"]*" is invalid|Warning: )/m.test(apply.stderr)) problems.push(`${rel}: not a kubectl error:\n${apply.stderr}`);
        const created = apply.stdout.split('\n').filter(Boolean).length;
        const errors = apply.stderr
          .split('\n')
          .filter((l) => /^(error|Error from server|The )/.test(l))
          .map((l) => l.replaceAll(CORPUS + path.sep, '').replace(/"[^"]*corpus\//g, '"'));
        lines[i] = [`${rel}: exit ${apply.exitCode}, ${created} applied`, ...errors.map((e) => `  ${e}`)].join('\n');
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(problems).toEqual([]);
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot('__snapshots__/corpus-batch-storage-rbac.txt');
  });
});
