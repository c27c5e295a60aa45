// kubectl edit with a scripted editor: a valid change is saved; an invalid one reopens the file with
// the server's errors at the top, as kubectl does, and a second save with the fix goes through.
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster } from './harness';

const c = new Cluster('kubesim-edit');

function editor(script: string): string {
  const p = path.join(c.dir, `editor-${Math.abs(hash(script))}.sh`);
  fs.writeFileSync(p, `#!/bin/sh\nset -e\n${script}\n`, { mode: 0o755 });
  return p;
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

describe('kubesim edit', () => {
  afterAll(() => c.cleanup());

  it('saves a valid change and reports the deployment edited', async () => {
    await c.run(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=1']);
    const e = editor(`sed -i 's/replicas: 1/replicas: 3/' "$1"`);
    const r = await c.run(['edit', 'deployment/web'], { env: { EDITOR: e } });
    expect(r.stdout).toBe('deployment.apps/web edited\n');
    expect((await c.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('3');
  });

  it('an unchanged file cancels the edit', async () => {
    const r = await c.run(['edit', 'deployment/web'], { env: { EDITOR: 'true' } });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Edit cancelled, no changes made.\n');
    expect(r.exitCode).toBe(0);
  });

  it('an invalid change reopens the file with the error; fixing it saves', async () => {
    // first round: an invalid replica count; second round (the error header is present): a valid one
    const e = editor(`if grep -q 'was not valid' "$1"; then cp "$1" ${c.dir}/reopened.yaml; sed -i 's/replicas: -1/replicas: 2/' "$1"; else sed -i 's/replicas: 3/replicas: -1/' "$1"; fi`);
    const r = await c.run(['edit', 'deployment/web'], { env: { EDITOR: e } });
    expect(r.stdout).toBe('deployment.apps/web edited\n');
    const reopened = fs.readFileSync(path.join(c.dir, 'reopened.yaml'), 'utf8');
    expect(reopened.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    expect(reopened).toContain('# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect((await c.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('2');
  });
});
