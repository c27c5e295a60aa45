// The patch and apply machinery of kubectl 1.32 and the API server:
//
// - strategicMergePatch   application/strategic-merge-patch+json as the server applies it
//                         (apimachinery strategicpatch.StrategicMergeMapPatch, schema from the Go struct tags)
// - applyMergePatch       application/merge-patch+json (RFC 7386, evanphx/json-patch v4 MergePatch)
// - applyJsonPatch        application/json-patch+json (RFC 6902, evanphx/json-patch v4 Apply)
// - threeWayApplyPatch    the patch `kubectl apply` (client-side) sends: strategicpatch.CreateThreeWayMergePatch
//                         for built-in kinds, jsonmergepatch.CreateThreeWayJSONMergePatch for custom resources
// - createTwoWayMergePatch  the patch `kubectl edit` / `set …` send (CreateTwoWayMergePatch / CreateMergePatch)
// - lastAppliedConfiguration  the kubectl.kubernetes.io/last-applied-configuration annotation value
//                         (kubectl util.GetModifiedConfiguration)
//
// Error types follow what kubectl prints for each failure (see the functions).
import { CliError, StatusError } from './errors';
import { rootPatchType } from './merge-schema';
import { createThreeWay, createTwoWay, mergeMap, PatchError, SERVER_MERGE, stripDirectives } from './merge-strategic';
import { deepClone, deepEqual, goJson, isObject, type JsonObject } from './merge-json';
import { applyJsonPatchOps, decodeJsonPatch, JsonPatchDecodeError, JsonPatchFailure, jsonTypeWord } from './merge-jsonpatch';

export { goJson, sortKeysDeep, deepEqual as jsonEqual } from './merge-json';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

// ---------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------

/**
 * A 422 the server builds with NewGenericServerResponse (JSON patch that does not apply, lists of lists in a
 * strategic patch): reason Invalid, no kind/name/causes, so kubectl's CheckErr prints
 * `The request is invalid: the server rejected our request due to an error in our request` and the
 * underlying json-patch / strategicpatch text (kept in `detail`) never reaches the user.
 */
export class RequestInvalidError extends StatusError {
  constructor(readonly detail: string, message = 'the server rejected our request due to an error in our request') {
    super('Invalid', message);
  }
  override withContext(prefix: string): RequestInvalidError {
    return new RequestInvalidError(this.detail, `${prefix}${this.message}`);
  }
  override render(): string {
    return `The request is invalid: ${this.message}`;
  }
}

/**
 * A plain Go error the server returns without a Status reason (500, StatusReasonUnknown): kubectl prints
 * `Error from server: <message>`.
 */
export class ServerError extends StatusError {
  constructor(message: string) {
    super('InternalError', message);
  }
  override withContext(prefix: string): ServerError {
    return new ServerError(`${prefix}${this.message}`);
  }
  override render(): string {
    return `Error from server: ${this.message}`;
  }
}

// kubectl prints one newline after a message, whether or not the message ends with one.
const chomp = (s: string) => (s.endsWith('\n') ? s.slice(0, -1) : s);

function serverPatchError(e: unknown): never {
  if (e instanceof PatchError) {
    if (e.status === 400) throw new StatusError('BadRequest', chomp(e.message));
    if (e.status === 422) throw new RequestInvalidError(e.message);
    throw new ServerError(chomp(e.message));
  }
  throw e;
}

function clientPatchError(e: unknown): never {
  if (e instanceof PatchError) throw new CliError(chomp(e.message));
  throw e;
}

export interface PatchOptions {
  /**
   * Apply as kubectl does client-side (`kubectl patch --local` / `--dry-run=client`): failures become
   * `error: <message>` CliErrors. Default: report failures as the API server does.
   */
  local?: boolean;
}

/** Whether the server accepts strategic merge patches for this group-kind (built-in kinds only). */
export function supportsStrategicMergePatch(gk: string): boolean {
  return rootPatchType(gk) !== undefined;
}

/**
 * What `kubectl patch` prints when a strategic merge patch (its default --type) targets a custom resource:
 * the server's 415 wrapped by kubectl, e.g. for apiVersion `stable.example.com/v1`, kind `CronTab`:
 * `error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the
 * body of the request was in an unknown format - accepted media types include: application/json-patch+json,
 * application/merge-patch+json, application/apply-patch+yaml`.
 */
