// RFC 6902 JSON Patch as the Kubernetes 1.32 API server and kubectl apply it: gopkg.in/evanphx/json-patch.v4
// (v4.12.0), with its error texts and its quirks: negative array indexes count from the end, `replace` of
// a missing object key adds it, `replace` of the whole document with a scalar does nothing, a path without a
// leading `/` addresses the root, a JSON null in the middle of a path counts as missing.
import { deepClone, deepEqual, isObject, type JsonObject } from './merge-json';

/** A failure of the patch itself (what json-patch's Apply returns). */
export class JsonPatchFailure extends Error {}

/** The patch document is not a list of operations (what json-patch's DecodePatch returns). */
export class JsonPatchDecodeError extends Error {}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

type Container = JsonObject | unknown[];

function fail(msg: string): never {
  throw new JsonPatchFailure(msg);
}

function hasOwn(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Go's json type word for a decoded value (`cannot unmarshal <word> into …`). */
export function jsonTypeWord(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/** strconv.Atoi; throws its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (Math.abs(n) > 9223372036854775807) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const invalidIndex = (idx: number) => new Error(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);

function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Returns the value at `key` (null when absent) or throws the container's error. */
function get(c: Container, key: string): unknown {
  if (!Array.isArray(c)) return hasOwn(c, key) ? (c[key] ?? null) : null;
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.length) throw invalidIndex(idx);
    idx += c.length;
  }
  if (idx >= c.length) throw invalidIndex(idx);
  return c[idx] ?? null;
}

function set(c: Container, key: string, val: unknown): void {
  if (!Array.isArray(c)) {
    c[key] = val;
    return;
  }
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -c.length) throw invalidIndex(idx);
    idx += c.length;
  }
  c[idx] = val;
}

function add(c: Container, key: string, val: unknown): void {
  if (!Array.isArray(c)) {
    c[key] = val;
    return;
  }
  if (key === '-') {
    c.push(val);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw new Error(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = c.length + 1;
  if (idx >= size) throw invalidIndex(idx);
  let at = idx;
  if (at < 0) {
    if (at < -size) throw invalidIndex(idx);
    at += size;
  }
  c.splice(at, 0, val);
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!hasOwn(c, key)) throw new Error(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c[key];
    return;
  }
  let idx = atoi(key);
  if (idx >= c.length) throw invalidIndex(idx);
  if (idx < 0) {
    if (idx < -c.length) throw invalidIndex(idx);
    idx += c.length;
  }
  c.splice(idx, 1);
}

/** The container holding the last segment of `path`, and that segment; null when the path leads nowhere. */
function findObject(doc: Container, path: string): [Container, string] | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(cur, decodeKey(part));
    } catch {
      return null;
    }
    if (Array.isArray(next) || isObject(next)) cur = next;
    else return null;
  }
  return [cur, decodeKey(split[split.length - 1]!)];
}

type Op = JsonObject;

function opKind(op: Op): string {
  const k = op['op'];
  return typeof k === 'string' ? k : 'unknown';
}

function stringField(op: Op, field: 'path' | 'from', missing: string): string {
  const v = op[field];
  if (v === null || v === undefined) throw new Error(`${missing}: ${MISSING}`);
  if (typeof v !== 'string') throw new Error(`json: cannot unmarshal ${jsonTypeWord(v)} into Go value of type string`);
  return v;
}
const opPath = (op: Op) => stringField(op, 'path', 'operation missing path field');
const opFrom = (op: Op) => stringField(op, 'from', 'operation, missing from field');
const opValue = (op: Op) => (hasOwn(op, 'value') ? deepClone(op['value'] ?? null) : null);

function wrap<T>(fn: () => T, prefix: (e: Error) => string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof JsonPatchFailure) throw e;
    fail(prefix(e as Error));
  }
}

/** Decodes a JSON patch document (json.Unmarshal into jsonpatch.Patch). */
export function decodeJsonPatch(ops: unknown): Op[] {
  if (ops === null || ops === undefined) return [];
  if (!Array.isArray(ops)) throw new JsonPatchDecodeError(`json: cannot unmarshal ${jsonTypeWord(ops)} into Go value of type jsonpatch.Patch`);
  return ops.map((op) => {
    if (op === null) return {};
    if (!isObject(op)) throw new JsonPatchDecodeError(`json: cannot unmarshal ${jsonTypeWord(op)} into Go value of type jsonpatch.Operation`);
    return op;
  });
}

