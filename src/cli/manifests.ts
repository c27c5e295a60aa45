// How kubectl 1.32 reads `-f` inputs (cli-runtime resource builder) and prints objects as YAML/JSON.
//
// Reading, as Builder.FilenameParam/Path + ExpandPathsToFileVisitors + FileVisitor + StreamVisitor +
// the unstructured decoder (metadataValidatingDecoder{UnstructuredJSONScheme}) + FlattenListVisitor do:
//  - `-` is standard input (source "STDIN"); http(s):// is a URL (no network here: the fetch fails the way
//    kubectl reports a failed connection); other arguments are paths, glob-expanded when they don't exist
//  - directories: files ending in .json/.yaml/.yml in lexical order (filepath.Walk), subdirectories only
//    with -R; an explicitly named file is read whatever its extension
//  - files: UTF-16 (BOM) or UTF-8 (BOM dropped, invalid bytes → U+FFFD)
//  - a stream whose first non-space character (within 4096 bytes) is `{` is a JSON stream (several
//    concatenated objects allowed); anything else is YAML split on lines starting with `---`
//  - empty documents and `null` are skipped; an object with an `items` key is a list and is flattened
//    (items without kind/apiVersion get the list's kind minus "List" and its apiVersion)
//  - errors carry kubectl's texts: `error parsing x.yaml: error converting YAML to JSON: yaml: line 4: …`,
//    `unable to decode "x.yaml": Object 'Kind' is missing in '{…}'`, `the path "x" does not exist`, …
// Errors are gathered the way ContinueOnError builders gather them (see visitManifests); the YAML and JSON
// details live in manifests-goyaml.ts, manifests-json.ts and manifests-emit.ts.

