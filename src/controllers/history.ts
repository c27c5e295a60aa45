// ControllerRevisions, as pkg/controller/history and the StatefulSet/DaemonSet controllers use them:
// a revision stores a strategic-merge patch that puts a pod template back (`{"spec":{"template":
// {…,"$patch":"replace"}}}`), a monotonically increasing `revision` number, and the owner's
// template labels; its name is `<owner>-<hash>`.
import type { KindInfo } from '../api/registry';
import { safeEncodeString } from '../api/naming';
import { clone, type KObject } from '../api/types';
import { deepEqual } from '../api/equality';
import type { Selector } from '../api/selectors';
import type { Ctx } from './context';
import { claim, controllerRef } from './util';

export const CR_GK = 'ControllerRevision.apps';
/** history.ControllerRevisionHashLabel. */
export const CR_HASH_LABEL = 'controller.kubernetes.io/hash';
/** apps.ControllerRevisionHashLabelKey: what pods of a StatefulSet/DaemonSet carry. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/**
 * Go's json.Marshal of a decoded map: object keys sorted, compact, and `<`, `>`, `&`, U+2028,
 * U+2029 escaped (HTML-safe encoding). The revision patches are produced this way, so the bytes —
 * and the FNV hash over them — come out as the real controller's.
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? goNumber(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goString(k)}:${goJson(o[k])}`).join(',')}}`;
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** float64 formatting of encoding/json ('f' format for ordinary magnitudes, exponent otherwise). */
function goNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return n.toExponential();
  return String(n);
}

/** FNV-1 (not 1a), 32 bit, as hash/fnv.New32 used by HashControllerRevision. */
export function fnv1_32(input: string, seed = 0x811c9dc5): number {
  const bytes = new TextEncoder().encode(input);
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= bytes[i]!;
  }
  return h >>> 0;
}

/** The patch a revision stores: the whole pod template, replacing the owner's on apply. */
export function templatePatch(template: unknown): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(clone(template ?? {}) as Record<string, unknown>), $patch: 'replace' } } };
}

/** The template a revision's patch puts back. */
export function templateOfRevision(cr: KObject): Record<string, unknown> {
  const t = clone((cr.data?.spec?.template ?? {}) as Record<string, unknown>);
  delete t.$patch;
  return t;
}

/** history.HashControllerRevision: FNV-1 over the patch bytes then the decimal probe, safe-encoded. */
export function hashControllerRevision(data: unknown, probe: number | undefined): string {
  let h = fnv1_32(goJson(data));
  if (probe !== undefined) h = fnv1_32(String(probe), h);
  return safeEncodeString(String(h));
}

/** history.ControllerRevisionName: the prefix is cut to 223 characters so the name stays valid. */
export function controllerRevisionName(prefix: string, hash: string): string {
  if (prefix.length > 223) prefix = prefix.slice(0, 223);
  return `${prefix}-${hash}`;
}

function creationOrder(a: KObject, b: KObject): number {
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** history.SortControllerRevisions: by revision, then creation time, then name. */
export function sortRevisions(list: KObject[]): KObject[] {
  return [...list].sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0) || creationOrder(a, b));
}

/** history.EqualRevision: same stored patch. */
export function equalRevision(a: KObject | undefined, b: KObject | undefined): boolean {
  if (!a || !b) return a === b;
  return deepEqual(a.data, b.data);
}

/** The revisions an owner controls, adopting orphans that match its selector (ClaimControllerRevisions). */
export function claimRevisions(ctx: Ctx, owner: KObject, ownerInfo: KindInfo, selector: Selector): KObject[] {
  const candidates = ctx.store.list(CR_GK, owner.metadata.namespace).filter((cr) => !controllerRef(cr));
  return claim(ctx, owner, ownerInfo, CR_GK, selector, candidates);
}

/** The revisions an owner controls (read-only: what kubectl rollout history lists). */
export function revisionsControlledBy(store: Ctx['store'], owner: KObject): KObject[] {
  const uid = owner.metadata.uid;
  return sortRevisions(store.list(CR_GK, owner.metadata.namespace).filter((cr) => controllerRef(cr)?.uid === uid));
}
