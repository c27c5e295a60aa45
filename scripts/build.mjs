// Builds dist/kubesim.cjs: one CommonJS bundle (fast start, see ../shared/reference/npm-stack.md).
import { build } from 'esbuild';
import { rmSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { isStale, generate } from './gen-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// src/api/generated/schema.ts (strict field validation) is generated from kubernetes-types.
if (isStale()) generate();
mkdirSync(join(root, 'dist'), { recursive: true });
rmSync(join(root, 'dist', 'kubesim.cjs.v8cache'), { force: true });
await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile: join(root, 'dist', 'kubesim.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.KUBESIM_BUNDLED': '"1"' },
});
