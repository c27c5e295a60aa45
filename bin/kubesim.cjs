#!/usr/bin/env node
'use strict';
// Launcher: runs dist/kubesim.cjs (the core bundle) and, when a command needs it,
// dist/kubesim-more.cjs (see scripts/build.mjs), each through a V8 code cache.
// Node 20 has no module.enableCompileCache, so we keep the caches ourselves: the first run that loads
// a bundle writes <bundle>.v8cache (tmp file + rename, safe with many processes at once) when it
// exits, holding every function that run compiled, and later runs skip most of the compile cost. A
// stale or foreign cache is rejected by V8 and rebuilt. The bundles are ASCII (the build makes sure),
// so they are read as latin1: same text, no UTF-8 decoding.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const MORE = './kubesim-more.cjs';
const toCache = [];

function run(file, src, req) {
  const cachePath = file + '.v8cache';
  let cached;
  try { cached = fs.readFileSync(cachePath); } catch { /* first run */ }
  const script = new vm.Script(Module.wrap(src), { filename: file, cachedData: cached, importModuleDynamically: undefined });
  if (!cached || script.cachedDataRejected) {
    if (toCache.length === 0) process.once('exit', writeCaches);
    toCache.push({ script, cachePath });
  }
  const m = { exports: {} };
  script.runInThisContext().call(m.exports, m.exports, req, m, file, path.dirname(file));
  return m.exports;
}

function writeCaches() {
  for (const { script, cachePath } of toCache) {
    try {
      const tmp = cachePath + '.' + process.pid;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cachePath);
    } catch { /* read-only install: run without a cache */ }
  }
}

let more;
function coreRequire(id) {
  if (id === MORE) {
    const file = path.join(dist, 'kubesim-more.cjs');
    return (more ??= run(file, fs.readFileSync(file, 'latin1'), require));
  }
  return require(id);
}

const core = path.join(dist, 'kubesim.cjs');
let src;
try {
  src = fs.readFileSync(core, 'latin1');
} catch {
  process.stderr.write('error: kubesim is not built: run "npm install" (or "npm run build") in ' + path.dirname(__dirname) + '\n');
  process.exit(1);
}
run(core, src, coreRequire);