import { type Stats, lstatSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { CliError, InvalidError, KubeError, RawError, StatusError } from '../api/errors';
import { goYamlToValue, GoYamlError } from './manifests-goyaml';
import {
  GoJsonError,
  checkTypedMetadata,
  goMarshal,
  goStrconvQuote,
  jsonKind,
  parseJsonValue,
  scanJsonStreamValue,
  wellFormed,
} from './manifests-json';
import { emitYaml, YamlEmitError } from './manifests-emit';

export interface Manifest {
  obj: Record<string, unknown>;
  /** The path as kubectl names it (the argument, or dir/file for files found in a directory), "STDIN", or the URL. */
  source: string;
  /** Position of the object among those read from this source (list items count one each). */
  index: number;
  /** Came out of a List (kind: List / *List / any object with `items`): kubectl words mapping errors differently. */
  fromList?: boolean;
}

export interface ReadOptions {
  recursive: boolean;
  stdin?: () => string | Uint8Array;
  /**
   * create/apply/replace with --validate on (their default): run the client half of kubectl's schema
   * check on every document before decoding (apiVersion/kind must be set and be strings; a v1 List's
   * items too). A failure stops that source, as StreamVisitor does: `error validating "x.yaml": error
   * validating data: kind not set; if you choose to ignore these errors, turn validation off with
   * --validate=false`. Field-level validation is the server's (fieldValidation=Strict) and not done here.
   */
  validate?: boolean;
}

/** The objects that decoded plus the errors met on the way, in kubectl's order. */
export interface ManifestVisit {
  manifests: Manifest[];
  errors: KubeError[];
}

/**
 * utilerrors.Aggregate as kubectl prints it. `render()` is CheckErr's output: one error → that error
 * alone (with `error: ` for plain errors); several → one line each, without the `error: ` prefix
 * (MultipleErrors). `message` is the aggregate's Error() text (`[a, b]`), used when it is nested.
 */
export class GoAggregate extends KubeError {
  constructor(readonly errors: KubeError[]) {
    super(aggregateErrorText(errors));
  }
  override render(): string {
    if (this.errors.length === 1) return this.errors[0]!.render();
    return this.errors.map(messageForError).join('\n');
  }
}

/** kubectl's messageForError inside MultipleErrors: Status errors as `Error from server …`, others bare. */
export function messageForError(e: KubeError): string {
  if (e instanceof GoAggregate) return e.message;
  if (e instanceof StatusError) return e.render();
  if (e instanceof InvalidError) return `Error from server (Invalid): ${e.statusMessage()}`;
  // plain errors carry no prefix inside MultipleErrors (kubesim keeps some pre-rendered)
  return e.message.replace(/^error: /, '');
}

function aggregateErrorText(errors: KubeError[]): string {
  if (errors.length === 0) return '';
  const msgs = errors.map((e) => (e instanceof InvalidError ? e.statusMessage() : e.message));
  if (msgs.length === 1) return msgs[0]!;
  const seen: string[] = [];
  for (const m of msgs) if (!seen.includes(m)) seen.push(m);
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

const FILE_EXTENSIONS = ['.json', '.yaml', '.yml'];

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Reads every `-f` argument like kubectl's ContinueOnError builder. Builder errors (missing paths, bad
 * URLs, a directory without manifests, `-` twice) are thrown before anything is read, as kubectl's
 * `r.Err()` returns them. Everything else is returned: the objects that decoded and the visit errors
 * (parse/decode errors, list item errors as a nested GoAggregate), in order. Verbs combine these with
 * their own errors: `create` appends its visit errors after the server errors it met, `apply` puts them
 * first (it collects objects before applying); `new GoAggregate(all).render()` prints what kubectl does.
 */
export function visitManifests(filenames: string[], opts: ReadOptions): ManifestVisit {
  const sources = buildSources(filenames, opts);
  const result: ManifestVisit = { manifests: [], errors: [] };
  for (const src of sources) src.visit(result);
  return result;
}

/** All objects, or throws (GoAggregate, rendering exactly what kubectl prints) if anything failed. */
export function readManifests(filenames: string[], opts: ReadOptions): Manifest[] {
  const r = visitManifests(filenames, opts);
  if (r.errors.length) throw new GoAggregate(r.errors);
  return r.manifests;
}

/** One stream (StreamVisitor semantics, no BOM handling: kubectl edit reads "edited-file" this way). */
export function visitManifestText(text: string, source: string, opts: { validate?: boolean } = {}): ManifestVisit {
  const result: ManifestVisit = { manifests: [], errors: [] };
  visitStream(text, source, result, !!opts.validate);
  return result;
}

/** Objects of one stream; throws GoAggregate on any error. */
export function parseManifestText(text: string, source: string, opts: { validate?: boolean } = {}): Manifest[] {
  const r = visitManifestText(text, source, opts);
  if (r.errors.length) throw new GoAggregate(r.errors);
  return r.manifests;
}

/**
 * One document as apimachinery yaml.ToJSON reads a patch or an edited object: JSON when it starts
 * with `{` (Go json.Unmarshal errors: `invalid character …`, `unexpected end of JSON input`), YAML
 * otherwise (only the first document; `---` starts the next). Throws CliError whose message is the Go
 * error text (`yaml: line 1: did not find expected node content`); kubectl patch prints it as
 * `error: unable to parse "<patch>": <message>`. Returns null for an empty document.
 */
export function yamlLoad(text: string): unknown {
  if (hasJsonPrefix(text, Infinity)) {
    let span;
    try {
      span = scanJsonStreamValue(text, 0);
    } catch (e) {
      if (e instanceof GoJsonError) {
        const m = e.message === 'unexpected EOF' ? 'unexpected end of JSON input' : e.message.replace(/^json: offset \d+: /, '');
        throw new CliError(m);
      }
      throw e;
    }
    if (!span) throw new CliError('unexpected end of JSON input');
    let i = span.end;
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
    if (i < text.length) {
      const c = text.codePointAt(i)!;
      const b = c < 0x80 ? c : Buffer.from(String.fromCodePoint(c))[0]!;
      const q = b === 0x27 ? "'\\''" : b === 0x22 ? `'"'` : `'${goStrconvQuote(String.fromCharCode(b)).slice(1, -1)}'`;
      throw new CliError(`invalid character ${q} after top-level value`);
    }
    if (span.hugeNumber !== undefined) throw new CliError(`json: cannot unmarshal number ${span.hugeNumber} into Go value of type float64`);
    return parseJsonValue(text.slice(span.start, span.end));
  }
  try {
    return goYamlToValue(text).value;
  } catch (e) {
    if (e instanceof GoYamlError) throw new CliError(e.message);
    throw e;
  }
}

/** kubectl -o yaml text for one object (sigs.k8s.io/yaml Marshal), ending in a newline. */
export function toYaml(value: unknown): string {
  try {
    return emitYaml(value);
  } catch (e) {
    if (e instanceof YamlEmitError || e instanceof GoJsonError) throw new CliError(e.message);
    throw e;
  }
}

/** kubectl -o json for stored (unstructured) objects: keys sorted at every level, 4-space indent, newline. */
export function toJson(value: unknown): string {
  try {
    return goMarshal(value, '    ', true) + '\n';
  } catch (e) {
    if (e instanceof GoJsonError) throw new CliError(e.message);
    throw e;
  }
}

/** -o json for objects kubectl built itself (typed Go structs): keys in insertion (struct) order. */
export function goJson(value: unknown): string {
  try {
    return goMarshal(value, '    ', false) + '\n';
  } catch (e) {
    if (e instanceof GoJsonError) throw new CliError(e.message);
    throw e;
  }
}

/** Go json.Marshal of a map (compact, sorted keys, HTML-safe escapes), no trailing newline. */
export function compactJson(value: unknown): string {
  return goMarshal(value, '', true);
}

// ---------------------------------------------------------------------------------------------------
// Builder: arguments → sources

interface Source {
  visit(into: ManifestVisit): void;
}

function buildSources(filenames: string[], opts: ReadOptions): Source[] {
  const errs: KubeError[] = [];
  const paths: Source[] = [];
  let stdinInUse = false;
  for (const s of filenames) {
    if (s === '-') {
      if (stdinInUse) errs.push(new CliError('standard input cannot be used for multiple arguments'));
      stdinInUse = true;
      paths.push(stdinSource(opts));
      continue;
    }
    if (s.startsWith('http://') || s.startsWith('https://')) {
      const bad = goUrlParseError(s);
      if (bad) {
        errs.push(new CliError(`the URL passed to filename ${goStrconvQuote(s)} is not valid: ${bad}`));
        continue;
      }
      paths.push(urlSource(s));
      continue;
    }
    let matches: string[];
    try {
      matches = expandIfFilePattern(s);
    } catch (e) {
      errs.push(e as KubeError);
      continue;
    }
    // Builder.Path
    for (const p of matches) {
      let st: Stats;
      try {
        st = statSync(p);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') errs.push(new CliError(`the path ${goStrconvQuote(p)} does not exist`));
        else errs.push(new CliError(`the path ${goStrconvQuote(p)} cannot be accessed: ${goPathError('stat', p, e)}`));
        continue;
      }
      void st;
      try {
        for (const f of expandPathToFiles(p, opts.recursive)) paths.push(fileSource(f, !!opts.validate));
      } catch (e) {
        errs.push(new CliError(`error reading ${goStrconvQuote(p)}: ${(e as Error).message}`));
      }
    }
    if (paths.length === 0 && errs.length === 0) {
      errs.push(new CliError(`error reading [${matches.join(' ')}]: recognized file extensions are [${FILE_EXTENSIONS.join(' ')}]`));
    }
  }
  if (errs.length) throw new GoAggregate(errs);
  return paths;
}

/** filepath.Walk as ExpandPathsToFileVisitors uses it (Lstat, lexical order, SkipDir without -R). */
function expandPathToFiles(root: string, recursive: boolean): string[] {
  const out: string[] = [];
  let info: Stats;
  try {
    info = lstatSync(root);
  } catch (e) {
    throw new Error(goPathError('lstat', root, e));
  }
  const walk = (p: string, st: Stats): void => {
    if (!st.isDirectory()) {
      if (p !== root && ignoreFile(p)) return;
      out.push(p);
      return;
    }
    let names: string[] | null = null;
    let readErr: unknown = null;
    try {
      names = readdirSync(p).sort(byteCompare);
    } catch (e) {
      readErr = e;
    }
    // walkFn(path, info, err): kubectl returns the error first, then skips subdirectories without -R.
    if (readErr) throw new Error(goPathError('open', p, readErr));
    if (p !== root && !recursive) return;
    for (const name of names!) {
      const child = goClean(p + '/' + name);
      let cst: Stats;
      try {
        cst = lstatSync(child);
      } catch (e) {
        throw new Error(goPathError('lstat', child, e));
      }
      walk(child, cst);
    }
  };
  walk(root, info);
  return out;
}

function ignoreFile(p: string): boolean {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot) : '';
  return !FILE_EXTENSIONS.includes(ext);
}

