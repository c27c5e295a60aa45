// Strategic merge patch: applying one (what the API server does with
// `Content-Type: application/strategic-merge-patch+json`) and computing two- and three-way patches (what
// kubectl apply / edit / set compute). Written to behave like apimachinery's pkg/util/strategicpatch at
// v0.32 (Kubernetes 1.32), including its ordering rules and quirks:
//
// - maps merge key by key, `null` deletes; lists are replaced unless their field has patchStrategy=merge:
//   lists of maps then merge by the field's patchMergeKey, lists of scalars merge as sets;
// - directives: `$patch: replace|delete` in a map, `{$patch: delete, <key>: v}` / `{$patch: replace}` list
//   elements, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`, `$retainKeys`;
// - merged lists are ordered as strategicpatch orders them: `$setElementOrder` first, then the order of the
//   patch list, then the order of the live list (so an element a patch adds without `$setElementOrder`
//   goes in front of the live elements);
// - diffs emit `$setElementOrder/<field>` whenever a merged list's content or order changes and
//   `$retainKeys` for fields with the retainKeys strategy (DeploymentSpec.strategy, PodSpec.volumes[*]).
import { fieldPatchMeta } from './merge-schema';
import { byteCompare, deepEqual, goV, isObject, kindOf, scalarEqual, type JsonKind, type JsonObject } from './merge-json';

export const DIRECTIVE = '$patch';
const DELETE = 'delete';
const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** Schema handle: a type name of merge-schema.ts, or null for fields without tagged descendants. */
export type Schema = string | null;

/**
 * An error strategicpatch returns. `status` says how the API server reports it (interpretStrategicMergePatchError):
 * 400 BadRequest for malformed directives, 422 for lists of lists / retainKeys mismatches, and a plain
 * (reason-less, 500) Status for everything else.
 */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 422 | 500 = 500,
  ) {
    super(message);
  }
}

const errBadJSONDoc = () => new PatchError('invalid JSON document', 400);
const errNoListOfLists = () => new PatchError('lists of lists are not supported', 422);
const errBadPatchFormatForPrimitiveList = () => new PatchError('invalid patch format of primitive list', 400);
const errBadPatchFormatForRetainKeys = () => new PatchError('invalid patch format of retainKeys', 400);
const errBadPatchFormatForSetElementOrderList = () => new PatchError('invalid patch format of setElementOrder list', 400);
const errNoMergeKey = (m: unknown, k: string) => new PatchError(`map: ${goV(m)} does not contain declared merge key: ${k}`);
const errBadPatchType = (t: unknown, m: unknown) => new PatchError(`unknown patch type: ${goV(t)} in map: ${goV(m)}`);

/** reflect.TypeOf(v).String() for decoded JSON (integers are int64 in Kubernetes' decoders). */
function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'bool':
      return 'bool';
    default:
      return '<nil>';
  }
}
const errBadArgType = (expected: string, actual: unknown) =>
  new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);

function has(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function lookup(schema: Schema, key: string): { schema: Schema; retainKeys: boolean; strategy: string; mergeKey: string } {
  const meta = fieldPatchMeta(schema, key);
  let retainKeys = false;
  let strategy = '';
  for (const s of meta.strategies) {
    if (s === 'retainKeys') retainKeys = true;
    else strategy = s;
  }
  return { schema: meta.type, retainKeys, strategy, mergeKey: meta.mergeKey };
}

// ---------------------------------------------------------------------------------------------------
// Diff (CreateTwoWayMergePatch / CreateThreeWayMergePatch)
// ---------------------------------------------------------------------------------------------------

export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeys?: boolean;
}

/** The patch that turns `original` into `modified` (strategicpatch's diffMaps). */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: Schema, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: unknown[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (opts.buildRetainKeys && mv !== null && mv !== undefined) retainKeysList.push(key);
    if (!has(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) patch[DIRECTIVE] = mv;
      continue;
    }
    if (goTypeName(ov) !== goTypeName(mv)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isObject(ov)) diffMapField(key, ov, mv as JsonObject, patch, schema, opts);
    else if (Array.isArray(ov)) diffSliceField(key, ov, mv as unknown[], patch, schema, opts);
    else replaceIfNotEqual(key, ov, mv, patch, opts);
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!has(modified, key)) patch[key] = null;
  }
  if (retainKeysList.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeysList);
  }
  return patch;
}

