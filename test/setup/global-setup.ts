// Vitest global setup: generate src/api/generated/schema.ts (scripts/gen-schema.mjs) when it is
// missing or stale, and build dist/kubesim.cjs so the end-to-end tests run the real binary.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../../scripts/gen-schema.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
  if (!process.env.KUBESIM_SKIP_BUILD) {
    const build = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
    execFileSync(process.execPath, [build], { stdio: 'inherit' });
  }
}