function byteCompare(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}

/** Go path/filepath.Clean (Unix). */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts = p.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = out.join('/');
  if (rooted) return '/' + s;
  return s === '' ? '.' : s;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function goPathError(op: string, p: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  return `${op} ${p}: ${ERRNO_TEXT[code] ?? (e as Error).message}`;
}

// -- globbing (Builder expandIfFilePattern → filepath.Glob) --

function expandIfFilePattern(pattern: string): string[] {
  let exists = true;
  try {
    statSync(pattern);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    exists = !(code === 'ENOENT' || code === 'ENOTDIR');
  }
  if (exists) return [pattern];
  if (!globPatternValid(pattern)) throw new CliError(`pattern ${goStrconvQuote(pattern)} is not valid: syntax error in pattern`);
  const matches = goGlob(pattern);
  if (matches.length === 0) throw new CliError(`the path ${goStrconvQuote(pattern)} does not exist`);
  return matches;
}

function hasMeta(p: string): boolean {
  return /[*?[\\]/.test(p);
}

/** Translates one path element pattern of Go's filepath.Match into a RegExp; null if malformed. */
function globRegex(pattern: string): RegExp | null {
  let re = '^';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '*') {
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= n) return null;
      re += escapeRe(pattern[i + 1]!);
      i += 2;
    } else if (c === '[') {
      i++;
      let cls = '[';
      if (pattern[i] === '^') {
        cls += '^';
        i++;
      }
      let count = 0;
      for (;;) {
        if (i >= n) return null;
        if (pattern[i] === ']' && count > 0) {
          i++;
          break;
        }
        let lo = pattern[i]!;
        if (lo === '\\') {
          i++;
          if (i >= n) return null;
          lo = pattern[i]!;
        } else if (lo === '-' || lo === ']') {
          return null;
        }
        i++;
        let item = escapeRe(lo, true);
        if (pattern[i] === '-') {
          i++;
          if (i >= n) return null;
          let hi = pattern[i]!;
          if (hi === '\\') {
            i++;
            if (i >= n) return null;
            hi = pattern[i]!;
          } else if (hi === ']' || hi === '-') return null;
          i++;
          item += '-' + escapeRe(hi, true);
        }
        cls += item;
        count++;
      }
      re += cls + ']';
    } else {
      re += escapeRe(c);
      i++;
    }
  }
  try {
    return new RegExp(re + '$', 'u');
  } catch {
    return null;
  }
}