function diffMapField(key: string, ov: JsonObject, mv: JsonObject, patch: JsonObject, schema: Schema, opts: DiffOptions): void {
  const meta = lookup(schema, key);
  const sub = { ...opts, buildRetainKeys: meta.retainKeys };
  if (meta.strategy === REPLACE) {
    // A field with patchStrategy=replace (PodDisruptionBudgetSpec.selector) is always sent whole, changed or
    // not: kubectl apply never reports such an object `unchanged`.
    if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
    return;
  }
  const pv = diffMaps(ov, mv, meta.schema, sub);
  if (Object.keys(pv).length > 0) patch[key] = pv;
}

function diffSliceField(key: string, ov: unknown[], mv: unknown[], patch: JsonObject, schema: Schema, opts: DiffOptions): void {
  const meta = lookup(schema, key);
  if (meta.strategy !== MERGE) {
    replaceIfNotEqual(key, ov, mv, patch, opts);
    return;
  }
  const [add, del, order] = diffLists(ov, mv, meta.schema, meta.mergeKey, { ...opts, buildRetainKeys: meta.retainKeys });
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

function replaceIfNotEqual(key: string, ov: unknown, mv: unknown, patch: JsonObject, opts: DiffOptions): void {
  if (opts.ignoreChangesAndAdditions) return;
  if (deepEqual(ov, mv)) return;
  patch[key] = mv;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  for (const k of Object.keys(original)) {
    if (original[k] === null || original[k] === undefined) continue;
    if (!has(modified, k)) return true;
  }
  return false;
}

/** [patch list (additions, changes, then `$patch: delete` items), primitive deletions, $setElementOrder list]. */
function diffLists(original: unknown[], modified: unknown[], schema: Schema, mergeKey: string, opts: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    let [patchList, deleteList] = diffListsOfMaps(original, modified, schema, mergeKey, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = patchList.concat(deleteList);
    let setOrder: unknown[] = [];
    if (
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0))
    ) {
      setOrder = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
    return [patchList, [], setOrder];
  }
  if (kind === 'slice') throw errNoListOfLists();
  // strategicpatch sorts the original list in place before comparing it with the modified one, so a
  // merge list of scalars that is not sorted always yields a $setElementOrder directive.
  const sortedOriginal = sortScalars(original.slice());
  const [add, del] = diffListsOfScalars(sortedOriginal, modified, opts);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  let setOrder: unknown[] = [];
  if (opts.setElementOrder && ((!opts.ignoreDeletions && del.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(sortedOriginal, modified)))) {
    setOrder = modified;
  }
  return [patchList, del, setOrder];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < modified.length; i++) if (!mergeKeyValueEqual(original[i], modified[i], mergeKey)) return false;
  return true;
}

function diffListsOfScalars(sortedOriginal: unknown[], modified: unknown[], opts: DiffOptions): [unknown[], unknown[]] {
  const mod = sortScalars(modified.slice());
  const add: unknown[] = [];
  const del: unknown[] = [];
  let oi = 0;
  let mi = 0;
  while (oi < sortedOriginal.length || mi < mod.length) {
    const oIn = oi < sortedOriginal.length;
    const mIn = mi < mod.length;
    const os = oIn ? goV(sortedOriginal[oi]) : '';
    const ms = mIn ? goV(mod[mi]) : '';
    if (oIn && mIn && os === ms) {
      oi++;
      mi++;
    } else if (!oIn || (mIn && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(mod[mi]);
      mi++;
    } else {
      if (!opts.ignoreDeletions) del.push(sortedOriginal[oi]);
      oi++;
    }
  }
  return [add, deduplicateScalars(del)];
}

function diffListsOfMaps(original: unknown[], modified: unknown[], schema: Schema, mergeKey: string, opts: DiffOptions): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const os = sortMapsByKey(original, mergeKey);
  const ms = sortMapsByKey(modified, mergeKey);
  let oi = 0;
  let mi = 0;
  while (oi < os.length || mi < ms.length) {
    const oIn = oi < os.length;
    const mIn = mi < ms.length;
    let oe: JsonObject | undefined;
    let me: JsonObject | undefined;
    let ok = '';
    let mk = '';
    if (oIn) {
      oe = mapWithMergeKey(os[oi], mergeKey);
      ok = goV(oe[mergeKey]);
    }
    if (mIn) {
      me = mapWithMergeKey(ms[mi], mergeKey);
      mk = goV(me[mergeKey]);
    }
    if (oIn && mIn && ok === mk) {
      const pv = diffMaps(oe!, me!, schema, opts);
      if (Object.keys(pv).length > 0) {
        pv[mergeKey] = me![mergeKey];
        patch.push(pv);
      }
      oi++;
      mi++;
    } else if (!oIn || (mIn && ok > mk)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(me);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: oe![mergeKey], [DIRECTIVE]: DELETE });
      oi++;
    }
  }
  return [patch, deletions];
}