/** Applies decoded operations to a copy of `doc`. Throws JsonPatchFailure with json-patch's message. */
export function applyJsonPatchOps(doc: unknown, ops: Op[]): unknown {
  let root: Container = Array.isArray(doc) ? deepClone(doc) : isObject(doc) ? deepClone(doc) : {};
  for (const op of ops) {
    const kind = opKind(op);
    switch (kind) {
      case 'add': {
        const path = wrap(() => opPath(op), () => `add operation failed to decode path: ${MISSING}`);
        const found = findObject(root, path);
        if (!found) fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        wrap(() => add(found[0], found[1], opValue(op)), (e) => `error in add for path: '${path}': ${e.message}`);
        break;
      }
      case 'remove': {
        const path = wrap(() => opPath(op), () => `remove operation failed to decode path: ${MISSING}`);
        const found = findObject(root, path);
        if (!found) fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
        wrap(() => remove(found[0], found[1]), (e) => `error in remove for path: '${path}': ${e.message}`);
        break;
      }
      case 'replace': {
        const path = wrap(() => opPath(op), (e) => `replace operation failed to decode path: ${e.message}`);
        if (path === '') {
          const v = opValue(op);
          // A scalar value wraps a nil error in json-patch, so the operation silently does nothing.
          if (Array.isArray(v) || isObject(v)) root = v;
          break;
        }
        const found = findObject(root, path);
        if (!found) fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
        wrap(() => get(found[0], found[1]), () => `replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
        wrap(() => set(found[0], found[1], opValue(op)), (e) => `error in remove for path: '${path}': ${e.message}`);
        break;
      }
      case 'move': {
        const from = wrap(() => opFrom(op), (e) => `move operation failed to decode from: ${e.message}`);
        const src = findObject(root, from);
        if (!src) fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const val = wrap(() => get(src[0], src[1]), (e) => `error in move for path: '${src[1]}': ${e.message}`);
        wrap(() => remove(src[0], src[1]), (e) => `error in move for path: '${src[1]}': ${e.message}`);
        const path = wrap(() => opPath(op), (e) => `move operation failed to decode path: ${e.message}`);
        const dst = findObject(root, path);
        if (!dst) fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
        wrap(() => add(dst[0], dst[1], val), (e) => `error in move for path: '${path}': ${e.message}`);
        break;
      }
      case 'test': {
        const path = wrap(() => opPath(op), (e) => `test operation failed to decode path: ${e.message}`);
        if (path === '') {
          if (!deepEqual(root, opValue(op))) fail(`testing value ${path} failed: ${TEST_FAILED}`);
          break;
        }
        const found = findObject(root, path);
        if (!found) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
        const val = wrap(() => get(found[0], found[1]), (e) => `error in test for path: '${path}': ${e.message}`);
        const want = hasOwn(op, 'value') ? (op['value'] ?? null) : null;
        if (val === null) {
          if (want !== null) fail(`testing value ${path} failed: ${TEST_FAILED}`);
        } else if (!hasOwn(op, 'value') || !deepEqual(val, want)) {
          fail(`testing value ${path} failed: ${TEST_FAILED}`);
        }
        break;
      }
      case 'copy': {
        const from = wrap(() => opFrom(op), (e) => `copy operation failed to decode from: ${e.message}`);
        const src = findObject(root, from);
        if (!src) fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const val = wrap(() => get(src[0], src[1]), (e) => `error in copy for from: '${from}': ${e.message}`);
        const path = wrap(() => opPath(op), () => `copy operation failed to decode path: ${MISSING}`);
        const dst = findObject(root, path);
        if (!dst) fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
        wrap(() => add(dst[0], dst[1], deepClone(val)), (e) => `error while adding value during copy: ${e.message}`);
        break;
      }
      default:
        fail(`Unexpected kind: ${kind}`);
    }
  }
  return root;
}