function escapeRe(c: string, inClass = false): string {
  return (inClass ? /[\\\]\[^-]/ : /[\\^$.*+?()[\]{}|/]/).test(c) ? '\\' + c : c;
}

function globPatternValid(pattern: string): boolean {
  return pattern.split('/').every((part) => globRegex(part) !== null);
}

function goGlob(pattern: string): string[] {
  if (!hasMeta(pattern)) {
    try {
      lstatSync(pattern);
      return [pattern];
    } catch {
      return [];
    }
  }
  const slash = pattern.lastIndexOf('/');
  let dir = slash >= 0 ? pattern.slice(0, slash + 1) : '';
  const file = pattern.slice(slash + 1);
  dir = dir === '' ? '.' : dir === '/' ? dir : dir.slice(0, -1);
  const dirs = hasMeta(dir) ? (dir === pattern ? [] : goGlob(dir)) : [dir];
  const out: string[] = [];
  const re = globRegex(file);
  if (!re) return out;
  for (const d of dirs) {
    let names: string[];
    try {
      if (!statSync(d).isDirectory()) continue;
      names = readdirSync(d).sort(byteCompare);
    } catch {
      continue;
    }
    for (const nm of names) if (re.test(nm)) out.push(goClean(d + '/' + nm));
  }
  return out;
}

// -- URL --

/** The url.Parse failures worth reproducing; null when Go would accept the URL. */
function goUrlParseError(s: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(s)) return `parse ${goStrconvQuote(s)}: net/url: invalid control character in URL`;
  const rest = s.slice(s.indexOf('//') + 2);
  const authority = rest.split(/[/?#]/)[0]!;
  const hostport = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) return `parse ${goStrconvQuote(s)}: missing ']' in host`;
    const after = hostport.slice(close + 1);
    if (after && !/^:\d*$/.test(after)) return `parse ${goStrconvQuote(s)}: invalid port ${goStrconvQuote(after)} after host`;
    return null;
  }
  const colon = hostport.lastIndexOf(':');
  if (colon >= 0) {
    const port = hostport.slice(colon);
    if (!/^:\d*$/.test(port)) return `parse ${goStrconvQuote(s)}: invalid port ${goStrconvQuote(port)} after host`;
  }
  return null;
}