function mapWithMergeKey(v: unknown, mergeKey: string): JsonObject {
  if (!isObject(v)) throw errBadArgType('map[string]interface {}', v);
  if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
  return v;
}

function sortMapsByKey(list: unknown[], mergeKey: string): unknown[] {
  if (list.length === 0) return list;
  const kind = sliceElementKind(list);
  if (kind !== 'map') return sortScalars(deduplicateScalars(list.slice()));
  return stableSort(list.slice(), (a, b) => byteCompare(goV((a as JsonObject)[mergeKey]), goV((b as JsonObject)[mergeKey])));
}

function stableSort<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  return list
    .map((v, i) => [v, i] as const)
    .sort((a, b) => cmp(a[0], b[0]) || a[1] - b[1])
    .map((x) => x[0]);
}

function sortScalars(list: unknown[]): unknown[] {
  return stableSort(list, (a, b) => byteCompare(goV(a), goV(b)));
}

/** strategicpatch's in-place de-duplication (moves the last element into each duplicate's place). */
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (scalarEqual(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function sliceElementKind(...slices: unknown[][]): JsonKind {
  let prev: string | undefined;
  let prevKind: JsonKind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goTypeName(v);
      if (prev === undefined) {
        prev = t;
        prevKind = kindOf(v);
        if (prevKind === 'slice') throw errNoListOfLists();
      } else if (prev !== t) {
        throw new PatchError(`list element types are not identical: ${goV(slices)}`);
      }
    }
  }
  if (prevKind === undefined) throw new PatchError('no elements in any of the given slices');
  return prevKind;
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return scalarEqual(left, right);
  if (!isObject(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isObject(right)) throw errBadArgType('map[string]interface {}', right);
  if (!has(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return scalarEqual(left[mergeKey], right[mergeKey]);
}

// ---- ordering ----

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: JsonKind): number {
  const val = (x: unknown) => (kind === 'map' ? (isObject(x) ? x[mergeKey] : null) : x);
  const want = val(item);
  for (let i = 0; i < list.length; i++) if (scalarEqual(val(list[i]), want)) return i;
  return -1;
}

/**
 * Sorts `toSort` by the positions of its items in `order` (sort.SliceStable with strategicpatch's
 * comparator, which calls an item missing from `order` "less"); `$patch: delete` items go last.
 */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: JsonKind): unknown[] {
  let items = toSort.slice();
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) for (const v of list) mapWithMergeKey(v, mergeKey);
    const keep: unknown[] = [];
    for (const v of items) ((v as JsonObject)[DIRECTIVE] === DELETE ? toDelete : keep).push(v);
    items = keep;
  }
  const less = (a: unknown, b: unknown) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  // Insertion sort: what Go's stable sort does for the short lists found in objects.
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      const t = items[j];
      items[j] = items[j - 1];
      items[j - 1] = t;
    }
  }
  return items.concat(toDelete);
}

