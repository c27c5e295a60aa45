// Deterministic generators of bad (and some good) manifests for the fuzz tests: mutations of real
// manifests (text-level and structure-level), random YAML/JSON, and pathological inputs (deep
// nesting, huge strings, binary bytes, duplicate keys, alias bombs, 10 MB files).
import YAML from 'yaml';

export type Rand = {
  (): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
};

export function makeRand(seed: number): Rand {
  let s = seed >>> 0;
  const r = (() => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rand;
  r.int = (n) => Math.floor(r() * n);
  r.pick = (xs) => xs[r.int(xs.length)]!;
  r.chance = (p) => r() < p;
  return r;
}

export interface FuzzCase {
  /** What was done, for the failure message. */
  what: string;
  content: string | Buffer;
  /** File name extension (kubectl reads any extension for an explicit file; .json is informative). */
  ext: '.yaml' | '.json';
}

const YAML_SPECIAL = [':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '#', '%', '@', '`', '\t', ',', '?', '\\', '\u0000', '\r', '\u2028', '\ufeff', '---\n', '...\n', ': ', '- ', '  ', '\n'];

const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Service'],
  ['v1', 'Namespace'],
  ['v1', 'ServiceAccount'],
  ['v1', 'ReplicationController'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'LimitRange'],
  ['v1', 'ResourceQuota'],
  ['v1', 'Node'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['extensions/v1beta1', 'Deployment'],
  ['v1', 'List'],
  ['v2', 'Pod'],
  ['', 'Pod'],
  ['v1', ''],
  ['v1', 'pod'],
  ['example.com/v1', 'Widget'],
];

const WEIRD_NAMES = ['', 'UPPER', 'a'.repeat(300), 'ünïcødé', '../etc', 'with space', '-lead', 'trail-', 'a.b.c', 'x'.repeat(64), '0', 'a_b', '*', 'ok'];

function randomScalar(r: Rand): unknown {
  switch (r.int(16)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.int(1000) - 500;
    case 3:
      return r.pick([1e309, -0, 2 ** 63, 2 ** 53 + 1, 0.1, -1e-300, Number.MAX_SAFE_INTEGER]);
    case 4:
      return r.pick(['', ' ', 'yes', 'no', 'on', 'off', 'null', '~', 'true', '0x1F', '0o17', '1e3', '.inf', '-.nan', '2001-12-14t21:59:43.10-05:00', '1:20', '010']);
    case 5:
      return 'x'.repeat(r.int(5000));
    case 6:
      return String.fromCharCode(...Array.from({ length: r.int(40) }, () => r.int(0x3000)));
    case 7:
      return r.pick(['100m', '1Gi', '-1', '1.5.5', '1e1000', '2Mi', '0.000000001', 'abc', '1Ki ']);
    case 8:
      return r.pick(['Always', 'Never', 'IfNotPresent', 'ClusterIP', 'NodePort', 'TCP', 'UDP', 'RollingUpdate', 'Recreate', 'Exists', 'Equal', 'NoSchedule']);
    default:
      return r.pick(['nginx', 'busybox:1.36', 'registry.k8s.io/pause:3.9', 'app', 'web', 'a-b', '8080', '80', 'http', 'default', 'kube-system']);
  }
}

function randomValue(r: Rand, depth: number): unknown {
  if (depth <= 0 || r.chance(0.5)) return randomScalar(r);
  if (r.chance(0.5)) return Array.from({ length: r.int(4) }, () => randomValue(r, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) o[r.pick(['name', 'image', 'spec', 'metadata', 'labels', 'ports', 'containers', 'x', 'replicas', 'selector', 'data', String(r.int(100))])] = randomValue(r, depth - 1);
  return o;
}

/** Every path to a value inside `v` (objects and arrays), with a setter. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (out.length > 3000 || at.length > 64) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function getAt(v: unknown, p: (string | number)[]): unknown {
  let cur = v;
  for (const k of p) cur = (cur as Record<string | number, unknown>)?.[k];
  return cur;
}

function setAt(root: unknown, p: (string | number)[], value: unknown): unknown {
  if (p.length === 0) return value;
  const parent = getAt(root, p.slice(0, -1)) as Record<string | number, unknown>;
  if (parent && typeof parent === 'object') parent[p[p.length - 1]!] = value;
  return root;
}

function deleteAt(root: unknown, p: (string | number)[]): unknown {
  if (p.length === 0) return root;
  const parent = getAt(root, p.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const k = p[p.length - 1]!;
  if (Array.isArray(parent) && typeof k === 'number') parent.splice(k, 1);
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[k];
  return root;
}

function nest(r: Rand, v: unknown, depth: number): unknown {
  let cur = v;
  const asList = r.chance(0.5);
  for (let i = 0; i < depth; i++) cur = asList ? [cur] : { [`k${i % 7}`]: cur };
  return cur;
}

/** A structural mutation of a parsed manifest. */
function mutateValue(r: Rand, doc: unknown): { doc: unknown; what: string } {
  const ps = paths(doc);
  const p = r.pick(ps);
  const label = (p.length > 12 ? `${p.slice(0, 6).join('.')}…(${p.length} deep)` : p.join('.')) || '<root>';
  // deep nesting and huge strings are costly to parse: a few percent of the mutations each
  const roll = r.int(100);
  const op = roll < 4 ? 4 : roll < 8 ? 5 : [0, 1, 2, 3, 6, 7, 8, 9][roll % 8]!;
  switch (op) {
    case 0:
      return { doc: setAt(doc, p, randomScalar(r)), what: `scalar at ${label}` };
    case 1:
      return { doc: setAt(doc, p, randomValue(r, 3)), what: `random value at ${label}` };
    case 2:
      return { doc: deleteAt(doc, p), what: `deleted ${label}` };
    case 3: {
      const target = getAt(doc, p);
      if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[r.pick(['unknownField', 'replica', 'imagePullPolicyy', 'x-extra', 'status', 'apiVersion'])] = randomScalar(r);
      return { doc, what: `unknown field under ${label}` };
    }
    case 4:
      return { doc: setAt(doc, p, nest(r, getAt(doc, p), r.pick([20, 200, 2000, 4000]))), what: `deep nesting at ${label}` };
    case 5:
      return { doc: setAt(doc, p, 'h'.repeat(r.chance(0.9) ? r.pick([70_000, 300_000]) : r.pick([1_100_000, 3_000_000]))), what: `huge string at ${label}` };
    case 6: {
      const [av, k] = r.pick(KINDS);
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) Object.assign(doc, { apiVersion: av, kind: k });
      return { doc, what: `kind ${av} ${k}` };
    }
    case 7: {
      const meta = (doc as { metadata?: Record<string, unknown> })?.metadata;
      if (meta && typeof meta === 'object') meta.name = r.pick(WEIRD_NAMES);
      return { doc, what: 'weird name' };
    }
    case 8: {
      const target = getAt(doc, p);
      return { doc: setAt(doc, p, Array.isArray(target) ? { item: target } : target && typeof target === 'object' ? [target] : [target, target]), what: `list/map swap at ${label}` };
    }
    default:
      return { doc: setAt(doc, p, r.pick([[], {}, [null], { '': '' }, [[]], 'null'])), what: `empty container at ${label}` };
  }
}

function serialize(r: Rand, docs: unknown[]): { text: string; ext: '.yaml' | '.json' } {
  try {
    return serializeOnce(r, docs);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // nested deeper than the serialisers can go: write the depth out by hand
    return { text: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'{"a":'.repeat(12000)}"x"${'}'.repeat(12000)}}`, ext: '.json' };
  }
}

function serializeOnce(r: Rand, docs: unknown[]): { text: string; ext: '.yaml' | '.json' } {
  const choice = r.int(4);
  // indented output grows with the square of the depth: deep documents are written compactly
  if (choice !== 0 && docs.some((d) => depthOf(d) > 100)) return { text: docs.map((d) => JSON.stringify(d)).join('\n'), ext: choice === 1 ? '.json' : '.yaml' };
  switch (choice) {
    case 0:
      return { text: docs.map((d) => JSON.stringify(d)).join('\n'), ext: '.json' };
    case 1:
      return { text: docs.map((d) => JSON.stringify(d, null, r.pick([1, 2, 4, '\t']))).join('\n'), ext: '.json' };
    default:
      return { text: docs.map((d) => safeYaml(d, r)).join('---\n'), ext: '.yaml' };
  }
}

function depthOf(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (x && typeof x === 'object') for (const y of Object.values(x)) stack.push([y, d + 1]);
  }
  return max;
}

function safeYaml(d: unknown, r: Rand): string {
  try {
    return YAML.stringify(d, { version: r.chance(0.5) ? '1.1' : '1.2', lineWidth: 0, indentSeq: r.chance(0.5), aliasDuplicateObjects: false });
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return JSON.stringify(d) + '\n';
  }
}

function flipBytes(r: Rand, buf: Buffer): Buffer {
  const b = Buffer.from(buf);
  for (let i = 1 + r.int(8); i > 0 && b.length; i--) b[r.int(b.length)] = r.int(256);
  return b;
}

function textMutation(r: Rand, text: string): { content: string | Buffer; what: string } {
  const lines = text.split('\n');
  const li = r.int(Math.max(1, lines.length));
  switch (r.int(12)) {
    case 0:
      return { content: text.slice(0, r.int(text.length + 1)), what: 'truncated' };
    case 1:
      return { content: flipBytes(r, Buffer.from(text)), what: 'flipped bytes' };
    case 2: {
      const b = Buffer.from(text);
      const at = r.int(b.length + 1);
      const junk = Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256)));
      return { content: Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]), what: 'binary bytes inserted' };
    }
    case 3:
      lines.splice(li, 1);
      return { content: lines.join('\n'), what: `line ${li + 1} deleted` };
    case 4:
      lines.splice(li, 0, lines[li] ?? '');
      return { content: lines.join('\n'), what: `line ${li + 1} duplicated (duplicate key)` };
    case 5:
      lines[li] = (r.chance(0.5) ? ' '.repeat(1 + r.int(3)) : '') + (lines[li] ?? '').replace(/^ {1,3}/, '');
      return { content: lines.join('\n'), what: `indentation of line ${li + 1}` };
    case 6: {
      const at = r.int(text.length + 1);
      return { content: text.slice(0, at) + r.pick(YAML_SPECIAL) + text.slice(at), what: 'special character inserted' };
    }
    case 7:
      return { content: (r.chance(0.5) ? '\ufeff' : '') + text.replace(/\n/g, '\r\n'), what: 'BOM/CRLF' };
    case 8:
      return { content: `---\n${text}\n---\n---\n${r.chance(0.5) ? text : ''}`, what: 'extra documents' };
    case 9: {
      const a = r.int(lines.length);
      const b2 = r.int(lines.length);
      [lines[a], lines[b2]] = [lines[b2]!, lines[a]!];
      return { content: lines.join('\n'), what: 'lines swapped' };
    }
    case 10:
      return { content: text.replace(/: /g, r.pick([':', ':  ', ': !!str ', ': &x ', ': *x '])), what: 'mapping syntax mangled' };
    default:
      return { content: text.replace(/^(\s*)- /m, '$1-'), what: 'sequence syntax mangled' };
  }
}

/** Duplicate keys written by hand (serialisers cannot). */
function duplicateKeys(r: Rand, doc: Record<string, unknown>): { content: string; ext: '.yaml' | '.json'; what: string } {
  const name = String((doc.metadata as { name?: string })?.name ?? 'dup');
  if (r.chance(0.5))
    return {
      content: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}","name":"other"},"data":{"a":"1","a":"2"},"kind":"Secret"}`,
      ext: '.json',
      what: 'JSON duplicate keys',
    };
  return { content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  name: other\ndata:\n  a: "1"\n  a: "2"\n`, ext: '.yaml', what: 'YAML duplicate keys' };
}

export function aliasBomb(levels: number, width: number): string {
  let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < levels; i++) s += `  l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(',')}]\n`;
  return s;
}

/** 10 MB inputs: a huge value, a huge stream of junk, many keys, a huge flat list. */
export function tenMegabytes(kind: number): FuzzCase {
  const MB10 = 10 * 1024 * 1024;
  switch (kind % 4) {
    case 0:
      return { what: '10 MB string value', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  big: "${'v'.repeat(MB10)}"\n`, ext: '.yaml' };
    case 1: {
      const b = Buffer.alloc(MB10);
      const r = makeRand(99);
      for (let i = 0; i < b.length; i += 4) b.writeUInt32LE((r() * 2 ** 32) >>> 0, i);
      return { what: '10 MB of random bytes', content: b, ext: '.yaml' };
    }
    case 2: {
      const keys: string[] = [];
      for (let i = 0; keys.length * 40 < MB10; i++) keys.push(`  key-${i}: "${'x'.repeat(24)}"`);
      return { what: '10 MB ConfigMap with many keys', content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: manykeys\ndata:\n${keys.join('\n')}\n`, ext: '.yaml' };
    }
    default:
      return { what: '10 MB flat list document', content: '- item\n'.repeat(MB10 / 7), ext: '.yaml' };
  }
}

/** Random YAML-ish text from scratch. */
function randomText(r: Rand): string {
  const parts: string[] = [];
  for (let i = r.int(30); i > 0; i--) {
    const indent = ' '.repeat(r.int(4) * 2);
    const key = r.pick(['apiVersion', 'kind', 'metadata', 'name', 'spec', 'data', 'x', '- name', '-', '? a', '"q"', "'s'", '&a k', '*a', '!!map', '%YAML 1.1', '<<']);
    parts.push(`${indent}${key}${r.pick([': ', ':', ' ', ''])}${r.chance(0.6) ? String(randomScalar(r)).slice(0, 80) : r.pick(YAML_SPECIAL)}`);
  }
  return parts.join(r.pick(['\n', '\n', '\r\n', '\n\n']));
}

/** The i-th fuzz case, a pure function of (seed, i) and the corpus. */
export function fuzzCase(seed: number, i: number, corpus: { name: string; text: string; docs: unknown[] }[]): FuzzCase {
  const r = makeRand(seed * 1_000_003 + i);
  const roll = r.int(100);
  if (roll < 2) return { what: `alias bomb`, content: aliasBomb(3 + r.int(8), 2 + r.int(12)), ext: '.yaml' };
  if (roll < 8) {
    const v = randomValue(r, 5);
    return r.chance(0.5) ? { what: 'random JSON', content: JSON.stringify(v), ext: '.json' } : { what: 'random YAML value', content: safeYaml(v, r), ext: '.yaml' };
  }
  if (roll < 14) return { what: 'random YAML text', content: randomText(r), ext: '.yaml' };
  const src = corpus.length ? r.pick(corpus) : { name: 'builtin', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  a: b\n', docs: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'base' }, data: { a: 'b' } }] };
  if (roll < 45) {
    let content: string | Buffer = src.text;
    const whats: string[] = [];
    for (let n = 1 + r.int(3); n > 0; n--) {
      const m = textMutation(r, typeof content === 'string' ? content : content.toString('latin1'));
      content = m.content;
      whats.push(m.what);
    }
    return { what: `${src.name}: ${whats.join(', ')}`, content, ext: '.yaml' };
  }
  if (roll < 48) return { ...duplicateKeys(r, (src.docs[0] ?? {}) as Record<string, unknown>), what: `${src.name}: duplicate keys` };
  // structural: parse, mutate 1-3 times, write back as YAML or JSON
  const docs = structuredClone(src.docs.length ? src.docs : [{}]) as unknown[];
  const whats: string[] = [];
  for (let n = 1 + r.int(3); n > 0; n--) {
    const di = r.int(docs.length);
    const m = mutateValue(r, docs[di]);
    docs[di] = m.doc;
    whats.push(m.what);
  }
  const { text, ext } = serialize(r, docs);
  return { what: `${src.name}: ${whats.join(', ')}`, content: text, ext };
}
