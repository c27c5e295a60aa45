// Every ConfigMap and Secret manifest of the shared corpus applies without a crash, and the pods of
// the corpus that consume ConfigMaps, Secrets and the downward API come up (or wait with the kubelet's
// reasons) without one either. Skipped when the corpus is absent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster, SHARED } from './harness';

const CORPUS = path.join(SHARED, 'corpus');
const present = fs.existsSync(CORPUS);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const files = present ? walk(CORPUS) : [];
const configFiles = files.filter((f) => /^\s*"?kind"?\s*:\s*"?(ConfigMap|Secret)"?\s*,?\s*$/m.test(fs.readFileSync(f, 'utf8')));
const consumers = files.filter((f) => /configMapKeyRef|secretKeyRef|envFrom|downwardAPI|configMap:\s*$|secret:\s*$/m.test(fs.readFileSync(f, 'utf8')) && /^kind:\s*Pod\s*$/m.test(fs.readFileSync(f, 'utf8')));

describe.skipIf(!present)('corpus: ConfigMaps, Secrets and the pods that use them', () => {
  const c = new Cluster('kubesim-corpus-config');
  afterAll(() => c.cleanup());

  it(`applies the ${configFiles.length} ConfigMap/Secret manifests without a crash`, async () => {
    expect(configFiles.length).toBeGreaterThan(10);
    for (const f of configFiles) {
      const r = await c.run(['apply', '-f', f]);
      expect(r.stderr, f).not.toMatch(/internal error|TypeError|at .*\.js:\d+/);
      // what may fail is what the API server would refuse (a missing namespace, an immutable type)
      if (r.exitCode !== 0) expect(r.stderr, f).toMatch(/^(error: |Error from server|The Secret)/m);
    }
    const secrets = await c.run(['get', 'secrets', '-o', 'name']);
    expect(secrets.stdout).toContain('secret/ceph-secret');
    expect(secrets.stdout).toContain('secret/heketi-secret');
  });

  it(`runs the ${consumers.length} pods that consume them; exec and logs work on each`, async () => {
    for (const f of consumers) {
      const r = await c.run(['apply', '-f', f]);
      expect(r.stderr, f).not.toMatch(/internal error|TypeError/);
    }
    await c.run(['clock', 'advance', '2m']);
    const pods = (await c.run(['get', 'pods', '-o', 'name'])).stdout.split('\n').filter(Boolean);
    expect(pods.length).toBeGreaterThan(3);
    for (const p of pods) {
      const d = await c.run(['describe', p]);
      expect(d.stderr, p).toBe('');
      const l = await c.run(['logs', p, '--all-containers']);
      expect(l.stderr, p).not.toMatch(/internal error|TypeError/);
      const e = await c.run(['exec', p, '--', 'env']);
      expect(e.stderr, p).not.toMatch(/internal error|TypeError/);
    }
  });
});
