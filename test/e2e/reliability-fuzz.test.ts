// Bad input fuzzing. 10,000+ generated manifests — mutations of the corpus (truncation, wrong
// types, unknown fields, deep nesting, huge strings, binary bytes, duplicate keys), random YAML and
// JSON, YAML alias bombs and 10 MB files — go through the in-process pipeline the CLI runs (argv
// parsing, the -f reader, the verb, the API server, a Session on a temp state file with its lock
// and save), and a few hundred of them through the real binary. Every one must end with exit code 0
// or 1, a kubectl-style message, no stack trace, and — when rejected — the state file unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { Cluster, SHARED } from './harness';
import { runInProcess } from '../fuzz/inprocess';
import { aliasBomb, fuzzCase, makeRand, tenMegabytes, type FuzzCase } from '../fuzz/mutate';

const CORPUS = path.join(SHARED, 'corpus');
const HAS_CORPUS = fs.existsSync(CORPUS);
const SEED = 6;
const IN_PROCESS_CASES = Number(process.env.KUBESIM_FUZZ_CASES ?? 10_000);
const CLI_CASES = 200;

interface Source {
  name: string;
  text: string;
  docs: unknown[];
}

function loadCorpus(): Source[] {
  if (!HAS_CORPUS) return [];
  const out: Source[] = [];
  // (the yaml package warns about complex keys in a few corpus files: not our concern here)
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        let docs: unknown[] = [];
        try {
          docs = YAML.parseAllDocuments(text)
            .map((x) => x.toJS())
            .filter((x) => x && typeof x === 'object');
        } catch {
          docs = [];
        }
        out.push({ name: path.relative(CORPUS, p), text, docs });
      }
    }
  };
  try {
    walk(CORPUS);
  } finally {
    process.emitWarning = emitWarning;
  }
  return out;
}

