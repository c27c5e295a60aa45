// Client-side data of `create configmap|secret`; expected values were produced by kubectl v1.32.4.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkKeyPair,
  configMapData,
  configMapHash,
  dockerConfigJson,
  goJson,
  parseFileSource,
  secretData,
  secretHash,
  splitSlice,
} from '../../src/cli/commands/create-data';

const TLS = path.join(__dirname, 'fixtures', 'tls');
const read = (f: string) => fs.readFileSync(path.join(TLS, f));

function tmp(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-create-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('flag values and sources', () => {
  it('--from-file is a pflag StringSlice: CSV records', () => {
    expect(splitSlice(['a.txt,b.txt', '"c,d.txt"', ''], 'from-file')).toEqual(['a.txt', 'b.txt', 'c,d.txt']);
    expect(() => splitSlice(['a"b'], 'from-file')).toThrow('invalid argument "a"b" for "--from-file" flag: parse error on line 1, column 2: bare " in non-quoted-field');
  });

  it('util.ParseFileSource', () => {
    expect(parseFileSource('dir/sub/app.conf')).toEqual(['app.conf', 'dir/sub/app.conf']);
    expect(parseFileSource('key=path')).toEqual(['key', 'path']);
    expect(() => parseFileSource('=path')).toThrow('key name for file path path missing');
    expect(() => parseFileSource('key=')).toThrow('file path for key name key missing');
    expect(() => parseFileSource('a=b=c')).toThrow("key names or file paths cannot contain '='");
  });
});

describe('create configmap data', () => {
  it('files, then literals; a directory contributes every regular file and rejects bad names', () => {
    const dir = tmp({ 'conf/a.properties': 'x=1\n', 'conf/bin.dat': Buffer.from([0xff, 0xfe]), 'bad/ok': 'y', 'bad/bad name': 'z' });
    const cm = configMapData('c', { 'from-file': [path.join(dir, 'conf')], 'from-literal': ['k=v=w'] });
    expect(cm.data).toEqual({ 'a.properties': 'x=1\n', k: 'v=w' });
    expect(cm.binaryData).toEqual({ 'bin.dat': Buffer.from([0xff, 0xfe]) });
    expect(() => configMapData('c', { 'from-file': [path.join(dir, 'bad')] })).toThrow(
      `"bad name" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    expect(() => configMapData('c', { 'from-file': [path.join(dir, 'conf', 'bin.dat')], 'from-literal': ['bin.dat=x'] })).toThrow('cannot add key "bin.dat", another key by that name already exists in BinaryData for ConfigMap "c"');
    expect(() => configMapData('c', { 'from-env-file': ['x.env'], 'from-literal': ['a=b'] })).toThrow('from-env-file cannot be combined with from-file or from-literal');
    expect(() => configMapData('c', { 'from-env-file': [dir] })).toThrow('env config file cannot be a directory');
  });

  it('env files: comments, blank lines, BOM, CRLF, KEY alone reads the environment, invalid names rejected', () => {
    process.env.KUBESIM_TEST_FROM_ENV = 'from-env';
    const dir = tmp({ 'a.env': '\uFEFFA=1\r\n# comment\n\n   B=two \nKUBESIM_TEST_FROM_ENV\n', 'bad.env': 'OK=1\n1BAD=2\n' });
    expect(configMapData('c', { 'from-env-file': [path.join(dir, 'a.env')] }).data).toEqual({ A: '1', B: 'two ', KUBESIM_TEST_FROM_ENV: 'from-env' });
    expect(() => configMapData('c', { 'from-env-file': [path.join(dir, 'bad.env')] })).toThrow(/^"1BAD" is not a valid key name: a valid environment variable name must consist/);
  });
});

describe('create secret data', () => {
  it('literals, then files; duplicate keys; the Secret wording differs from the ConfigMap one', () => {
    const dir = tmp({ 'id_rsa': 'KEY' });
    expect(secretData({ 'from-literal': ['user=admin'], 'from-file': [`ssh-privatekey=${path.join(dir, 'id_rsa')}`] })).toEqual({ user: Buffer.from('admin'), 'ssh-privatekey': Buffer.from('KEY') });
    expect(() => secretData({ 'from-literal': ['a=b', 'a=c'] })).toThrow('cannot add key a, another key by that name already exists');
    expect(() => secretData({ 'from-literal': ['bad key=1'] })).toThrow(/^"bad key" is not valid key name for a Secret a valid config key/);
  });

  it('docker-registry: an unnamed file is the .dockerconfigjson key; a directory cannot be one', () => {
    const dir = tmp({ 'config.json': '{"auths":{}}\n' });
    expect(secretData({ 'from-file': [path.join(dir, 'config.json')] }, '.dockerconfigjson')).toEqual({ '.dockerconfigjson': Buffer.from('{"auths":{}}\n') });
    expect(() => secretData({ 'from-file': [dir] }, '.dockerconfigjson')).toThrow('cannot give a key name for a directory path');
  });

  it('docker config JSON as Go marshals it (HTML-safe escapes, email omitted when empty)', () => {
    expect(dockerConfigJson('u<>&', 'p', '', 'https://index.docker.io/v1/').toString()).toBe('{"auths":{"https://index.docker.io/v1/":{"username":"u\\u003c\\u003e\\u0026","password":"p","auth":"dTw+Jjpw"}}}');
    expect(dockerConfigJson('u', 'p', 'e@x.com', 'https://index.docker.io/v1/').toString('base64')).toBe(
      'eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJlQHguY29tIiwiYXV0aCI6ImRUcHcifX19',
    );
  });
});

describe('--append-hash (kubectl util/hash)', () => {
  it('matches kubectl for configmaps and secrets', () => {
    expect(configMapHash('m', { data: { k: '<&>' }, binaryData: {} })).toBe('bhhb595d9c');
    expect(configMapHash('c1', { data: { 'ec.crt': read('ec.crt').toString() }, binaryData: {} })).toBe('92m59gdfk7');
    expect(secretHash('s1', '', { a: Buffer.from('b') })).toBe('6c2f4hf6dh');
    expect(secretHash('g', '', { A: Buffer.from('1'), B: Buffer.from('x y') })).toBe('g2f2ffkfdb');
    expect(secretHash('reg', 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': dockerConfigJson('u', 'p', '', 'https://index.docker.io/v1/') })).toBe('cc65kb8ft7');
    expect(secretHash('t', 'kubernetes.io/tls', { 'tls.crt': read('rsa.crt'), 'tls.key': read('rsa.key') })).toBe('g9mcf487kk');
    expect(goJson({ b: Buffer.from('x'), a: null, c: 'é\u2028' })).toBe('{"a":null,"b":"eA==","c":"é\\u2028"}');
  });
});

describe('create secret tls: tls.X509KeyPair checks', () => {
  it('accepts matching RSA and EC pairs', () => {
    expect(() => checkKeyPair(read('rsa.crt'), read('rsa.key'))).not.toThrow();
    expect(() => checkKeyPair(read('ec.crt'), read('ec.key'))).not.toThrow();
  });

  it('reports what crypto/tls reports', () => {
    const bad = (c: Buffer | string, k: Buffer | string) => () => checkKeyPair(Buffer.from(c), Buffer.from(k));
    expect(bad(read('rsa.crt'), read('other.key'))).toThrow('tls: private key does not match public key');
    expect(bad(read('ec.crt'), read('rsa.key'))).toThrow('tls: private key type does not match public key type');
    expect(bad(read('rsa.key'), read('rsa.key'))).toThrow('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    expect(bad(read('rsa.crt'), read('rsa.crt'))).toThrow('tls: found a certificate rather than a key in the PEM for the private key');
    expect(bad('garbage', read('rsa.key'))).toThrow('tls: failed to find any PEM data in certificate input');
    expect(bad(read('rsa.crt'), 'garbage')).toThrow('tls: failed to find any PEM data in key input');
    expect(bad('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', read('rsa.key'))).toThrow('x509: malformed certificate');
    expect(bad(read('rsa.crt'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toThrow('tls: failed to parse private key');
  });
});
