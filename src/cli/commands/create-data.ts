// What `kubectl create configmap|secret …` builds on the client: key/value pairs from --from-literal,
// --from-file and --from-env-file (kubectl's create_configmap.go / create_secret.go and
// cmdutil.AddFromEnvFile, release-1.32), TLS and docker-registry secrets, and --append-hash names
// (kubectl's util/hash). Every error is kubectl's text.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../api/errors';
import { isConfigMapKey, regexError } from '../../api/validation/util';

/** pflag StringSlice: each occurrence is read as one CSV record (`a,b` → two values, `"a,b"` → one). */
export function splitSlice(values: string[] | undefined, flag: string): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    if (v === '') continue;
    out.push(...csvRecord(v, flag));
  }
  return out;
}

function csvRecord(s: string, flag: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new CliError(`invalid argument "${s}" for "--${flag}" flag: parse error on line 1, column ${s.length + 1}: extraneous or missing " in quoted-field`);
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
      if (i < s.length && s[i] !== ',') throw new CliError(`invalid argument "${s}" for "--${flag}" flag: parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
    } else {
      while (i < s.length && s[i] !== ',') {
        if (s[i] === '"') throw new CliError(`invalid argument "${s}" for "--${flag}" flag: parse error on line 1, column ${i + 1}: bare " in non-quoted-field`);
        field += s[i++];
      }
    }
    fields.push(field);
    if (i >= s.length) break;
    i++; // the comma
    if (i >= s.length) {
      fields.push('');
      break;
    }
  }
  return fields;
}

/** util.ParseLiteralSource */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf('=');
  if (i <= 0) throw new CliError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** util.ParseFileSource: `[key=]path`. */
export function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [goPathBase(source), source];
  if (n === 1 && source.startsWith('=')) throw new CliError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new CliError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new CliError(`key names or file paths cannot contain '='`);
  const [k, p] = source.split('=') as [string, string];
  return [k, p];
}

/** Go path.Base: trailing slashes dropped, "" → ".", all slashes → "/". */
function goPathBase(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

/** The errno text Go's os.PathError carries (`no such file or directory`, `is a directory`…). */
function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return String((e as Error)?.message ?? e);
  }
}

function statOrError(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    throw new CliError(`error reading ${p}: ${errnoText(e)}`);
  }
}

function readFile(p: string): Buffer {
  try {
    return fs.readFileSync(p);
  } catch (e) {
    throw new CliError(`open ${p}: ${errnoText(e)}`);
  }
}

/** Regular files of a directory, in name order (os.ReadDir). */
function regularFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (e) {
    throw new CliError(`error listing files in ${dir}: ${errnoText(e)}`);
  }
  return names.filter((n) => {
    try {
      return fs.lstatSync(path.join(dir, n)).isFile();
    } catch {
      return false;
    }
  });
}

const envVarNameFmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';