/** Inserts the (sorted) server-only items among the (sorted) patch items, by their order in the live list. */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: JsonKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: JsonKind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function partitionByPresence(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  if (!mergeKey) {
    for (const v of list) (by.some((b) => scalarEqual(b, v)) ? inPatch : serverOnly).push(v);
    return [inPatch, serverOnly];
  }
  for (const v of list) {
    const m = mapWithMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, m[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

function findByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isObject(v)) throw new PatchError(`value for key ${i} is not a map`);
    if (has(v, key) && scalarEqual(v[key], value)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// Merge (StrategicMergeMapPatch on the server; merging the deletion and delta patches of a 3-way diff)
// ---------------------------------------------------------------------------------------------------

export interface MergeOptions {
  /** Apply `$deleteFromPrimitiveList` / `$setElementOrder` (server side) instead of carrying them over. */
  mergeParallelList: boolean;
  /** Drop `null`s that match nothing (server side) instead of keeping them in the result. */
  ignoreUnmatchedNulls: boolean;
}

export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
const PATCH_MERGE: MergeOptions = { mergeParallelList: false, ignoreUnmatchedNulls: false };

/** Merges `patch` into `original` (both are mutated; use copies). */
export function mergeMap(original: JsonObject | null, patch: JsonObject, schema: Schema, opts: MergeOptions): JsonObject {
  if (has(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === REPLACE) {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (d === DELETE) return {};
    throw errBadPatchType(d, patch);
  }
  const orig: JsonObject = original ?? {};
  applyRetainKeys(orig, patch, opts);
  mergeSetElementOrderLists(orig, patch, schema, opts);

  for (const pk of Object.keys(patch)) {
    let k = pk;
    const pv = patch[pk];
    let isDeleteList = false;
    if (pk.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        orig[pk] = pv;
        continue;
      }
      k = extractKey(pk, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (pv === null || pv === undefined) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!has(orig, k) || goTypeName(orig[k]) !== goTypeName(pv)) {
      if (!isDeleteList) setWithoutDirectives(orig, k, pv, opts);
      continue;
    }
    const ov = orig[k];
    if (isObject(ov)) {
      const meta = lookup(schema, k);
      orig[k] = meta.strategy === REPLACE ? pv : mergeMap(ov, pv as JsonObject, meta.schema, opts);
    } else if (Array.isArray(ov)) {
      const meta = lookup(schema, k);
      orig[k] = mergeSliceField(ov, pv, meta.schema, meta.strategy, meta.mergeKey, isDeleteList, opts);
    } else {
      setWithoutDirectives(orig, k, pv, { ...opts, ignoreUnmatchedNulls: false });
    }
  }
  return orig;
}

function setWithoutDirectives(orig: JsonObject, k: string, pv: unknown, opts: MergeOptions): void {
  if (opts.ignoreUnmatchedNulls) discardNulls(pv);
  const [v, keep] = removeDirectives(pv);
  if (keep) orig[k] = v;
  else delete orig[k];
}

function discardNulls(v: unknown): void {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null || v[k] === undefined) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNulls(x);
  }
}

/** Strips `$patch` maps (and list items) from a value being set wholesale; false = drop the field. */
function removeDirectives(v: unknown): [unknown, boolean] {
  if (v === null || v === undefined) return [v ?? null, true];
  if (isObject(v)) {
    if (has(v, DIRECTIVE)) return [null, false];
    for (const k of Object.keys(v)) {
      const [nv, keep] = removeDirectives(v[k]);
      if (keep) v[k] = nv;
      else delete v[k];
    }
    return [v, true];
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const [nv, keep] = removeDirectives(x);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [v, true];
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList();
    throw errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

function applyRetainKeys(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (has(original, RETAIN_KEYS)) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw new PatchError(
          `${goV(original[RETAIN_KEYS])} and ${goV(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS] = retain;
    }
    return;
  }
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const keep = (k: string) => retain.some((r) => scalarEqual(r, k));
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null || v === undefined || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep(k)) delete original[k];
}

/** Handles every `$setElementOrder/<field>` of `patch` together with its list (mergePatchIntoOriginal). */
function mergeSetElementOrderLists(original: JsonObject, patch: JsonObject, schema: Schema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], order)) throw errBadPatchFormatForSetElementOrderList();
      } else {
        original[key] = order;
      }
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('[]interface {}', order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = has(original, field);
    const foundPatch = has(patch, field);
    let originalList: unknown[] = [];
    let patchList: unknown[] = [];
    if (foundOriginal) {
      if (!Array.isArray(original[field])) throw errBadArgType('[]interface {}', original[field]);
      originalList = original[field] as unknown[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[field])) throw errBadArgType('[]interface {}', patch[field]);
      patchList = patch[field] as unknown[];
    }
    const meta = lookup(schema, field);
    validatePatchWithSetOrderList(patchList, order, meta.mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as unknown[];
    else if (foundOriginal && foundPatch)
      merged = mergeSliceField(originalList, patchList, meta.schema, meta.strategy, meta.mergeKey, false, opts);
    else continue;
    const [inOrder, serverOnly] = partitionByPresence(merged, order, meta.mergeKey);
    const kind = sliceElementKind(originalList, patchList);
    const serverOrder =
      foundOriginal && foundPatch && meta.strategy === MERGE && kind === 'map' && meta.mergeKey
        ? aliasedOriginal(originalList, patchList, meta.mergeKey)
        : originalList;
    original[field] = normalizeElementOrder(inOrder, serverOnly, order, serverOrder, meta.mergeKey, kind);
    delete patch[field];
  }
}

/**
 * The live list as strategicpatch sees it when it orders the merged list by "the order in the live list":
 * by then, merging has shifted the elements of the live list's backing array left over each deleted
 * element and appended new elements into its spare capacity (Go slice aliasing). Decoded lists grow by
 * doubling, so their capacity is the next power of two. This decides where server-only elements (a
 * sidecar added by someone else) land when one patch both deletes and adds elements of the list.
 */
function aliasedOriginal(originalList: unknown[], patchList: unknown[], mergeKey: string): unknown[] {
  const n = originalList.length;
  let cap = n === 0 ? 0 : 1;
  while (cap < n) cap *= 2;
  const backing: unknown[] = originalList.slice();
  let len = n;
  const keyOf = (v: unknown) => (isObject(v) ? v[mergeKey] : undefined);
  const indexOf = (value: unknown) => {
    for (let i = 0; i < len; i++) if (isObject(backing[i]) && has(backing[i] as JsonObject, mergeKey) && scalarEqual(keyOf(backing[i]), value)) return i;
    return -1;
  };
  const plain: unknown[] = [];
  for (const v of patchList) {
    if (!isObject(v) || !has(v, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    if (v[DIRECTIVE] === REPLACE) return backing.slice(0, n);
    if (v[DIRECTIVE] !== DELETE) continue;
    for (let k = indexOf(v[mergeKey]); k >= 0; k = indexOf(v[mergeKey])) {
      for (let i = k; i < len - 1; i++) backing[i] = backing[i + 1];
      len--;
    }
  }
  for (const v of plain) {
    if (indexOf(keyOf(v)) >= 0) continue;
    if (len >= cap) break; // reallocated: later appends no longer touch the live list's array
    backing[len++] = v;
  }
  return backing.slice(0, n);
}

function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey
    ? patchList.filter((v) => {
        if (!isObject(v)) throw errBadArgType('map[string]interface {}', v);
        return v[DIRECTIVE] !== DELETE;
      })
    : patchList;
  let pi = 0;
  let oi = 0;
  while (pi < nonDelete.length && oi < order.length) {
    if (isObject(nonDelete[pi]) && has(nonDelete[pi] as JsonObject, DIRECTIVE)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], order[oi], mergeKey)) pi++;
    oi++;
  }
  if (pi < nonDelete.length && oi >= order.length) {
    throw new PatchError(
      `The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(order)}\n`,
    );
  }
}

function mergeSliceField(
  original: unknown,
  patch: unknown,
  schema: Schema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  if (!Array.isArray(original)) throw errBadArgType('[]interface {}', original);
  if (!Array.isArray(patch)) throw errBadArgType('[]interface {}', patch);
  if (strategy === MERGE || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], schema: Schema, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  let orig = original;
  let items = patch;
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return original.filter((v) => !patch.some((d) => scalarEqual(d, v)));
    merged = deduplicateScalars(original.concat(patch));
  } else {
    if (!mergeKey) throw new PatchError('cannot merge lists without merge key for struct');
    [orig, items] = mergeListDirectives(original, patch, mergeKey);
    merged = orig.slice();
    for (const v of items) {
      const m = v as JsonObject;
      if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      const idx = findByKey(merged, mergeKey, m[mergeKey]);
      if (idx >= 0) merged[idx] = mergeMap(merged[idx] as JsonObject, m, schema, opts);
      else {
        // A new element is taken as sent; the server's typed decoding would drop its nulls.
        if (opts.ignoreUnmatchedNulls) discardNulls(m);
        merged.push(m);
      }
    }
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, items, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, items, orig, mergeKey, kind);
}

/** Applies `$patch: delete` / `$patch: replace` list items; returns the new original and the plain items. */
function mergeListDirectives(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let orig = original;
  let replace = false;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!has(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const d = m[DIRECTIVE];
    if (d === DELETE) {
      if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      const value = m[mergeKey];
      orig = orig.filter((x) => !(isObject(x) && has(x, mergeKey) && scalarEqual(x[mergeKey], value)));
    } else if (d === REPLACE) {
      replace = true;
    } else if (d === MERGE) {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(d, m);
    }
  }
  if (replace) return [plain, []];
  return [orig, plain];
}

// ---------------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------------

/** CreateTwoWayMergePatch: the patch that turns `original` into `modified`. */
export function createTwoWay(original: JsonObject, modified: JsonObject, schema: Schema): JsonObject {
  return diffMaps(original, modified, schema, { setElementOrder: true });
}

/**
 * CreateThreeWayMergePatch with overwrite: changes and additions from current to modified, plus the
 * deletions from original (last applied) to modified.
 */
export function createThreeWay(original: JsonObject, modified: JsonObject, current: JsonObject, schema: Schema): JsonObject {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original, modified, schema, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return mergeMap(deletions, delta, schema, PATCH_MERGE);
}

/** Removes directive keys a patch may leave behind (the server's typed decoding drops them). */
export function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(`${SET_ELEMENT_ORDER}/`) || k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`)) {
        delete v[k];
      } else {
        v[k] = stripDirectives(v[k]);
      }
    }
  }
  return v;
}

export { errBadJSONDoc };
