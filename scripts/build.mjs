// Builds dist/kubesim.cjs: one CommonJS bundle (fast start, see ../shared/reference/npm-stack.md).
import { build } from 'esbuild';
import { rmSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { isStale, generate } from './gen-schema.mjs';

// commander requires node:child_process at load (for executable subcommands kubesim never uses);
// loading it pulls in net, stream and dgram: ~3 ms of every start. Give commander a proxy that
// requires the real module on first use instead.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:${args.path}'))[k] });`,
      loader: 'js',
    }));
  },
};

// src/cluster/wiring-load.ts imports ./wiring (the API server and every controller) for tests; in the
// bundle it requires it on first call instead, so sessions that never need them never load them.
const lazyWiring = {
  name: 'lazy-wiring',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]cluster[\\/]wiring-load\.ts$/ }, () => ({
      contents: "export function loadWiring() { return require('./wiring'); }",
      loader: 'ts',
    }));
  },
};

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
  plugins: [lazyBuiltins, lazyWiring],
});