export function strategicMergeUnsupportedError(apiVersion: string, kind: string): CliError {
  const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return new CliError(
    `application/strategic-merge-patch+json is not supported by ${gv}, Kind=${kind}: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Applying patches (server side)
// ---------------------------------------------------------------------------------------------------

/**
 * Applies a strategic merge patch to an object of group-kind `gk` (`Deployment.apps`, `Pod`) the way the
 * API server does; returns a new object (the inputs are not modified). Kinds without Go types (custom
 * resources) get JSON merge patch semantics. Errors: StatusError BadRequest for malformed directives or a
 * patch that is not a JSON object; RequestInvalidError for lists of lists; ServerError (`Error from server:
 * …`) for the rest (e.g. a merge list item without its merge key). With `local` (kubectl patch --local /
 * --dry-run=client, which apply the patch in kubectl itself) every failure is `error: <message>`, and a kind
 * without Go types is refused (`strategic merge patch is not supported for <gvk> locally, try --type merge`).
 *
 * Deviation from the raw algorithm, matching what the server stores: directive keys and the nulls inside
 * newly added list elements are dropped, as decoding into the Go struct would drop them.
 */
export function strategicMergePatch(original: unknown, patch: unknown, gk: string, options: PatchOptions = {}): unknown {
  const type = rootPatchType(gk);
  if (type === undefined) {
    if (options.local) {
      // kubectl patch --local only knows the Go types compiled into it.
      const o = isObject(original) ? original : {};
      const apiVersion = typeof o['apiVersion'] === 'string' ? o['apiVersion'] : '';
      const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
      throw new CliError(`strategic merge patch is not supported for ${gv}, Kind=${String(o['kind'] ?? '')} locally, try --type merge`);
    }
    return applyMergePatch(original, patch);
  }
  if (patch === null || patch === undefined) return deepClone(original);
  if (!isObject(patch)) {
    const msg = `json: cannot unmarshal ${jsonTypeWord(patch)} into Go value of type map[string]interface {}`;
    throw options.local ? new CliError(msg) : new StatusError('BadRequest', msg);
  }
  let result: JsonObject;
  try {
    result = mergeMap(isObject(original) ? deepClone(original) : {}, deepClone(patch), type, SERVER_MERGE);
  } catch (e) {
    if (options.local) clientPatchError(e);
    serverPatchError(e);
  }
  return stripDirectives(result);
}

/**
 * RFC 7386 JSON merge patch (evanphx/json-patch v4 MergePatch): objects merge recursively, `null` deletes,
 * anything else replaces (with the nulls inside new values pruned). A patch that is not an object or array
 * is rejected with `Error from server (BadRequest): Invalid JSON Patch`; an array replaces the document.
 */
export function applyMergePatch(original: unknown, patch: unknown, options: PatchOptions = {}): unknown {
  if (Array.isArray(patch)) {
    const out = deepClone(patch);
    pruneNulls(out);
    return out;
  }
  if (!isObject(patch)) throw options.local ? new CliError('Invalid JSON Patch') : new StatusError('BadRequest', 'Invalid JSON Patch');
  const p = deepClone(patch);
  if (!isObject(original)) {
    pruneNulls(p);
    return p;
  }
  const doc = deepClone(original);
  mergeDocs(doc, p);
  return doc;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null || v === undefined) {
      delete doc[k];
      continue;
    }
    const cur = Object.prototype.hasOwnProperty.call(doc, k) ? doc[k] : null;
    if (cur === null || cur === undefined || !isObject(cur)) {
      pruneNulls(v);
      doc[k] = v;
    } else if (!isObject(v)) {
      doc[k] = v;
    } else {
      mergeDocs(cur, v);
    }
  }
}

function pruneNulls(v: unknown): void {
  if (isObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null || v[k] === undefined) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) if (x !== null) pruneNulls(x);
  }
}



/**
 * RFC 6902 JSON patch (add, remove, replace, move, copy, test) with evanphx/json-patch v4 semantics; returns a
 * new document. Errors: a patch that is not a list of operations → `Error from server (BadRequest): json:
 * cannot unmarshal object into Go value of type jsonpatch.Patch`; an operation that does not apply →
 * RequestInvalidError (its `detail` holds json-patch's text, e.g. `remove operation does not apply: doc is
 * missing path: "/spec/foo": missing value`, or `error in remove for path: '/metadata/labels/x': Unable to
 * remove nonexistent key: x: missing value`). With `local`, failures are `error: <json-patch message>`, except
 * that kubectl rewrites "doc is missing key" into `Object to be patched is missing field (…)`.
 */
export function applyJsonPatch(original: unknown, ops: unknown, options: PatchOptions = {}): unknown {
  let decoded;
  try {
    decoded = decodeJsonPatch(ops);
  } catch (e) {
    if (e instanceof JsonPatchDecodeError) {
      throw options.local ? new CliError(e.message) : new StatusError('BadRequest', e.message);
    }
    throw e;
  }
  try {
    return applyJsonPatchOps(original, decoded);
  } catch (e) {
    if (!(e instanceof JsonPatchFailure)) throw e;
    if (!options.local) throw new RequestInvalidError(e.message);
    const ix = e.message.indexOf('doc is missing key');
    if (ix >= 0) {
      const key = e.message.slice(e.message.indexOf('key:') + 5);
      throw new CliError(`Object to be patched is missing field (${key})`);
    }
    throw new CliError(e.message);
  }
}

// ---------------------------------------------------------------------------------------------------
// Computing patches (client side)
// ---------------------------------------------------------------------------------------------------

/** evanphx/json-patch CreateMergePatch: the RFC 7386 patch turning `original` into `modified`. */
export function createJsonMergePatch(original: unknown, modified: unknown): Record<string, unknown> {
  return jsonMergeDiff(isObject(original) ? original : {}, isObject(modified) ? modified : {});
}

function jsonMergeDiff(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const key of Object.keys(b)) {
    const bv = b[key];
    if (!Object.prototype.hasOwnProperty.call(a, key)) {
      into[key] = bv;
      continue;
    }
    const av = a[key];
    if (isObject(av) && isObject(bv)) {
      const d = jsonMergeDiff(av, bv);
      if (Object.keys(d).length > 0) into[key] = d;
    } else if (!deepEqual(av, bv)) {
      into[key] = bv;
    }
  }
  for (const key of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(b, key)) into[key] = null;
  return into;
}

/** jsonmergepatch's keepOrDeleteNullInObj: keep only the nulls (deletions) or only the rest. */
function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(m)) {
    const v = m[key];
    if (v === null || v === undefined) {
      if (keepNull) out[key] = null;
    } else if (isObject(v)) {
      if (Object.keys(v).length === 0) {
        // An explicitly set empty map is a value, not an empty patch.
        if (!keepNull) out[key] = v;
        continue;
      }
      const sub = keepOrDeleteNull(v, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) {
      out[key] = v;
    }
  }
  return out;
}

/** jsonmergepatch.CreateThreeWayJSONMergePatch with kubectl apply's preconditions (CRs, unknown kinds). */
function threeWayJsonMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const addAndChange = keepOrDeleteNull(jsonMergeDiff(current, modified), false);
  const deletions = keepOrDeleteNull(jsonMergeDiff(original, modified), true);
  const patch = mergeJsonPatches(deletions, addAndChange);
  const meta = patch['metadata'];
  if ('apiVersion' in patch || 'kind' in patch || (isObject(meta) && 'name' in meta)) {
    throw new CliError('At least one of apiVersion, kind and name was changed');
  }
  return patch;
}

/** MergePatch(doc=deletions patch, patch=additions patch): the doc's nulls stay, the patch has none. */
function mergeJsonPatches(doc: JsonObject, patch: JsonObject): JsonObject {
  mergeDocs(doc, patch);
  return doc;
}

/**
 * The patch `kubectl edit`, `kubectl set image|env|resources|…` send: strategicpatch.CreateTwoWayMergePatch for
 * built-in kinds (with `$setElementOrder` directives where a merge list changed), a JSON merge patch
 * (CreateMergePatch) for custom resources. `{}` means no change (`… patched (no change)`, `Edit cancelled`).
 */
export function createTwoWayMergePatch(original: unknown, modified: unknown, gk: string): Record<string, unknown> {
  const type = rootPatchType(gk);
  if (type === undefined) return createJsonMergePatch(original, modified);
  try {
    return createTwoWay(isObject(original) ? deepClone(original) : {}, isObject(modified) ? deepClone(modified) : {}, type);
  } catch (e) {
    clientPatchError(e);
  }
}

/**
 * The value of the kubectl.kubernetes.io/last-applied-configuration annotation for `manifest`, as kubectl's
 * util.GetModifiedConfiguration encodes it: the object exactly as read from the file (no defaults, no
 * status/creationTimestamp unless the file has them), `metadata.namespace` filled in when the object is
 * namespaced (`namespace` given) and the file leaves it empty, `metadata.annotations` present (`{}` when
 * there are none) without the annotation itself, serialized by json.Encoder: compact, map keys sorted,
 * `<`, `>`, `&` escaped as \u003c \u003e \u0026, and a trailing newline.
 */
export function lastAppliedConfiguration(manifest: unknown, namespace: string | undefined): string {
  const obj = withNamespace(manifest, namespace);
  const meta = obj['metadata'] as JsonObject;
  const annotations: JsonObject = isObject(meta['annotations']) ? { ...meta['annotations'] } : {};
  delete annotations[LAST_APPLIED_ANNOTATION];
  meta['annotations'] = annotations;
  return `${goJson(obj)}\n`;
}

function withNamespace(manifest: unknown, namespace: string | undefined): JsonObject {
  const obj: JsonObject = isObject(manifest) ? deepClone(manifest) : {};
  if (!isObject(obj['metadata'])) obj['metadata'] = {};
  const meta = obj['metadata'] as JsonObject;
  if (namespace !== undefined && namespace !== '' && !meta['namespace']) meta['namespace'] = namespace;
  return obj;
}

/**
 * The object `kubectl apply` creates (or uses as the "modified" side of its patch): the manifest with
 * `metadata.namespace` filled in and the last-applied-configuration annotation set.
 */
export function withLastAppliedConfiguration(manifest: unknown, namespace: string | undefined): Record<string, unknown> {
  const value = lastAppliedConfiguration(manifest, namespace);
  const obj = withNamespace(manifest, namespace);
  const meta = obj['metadata'] as JsonObject;
  const annotations: JsonObject = isObject(meta['annotations']) ? { ...meta['annotations'] } : {};
  annotations[LAST_APPLIED_ANNOTATION] = value;
  meta['annotations'] = annotations;
  return obj;
}

/**
 * The patch client-side `kubectl apply` sends for an existing object: CreateThreeWayMergePatch(original =
 * the live object's last-applied configuration, modified = the manifest with its new last-applied
 * annotation, current = the live object), overwrite on. Fields of the manifest that differ from the live
 * object are set; fields that were in the last-applied configuration and are gone from the manifest are
 * deleted; fields nobody declared (set by controllers or `kubectl scale`) are left alone. Returns `{}` when
 * nothing changes (kubectl prints `unchanged`).
 *
 * `lastApplied` is the annotation value (string) or its parsed object; undefined/'' when the live object
 * has none. `modified` may be the manifest as read or already carry the annotation; its namespace defaults
 * to the live object's. Kinds without Go types (custom resources) get the JSON merge 3-way patch.
 */
export function threeWayApplyPatch(lastApplied: unknown | undefined, modified: unknown, current: unknown, gk: string): Record<string, unknown> {
  const cur: JsonObject = isObject(current) ? current : {};
  const curMeta = isObject(cur['metadata']) ? cur['metadata'] : {};
  const ns = typeof curMeta['namespace'] === 'string' ? curMeta['namespace'] : undefined;
  const modMeta = isObject(modified) && isObject(modified['metadata']) ? modified['metadata'] : {};
  const modAnnotations = isObject(modMeta['annotations']) ? modMeta['annotations'] : {};
  const mod =
    typeof modAnnotations[LAST_APPLIED_ANNOTATION] === 'string' ? withNamespace(modified, ns) : withLastAppliedConfiguration(modified, ns);

  let original: JsonObject = {};
  if (typeof lastApplied === 'string') {
    if (lastApplied !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(lastApplied);
      } catch {
        throw new CliError('invalid JSON document');
      }
      if (!isObject(parsed)) throw new CliError('invalid JSON document');
      original = parsed;
    }
  } else if (isObject(lastApplied)) {
    original = deepClone(lastApplied);
  }

  const type = rootPatchType(gk);
  if (type === undefined) return threeWayJsonMergePatch(original, mod, deepClone(cur));
  try {
    return createThreeWay(original, mod, deepClone(cur), type);
  } catch (e) {
    clientPatchError(e);
  }
}
