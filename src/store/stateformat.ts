// The state file's encoding. A cluster of 150,000 pods is over a gigabyte of JSON: one JSON document
// would take seconds to parse on every command, and cannot even be held in one string (V8 strings
// stop at 512 MiB). So the file is a one-line JSON header followed by sections:
//
//   {"apiVersion":"kubesim.dev/v1","kind":"ClusterState","schemaVersion":2, …,
//    "sections":[["o","Pod","default",1000,[51234,…]], ["s","kubelet",[2345]], …]}\n
//   <chunk>\n<chunk>\n…
//
// An object section holds the objects of one kind in one namespace ("" for cluster-scoped kinds), in
// key order, as JSON arrays of at most CHUNK objects, one per line; a sim section holds one
// controller's persisted state as one JSON line. The header gives every chunk's length in bytes, so a
// command reads and parses only the sections it touches (`get pods -n one` never parses Events), and a
// save copies the sections it did not change byte for byte. Files of schema version 1 (one JSON
// document) are still read.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { RawError } from '../api/errors';
import { pushAll, type KObject } from '../api/types';

/** Objects per chunk: small enough to stay far below V8's string limit, big enough to parse fast. */
const CHUNK = 2000;

export type ObjectSection = ['o', gk: string, namespace: string, count: number, chunks: number[]];
export type SimSection = ['s', key: string, chunks: number[]];
export type Section = ObjectSection | SimSection;

/** The header's fields besides the sections (what StateFile has besides objects and sim). */
export interface StateHeader {
  apiVersion: string;
  kind: string;
  schemaVersion: number;
  sections?: Section[];
  [k: string]: unknown;
}

export function wayOutOf(file: string): string {
  return `To start over, run "kubesim cluster reset" (it keeps a copy of the old file as ${file}.bak), or point --state/KUBESIM_STATE at another file.`;
}

export function corrupt(file: string, why: string): RawError {
  return new RawError(`error: the kubesim state file ${file} is corrupt: ${why}\n${wayOutOf(file)}`);
}

/** Why JSON.parse rejected text, in words (V8's messages quote the text, newlines and all). */
export function jsonProblem(text: string, v8message: string, total = text.length): string {
  if (text.trim() === '') return 'the file is empty';
  const at = /position (\d+)/.exec(v8message);
  const pos = at ? Number(at[1]) : undefined;
  if (/Unexpected end of JSON input/.test(v8message) || (pos !== undefined && pos >= text.trimEnd().length))
    return `it ends abruptly after ${total} bytes (it was cut short)`;
  return pos === undefined ? 'it is not valid JSON' : `it is not valid JSON (syntax error at character ${pos} of ${total})`;
}

interface Placed {
  start: number;
  chunks: number[];
}

/**
 * An open state file: its header parsed, its sections read on demand. Holds the file open until
 * closed, so sections are read from the file as it was when opened (a save replaces the file by
 * renaming a new one over it; this descriptor keeps the old one).
 */
export class StateSource {
  private objectsAt = new Map<string, Placed & { count: number }>(); // `${gk}\0${ns}`
  private simAt = new Map<string, Placed>();
  /** A version 1 file, parsed whole. */
  readonly legacy?: { objects: Record<string, KObject[]>; sim: Record<string, unknown> };

  private constructor(
    readonly file: string,
    private fd: number | undefined,
    readonly header: StateHeader,
    headerBytes: number,
    size: number,
    legacy?: StateSource['legacy'],
  ) {
    this.legacy = legacy;
    if (legacy) return;
    let at = headerBytes;
    for (const s of header.sections ?? []) {
      const chunks = s[0] === 'o' ? s[4] : s[2];
      if (s[0] === 'o') this.objectsAt.set(`${s[1]}\u0000${s[2]}`, { start: at, chunks, count: s[3] });
      else this.simAt.set(s[1], { start: at, chunks });
      for (const n of chunks) at += n;
    }
    if (at > size) throw corrupt(file, `it ends abruptly after ${size} bytes (it was cut short)`);
    if (at < size) throw corrupt(file, `it has ${size - at} bytes more than its sections (it is not valid)`);
  }