function urlSource(u: string): Source {
  return {
    visit(into) {
      // There is no network: report what kubectl prints when the GET cannot connect.
      const rest = u.slice(u.indexOf('//') + 2);
      const authority = rest.split(/[/?#]/)[0]!;
      const host = authority.slice(authority.lastIndexOf('@') + 1);
      let hostname = host;
      let port = '';
      const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
      if (m) {
        hostname = m[1]!;
        port = m[2] ?? '';
      }
      const bare = hostname.replace(/^\[|\]$/g, '');
      const loopback = bare === 'localhost' || /^127\./.test(bare) || bare === '::1';
      if (loopback) {
        into.errors.push(new RawError(`The connection to the server ${host} was refused - did you specify the right host or port?`));
      } else if (/^[\d.]+$/.test(bare) || bare.includes(':')) {
        const p = port || (u.startsWith('https') ? '443' : '80');
        const addr = bare.includes(':') ? `[${bare}]:${p}` : `${bare}:${p}`;
        into.errors.push(new RawError(`Unable to connect to the server: dial tcp ${addr}: connect: network is unreachable`));
      } else {
        into.errors.push(new RawError(`Unable to connect to the server: dial tcp: lookup ${bare}: no such host`));
      }
    },
  };
}

// -- files and stdin --

/** All of standard input (`-f -`), also when it is a non-blocking pipe or already closed. */
function readStdin(): Uint8Array {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(wait, 0, 0, 5);
        continue;
      }
      if (code === 'EOF' || code === 'EBADF' || code === 'ENXIO') break;
      throw new CliError(goPathError('read', '/dev/stdin', e));
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

function stdinSource(opts: ReadOptions): Source {
  return {
    visit(into) {
      const raw = opts.stdin ? opts.stdin() : readStdin();
      const text = typeof raw === 'string' ? wellFormed(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw) : decodeBytes(raw);
      visitStream(text, 'STDIN', into, !!opts.validate);
    },
  };
}

function fileSource(p: string, validate: boolean): Source {
  return {
    visit(into) {
      let buf: Buffer;
      try {
        buf = readFileSync(p);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EISDIR') {
          into.errors.push(new CliError(`error parsing ${p}: read ${p}: is a directory`));
        } else {
          into.errors.push(new CliError(goPathError('open', p, e)));
        }
        return;
      }
      visitStream(decodeBytes(buf), p, into, validate);
    },
  };
}

/**
 * FileVisitor's transform (x/text BOMOverride): UTF-16 by BOM (an odd trailing byte → U+FFFD), else
 * UTF-8 with a BOM dropped; invalid UTF-8 becomes U+FFFD per maximal subpart, as Node decodes too.
 */
export function decodeBytes(buf: Uint8Array): string {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const utf16 = (body: Buffer, swap: boolean): string => {
    const even = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
    if (swap) even.swap16();
    return wellFormed(even.toString('utf16le')) + (body.length % 2 ? '\ufffd' : '');
  };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16(b.subarray(2), false);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16(b.subarray(2), true);
  const body = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
  return body.toString('utf8');
}

// ---------------------------------------------------------------------------------------------------
// StreamVisitor + unstructured decoding

/** unicode.IsSpace */
function goIsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && goIsSpace(s.charCodeAt(a))) a++;
  while (b > a && goIsSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** yaml.GuessJSONStream: the first non-space character within `limit` bytes is `{`. */
function hasJsonPrefix(text: string, limit: number): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (bytes >= limit) return false;
    if (goIsSpace(c)) {
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      continue;
    }
    return c === 0x7b;
  }
  return false;
}

