import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  GoAggregate,
  compactJson,
  goJson,
  parseManifestText,
  readManifests,
  toJson,
  toYaml,
  visitManifestText,
  visitManifests,
  yamlLoad,
  type Manifest,
} from '../../src/cli/manifests';
import { KubeError, StatusError } from '../../src/api/errors';

// Every expected string below was produced by the real kubectl 1.32.4 (`kubectl label -f FILE zz-
// --local -o json|yaml`, `kubectl create -f`, `kubectl patch --local -p`) unless noted.

function rendered(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeError) return e.render();
    throw e;
  }
  throw new Error('expected an error');
}

/** The single error of one stream (source `f.yaml`). */
function streamError(text: string, source = 'f.yaml'): string {
  const r = visitManifestText(text, source);
  expect(r.errors.length).toBe(1);
  return r.errors[0]!.render();
}

function one(text: string): Record<string, unknown> {
  const m = parseManifestText(text, 'f.yaml');
  expect(m.length).toBe(1);
  return m[0]!.obj;
}

const HEAD = 'apiVersion: x/v1\nkind: Foo\nmetadata:\n  name: a\n';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-manifests-'));
  const w = (p: string, s: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), s);
  };
  w('d/b.yaml', HEAD.replace('name: a', 'name: b'));
  w('d/a.json', '{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"a"}}');
  w('d/c.yml', HEAD.replace('name: a', 'name: c'));
  w('d/B.yaml', HEAD.replace('name: a', 'name: B'));
  w('d/notes.txt', 'not a manifest: [');
  w('d/sub/s.yaml', HEAD.replace('name: a', 'name: s'));
  w('d/sub/deeper/t.yaml', HEAD.replace('name: a', 'name: t'));
  w('noext/manifest', HEAD);
  fs.mkdirSync(path.join(dir, 'empty'));
  w('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEAD)]));
  w('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD + 'data:\n  k: "\u00e9"\n', 'utf16le')]));
  w('latin1.yaml', Buffer.concat([Buffer.from(HEAD + 'data:\n  k: "a'), Buffer.from([0xff, 0xe6, 0x97]), Buffer.from('b"\n')]));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('paths (Builder.FilenameParam / ExpandPathsToFileVisitors)', () => {
  it('reports a missing path', () => {
    expect(rendered(() => readManifests(['x.yaml'], { recursive: false }))).toBe('error: the path "x.yaml" does not exist');
  });

  it('prints several builder errors one per line without the error: prefix', () => {
    expect(rendered(() => readManifests(['a.yaml', 'b.yaml'], { recursive: false }))).toBe(
      'the path "a.yaml" does not exist\nthe path "b.yaml" does not exist',
    );
  });

  it('reads a directory: manifest extensions only, lexical order, no subdirectories without -R', () => {
    const d = path.join(dir, 'd');
    const m = readManifests([d], { recursive: false });
    expect(m.map((x) => x.source)).toEqual([`${d}/B.yaml`, `${d}/a.json`, `${d}/b.yaml`, `${d}/c.yml`]);
    expect(m.map((x) => (x.obj.metadata as { name: string }).name)).toEqual(['B', 'a', 'b', 'c']);
    expect(m.every((x) => x.index === 0)).toBe(true);
  });

  it('walks subdirectories with -R and cleans joined paths like filepath.Join', () => {
    const m = readManifests([path.join(dir, 'd') + '/'], { recursive: true });
    expect(m.map((x) => path.relative(dir, x.source))).toEqual([
      'd/B.yaml',
      'd/a.json',
      'd/b.yaml',
      'd/c.yml',
      'd/sub/deeper/t.yaml',
      'd/sub/s.yaml',
    ]);
  });

  it('reads an explicitly named file whatever its extension', () => {
    const f = path.join(dir, 'noext/manifest');
    expect(readManifests([f], { recursive: false })[0]!.source).toBe(f);
  });

  it('reports a directory without manifests', () => {
    const e = path.join(dir, 'empty');
    expect(rendered(() => readManifests([e], { recursive: false }))).toBe(
      `error: error reading [${e}]: recognized file extensions are [.json .yaml .yml]`,
    );
    // only when nothing was found before it (kubectl checks after each argument)
    expect(readManifests([path.join(dir, 'd/b.yaml'), e], { recursive: false }).length).toBe(1);
  });

  it('expands glob patterns for paths that do not exist', () => {
    const m = readManifests([path.join(dir, 'd/[bc].y*')], { recursive: false });
    expect(m.map((x) => path.basename(x.source))).toEqual(['b.yaml', 'c.yml']);
    expect(rendered(() => readManifests([path.join(dir, 'd/*.zz')], { recursive: false }))).toBe(
      `error: the path "${path.join(dir, 'd/*.zz')}" does not exist`,
    );
    expect(rendered(() => readManifests([path.join(dir, 'd/[')], { recursive: false }))).toBe(
      `error: pattern "${path.join(dir, 'd/[')}" is not valid: syntax error in pattern`,
    );
  });

  it('reads standard input as STDIN, once', () => {
    const m = readManifests(['-'], { recursive: false, stdin: () => HEAD });
    expect(m[0]!.source).toBe('STDIN');
    expect(rendered(() => readManifests(['-', '-'], { recursive: false, stdin: () => HEAD }))).toBe(
      'error: standard input cannot be used for multiple arguments',
    );
    expect(streamErrorOf(['-'], 'apiVersion: v1\n')).toBe(`error: unable to decode "STDIN": Object 'Kind' is missing in '{"apiVersion":"v1"}'`);
  });

  it('fails URLs the way kubectl reports a failed connection (there is no network)', () => {
    expect(rendered(() => readManifests(['http://localhost:9/x.yaml'], { recursive: false }))).toBe(
      'The connection to the server localhost:9 was refused - did you specify the right host or port?',
    );
    expect(rendered(() => readManifests(['https://example.invalid/x.yaml'], { recursive: false }))).toBe(
      'Unable to connect to the server: dial tcp: lookup example.invalid: no such host',
    );
    expect(rendered(() => readManifests(['http://[::1'], { recursive: false }))).toBe(
      `error: the URL passed to filename "http://[::1" is not valid: parse "http://[::1": missing ']' in host`,
    );
  });

  it('decodes files like FileVisitor: BOMs dropped, UTF-16 decoded, invalid UTF-8 replaced', () => {
    expect((readManifests([path.join(dir, 'bom.yaml')], { recursive: false })[0]!.obj.metadata as { name: string }).name).toBe('a');
    expect(readManifests([path.join(dir, 'utf16.yaml')], { recursive: false })[0]!.obj.data).toEqual({ k: '\u00e9' });
    expect(readManifests([path.join(dir, 'latin1.yaml')], { recursive: false })[0]!.obj.data).toEqual({ k: 'a\ufffd\ufffdb' });
  });

  it('keeps going after a bad file and reports its errors after the good objects', () => {
    const bad = path.join(dir, 'bad-then-good.yaml');
    fs.writeFileSync(bad, 'apiVersion: v1\n---\n' + HEAD + '---\nx: [\n');
    const r = visitManifests([bad, path.join(dir, 'd/b.yaml')], { recursive: false });
    expect(r.manifests.map((m) => m.source)).toEqual([bad, path.join(dir, 'd/b.yaml')]);
    expect(new GoAggregate(r.errors).render()).toBe(
      `unable to decode "${bad}": Object 'Kind' is missing in '{"apiVersion":"v1"}'\n` +
        `error parsing ${bad}: error converting YAML to JSON: yaml: line 1: did not find expected node content`, // lines count from the document start
    );
  });
});

function streamErrorOf(files: string[], stdin: string): string {
  return rendered(() => readManifests(files, { recursive: false, stdin: () => stdin }));
}

describe('documents (StreamVisitor)', () => {
  it('splits YAML on --- lines and skips empty documents', () => {
    const text = `---\n${HEAD}---\n# only a comment\n--- # sep with comment\n\n---\n${HEAD.replace('name: a', 'name: b')}...\nignored: [\n`;
    const m = parseManifestText(text, 'multi.yaml');
    expect(m.map((x) => [x.index, (x.obj.metadata as { name: string }).name])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  it('rejects separators followed by anything but a comment (and drops the pending document)', () => {
    expect(streamError(`${HEAD}--- a: 1\n`, 'sep.yaml')).toBe('error: error parsing sep.yaml: invalid Yaml document separator: a: 1');
    expect(streamError(`${HEAD}----\n`, 'dash4.yaml')).toBe('error: error parsing dash4.yaml: invalid Yaml document separator: -');
  });

  it('reads JSON streams of concatenated objects', () => {
    const j = '{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"a"}}\n{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"b"}} {"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"c"}}';
    expect(parseManifestText(j, 'c.json').map((m) => (m.obj.metadata as { name: string }).name)).toEqual(['a', 'b', 'c']);
  });

  it('flattens lists; items without kind/apiVersion take the list kind minus "List"', () => {
    const m = parseManifestText(
      'apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: p\n- apiVersion: y/v1\n  kind: Bar\n  metadata:\n    name: b\n',
      'l.yaml',
    );
    expect(m.map((x) => [x.obj.apiVersion, x.obj.kind, x.index, x.fromList])).toEqual([
      ['v1', 'Pod', 0, true],
      ['y/v1', 'Bar', 1, true],
    ]);
    expect(parseManifestText('apiVersion: x/v1\nkind: Foo\nmetadata:\n  name: a\nitems: null\n', 'n.yaml')).toEqual([]);
  });

  it('reports list items kubectl cannot type, one line each', () => {
    const r = visitManifestText(
      '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"a"}},{"kind":"Bar","metadata":{"name":"b"}},{"metadata":{"name":"c"}}]}',
      'list.json',
    );
    expect(r.manifests.length).toBe(1);
    expect(new GoAggregate(r.errors).render()).toBe(
      `unable to get type info from the object "*unstructured.Unstructured": Object 'apiVersion' is missing in 'object has no apiVersion field'\n` +
        `unable to get type info from the object "*unstructured.Unstructured": Object 'Kind' is missing in 'object has no kind field '`,
    );
    expect(streamError('apiVersion: x/v1\nkind: FooList\nitems:\n- kind: List\n  apiVersion: v1\n  items: []\n')).toBe(
      'error: *unstructured.Unstructured is not a list: no Items field in this object',
    );
    expect(streamError(`${HEAD}items: 5\n`, 'items.yaml')).toBe(
      'error: unable to decode "items.yaml": json: cannot unmarshal number into Go struct field decodeList.items of type []json.RawMessage',
    );
    expect(streamError('apiVersion: x/v1\nkind: FooList\nitems:\n- 5\n', 'i.yaml')).toBe(
      'error: unable to decode "i.yaml": json: cannot unmarshal number into Go value of type map[string]interface {}',
    );
  });

  it('reports non-object documents with the unstructured detector error', () => {
    expect(streamError('just a string\n')).toBe('error: unable to decode "f.yaml": json: cannot unmarshal string into Go value of type unstructured.detector');
    expect(streamError('- a\n- b\n')).toBe('error: unable to decode "f.yaml": json: cannot unmarshal array into Go value of type unstructured.detector');
    expect(streamError('yes\n')).toBe('error: unable to decode "f.yaml": json: cannot unmarshal bool into Go value of type unstructured.detector');
  });

  it('reports a missing kind with the document as Go marshals it (YAML) or as written (JSON)', () => {
    expect(streamError('apiVersion: v1\nmetadata:\n  name: x\ndata:\n  a: b\n', 'nokind.yaml')).toBe(
      `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","data":{"a":"b"},"metadata":{"name":"x"}}'`,
    );
    expect(streamError('{"apiVersion": "v1", "metadata": {"name":"x"}}', 'nokind.json')).toBe(
      `error: unable to decode "nokind.json": Object 'Kind' is missing in '{"apiVersion": "v1", "metadata": {"name":"x"}}'`,
    );
    // an apiVersion with two slashes makes the whole GroupVersionKind empty
    expect(streamError('apiVersion: a/b/c\nkind: Foo\nmetadata:\n  name: a\n', 'badgv.yaml')).toBe(
      `error: unable to decode "badgv.yaml": Object 'Kind' is missing in '{"apiVersion":"a/b/c","kind":"Foo","metadata":{"name":"a"}}'`,
    );
    // HTML characters are escaped as Go's json.Marshal does
    expect(streamError('a: <b&c>\n')).toBe(`error: unable to decode "f.yaml": Object 'Kind' is missing in '{"a":"\\u003cb\\u0026c\\u003e"}'`);
    // a missing apiVersion decodes; kubectl fails later, when it maps the kind
    expect(one('kind: Foo\nmetadata:\n  name: x\n').kind).toBe('Foo');
  });

  it('checks that TypeMeta and ObjectMeta decode (metadataValidatingDecoder)', () => {
    const meta = (m: string) => streamError(`apiVersion: x/v1\nkind: Foo\nmetadata:\n${m}`);
    expect(meta('  name: 5\n')).toBe('error: unable to decode "f.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
    expect(meta('  name: n\n')).toBe('error: unable to decode "f.yaml": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string');
    expect(meta('  name: a\n  labels:\n    a: 1\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
    expect(meta('  name: a\n  labels: [a]\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
    );
    expect(meta('  name: a\n  generation: 1.5\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal number 1.5 into Go struct field ObjectMeta.metadata.generation of type int64',
    );
    expect(meta('  name: a\n  creationTimestamp: bad\n')).toBe(
      'error: unable to decode "f.yaml": parsing time "bad" as "2006-01-02T15:04:05Z07:00": cannot parse "bad" as "2006"',
    );
    expect(meta('  name: a\n  creationTimestamp: 2020-01-01\n')).toBe(
      'error: unable to decode "f.yaml": parsing time "2020-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
    );
    expect(meta('  name: a\n  creationTimestamp: "2020-13-01T00:00:00Z"\n')).toBe(
      'error: unable to decode "f.yaml": parsing time "2020-13-01T00:00:00Z": month out of range',
    );
    expect(meta('  name: a\n  ownerReferences:\n  - controller: "yes"\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal string into Go struct field OwnerReference.metadata.ownerReferences.controller of type bool',
    );
    expect(meta('  name: a\n  uid: {}\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal object into Go struct field ObjectMeta.metadata.uid of type types.UID',
    );
    expect(streamError('apiVersion: 5\nkind: Foo\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal number into Go struct field metadataOnlyObject.apiVersion of type string',
    );
    expect(streamError('apiVersion: x/v1\nkind: Foo\nmetadata: []\n')).toBe(
      'error: unable to decode "f.yaml": json: cannot unmarshal array into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta',
    );
    // unknown metadata fields are ignored, as kubectl does before the server sees them
    expect((one(`${HEAD}  bogus: 5\n`).metadata as Record<string, unknown>).bogus).toBe(5);
  });
});

describe('validate (create/apply/replace with --validate, checked before decoding)', () => {
  const v = (text: string, src = 'v.yaml') => {
    const r = visitManifestText(text, src, { validate: true });
    return new GoAggregate(r.errors).render();
  };
  const tail = '; if you choose to ignore these errors, turn validation off with --validate=false';
  it('reports missing or mistyped apiVersion/kind (kubectl apply -f, kubectl create -f)', () => {
    expect(v('apiVersion: v1\nmetadata:\n  name: x\n')).toBe(`error: error validating "v.yaml": error validating data: kind not set${tail}`);
    expect(v('kind: Foo\n')).toBe(`error: error validating "v.yaml": error validating data: apiVersion not set${tail}`);
    expect(v('a: 1\n')).toBe(`error: error validating "v.yaml": error validating data: [apiVersion not set, kind not set]${tail}`);
    expect(v('apiVersion: x/v1\nkind: 5\n')).toBe(`error: error validating "v.yaml": error validating data: kind isn't string type${tail}`);
    expect(v('apiVersion: a/b/c\nkind: Foo\n')).toBe(`error: error validating "v.yaml": error validating data: unexpected GroupVersion string: a/b/c${tail}`);
    expect(v('- a\n')).toBe(`error: error validating "v.yaml": error validating data: invalid object to validate${tail}`);
    expect(v('kind: List\napiVersion: v1\nitems:\n- null\n- kind: Foo\n  apiVersion: a/b/c\n')).toBe(
      `error: error validating "v.yaml": error validating data: [invalid object to validate, unexpected GroupVersion string: a/b/c]${tail}`,
    );
  });
  it('stops reading the source at the first invalid document', () => {
    const r = visitManifestText(`${HEAD}---\nkind: Foo\n---\n${HEAD}`, 'v.yaml', { validate: true });
    expect(r.manifests.length).toBe(1);
    expect(r.errors.length).toBe(1);
  });
});

describe('YAML semantics (sigs.k8s.io/yaml + yaml.v2)', () => {
  it('resolves plain scalars the YAML 1.1 way', () => {
    const values = [
      'yes', 'off', 'y', 'n', '0777', '0x1F', '0o17', '0b1010', '1_000', '1:20', '2001-12-14t21:59:43.10-05:00', '2002-12-14',
      '~', '', '1e3', '.5', '08', '"0777"', '12345678901234567890', '!!str 123', '!foo bar', '!!binary aGVsbG8=', '1e400', '.1_5',
    ];
    const d = one(`${HEAD}data:\n${values.map((v, i) => `  k${i}: ${v}\n`).join('')}`).data as Record<string, unknown>;
    expect(values.map((_, i) => d[`k${i}`])).toEqual([
      true, false, true, false, 511, 31, 15, 10, 1000, '1:20', '2001-12-14t21:59:43.10-05:00', '2002-12-14',
      null, null, 1000, 0.5, 8, '0777', 12345678901234567000, '123', 'bar', 'hello', '1e400', 0.15,
    ]);
    // keys resolve too: `n:` is the key "false", `y:` the key "true"
    expect(Object.keys(one(`${HEAD}data:\n  n: 1\n  y: 2\n`).data as object)).toEqual(['false', 'true']);
  });

  it('converts keys as sigs.k8s.io/yaml does (floats with 32-bit precision)', () => {
    expect(one(`${HEAD}data:\n  1.5: a\n  3.14159265358979: b\n  1e20: c\n  .inf: d\n  0x10: e\n  true: f\n  on: g\n`).data).toEqual({
      '1.5': 'a',
      '3.1415927': 'b',
      '1e+20': 'c',
      '.inf': 'd',
      '16': 'e',
      true: 'g',
    });
    expect(streamError(`${HEAD}data:\n  ~: x\n`)).toBe(
      'error: error parsing f.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: "x"',
    );
    expect(streamError(`${HEAD}data:\n  ? [a]\n  : b\n`)).toBe(
      'error: error parsing f.yaml: error converting YAML to JSON: yaml: invalid map key: []interface {}{"a"}',
    );
  });

  it('merges << keys like yaml.v2 (a merge overwrites keys set before it) and keeps the last duplicate', () => {
    const o = one(`${HEAD}base: &b\n  x: 1\n  w: 2\ndata:\n  w: 9\n  <<: *b\n  z: 3\nm2:\n  <<: [{x: 1}, {x: 2, w: 5}]\n  x: 7\ndup: 1\ndup: 2\n`);
    expect(o.data).toEqual({ x: 1, w: 2, z: 3 });
    expect(o.m2).toEqual({ w: 5, x: 7 });
    expect(o.dup).toBe(2);
    expect(streamError(`${HEAD}data:\n  <<: 5\n`)).toBe(
      'error: error parsing f.yaml: error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value',
    );
  });

  it('fails alias bombs fast with yaml.v2 excessive aliasing guard', () => {
    let s = `${HEAD}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    let prev = 'a';
    for (const c of 'bcdefghi') {
      s += `${c}: &${c} [${Array(9).fill('*' + prev).join(',')}]\n`;
      prev = c;
    }
    const t0 = performance.now();
    expect(streamError(s)).toBe('error: error parsing f.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(streamError(`${HEAD}a: &x\n  b: *x\n`)).toBe("error: error parsing f.yaml: error converting YAML to JSON: yaml: anchor 'x' value contains itself");
    expect(streamError('a: *foo\n')).toBe("error: error parsing f.yaml: error converting YAML to JSON: yaml: unknown anchor 'foo' referenced");
  });

  it('rejects NaN/Inf values as json.Marshal does', () => {
    expect(streamError(`${HEAD}n: .inf\n`)).toBe('error: error parsing f.yaml: error converting YAML to JSON: json: unsupported value: +Inf');
  });

  it('limits nesting like kubectl instead of overflowing the stack', () => {
    const flow = (n: number) => `${HEAD}data: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(streamError(flow(10001))).toBe('error: error parsing f.yaml: error converting YAML to JSON: yaml: line 5: exceeded max depth of 10000');
    expect(streamError(flow(10000))).toBe(
      "error: error parsing f.yaml: error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth",
    );
    const deep = one(flow(9999));
    expect(compactJson(deep)).toBe(`{"apiVersion":"x/v1","data":${'['.repeat(9999)}${']'.repeat(9999)},"kind":"Foo","metadata":{"name":"a"}}`);
    expect(toYaml(deep)).toContain('data:\n- - - - ');
    // block collections: every `- ` on the line opens an indentation level
    expect(streamError(`${HEAD}data:\n${'- '.repeat(10001)}x\n`)).toBe(
      'error: error parsing f.yaml: error converting YAML to JSON: yaml: line 6: exceeded max depth of 10000',
    );
    expect(parseManifestText(`${HEAD}data:\n${'- '.repeat(9999)}x\n`, 'f.yaml').length).toBe(1);
    const json = (n: number) => `{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"a"},"data":${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(streamError(json(10000), 'deep.json')).toBe("error: error parsing deep.json: json: offset 10065: invalid character '[' exceeded max depth");
  });

  it('reports syntax errors with go-yaml v2 messages and line numbers', () => {
    const cases: [string, string][] = [
      [`${CM.replace('  name: x\n', '  name: x\n   labels: a\n')}`, 'yaml: line 5: mapping values are not allowed in this context'],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: x\n  labels: a\n', 'yaml: line 4: did not find expected key'],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x: y\n', 'yaml: line 4: mapping values are not allowed in this context'],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n', 'yaml: line 4: found character that cannot start any token'],
      [`${CM}data:\n  a: b\n\t  c: d\n`, 'yaml: line 7: found a tab character that violates indentation'],
      [`${CM.replace('name: x', 'name: "x')}data:\n  a: b\n`, 'yaml: line 7: found unexpected end of stream'],
      [`${CM.replace('name: x', "name: 'x")}data:\n  a: b\n`, 'yaml: line 7: found unexpected end of stream'],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\ndata:\n  a: b\n', "yaml: line 3: did not find expected ',' or '}'"],
      [`${CM}  finalizers: [a, b\n`, "yaml: line 5: did not find expected ',' or ']'"],
      [`${CM}- a\n`, 'yaml: line 4: did not find expected key'],
      [`${CM}data\n  a: b\n`, "yaml: line 6: could not find expected ':'"],
      ['a: b#c\nd: e # f\ng:#h\n', "yaml: line 4: could not find expected ':'"],
      ['a: "\\q"\n', 'yaml: found unknown escape character'],
      ['a: @foo\n', 'yaml: found character that cannot start any token'],
      ['a: ]\n', 'yaml: did not find expected node content'],
      ['a:b\nc: d\n', 'yaml: line 2: mapping values are not allowed in this context'],
      ['"a" "b": c\n', 'yaml: did not find expected key'],
      ['%FOO bar\n', 'yaml: found unknown directive name'],
      ['a: |\n  x\n y\n', 'yaml: line 2: did not find expected key'],
      [`${'k'.repeat(1100)}: v\n`, 'yaml: mapping values are not allowed in this context'],
      [`${CM}data:\n  k: a\u0085b\n`, "yaml: line 8: could not find expected ':'"],
      ['a: b\u0001c\n', 'yaml: control characters are not allowed'],
      ['a: b\u0000c\n', 'yaml: control characters are not allowed'],
      ['a: !!int abc\n', 'yaml: cannot decode !!str `abc` as a !!int'],
      ['a: !!bool 5\n', 'yaml: cannot decode !!int `5` as a !!bool'],
      ['a: !!binary "%%%%"\n', 'yaml: !!binary value contains invalid base64 data'],
    ];
    for (const [text, msg] of cases) {
      expect(streamError(text, 'bad.yaml')).toBe(`error: error parsing bad.yaml: error converting YAML to JSON: ${msg}`);
    }
  });

  it('accepts what go-yaml accepts (a tab after a colon, # without a space, CRLF)', () => {
    expect(one(`${HEAD}data:\n  a:\tb\n  c: d#e\n`).data).toEqual({ a: 'b', c: 'd#e' });
    expect(one(HEAD.replace(/\n/g, '\r\n') + 'data:\r\n  k: v\r\n').data).toEqual({ k: 'v' });
  });

  it('parses block and quoted scalars', () => {
    expect(
      one(
        `${HEAD}data:\n  a: |\n    line1\n    line2\n  b: >\n    folded\n    text\n\n    para\n  c: |-\n    strip\n  d: |+\n    keep\n\n  e: "esc\\ttab\\u00e9\\x41"\n  f: 'single '' q'\n  g: plain\n    continued\n`,
      ).data,
    ).toEqual({ a: 'line1\nline2\n', b: 'folded text\npara\n', c: 'strip', d: 'keep\n\n', e: 'esc\ttab\u00e9A', f: "single ' q", g: 'plain continued' });
  });

  it('parses 10 MB of YAML in well under a second per MB', () => {
    let doc = '';
    for (let i = 0; doc.length < 10_000_000; i++) {
      doc += `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  labels: {app: web-${i}, tier: "frontend"}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.25\n        args: ["--port", "8080"]\n        env:\n        - name: B\n          value: >\n            folded text\n---\n`;
    }
    const t0 = performance.now();
    const m = parseManifestText(doc, 'big.yaml');
    const ms = performance.now() - t0;
    expect(m.length).toBeGreaterThan(20000);
    expect(ms).toBeLessThan(8000);
  });
});

describe('JSON streams (json.Decoder)', () => {
  it('reports syntax errors with Go offsets', () => {
    expect(streamError('{"apiVersion":"x/v1",\n "kind":"Foo", x}', 'badch.json')).toBe(
      "error: error parsing badch.json: json: offset 38: invalid character 'x' looking for beginning of object key string",
    );
    expect(streamError('{"apiVersion":"x/v1","kind":"Foo",}', 'tc.json')).toBe(
      "error: error parsing tc.json: json: offset 35: invalid character '}' looking for beginning of object key string",
    );
    expect(streamError('{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"a"}', 'trunc.json')).toBe('error: error parsing trunc.json: unexpected EOF');
  });

  it('keeps the objects before an error and reports decode errors per document', () => {
    const r = visitManifestText('{"a":1}\n{"apiVersion":"x/v1",\n "kind":"Foo", x}', 'badch2.json');
    expect(new GoAggregate(r.errors).render()).toBe(
      `unable to decode "badch2.json": Object 'Kind' is missing in '{"a":1}'\n` +
        "error parsing badch2.json: json: offset 46: invalid character 'x' looking for beginning of object key string",
    );
    const r2 = visitManifestText('{"apiVersion":"x/v1","kind":"Foo","metadata":{"name":"a"}}\n[1,2]\n"s"\nnull\n', 's.json');
    expect(r2.manifests.length).toBe(1);
    expect(r2.errors.map((e) => e.message)).toEqual([
      'unable to decode "s.json": json: cannot unmarshal array into Go value of type unstructured.detector',
      'unable to decode "s.json": json: cannot unmarshal string into Go value of type unstructured.detector',
    ]);
    expect(streamError('{"kind":"Foo","apiVersion":"v1","metadata":{"name":"a"},"n":1e400}', 'inf.json')).toBe(
      'error: unable to decode "inf.json": json: cannot unmarshal number 1e400 into Go value of type float64',
    );
  });

  it('treats a stream as JSON only when it starts with {', () => {
    expect(streamError('x{"a":1}', 'lead.json')).toBe('error: unable to decode "lead.json": json: cannot unmarshal string into Go value of type unstructured.detector');
  });
});

describe('yamlLoad (kubectl patch / edit input)', () => {
  const err = (t: string) => rendered(() => yamlLoad(t));
  it('returns the first document as JSON-shaped data', () => {
    expect(yamlLoad('data: {b: yes}')).toEqual({ data: { b: true } });
    expect(yamlLoad('a: 1\n---\nb: [')).toEqual({ a: 1 });
    expect(yamlLoad('')).toBe(null);
    expect(yamlLoad('{"a": [1, "x"]}')).toEqual({ a: [1, 'x'] });
  });
  it('throws the Go error text (kubectl wraps it as unable to parse "<patch>": …)', () => {
    expect(err('a: [')).toBe('error: yaml: line 1: did not find expected node content');
    expect(err("a: 'x")).toBe('error: yaml: found unexpected end of stream');
    expect(err('a:\n\tb: 1')).toBe('error: yaml: line 2: found character that cannot start any token');
    expect(err('!!int x')).toBe('error: yaml: cannot decode !!str `x` as a !!int');
    expect(err('{"a": 1,}')).toBe("error: invalid character '}' looking for beginning of object key string");
    expect(err('{"a": [')).toBe('error: unexpected end of JSON input');
    expect(err('{"a": 1} x')).toBe("error: invalid character 'x' after top-level value");
  });
});

describe('toYaml (kubectl -o yaml)', () => {
  it('matches kubectl for quoting, folding, block scalars, numbers and key order', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'x',
        annotations: {
          long: 'word word word word word word word word word word word word word word word word word word word word word word word word',
          cron: '*/5 * * * *',
          yes: 'yes',
          one: '1',
          oct: '0777',
          null: 'null',
          ts: '2020-01-01T00:00:00Z',
          multi: 'line1\nline2\n',
          strip: 'line1\nline2',
          keep: 'a\n\n',
          lead: '\nlead',
          tab: 'a\tb',
          emoji: '\u{1F600}',
          empty: '',
          item10: 'a',
          item2: 'b',
          html: '<a&b>',
        },
      },
      data: { emptymap: {}, emptylist: [], nullv: null, nums: [1.5, 1234567.5, 0.00001, 1e21, 3] },
    };
    expect(toYaml(obj)).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  emptylist: []',
        '  emptymap: {}',
        '  nullv: null',
        '  nums:',
        '  - 1.5',
        '  - 1.2345675e+06',
        '  - 1e-05',
        '  - 1e+21',
        '  - 3',
        'kind: ConfigMap',
        'metadata:',
        '  annotations:',
        "    cron: '*/5 * * * *'",
        '    emoji: "\\U0001F600"',
        '    empty: ""',
        '    html: <a&b>',
        '    item2: b',
        '    item10: a',
        '    keep: |+',
        '      a',
        '',
        '    lead: |2-',
        '',
        '      lead',
        '    long: word word word word word word word word word word word word word word word',
        '      word word word word word word word word word',
        '    multi: |',
        '      line1',
        '      line2',
        '    "null": "null"',
        '    oct: "0777"',
        '    one: "1"',
        '    strip: |-',
        '      line1',
        '      line2',
        '    tab: "a\\tb"',
        '    ts: "2020-01-01T00:00:00Z"',
        '    "yes": "yes"',
        '  name: x',
        '',
      ].join('\n'),
    );
  });

  it('uses the ? form for keys longer than 128 bytes or spanning lines', () => {
    expect(toYaml({ ['k'.repeat(130)]: 'v', 'multi\nkey': 'w' })).toBe(`? ${'k'.repeat(130)}\n: v\n? |-\n  multi\n  key\n: w\n`);
  });

  it('quotes strings that would read back as something else and single-quotes indicators', () => {
    expect(toYaml({ a: 'y', b: 'on', c: '1:20', d: '- x', e: 'a: b', f: 'a #b', g: '@x', h: 'trail ', i: '~', j: '1e3', k: 'a:b' })).toBe(
      'a: "y"\nb: "on"\nc: "1:20"\nd: \'- x\'\ne: \'a: b\'\nf: \'a #b\'\ng: \'@x\'\nh: \'trail \'\ni: "~"\nj: "1e3"\nk: a:b\n',
    );
  });

  it('fails like kubectl on characters its YAML reader rejects', () => {
    expect(rendered(() => toYaml({ s: 'a\u007fb' }))).toBe('error: yaml: control characters are not allowed');
    expect(toYaml({ s: 'x\u0085y' })).toBe('s: x y\n');
  });
});

describe('toJson / goJson (kubectl -o json)', () => {
  it('sorts keys, indents by 4, escapes like Go', () => {
    expect(toJson({ b: 1, a: { y: [], x: {} }, s: '<>&\u2028\b\f\u001f\u007f', n: [1e21, 1e-7, 0.5, -0] })).toBe(
      '{\n    "a": {\n        "x": {},\n        "y": []\n    },\n    "b": 1,\n    "n": [\n        1e+21,\n        1e-7,\n        0.5,\n        0\n    ],\n    "s": "\\u003c\\u003e\\u0026\\u2028\\b\\f\\u001f\u007f"\n}\n',
    );
  });
  it('keeps insertion order for objects kubectl built itself', () => {
    expect(goJson({ kind: 'Pod', apiVersion: 'v1' })).toBe('{\n    "kind": "Pod",\n    "apiVersion": "v1"\n}\n');
    expect(compactJson({ b: '<', a: 1 })).toBe('{"a":1,"b":"\\u003c"}');
  });
});

describe('GoAggregate rendering (kubectl CheckErr / MultipleErrors)', () => {
  it('prints status errors with their reason and nested aggregates in brackets', () => {
    const inner = new GoAggregate([new StatusError('NotFound', 'pods "a" not found'), new StatusError('NotFound', 'pods "b" not found')]);
    const agg = new GoAggregate([new StatusError('AlreadyExists', 'error when creating "x.yaml": configmaps "x" already exists'), inner]);
    expect(agg.render()).toBe(
      'Error from server (AlreadyExists): error when creating "x.yaml": configmaps "x" already exists\n[pods "a" not found, pods "b" not found]',
    );
  });
});

describe('corpus manifests', () => {
  const corpus = path.resolve(__dirname, '../../../shared/corpus');
  const names = (m: Manifest[]) => m.map((x) => `${x.obj.kind}/${(x.obj.metadata as { name: string }).name}`);
  it.skipIf(!fs.existsSync(corpus))('reads multi-document files and lists into the expected objects', () => {
    const read = (p: string) => readManifests([path.join(corpus, p)], { recursive: false });
    expect(names(read('kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml'))).toEqual([
      'Service/redis-master',
      'Deployment/redis-master',
      'Service/redis-replica',
      'Deployment/redis-replica',
      'Service/frontend',
      'Deployment/frontend',
    ]);
    expect(read('kubernetes-examples/AI/vllm-deployment/hpa/prometheus-adapter.yaml').length).toBe(9);
    expect(names(read('kubernetes-in-action/Chapter10/persistent-volumes-hostpath.yaml'))).toEqual([
      'PersistentVolume/pv-a',
      'PersistentVolume/pv-b',
      'PersistentVolume/pv-c',
    ]);
    expect(read('kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml').length).toBe(4);
    expect(readManifests([path.join(corpus, 'kubernetes-in-action/Chapter09')], { recursive: false }).length).toBe(8);
    const tmpl = 'kubernetes-examples/_archived/storage/vitess/etcd-service-template.yaml';
    expect(rendered(() => read(tmpl))).toBe(
      `error: error parsing ${path.join(corpus, tmpl)}: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{"cell":interface {}(nil)}`,
    );
  });
});