  /**
   * Opens a state file: undefined when it does not exist; the header checked by `check` (which
   * throws the right error for a foreign or newer file).
   */
  static open(file: string, fd: number, check: (h: StateHeader) => void): StateSource {
    const size = fstatSync(fd).size;
    // the header line: read until its newline (a version 1 file has none: it is all header)
    const parts: Buffer[] = [];
    let pos = 0;
    let nl = -1;
    let block = 1 << 16;
    while (pos < size) {
      const b = Buffer.allocUnsafe(Math.min(block, size - pos));
      const n = readSync(fd, b, 0, b.length, pos);
      if (n <= 0) break;
      const got = b.subarray(0, n);
      const i = got.indexOf(10);
      if (i >= 0) {
        parts.push(got.subarray(0, i));
        nl = pos + i;
        break;
      }
      parts.push(got);
      pos += n;
      block = Math.min(block * 2, 1 << 26);
    }
    const headerBuf = Buffer.concat(parts);
    const text = headerBuf.toString('utf8');
    let header: StateHeader;
    try {
      header = JSON.parse(text) as StateHeader;
    } catch (e) {
      throw corrupt(file, jsonProblem(text, (e as Error).message, size));
    }
    if (!header || typeof header !== 'object' || Array.isArray(header)) throw new RawError(`error: ${file} is not a kubesim state file\n${wayOutOf(file)}`);
    check(header);
    if (!Array.isArray(header.sections)) {
      // version 1: one JSON document holding everything
      const rest = nl >= 0 ? size - nl - 1 : 0;
      if (rest > 0 && readFileSync(file, 'utf8').slice(nl + 1).trim() !== '') throw corrupt(file, 'it is not valid JSON');
      const h = header as StateHeader & { objects?: unknown; sim?: unknown };
      if (!h.objects || typeof h.objects !== 'object') throw corrupt(file, 'required sections are missing');
      const legacy = { objects: h.objects as Record<string, KObject[]>, sim: (h.sim ?? {}) as Record<string, unknown> };
      delete h.objects;
      delete h.sim;
      return new StateSource(file, fd, header, 0, size, legacy);
    }
    if (nl < 0) throw corrupt(file, `it ends abruptly after ${size} bytes (it was cut short)`);
    for (const s of header.sections) if (!validSection(s)) throw corrupt(file, 'its section table is not valid');
    return new StateSource(file, fd, header, nl + 1, size);
  }

  /** The object sections: `[gk, namespace, count]`. */
  objectSections(): [string, string, number][] {
    if (this.legacy) {
      const out: [string, string, number][] = [];
      for (const [gk, objs] of Object.entries(this.legacy.objects)) out.push([gk, '', Array.isArray(objs) ? objs.length : 0]);
      return out;
    }
    return [...this.objectsAt.entries()].map(([k, p]) => {
      const i = k.indexOf('\u0000');
      return [k.slice(0, i), k.slice(i + 1), p.count];
    });
  }

  simKeys(): string[] {
    return this.legacy ? Object.keys(this.legacy.sim) : [...this.simAt.keys()];
  }

  /** The objects of one kind in one namespace, checked just enough to index them. */
  objects(gk: string, ns: string): KObject[] {
    if (this.legacy) return checked(this.file, gk, this.legacy.objects[gk]);
    const p = this.objectsAt.get(`${gk}\u0000${ns}`);
    if (!p) return [];
    const out: KObject[] = [];
    let at = p.start;
    for (const n of p.chunks) {
      const part = this.parse(at, n, `objects.${gk}`);
      if (!Array.isArray(part)) throw corrupt(this.file, `objects.${gk} is not a list`);
      for (const o of part) out.push(o as KObject);
      at += n;
    }
    return checked(this.file, gk, out);
  }

  sim(key: string): unknown {
    if (this.legacy) return this.legacy.sim[key];
    const p = this.simAt.get(key);
    return p ? this.parse(p.start, p.chunks[0]!, `sim.${key}`) : undefined;
  }

  /** An object section's chunks, each read only when a save writes it (a gigabyte is never held at once). */
  objectChunks(gk: string, ns: string): RawChunk[] | undefined {
    const p = this.legacy ? undefined : this.objectsAt.get(`${gk}\u0000${ns}`);
    return p && this.chunks(p);
  }

  simChunks(key: string): RawChunk[] | undefined {
    const p = this.legacy ? undefined : this.simAt.get(key);
    return p && this.chunks(p);
  }

  private chunks(p: Placed): RawChunk[] {
    const out: RawChunk[] = [];
    let at = p.start;
    for (const n of p.chunks) {
      const from = at;
      out.push({ len: n, read: () => this.bytes(from, n) });
      at += n;
    }
    return out;
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = undefined;
  }

