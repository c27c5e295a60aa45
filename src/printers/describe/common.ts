// Helpers shared by the describers, after kubectl pkg/describe (printLabelsMultiline,
// printAnnotationsMultiline, printTolerationsMultiline, DescribeEvents, translateTimestampSince, …).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import type { PrintContext } from '../context';
import { humanDuration } from '../duration';
import { rfc1123 } from '../../sim/clock';
import { fromLabelSelector, formatLabelSelector } from '../../api/selectors';
import { LEVEL_0, LEVEL_1, type Writer } from './writer';

/** Options a caller may pass (kubectl describe --show-events). */
export interface DescribeOptions {
  showEvents?: boolean;
}

export interface DCtx extends PrintContext {
  showEvents: boolean;
}

/** The annotation kubectl never shows in describe output. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** Go's zero time.Time formatted with RFC1123Z. */
const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

/** time.Time.Format(time.RFC1123Z) of a stored timestamp (zero time when unset). */
export function fmtTime(ts: unknown): string {
  if (typeof ts !== 'string' || ts === '') return ZERO_TIME;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ZERO_TIME : rfc1123(t);
}

/** Go's time.Time.String() in UTC: `2026-11-21 22:38:01 +0000 UTC`. */
export function goTimeString(ts: unknown): string {
  if (typeof ts !== 'string' || ts === '') return '0001-01-01 00:00:00 +0000 UTC';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  let s = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  if (ms) s += '.' + String(ms).padStart(3, '0').replace(/0+$/, '');
  return s + ' +0000 UTC';
}

/** translateTimestampSince: `<unknown>` for a zero time, else HumanDuration(now − t). */
export function since(ts: unknown, ctx: PrintContext): string {
  if (typeof ts !== 'string' || ts === '') return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(ctx.nowMs - t);
}

export function printBool(v: unknown): string {
  return v ? 'True' : 'False';
}

export function printBoolPtr(v: unknown): string {
  if (v === undefined || v === null) return '<unset>';
  return printBool(v);
}

/** Go %v of a bool field (false when unset). */
export function goBool(v: unknown): string {
  return v ? 'true' : 'false';
}

/** Go %v of a scalar field that may be unset (zero value). */
export function goStr(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Go %d of an integer field that may be unset. */
export function goInt(v: unknown): string {
  return v === undefined || v === null ? '0' : String(v);
}

/** Go %v of a []string: `[a b]`. */
export function goSlice(v: unknown): string {
  return `[${(Array.isArray(v) ? v : []).join(' ')}]`;
}

/** Go %v of a map[string]string: `map[a:b c:d]` (fmt sorts keys). */
export function goMap(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[${keys.map((k) => `${k}:${m![k]}`).join(' ')}]`;
}

/** Go %v of a *LocalObjectReference / *SecretReference (generated String()), `<nil>` when unset. */
export function goRef(ref: any, type = 'LocalObjectReference'): string {
  if (!ref) return '<nil>';
  if (type === 'SecretReference') return `&SecretReference{Name:${goStr(ref.name)},Namespace:${goStr(ref.namespace)},}`;
  return `&LocalObjectReference{Name:${goStr(ref.name)},}`;
}

/** IntOrString.String() of a stored value. */
export function intOrString(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  return String(v);
}

export function stringOrNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** metav1.LabelSelectorAsSelector(sel).String() (nil selector → empty). */
export function selectorString(sel: any): string {
  return fromLabelSelector(sel).toString();
}

/** metav1.FormatLabelSelector: `<none>` when empty. */
export { formatLabelSelector };

/** labels.FormatLabels: `k=v,k2=v2` sorted, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** sort.Strings order (byte order for ASCII). */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(
  w: Writer,
  title: string,
  labels: Record<string, string> | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** Byte length and byte-wise truncation, as Go's len()/s[:n] on strings. */
function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function shorten(s: string, max: number): string {
  if (byteLen(s) > max) return Buffer.from(s, 'utf8').subarray(0, max).toString('utf8') + '...';
  return s;
}

/** printAnnotationsMultiline: long (>140 bytes with key) or multi-line values go on indented lines. */
export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    let value = String(annotations![key] ?? '');
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (byteLen(value) + byteLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTaintsMultilineWithIndent: sorted by effect,key; `key[=value]:Effect`. */
export function printTaintsMultiline(w: Writer, title: string, taints: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: any) => `${goStr(t.effect)},${goStr(t.key)}`;
  const sorted = [...taints].sort((a, b) => byString(key(a), key(b)));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** Taint.ToString(). */
export function taintString(t: any): string {
  return t.value ? `${goStr(t.key)}=${t.value}:${goStr(t.effect)}` : `${goStr(t.key)}:${goStr(t.effect)}`;
}

/** printTolerationsMultilineWithIndent: sorted by key. */
export function printTolerationsMultiline(w: Writer, title: string, tolerations: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => byString(goStr(a.key), goStr(b.key)));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, goStr(t.key));
    if (t.value) w.write(LEVEL_0, `=${t.value}`);
    if (t.effect) w.write(LEVEL_0, `:${t.effect}`);
    if (t.operator === 'Exists' && !t.value) {
      w.write(LEVEL_0, t.key || t.effect ? ' op=Exists' : 'op=Exists');
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) w.write(LEVEL_0, ` for ${t.tolerationSeconds}s`);
    w.write(LEVEL_0, '\n');
  });
}

/** printPodsMultilineWithIndent: pod names sorted. */
export function printPodsMultiline(w: Writer, title: string, pods: KObject[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (pods.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...pods].sort((a, b) => byString(a.metadata.name, b.metadata.name));
  sorted.forEach((p, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${p.metadata.name}\n`);
  });
}

