// Builds kubesim into two CommonJS bundles (fast start, see ../shared/reference/npm-stack.md):
//
//   dist/kubesim.cjs       the core: argument parsing, every command's flags and help, the state file
//                          and session, the store, and the read-mostly verbs (get, describe, events,
//                          version, api-resources, clock, completion) with their printers;
//   dist/kubesim-more.cjs  the rest: the API server (defaults, validation, the strict-field schema,
//                          admission, strategies), every controller, the scheduler, the kubelet, the
//                          simulated network, and every other verb.
//
// A start-up reads, and V8 deserializes, only the code it may run: `get pods` on a quiet cluster
// loads the core alone (a third of the code); the first command that needs the rest loads it on the
// spot (`require`, synchronous: Session.wire and the lazy verbs reach it). Every module lives in exactly
// one bundle: the rest imports the core's modules from the core itself (one registry, one set of error
// classes), so both bundles behave as the one program they are. bin/kubesim.cjs runs each bundle
// through its own V8 code cache.
//
// How the split is made: the core is built from src/cli/main.ts with every dynamic import() of a
// module outside CORE_LAZY (and ./wiring, see src/cluster/wiring-load.ts) turned into a call into the
// rest; the rest is built from those modules, with every import of a core module turned into a call
// into the core (`coreModule(path)`, a table the core exports).
import { build } from 'esbuild';
import { rmSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isStale, generate } from './gen-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const CORE = 'kubesim.cjs';
const MORE = 'kubesim-more.cjs';

/** Lazily loaded modules that stay in the core (paths relative to src/). */
const CORE_LAZY = new Set(['cli/commands/get.ts', 'cli/commands/describe.ts', 'cli/commands/info.ts', 'cli/commands/clock.ts', 'cli/commands/events.ts', 'cli/commands/completion.ts', 'cli/help.ts']);

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

/** A stable name for a module: its path relative to the project, with forward slashes. */
const keyOf = (abs) => relative(root, abs).split(sep).join('/');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  charset: 'ascii',
  metafile: true,
  absWorkingDir: root,
  define: { 'process.env.KUBESIM_BUNDLED': '"1"' },
};

/**
 * The core build. `exposed`: modules of the core the rest imports (a table, coreModule(key), in the
 * entry). Returns the absolute paths of the core's modules and the modules the core defers to the rest.
 */