  private bytes(at: number, n: number): Buffer {
    if (this.fd === undefined) throw new Error('state file closed');
    const b = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const r = readSync(this.fd, b, got, n - got, at + got);
      if (r <= 0) throw corrupt(this.file, `it ends abruptly (it was cut short)`);
      got += r;
    }
    return b;
  }

  private parse(at: number, n: number, what: string): unknown {
    const text = this.bytes(at, n).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      throw corrupt(this.file, `its ${what} section is not valid JSON`);
    }
  }
}

function validSection(s: unknown): s is Section {
  if (!Array.isArray(s)) return false;
  const lens = (x: unknown) => Array.isArray(x) && x.every((n) => Number.isInteger(n) && n > 0);
  if (s[0] === 'o') return s.length === 5 && typeof s[1] === 'string' && typeof s[2] === 'string' && Number.isInteger(s[3]) && lens(s[4]);
  if (s[0] === 's') return s.length === 3 && typeof s[1] === 'string' && lens(s[2]) && (s[2] as number[]).length === 1;
  return false;
}

/** The objects of one kind as the file holds them, checked just enough to index them. */
function checked(file: string, gk: string, objs: unknown): KObject[] {
  if (!Array.isArray(objs)) throw corrupt(file, `objects.${gk} is not a list`);
  for (let i = 0; i < objs.length; i++) {
    const o = objs[i] as KObject;
    if (!o || typeof o !== 'object' || !o.metadata || typeof o.metadata !== 'object' || typeof o.metadata.name !== 'string')
      throw corrupt(file, `objects.${gk}[${i}] is not an object with a metadata.name`);
  }
  return objs as KObject[];
}

/** What a save writes for one object section: the objects, or the bytes it had (unchanged). */
/** A chunk of the file being replaced, copied unchanged: its length, and how to read it when it is written. */
export interface RawChunk {
  len: number;
  read: () => Buffer;
}
export type ObjectsOut = { gk: string; ns: string; objects: KObject[] } | { gk: string; ns: string; count: number; raw: RawChunk[] };
export type SimOut = { key: string; value: unknown } | { key: string; raw: RawChunk[] };
/** What a save writes, in order: text, bytes, or bytes read from the old file when their turn comes. */
export type OutChunk = string | Uint8Array | (() => Uint8Array);

/** Encodes a state file: the header line, then every section's chunks (strings and copied bytes). */
export function encodeState(header: Record<string, unknown>, objects: ObjectsOut[], sim: SimOut[]): OutChunk[] {
  const sections: Section[] = [];
  const body: OutChunk[] = [];
  for (const o of objects) {
    const lens: number[] = [];
    let count: number;
    if ('raw' in o) {
      count = o.count;
      for (const c of o.raw) {
        body.push(c.read);
        lens.push(c.len);
      }
    } else {
      count = o.objects.length;
      if (!count) continue;
      for (let i = 0; i < o.objects.length; i += CHUNK) {
        const line = `${JSON.stringify(o.objects.slice(i, i + CHUNK))}\n`;
        body.push(line);
        lens.push(Buffer.byteLength(line));
      }
    }
    if (lens.length) sections.push(['o', o.gk, o.ns, count, lens]);
  }
  for (const s of sim) {
    if ('raw' in s) {
      for (const c of s.raw) body.push(c.read);
      sections.push(['s', s.key, s.raw.map((c) => c.len)]);
      continue;
    }
    if (s.value === undefined) continue;
    const line = `${JSON.stringify(s.value)}\n`;
    body.push(line);
    sections.push(['s', s.key, [Buffer.byteLength(line)]]);
  }
  return [`${JSON.stringify({ ...header, sections })}\n`, ...body];
}

/** Reads a whole state file into plain data (tests and tools): header fields, objects, sim. */
export function decodeStateFile(file: string, check: (h: StateHeader) => void = () => {}): { header: StateHeader; objects: Record<string, KObject[]>; sim: Record<string, unknown> } {
  const fd = openSync(file, 'r');
  const src = StateSource.open(file, fd, check);
  try {
    const objects: Record<string, KObject[]> = {};
    for (const [gk, ns] of src.objectSections()) pushAll((objects[gk] ??= []), src.objects(gk, ns));
    const sim: Record<string, unknown> = {};
    for (const k of src.simKeys()) sim[k] = src.sim(k);
    const header = { ...src.header };
    delete header.sections;
    return { header, objects, sim };
  } finally {
    src.close();
  }
}
