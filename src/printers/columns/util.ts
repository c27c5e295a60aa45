// Helpers shared by the per-kind printers: the small formatting functions of Kubernetes'
// pkg/printers/internalversion (layoutContainerCells, printBoolPtr, loadBalancerStatusStringer …)
// re-expressed over plain JSON objects.
import type { LabelSelector } from '../../api/types';
import { formatLabels, formatLabelSelector, fromLabelSelector } from '../../api/selectors';
import { age, humanDuration } from '../duration';
import type { ColumnDef } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export const NAME: ColumnDef = { name: 'Name', priority: 0, format: 'name' };
export const AGE: ColumnDef = { name: 'Age', priority: 0 };

/** Column list builder: `cols('Name*', 'Ready', 'Age', ['IP', 1])` — a trailing `*` marks the name column. */
export function cols(...specs: (string | [string, number])[]): ColumnDef[] {
  return specs.map((s) => {
    const [n, p] = typeof s === 'string' ? [s, 0] : s;
    if (n.endsWith('*')) return { name: n.slice(0, -1), priority: p, format: 'name' as const };
    return { name: n, priority: p };
  });
}

/** translateTimestampSince: HumanDuration(now − t), `<unknown>` for a zero/absent time. */
export function since(ts: string | undefined | null, nowMs: number): string {
  return age(ts, nowMs);
}

/** Milliseconds of a timestamp, or 0 (Go's zero time) when absent/unparseable. */
export function timeMs(ts: string | undefined | null): number {
  if (!ts) return 0;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? 0 : t;
}

export function humanBetween(fromMs: number, toMs: number): string {
  return humanDuration(toMs - fromMs);
}

/** Go's fmt of an int32/int64 field that may be absent (zero value). */
export function int(n: unknown): string {
  if (typeof n === 'number') return String(Math.trunc(n));
  if (typeof n === 'string' && n !== '') return n;
  return '0';
}

/** Go's `%v` of a bool. */
export function bool(b: unknown): string {
  return b === true ? 'true' : 'false';
}

/** printBoolPtr: `True` / `False`, `<unset>` for nil. */
export function boolPtr(b: unknown): string {
  if (b === true) return 'True';
  if (b === false) return 'False';
  return '<unset>';
}

/**
 * resource.Quantity.String(). Quantities are stored in canonical form by the API layer, so the
 * stored string is passed through; a missing quantity is the zero Quantity (`0`).
 */
export function qty(q: unknown): string {
  if (q === undefined || q === null || q === '') return '0';
  return String(q);
}

/** (*resource.Quantity).String() of a pointer field: `<nil>` when absent. */
export function qtyPtr(q: unknown): string {
  if (q === undefined || q === null) return '<nil>';
  return String(q);
}

/** layoutContainerCells: container names and images, each comma-joined without spaces. */
export function containerCells(containers: Any[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c?.name ?? '').join(','), list.map((c) => c?.image ?? '').join(',')];
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when empty. */
export function labelsCell(m: Record<string, string> | undefined | null): string {
  return formatLabels(m);
}

/** metav1.FormatLabelSelector: `<none>` for an empty or nil selector. */
export function selectorCell(ls: LabelSelector | undefined | null): string {
  if (ls && !validSelector(ls)) return '<error>';
  return formatLabelSelector(ls);
}

/**
 * The deployment printer's SELECTOR: LabelSelectorAsSelector(...).String() — empty (not `<none>`)
 * for a nil or empty selector, `<invalid>` when the selector does not convert.
 */
export function selectorString(ls: LabelSelector | undefined | null): string {
  if (ls && !validSelector(ls)) return '<invalid>';
  return fromLabelSelector(ls).toString();
}

/** The conversion errors of LabelSelectorAsSelector that can occur for stored (validated) objects. */
function validSelector(ls: LabelSelector): boolean {
  for (const e of ls.matchExpressions ?? []) {
    const n = (e.values ?? []).length;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (n === 0) return false;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (n !== 0) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * loadBalancerStatusStringer / ingressLoadBalancerStatusStringer: the IP (or, failing that, hostname)
 * of each ingress point, de-duplicated and sorted, comma-joined. When `wide` is false the result is
 * clipped to 16 bytes (first 13 + `...`). NOTE: the API server's TableConvertor always generates
 * tables with `Wide: true` (pkg/printers/storage), so `kubectl get` never shows the clipped form;
 * the printers below pass `wide = true`.
 */
export function loadBalancerString(ingress: Any[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i?.ip) set.add(i.ip);
    else if (i?.hostname) set.add(i.hostname);
  }
  let r = [...set].sort(byteCompare).join(',');
  if (!wide && Buffer.byteLength(r, 'utf8') > 16) r = Buffer.from(r, 'utf8').subarray(0, 13).toString('utf8') + '...';
  return r;
}

/** Go string ordering (bytewise on UTF-8; equal to UTF-16 ordering for the BMP). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether the first condition of `type` exists (Go's loops over conditions stop at the first match). */
export function findCondition(conditions: Any[] | undefined, type: string): Any | undefined {
  return (conditions ?? []).find((c) => c?.type === type);
}

/** net.JoinHostPort: brackets IPv6 literals. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * What kubectl's table printer does to a string cell: a value containing `\n`, `\r` or `\f` is cut
 * at the first such character and `...` appended (cli-runtime printers.printTable).
 */
export function cellText(s: string): string {
  const m = /[\n\r\f]/.exec(s);
  return m ? s.slice(0, m.index) + '...' : s;
}

/** IntOrString.String(): `1`, `50%`. */
export function intOrString(v: unknown): string {
  if (typeof v === 'number') return String(Math.trunc(v));
  return String(v ?? '');
}
