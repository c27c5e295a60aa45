// Every Service / Endpoints / Ingress / IngressClass / EndpointSlice manifest of the shared corpus is
// applied to a cluster: it is accepted and reconciled, or refused with the error a 1.32 cluster gives —
// never a crash. The results are kept as a transcript for review.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster, SHARED } from './harness';

const CORPUS = path.join(SHARED, 'corpus');
const KINDS = /^\s*kind:\s*(Service|Endpoints|Ingress|IngressClass|EndpointSlice)\s*$/m;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/.test(e.name) && KINDS.test(fs.readFileSync(p, 'utf8'))) out.push(path.relative(CORPUS, p));
  }
  return out;
}

const present = fs.existsSync(CORPUS);
if (!present) console.warn(`skipping the networking corpus test: ${CORPUS} is absent`);

describe.skipIf(!present)('networking manifests of the shared corpus', () => {
  const clusters: Cluster[] = [];
  afterAll(() => clusters.forEach((c) => c.cleanup()));

  it('apply without a crash: accepted and reconciled, or refused with the real error', async () => {
    const files = walk(CORPUS);
    expect(files.length).toBeGreaterThan(50);
    const groups = [
      files.filter((f) => f.startsWith('kubernetes-in-action/')),
      files.filter((f) => f.startsWith('kubernetes-examples/_archived/')),
      files.filter((f) => f.startsWith('kubernetes-examples/') && !f.startsWith('kubernetes-examples/_archived/')),
    ];
    const transcripts = await Promise.all(
      groups.map(async (group) => {
        const c = new Cluster('kubesim-corpus');
        clusters.push(c);
        const log: string[] = [];
        const run = async (args: string[]) => {
          const r = await c.run(args, { cwd: CORPUS });
          log.push(`$ kubesim ${args.join(' ')}`);
          if (r.stdout) log.push(r.stdout.replace(/\n$/, ''));
          if (r.stderr) log.push(r.stderr.replace(/\n$/, '').split('\n').map((l) => `[stderr] ${l}`).join('\n'));
          if (r.exitCode !== 0) log.push(`[exit ${r.exitCode}]`);
          // a crash is exit 2 with "internal error in kubesim"
          expect(r.stderr).not.toContain('internal error');
          expect([0, 1]).toContain(r.exitCode);
          return r;
        };
        for (const f of group) await run(['apply', '-f', f]);
        await run(['clock', 'advance', '2m']);
        await run(['get', 'svc,ep,ing', '-A']);
        return log.join('\n');
      }),
    );
    await expect(transcripts.join('\n\n') + '\n').toMatchFileSnapshot('__snapshots__/networking-corpus.txt');
  }, 180_000);
});