/** First lines of kubectl's error output (errors.go CheckErr, MultipleErrors, Invalid status errors). */
const KUBECTL_FIRST_LINE = [
  /^error: /,
  /^Error from server \([A-Za-z]+\): /,
  /^The [A-Za-z]+ "(?:[^"\\\n]|\\.)*" is invalid: /, // the name as Go's %q writes it
  /^The request is invalid/,
  /^Warning: /,
  // MultipleErrors prints several errors bare, one a line
  /^(error parsing|unable to decode|error validating|resource mapping not found|error when|the namespace from the provided object|Error from server)/,
];
const STACK = /\n\s+at .*(\(|:\d+:\d+)/;

interface Failure {
  i: number | string;
  what: string;
  argv: string;
  problem: string;
  stderr: string;
}

function check(f: FuzzCase, i: number | string, argv: string[], r: { stdout: string; stderr: string; exitCode: number; crash?: unknown }, before: Buffer, after: Buffer, failures: Failure[]): void {
  const fail = (problem: string): void => void failures.push({ i, what: f.what, argv: argv.join(' '), problem, stderr: r.stderr.slice(0, 600) });
  if (r.crash) return fail(`crash: ${(r.crash as Error)?.stack?.split('\n').slice(0, 6).join(' | ')}`);
  if (r.exitCode !== 0 && r.exitCode !== 1) return fail(`exit code ${r.exitCode}`);
  if (STACK.test(r.stderr)) return fail('stack trace on stderr');
  if (r.exitCode === 1) {
    const first = r.stderr.split('\n')[0] ?? '';
    if (!KUBECTL_FIRST_LINE.some((re) => re.test(first))) return fail(`not a kubectl-style message: ${JSON.stringify(first.slice(0, 200))}`);
    if (r.stdout === '' && !after.equals(before)) return fail('rejected, yet the state file changed');
  } else {
    // on success stderr holds only warnings, or get's note on an empty list
    for (const line of r.stderr.split('\n')) if (line && !/^(Warning: |No resources found)/.test(line)) return fail(`exit 0 with an error line: ${JSON.stringify(line.slice(0, 200))}`);
  }
}

const VERBS: { weight: number; argv: (file: string) => string[] }[] = [
  { weight: 50, argv: (f) => ['apply', '-f', f] },
  { weight: 18, argv: (f) => ['create', '-f', f] },
  { weight: 6, argv: (f) => ['apply', '--validate=false', '-f', f] },
  { weight: 4, argv: (f) => ['create', '--validate=warn', '-f', f] },
  { weight: 5, argv: (f) => ['apply', '--server-side', '-f', f] },
  { weight: 5, argv: (f) => ['apply', '--dry-run=server', '-o', 'yaml', '-f', f] },
  { weight: 4, argv: (f) => ['delete', '-f', f] },
  { weight: 4, argv: (f) => ['get', '-f', f] },
  { weight: 4, argv: (f) => ['describe', '-f', f] },
];

function verbFor(i: number, file: string): string[] {
  const r = makeRand(SEED * 7 + i);
  let x = r.int(100);
  for (const v of VERBS) {
    if (x < v.weight) return v.argv(file);
    x -= v.weight;
  }
  return VERBS[0]!.argv(file);
}

describe('fuzzed manifests', () => {
  const c = new Cluster('kubesim-fuzz', { memory: true });
  let corpus: Source[] = [];
  let pristine: Buffer;
  const savedClock = process.env.KUBESIM_CLOCK;

  beforeAll(async () => {
    if (!HAS_CORPUS) console.warn(`[fuzz] ${CORPUS} is absent: corpus mutations are skipped, random and pathological inputs still run`);
    corpus = loadCorpus();
    expect((await c.run(['get', 'ns'])).exitCode).toBe(0);
    pristine = c.stateBytes();
    process.env.KUBESIM_CLOCK = 'manual';
  });
  afterAll(() => {
    if (savedClock === undefined) delete process.env.KUBESIM_CLOCK;
    else process.env.KUBESIM_CLOCK = savedClock;
    c.cleanup();
  });

  async function inProcess(f: FuzzCase, i: number | string, argvOf: (file: string) => string[], failures: Failure[]): Promise<number> {
    const file = path.join(c.dir, `case${f.ext}`);
    fs.writeFileSync(file, f.content);
    const argv = [...argvOf(file), '--state', c.state];
    const before = c.stateBytes();
    const r = await runInProcess(argv);
    check(f, i, argv, r, before, c.stateBytes(), failures);
    return r.exitCode;
  }

  it(`${IN_PROCESS_CASES} generated cases through the in-process pipeline`, async () => {
    const failures: Failure[] = [];
    const exits: Record<number, number> = {};
    const t0 = performance.now();
    for (let i = 0; i < IN_PROCESS_CASES; i++) {
      const f = fuzzCase(SEED, i, corpus);
      const tc = performance.now();
      const code = await inProcess(f, i, (file) => verbFor(i, file), failures);
      const ms = performance.now() - tc;
      if (ms > 1000) console.log(`[fuzz] slow case ${i} (${Math.round(ms)} ms): ${f.what}; ${verbFor(i, 'f').join(' ')}`);
      exits[code] = (exits[code] ?? 0) + 1;
      // start again from the default cluster now and then, so that accepted objects do not pile up
      if (i % 100 === 99) fs.writeFileSync(c.state, pristine);
    }
    const took = (performance.now() - t0) / 1000;
    console.log(`[fuzz] ${IN_PROCESS_CASES} in-process cases (${corpus.length} corpus files) in ${took.toFixed(1)} s: ${exits[0] ?? 0} accepted, ${exits[1] ?? 0} rejected; ${failures.length} failures`);
    const kinds = new Map<string, number>();
    for (const f of failures) kinds.set(f.problem.slice(0, 60), (kinds.get(f.problem.slice(0, 60)) ?? 0) + 1);
    if (failures.length) console.log(`[fuzz] failure kinds: ${JSON.stringify([...kinds])}`);
    expect(failures.slice(0, 15)).toEqual([]);
  });

  it('pathological inputs: alias bombs, deep nesting, 10 MB files, binary, empty', async () => {
    const failures: Failure[] = [];
    const cases: FuzzCase[] = [
      { what: 'billion laughs (9 levels of 9)', content: aliasBomb(9, 9), ext: '.yaml' },
      { what: 'alias bomb (20 levels of 2)', content: aliasBomb(20, 2), ext: '.yaml' },
      { what: '20,000 nested flow sequences', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, ext: '.yaml' },
      { what: '20,000 nested JSON arrays', content: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":{"a":${'['.repeat(20000)}${']'.repeat(20000)}}}`, ext: '.json' },
      { what: '5,000 nested block mappings', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  labels:\n${Array.from({ length: 5000 }, (_, d) => `${' '.repeat(4 + d)}k:`).join('\n')} v\n`, ext: '.yaml' },
      { what: '9,000 nested JSON objects', content: `${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}`, ext: '.json' },
      { what: 'empty file', content: '', ext: '.yaml' },
      { what: 'only comments and separators', content: '# nothing\n---\n---\n...\n', ext: '.yaml' },
      { what: 'NUL bytes', content: Buffer.alloc(1000), ext: '.yaml' },
      { what: 'UTF-16 text', content: Buffer.from('\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u16\n', 'utf16le'), ext: '.yaml' },
      { what: 'a list of 1000 bad objects', content: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 1000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `Bad_${i}` } })) }), ext: '.json' },
      ...[0, 1, 2, 3].map(tenMegabytes),
    ];
    for (const [i, f] of cases.entries()) {
      // (10 MB inputs cost seconds to parse, as they would with kubectl: one verb each)
      const verbs = f.content.length > 5_000_000 ? [(file: string) => ['apply', '-f', file]] : [(file: string) => ['apply', '-f', file], (file: string) => ['create', '-f', file]];
      for (const argvOf of verbs) {
        const t0 = performance.now();
        await inProcess(f, `p${i}`, argvOf, failures);
        const ms = performance.now() - t0;
        if (process.env.KUBESIM_FUZZ_VERBOSE) console.log(`[fuzz] ${f.what} ${argvOf('f')[0]}: ${Math.round(ms)} ms`);
        if (ms > 20_000) failures.push({ i: `p${i}`, what: f.what, argv: argvOf('x').join(' '), problem: `took ${Math.round(ms)} ms`, stderr: '' });
        fs.writeFileSync(c.state, pristine);
      }
    }
    expect(failures).toEqual([]);
  });

  it(`${CLI_CASES} of the cases through the real binary`, async () => {
    const failures: Failure[] = [];
    const t0 = performance.now();
    const picks: { f: FuzzCase; i: number | string }[] = [];
    for (let k = 0; k < CLI_CASES - 4; k++) {
      const i = (k * 41) % IN_PROCESS_CASES; // spread over the whole range, deterministically
      picks.push({ f: fuzzCase(SEED, i, corpus), i });
    }
    picks.push({ f: { what: 'billion laughs', content: aliasBomb(9, 9), ext: '.yaml' }, i: 'bomb' }, { f: tenMegabytes(0), i: '10MB-a' }, { f: tenMegabytes(1), i: '10MB-b' }, { f: tenMegabytes(2), i: '10MB-c' });
    // four at a time, each on its own copy of the default cluster
    const lanes = 4;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const state = path.join(c.dir, `cli-${lane}.json`);
        fs.writeFileSync(state, pristine);
        for (let k = lane; k < picks.length; k += lanes) {
          const { f, i } = picks[k]!;
          const file = path.join(c.dir, `cli-${lane}${f.ext}`);
          fs.writeFileSync(file, f.content);
          const argv = verbFor(typeof i === 'number' ? i : 0, file);
          const before = fs.readFileSync(state);
          const r = await c.run(argv, { env: { KUBESIM_STATE: state } });
          check(f, i, argv, r, before, fs.readFileSync(state), failures);
          if (k % 40 === lane) fs.writeFileSync(state, pristine);
        }
      }),
    );
    console.log(`[fuzz] ${picks.length} CLI runs in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${failures.length} failures`);
    expect(failures.slice(0, 15)).toEqual([]);
  });
});