/** validation.IsEnvVarName (the strict form kubectl's env-file reader still uses). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!new RegExp(`^${envVarNameFmt}$`).test(value))
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", envVarNameFmt, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** cmdutil.AddFromEnvFile: one KEY=value per line, `#` comments, a BOM on the first line, `KEY` alone reads the environment. */
export function readEnvFile(file: string, add: (key: string, value: string) => void): void {
  const buf = readFile(file);
  // bufio.ScanLines: split on \n, drop one trailing \r per line, no empty last line
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      lines.push(buf.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  lines.forEach((raw, n) => {
    const line = raw.length && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
    if (!isUtf8(line)) throw new CliError(`env file ${file} contains invalid utf8 bytes at line ${n + 1}: [${[...line].join(' ')}]`);
    let s = line.toString('utf8');
    if (n === 0 && s.startsWith('\uFEFF')) s = s.slice(1);
    s = s.replace(/^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u, ''); // unicode.IsSpace
    if (s.length === 0 || s.startsWith('#')) return;
    const eq = s.indexOf('=');
    const key = eq >= 0 ? s.slice(0, eq) : s;
    const errs = isEnvVarName(key);
    if (errs.length) throw new CliError(`"${key}" is not a valid key name: ${errs.join(';')}`);
    add(key, eq >= 0 ? s.slice(eq + 1) : process.env[key] ?? '');
  });
}

export function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export interface ConfigMapData {
  data: Record<string, string>;
  binaryData: Record<string, Buffer>;
}

/** kubectl create configmap: --from-file first, then --from-literal, then --from-env-file. */
export function configMapData(name: string, flags: Record<string, unknown>): ConfigMapData {
  const files = splitSlice(flags['from-file'] as string[], 'from-file');
  const literals = (flags['from-literal'] as string[]) ?? [];
  const envFiles = splitSlice(flags['from-env-file'] as string[], 'from-env-file');
  if (envFiles.length && (files.length || literals.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
  const cm: ConfigMapData = { data: {}, binaryData: {} };
  const check = (key: string) => {
    const errs = isConfigMapKey(key);
    if (errs.length) throw new CliError(`"${key}" is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (key in cm.data) throw new CliError(`cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    if (key in cm.binaryData) throw new CliError(`cannot add key "${key}", another key by that name already exists in BinaryData for ConfigMap "${name}"`);
  };
  const addLiteral = (key: string, value: string) => {
    check(key);
    cm.data[key] = value;
  };
  const addFile = (key: string, file: string) => {
    const bytes = readFile(file);
    if (isUtf8(bytes)) return addLiteral(key, bytes.toString('utf8'));
    check(key);
    cm.binaryData[key] = bytes;
  };
  for (const src of files) {
    const [key, file] = parseFileSource(src);
    if (statOrError(file).isDirectory()) {
      if (src.includes('=')) throw new CliError('cannot give a key name for a directory path');
      for (const f of regularFiles(file)) addFile(f, path.join(file, f));
    } else addFile(key, file);
  }
  for (const lit of literals) addLiteral(...parseLiteralSource(lit));
  for (const env of envFiles) {
    if (statOrError(env).isDirectory()) throw new CliError('env config file cannot be a directory');
    readEnvFile(env, addLiteral);
  }
  return cm;
}

/** kubectl create secret generic: --from-literal first, then --from-file, then --from-env-file. */
export function secretData(flags: Record<string, unknown>, defaultFileKey?: string): Record<string, Buffer> {
  const files = splitSlice(flags['from-file'] as string[], 'from-file');
  const literals = (flags['from-literal'] as string[]) ?? [];
  const envFiles = splitSlice(flags['from-env-file'] as string[], 'from-env-file');
  if (envFiles.length && (files.length || literals.length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
  const data: Record<string, Buffer> = {};
  const add = (key: string, value: Buffer) => {
    const errs = isConfigMapKey(key);
    if (errs.length) throw new CliError(`"${key}" is not valid key name for a Secret ${errs.join(';')}`);
    if (key in data) throw new CliError(`cannot add key ${key}, another key by that name already exists`);
    data[key] = value;
  };
  for (const lit of literals) {
    const [k, v] = parseLiteralSource(lit);
    add(k, Buffer.from(v, 'utf8'));
  }
  for (const src of files) {
    let key: string;
    let file: string;
    if (defaultFileKey !== undefined && !src.includes('=')) {
      // docker-registry: an unnamed file source is the .dockerconfigjson key
      [key, file] = [defaultFileKey, src];
    } else [key, file] = parseFileSource(src);
    if (statOrError(file).isDirectory()) {
      if (src.includes('=') || defaultFileKey !== undefined) throw new CliError('cannot give a key name for a directory path');
      for (const f of regularFiles(file)) add(f, readFile(path.join(file, f)));
    } else add(key, readFile(file));
  }
  for (const env of envFiles) {
    if (statOrError(env).isDirectory()) throw new CliError('env secret file cannot be a directory');
    readEnvFile(env, (k, v) => add(k, Buffer.from(v, 'utf8')));
  }
  return data;
}

// ---------------------------------------------------------------- Go's encoding/json

/** A JSON string as Go's encoding/json writes it (HTML-safe: <, >, & escaped; U+2028/9 escaped). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** json.Marshal of nested maps/strings/Buffers (keys sorted, []byte as base64). */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (Buffer.isBuffer(v)) return `"${v.toString('base64')}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(o[k])}`).join(',')}}`;
}

/** kubectl util/hash encodeHash: the first ten hex digits of sha256, with 0,1,3,a,e swapped out. */
function encodeHash(json: string): string {
  const hex = crypto.createHash('sha256').update(json, 'utf8').digest('hex');
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/** hash.ConfigMapHash */
export function configMapHash(name: string, cm: ConfigMapData): string {
  const m: Record<string, unknown> = { kind: 'ConfigMap', name, data: cm.data };
  if (Object.keys(cm.binaryData).length) m.binaryData = cm.binaryData;
  return encodeHash(goJson(m));
}

/** hash.SecretHash */
export function secretHash(name: string, type: string, data: Record<string, Buffer>): string {
  return encodeHash(goJson({ kind: 'Secret', type, name, data }));
}

// ---------------------------------------------------------------- docker-registry

/** handleDockerCfgJSONContent: {"auths":{server:{username,password,email?,auth}}} as json.Marshal writes it. */
export function dockerConfigJson(username: string, password: string, email: string, server: string): Buffer {
  const entry = [`"username":${goJsonString(username)}`, `"password":${goJsonString(password)}`];
  if (email) entry.push(`"email":${goJsonString(email)}`);
  entry.push(`"auth":${goJsonString(Buffer.from(`${username}:${password}`, 'utf8').toString('base64'))}`);
  return Buffer.from(`{"auths":{${goJsonString(server)}:{${entry.join(',')}}}}`, 'utf8');
}

// ---------------------------------------------------------------- tls

interface PemBlock {
  type: string;
  bytes: Buffer;
}

/** encoding/pem.Decode, repeatedly: every well-formed block in order (malformed ones are skipped). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let body = m[2]!;
    // optional RFC 1421 headers end at the first blank line
    if (/^[^\n]*:/.test(body)) {
      const blank = body.search(/\r?\n\r?\n/);
      if (blank >= 0) body = body.slice(blank).trimStart();
    }
    const b64 = body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) continue;
    out.push({ type: m[1]!, bytes: Buffer.from(b64, 'base64') });
  }
  return out;
}

/** tls.X509KeyPair's checks, with crypto/tls's messages. Throws CliError. */
export function checkKeyPair(certPem: Buffer, keyPem: Buffer): void {
  const certBlocks = pemBlocks(certPem.toString('latin1'));
  const certs = certBlocks.filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) {
    const skipped = certBlocks.map((b) => b.type);
    if (skipped.length === 0) throw new CliError('tls: failed to find any PEM data in certificate input');
    if (skipped.length === 1 && skipped[0]!.endsWith('PRIVATE KEY'))
      throw new CliError('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    throw new CliError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  const keyBlocks = pemBlocks(keyPem.toString('latin1'));
  const skipped: string[] = [];
  let keyBlock: PemBlock | undefined;
  for (const b of keyBlocks) {
    if (b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY')) {
      keyBlock = b;
      break;
    }
    skipped.push(b.type);
  }
  if (!keyBlock) {
    if (skipped.length === 0) throw new CliError('tls: failed to find any PEM data in key input');
    if (skipped.length === 1 && skipped[0] === 'CERTIFICATE') throw new CliError('tls: found a certificate rather than a key in the PEM for the private key');
    throw new CliError(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  let cert: crypto.X509Certificate;
  try {
    cert = new crypto.X509Certificate(certs[0]!.bytes);
  } catch {
    throw new CliError('x509: malformed certificate');
  }
  let key: crypto.KeyObject | undefined;
  // parsePrivateKey: PKCS #1, then PKCS #8, then SEC 1 (EC)
  for (const type of ['pkcs1', 'pkcs8', 'sec1'] as const) {
    try {
      key = crypto.createPrivateKey({ key: keyBlock.bytes, format: 'der', type });
      break;
    } catch {
      /* next form */
    }
  }
  if (!key) throw new CliError('tls: failed to parse private key');
  const pub = cert.publicKey;
  if (pub.asymmetricKeyType !== key.asymmetricKeyType) throw new CliError('tls: private key type does not match public key type');
  const a = pub.export({ type: 'spki', format: 'der' });
  const b = crypto.createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (!a.equals(b)) throw new CliError('tls: private key does not match public key');
}

/** Reads a file named by a tls/docker flag: `Cannot read file x, open x: no such file or directory`. */
export function readFlagFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const op = code === 'EISDIR' ? 'read' : 'open';
    throw new CliError(`Cannot read file ${file}, ${op} ${file}: ${errnoText(e)}`);
  }
}