async function buildCore(exposed, keep, write) {
  const deferred = new Set();
  const split = {
    name: 'split-core',
    setup(b) {
      // wiring-load.ts imports ./wiring for tests; in the bundle it requires it on first call
      b.onLoad({ filter: /[\\/]src[\\/]cluster[\\/]wiring-load\.ts$/ }, () => ({
        contents: "export function loadWiring() { return require('./wiring'); }",
        loader: 'ts',
      }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.split || args.namespace !== 'file') return undefined;
        const lazy = args.kind === 'dynamic-import' || (args.kind === 'require-call' && /[\\/]src[\\/]cluster[\\/]wiring-load\.ts$/.test(args.importer));
        if (!lazy) return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { split: true } });
        if (r.errors.length || r.external) return r.errors.length ? { errors: r.errors } : undefined;
        const key = keyOf(r.path);
        if ((key.startsWith('src/') && CORE_LAZY.has(key.slice(4))) || keep.has(r.path)) return { path: r.path };
        deferred.add(r.path);
        return { path: key, namespace: 'more' };
      });
      b.onLoad({ filter: /.*/, namespace: 'more' }, (args) => ({
        contents: `module.exports = require('./${MORE}')(require('kubesim:core-table').coreModule)(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
      b.onResolve({ filter: /^\.\/kubesim-more\.cjs$/ }, () => ({ path: `./${MORE}`, external: true }));
      b.onResolve({ filter: /^kubesim:core-table$/ }, () => ({ path: 'core-table', namespace: 'kubesim' }));
      b.onLoad({ filter: /.*/, namespace: 'kubesim' }, () => ({
        contents: `const table = {\n${[...exposed].map((p) => `  ${JSON.stringify(keyOf(p))}: () => require(${JSON.stringify(p)}),`).join('\n')}\n};\nexports.coreModule = (key) => table[key]();\n`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
  const r = await build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: join(dist, CORE),
    write,
    plugins: [lazyBuiltins, split],
  });
  const modules = new Set(Object.keys(r.metafile.inputs).filter((k) => !k.includes(':')).map((k) => resolve(root, k)));
  return { modules, deferred, outputs: r.outputFiles };
}

/** The rest: the deferred modules, importing the core's modules from the core. */
async function buildMore(coreModules, deferred, write) {
  const imported = new Set();
  const split = {
    name: 'split-more',
    setup(b) {
      b.onResolve({ filter: /^kubesim:more-entry$/ }, () => ({ path: 'more-entry', namespace: 'kubesim' }));
      b.onLoad({ filter: /^more-entry$/, namespace: 'kubesim' }, () => ({
        contents: [
          `const core = require('kubesim:core-ref');`,
          `const table = {\n${[...deferred].map((p) => `  ${JSON.stringify(keyOf(p))}: () => require(${JSON.stringify(p)}),`).join('\n')}\n};`,
          // the core hands over its module table on first load; then modules are loaded by name
          `module.exports = (coreModule) => { core.coreModule ??= coreModule; return (key) => table[key](); };`,
        ].join('\n'),
        loader: 'js',
        resolveDir: root,
      }));
      b.onResolve({ filter: /^kubesim:core-ref$/ }, () => ({ path: 'core-ref', namespace: 'kubesim' }));
      b.onLoad({ filter: /^core-ref$/, namespace: 'kubesim' }, () => ({ contents: 'exports.coreModule = undefined;', loader: 'js' }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.split || args.namespace !== 'file') return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { split: true } });
        if (r.errors.length || r.external || !coreModules.has(r.path)) return undefined;
        imported.add(r.path);
        return { path: keyOf(r.path), namespace: 'core' };
      });
      b.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({
        contents: `module.exports = require('kubesim:core-ref').coreModule(${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
  const r = await build({
    ...common,
    entryPoints: ['kubesim:more-entry'],
    outfile: join(dist, MORE),
    write,
    plugins: [lazyBuiltins, split],
  });
  const modules = new Set(Object.keys(r.metafile.inputs).filter((k) => !k.includes(':')).map((k) => resolve(root, k)));
  return { imported, modules, outputs: r.outputFiles };
}

// src/api/generated/schema.ts (strict field validation) is generated from kubernetes-types.
if (isStale()) generate();
mkdirSync(dist, { recursive: true });
for (const f of readdirSync(dist)) if (f.endsWith('.v8cache') || f.includes('.v8cache.')) rmSync(join(dist, f), { force: true });

// 1. which modules the core holds, and which it defers (a lazily imported module the core holds anyway
// stays in the core); 2. which core modules the rest imports; 3. the core again, exposing exactly
// those (exposing adds no module, so the core stays the same).
const probe = await buildCore(new Set(), new Set(), false);
const keep = new Set([...probe.deferred].filter((d) => probe.modules.has(d)));
const first = await buildCore(new Set(), keep, false);
const more = await buildMore(first.modules, first.deferred, false);
for (const m of more.modules) if (first.modules.has(m)) throw new Error(`build: ${keyOf(m)} would be in both bundles`);
const core = await buildCore(more.imported, keep, false);
const same = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
if (!same(core.modules, first.modules) || !same(core.deferred, first.deferred)) throw new Error('build: exposing core modules changed the core');

// Both bundles are ASCII, so bin/kubesim.cjs can read them as latin1, which is cheaper than decoding
// UTF-8. charset: 'ascii' escapes strings and identifiers but leaves regular expression literals as
// they are: there, \uXXXX means the same character (a character outside the BMP becomes its two
// UTF-16 halves, which is what the literal was to a non-unicode pattern, and one code point to a
// unicode one).
const escapeNonAscii = (text) =>
  text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
for (const out of [...core.outputs, ...more.outputs]) {
  if (!out.path.endsWith('.cjs')) continue;
  writeFileSync(out.path, escapeNonAscii(out.text));
}