/** metav1.GetControllerOf. */
export function controllerOf(obj: KObject): any {
  return (obj.metadata.ownerReferences ?? []).find((r: any) => r.controller === true);
}

/** printController: `Kind/name` of the controller owner, or ''. */
export function printController(obj: KObject): string {
  const ref = controllerOf(obj);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function micro(ts: unknown): number {
  if (typeof ts !== 'string' || ts === '') return NaN;
  return Date.parse(ts);
}

/** DescribeEvents: `Events:  <none>` in the current block, else a separately aligned table. */
export function describeEvents(events: KObject[], w: Writer, ctx: PrintContext): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // sort.Sort(SortableEvents): by lastTimestamp (insertion sort for small lists, i.e. stable).
  const keyed = events.map((e, i) => ({ e, i, t: micro(e.lastTimestamp) }));
  keyed.sort((a, b) => {
    const ta = Number.isNaN(a.t) ? -Infinity : a.t;
    const tb = Number.isNaN(b.t) ? -Infinity : b.t;
    return ta !== tb ? ta - tb : a.i - b.i;
  });
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const { e } of keyed) {
    let first = since(e.eventTime, ctx);
    if (!e.eventTime) first = since(e.firstTimestamp, ctx);
    let interval: string;
    if (e.series) {
      interval = `${since(e.series.lastObservedTime, ctx)} (x${goInt(e.series.count)} over ${first})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${since(e.lastTimestamp, ctx)} (x${e.count} over ${first})`;
    } else {
      interval = first;
    }
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${goStr(e.type)}\t${goStr(e.reason)}\t${interval}\t${source}\t${goStr(e.message).trim()}\n`);
  }
}

/** Events for an object when events are shown (kubectl describe --show-events, default true). */
export function eventsOf(obj: KObject, ctx: DCtx): KObject[] | null {
  return ctx.showEvents ? ctx.eventsFor(obj) : null;
}

/** `if events != nil { DescribeEvents(events, w) }`. */
export function maybeEvents(obj: KObject, w: Writer, ctx: DCtx): void {
  const ev = eventsOf(obj, ctx);
  if (ev) describeEvents(ev, w, ctx);
}

/** Base64 decoded length of a Secret/ConfigMap binary value. */
export function base64Len(v: unknown): number {
  if (typeof v !== 'string') return 0;
  return Buffer.from(v, 'base64').length;
}

export function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}
