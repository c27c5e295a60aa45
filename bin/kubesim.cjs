#!/usr/bin/env node
'use strict';
// Launcher: runs the single bundled entry dist/kubesim.cjs through a V8 code cache.
// Node 20 has no module.enableCompileCache, so we keep the cache ourselves: the first run
// writes dist/kubesim.cjs.v8cache (tmp file + rename, safe with many processes at once) and
// later runs skip most of the compile cost. A stale or foreign cache is rejected by V8 and rebuilt.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'kubesim.cjs');
const cachePath = file + '.v8cache';
let src;
try {
  src = fs.readFileSync(file, 'utf8');
} catch {
  process.stderr.write('error: kubesim is not built: run "npm install" (or "npm run build") in ' + path.dirname(__dirname) + '\n');
  process.exit(1);
}
let cached;
try { cached = fs.readFileSync(cachePath); } catch { /* first run */ }
const script = new vm.Script(Module.wrap(src), { filename: file, cachedData: cached, importModuleDynamically: undefined });
if (!cached || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      const tmp = cachePath + '.' + process.pid;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cachePath);
    } catch { /* read-only install: run without a cache */ }
  });
}
const m = { exports: {} };
script.runInThisContext().call(m.exports, m.exports, require, m, file, path.dirname(file));