function visitStream(text: string, source: string, into: ManifestVisit, validate = false): void {
  const counter = { n: 0 };
  if (hasJsonPrefix(text, 4096)) {
    let pos = 0;
    for (;;) {
      let span;
      try {
        span = scanJsonStreamValue(text, pos);
      } catch (e) {
        if (e instanceof GoJsonError) {
          into.errors.push(new CliError(`error parsing ${source}: ${e.message}`));
          return;
        }
        throw e;
      }
      if (!span) return;
      pos = span.end;
      const raw = text.slice(span.start, span.end);
      if (raw === 'null') continue;
      const value = parseJsonValue(raw);
      if (validate && !validateDocument(value, source, into)) return;
      decodeObject(value, () => raw, false, span.hugeNumber, source, into, counter);
    }
  }
  for (const d of yamlDocuments(text)) {
    if ('error' in d) {
      into.errors.push(new CliError(`error parsing ${source}: ${d.error}`));
      return;
    }
    let value: unknown;
    try {
      const r = goYamlToValue(d.doc);
      if (r.depth > 10000) {
        into.errors.push(
          new CliError(`error parsing ${source}: error unmarshaling JSON: while decoding JSON: invalid character '${deepOpener(r.value)}' exceeded max depth`),
        );
        return;
      }
      value = r.value;
    } catch (e) {
      if (e instanceof GoYamlError) {
        into.errors.push(new CliError(`error parsing ${source}: error converting YAML to JSON: ${e.message}`));
        return;
      }
      throw e;
    }
    if (value === null) continue;
    if (validate && !validateDocument(value, source, into)) return;
    decodeObject(value, () => compactJson(value), true, undefined, source, into, counter);
  }
}

/** yaml.YAMLReader: documents separated by lines starting with `---` (only a comment may follow). */
function* yamlDocuments(text: string): Generator<{ doc: string } | { error: string }> {
  let buffer: string[] = [];
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    const last = end < 0;
    if (last) end = n;
    let line = text.slice(start, end);
    if (!last && line.endsWith('\r')) line = line.slice(0, -1);
    start = end + 1;
    if (line.startsWith('---')) {
      const trimmed = goTrimSpace(line.slice(3));
      if (trimmed.length > 0 && trimmed[0] !== '#') {
        yield { error: `invalid Yaml document separator: ${trimmed}` };
        return;
      }
      if (buffer.length) {
        yield { doc: buffer.join('') };
        buffer = [];
        continue;
      }
    }
    buffer.push(line + '\n');
  }
  if (buffer.length) yield { doc: buffer.join('') };
}

/** kubectl validation getObjectKind (pkg/validation): the errors for one object, in its order. */
function objectKindErrors(o: unknown): string[] {
  if (!isObject(o)) return ['invalid object to validate'];
  const errs: string[] = [];
  const av = o.apiVersion;
  if (av === undefined || av === null) errs.push('apiVersion not set');
  else if (typeof av !== 'string') errs.push("apiVersion isn't string type");
  else if (av.split('/').length > 2) errs.push(`unexpected GroupVersion string: ${av}`);
  const k = o.kind;
  if (k === undefined || k === null) errs.push('kind not set');
  else if (typeof k !== 'string') errs.push("kind isn't string type");
  return errs;
}

/** ValidateSchema(ext.Raw, schema) as StreamVisitor runs it; false (error recorded) stops the source. */
function validateDocument(value: unknown, source: string, into: ManifestVisit): boolean {
  let errs = objectKindErrors(value);
  // A v1 List is validated on the client (the server cannot take fieldValidation for it): every item.
  if (errs.length === 0 && isObject(value) && value.apiVersion === 'v1' && value.kind === 'List') {
    if (!Array.isArray(value.items)) errs = ['invalid object to validate'];
    else for (const it of value.items) errs.push(...objectKindErrors(it));
  }
  if (errs.length === 0) return true;
  const uniq = [...new Set(errs)];
  const text = uniq.length === 1 ? uniq[0]! : `[${uniq.join(', ')}]`;
  into.errors.push(
    new CliError(`error validating ${goStrconvQuote(source)}: error validating data: ${text}; if you choose to ignore these errors, turn validation off with --validate=false`),
  );
  return false;
}

/** The bracket that opens the first container nested deeper than 10000 levels (Go json order). */
function deepOpener(v: unknown): string {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > 10000) return Array.isArray(x) ? '[' : '{';
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push([x[i], d + 1]);
    } else {
      const o = x as Record<string, unknown>;
      const keys = Object.keys(o).sort().reverse();
      for (const k of keys) stack.push([o[k], d + 1]);
    }
  }
  return '{';
}

