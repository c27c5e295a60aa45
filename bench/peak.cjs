// Preloaded by bench/run.mjs (`node -r bench/peak.cjs …`): on exit, writes the process's peak
// resident set size (KiB, from getrusage) to the file named by KUBESIM_BENCH_RSS.
'use strict';
const out = process.env.KUBESIM_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      /* the benchmark reports "?" */
    }
  });
}
