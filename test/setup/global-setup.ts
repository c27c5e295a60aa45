// Vitest global setup: generate src/api/generated/schema.ts (scripts/gen-schema.mjs) when it is
// missing or stale, so `npx vitest run` works on a fresh clone without a build first.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../../scripts/gen-schema.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
}