/** schema.ParseGroupVersion + gv.WithKind as Unstructured.GroupVersionKind(): empty on a bad apiVersion. */
function gvkOf(o: Record<string, unknown>): { group: string; version: string; kind: string } {
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '', kind };
  const slashes = apiVersion.split('/').length - 1;
  if (slashes === 0) return { group: '', version: apiVersion, kind };
  if (slashes === 1) {
    const i = apiVersion.indexOf('/');
    return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1), kind };
  }
  return { group: '', version: '', kind: '' };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** mapper.infoForData (decode) and FlattenListVisitor for one document. */
function decodeObject(
  value: unknown,
  raw: () => string,
  sortedKeys: boolean,
  hugeNumber: string | undefined,
  source: string,
  into: ManifestVisit,
  counter: { n: number },
): void {
  const fail = (msg: string) => into.errors.push(new CliError(`unable to decode ${goStrconvQuote(source)}: ${msg}`));
  if (!isObject(value)) {
    fail(`json: cannot unmarshal ${jsonKind(value)} into Go value of type unstructured.detector`);
    return;
  }
  const isList = Object.prototype.hasOwnProperty.call(value, 'items');
  if (isList) {
    const items = value.items;
    if (items !== null && !Array.isArray(items)) {
      fail(`json: cannot unmarshal ${jsonKind(items)} into Go struct field decodeList.items of type []json.RawMessage`);
      return;
    }
    if (hugeNumber !== undefined) {
      fail(`json: cannot unmarshal number ${hugeNumber} into Go value of type float64`);
      return;
    }
    const list = (items ?? []) as unknown[];
    for (const it of list) {
      if (it !== null && !isObject(it)) {
        fail(`json: cannot unmarshal ${jsonKind(it)} into Go value of type map[string]interface {}`);
        return;
      }
    }
    const gvk = gvkOf(value);
    if (gvk.kind === '') {
      fail(`Object 'Kind' is missing in '${raw()}'`);
      return;
    }
    const metaErr = checkTypedMetadata(value, sortedKeys);
    if (metaErr) {
      fail(metaErr);
      return;
    }
    const listKind = value.kind as string;
    const listApiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
    const itemKind = listKind.endsWith('List') ? listKind.slice(0, -4) : listKind;
    const objs: Record<string, unknown>[] = list.map((it) => {
      const o = (it ?? {}) as Record<string, unknown>;
      const k = typeof o.kind === 'string' ? o.kind : '';
      const av = typeof o.apiVersion === 'string' ? o.apiVersion : '';
      if (k === '' && av === '') {
        o.kind = itemKind;
        o.apiVersion = listApiVersion;
      }
      return o;
    });
    // meta.ExtractList fails on an item that is itself a list.
    if (objs.some((o) => Array.isArray(o.items))) {
      into.errors.push(new CliError('*unstructured.Unstructured is not a list: no Items field in this object'));
      return;
    }
    const itemErrors: KubeError[] = [];
    for (const o of objs) {
      const g = gvkOf(o);
      if (g.kind === '') {
        itemErrors.push(
          new CliError(`unable to get type info from the object "*unstructured.Unstructured": Object 'Kind' is missing in 'object has no kind field '`),
        );
        continue;
      }
      if (g.version === '') {
        itemErrors.push(
          new CliError(`unable to get type info from the object "*unstructured.Unstructured": Object 'apiVersion' is missing in 'object has no apiVersion field'`),
        );
        continue;
      }
      into.manifests.push({ obj: o, source, index: counter.n++, fromList: true });
    }
    if (itemErrors.length) into.errors.push(itemErrors.length === 1 ? itemErrors[0]! : new GoAggregate(itemErrors));
    return;
  }
  if (hugeNumber !== undefined) {
    fail(`json: cannot unmarshal number ${hugeNumber} into Go value of type float64`);
    return;
  }
  if (gvkOf(value).kind === '') {
    fail(`Object 'Kind' is missing in '${raw()}'`);
    return;
  }
  const metaErr = checkTypedMetadata(value, sortedKeys);
  if (metaErr) {
    fail(metaErr);
    return;
  }
  into.manifests.push({ obj: value, source, index: counter.n++ });
}
