// Small helpers for defaulting plain JSON objects the way Go's decoder + defaulters see them:
// a missing key and an explicit `null` are both "nil"; "" is an unset string; 0 an unset int.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type J = Record<string, any>;

export function isObj(v: unknown): v is J {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object under `key`, created as `{}` when nil (a Go struct value or a defaulted pointer). */
export function obj(parent: J, key: string): J {
  const v = parent[key];
  if (isObj(v)) return v;
  const created: J = {};
  parent[key] = created;
  return created;
}

/** Array elements that are objects (non-objects are left for validation to reject). */
export function items(v: unknown): J[] {
  return Array.isArray(v) ? (v.filter(isObj) as J[]) : [];
}

export function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

/** Sets `key` when nil (Go pointer fields). */
export function setNil(o: J, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** Sets `key` when nil or "" (Go string fields). */
export function setEmpty(o: J, key: string, value: string): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** Sets `key` when nil or 0 (Go int fields whose zero means "unset"). */
export function setZero(o: J, key: string, value: number): void {
  if (o[key] === undefined || o[key] === null || o[key] === 0) o[key] = value;
}

/** Adds `key: value` only when the key is absent (zero values Go always serializes). */
export function ensure(o: J, key: string, value: unknown): void {
  if (!(key in o) || o[key] === undefined) o[key] = value;
}

/** len(map) == 0 */
export function emptyMap(v: unknown): boolean {
  return !isObj(v) || Object.keys(v).length === 0;
}

/** `metadata: {creationTimestamp: null}` of an embedded ObjectMeta (templates), as 1.32 serializes it. */
export function embeddedMeta(parent: J): J {
  const meta = obj(parent, 'metadata');
  ensure(meta, 'creationTimestamp', null);
  return meta;
}

/** Go omits an empty map with `omitempty`: `limits: {}` is not stored. */
export function dropEmptyMap(o: J, key: string): void {
  const v = o[key];
  if (v === null || (isObj(v) && Object.keys(v).length === 0)) delete o[key];
}
