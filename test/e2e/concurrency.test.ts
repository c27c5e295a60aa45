// Many kubesim processes at once on one state file: every acknowledged change is there afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from './harness';

describe('concurrent commands', () => {
  const c = new Cluster('kubesim-conc');
  afterAll(() => c.cleanup());

  it('20 parallel `create configmap` processes all land', async () => {
    await c.run(['get', 'ns']); // create the cluster first
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => c.run(['create', 'configmap', `cm-${i}`, `--from-literal=i=${i}`])));
    for (const [i, r] of results.entries()) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(`configmap/cm-${i} created\n`);
    }
    const list = await c.run(['get', 'configmaps', '-o', 'name']);
    for (let i = 0; i < 20; i++) expect(list.stdout).toContain(`configmap/cm-${i}\n`);
    const rvs = await c.run(['get', 'configmaps', '-o', 'jsonpath={range .items[*]}{.metadata.resourceVersion}{"\\n"}{end}']);
    const numbers = rvs.stdout.trim().split('\n').map(Number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
