// The generic describer kubectl uses for kinds without a dedicated one (genericDescriber,
// printUnstructuredContent, smartLabelFor of pkg/describe): every field of the object as served,
// sorted by name, nested by indentation, with the metadata kubectl prints itself skipped.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types';
import { LEVEL_0, tabbed, type Writer } from './writer';
import { type DCtx, byString, goStr, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

function charClass(ch: string): number {
  if (ch !== ch.toUpperCase() && ch === ch.toLowerCase()) return 1; // lower
  if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) return 2; // upper
  if (/\p{Nd}/u.test(ch)) return 3;
  return 4;
}

/** github.com/fatih/camelcase Split. */
function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const c = charClass(ch);
    if (c === last && runs.length > 0) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const a = runs[i]!;
    const b = runs[i + 1]!;
    if (a.length > 0 && b.length > 0 && charClass(a[0]!) === 2 && charClass(b[0]!) === 1) {
      b.unshift(a.pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` → `API Version`; fields with characters other than letters and '-' as-is. */
export function smartLabelFor(field: string): string {
  for (const ch of field) if (!/\p{L}/u.test(ch) && ch !== '-') return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go %v of a JSON number: integers as int64, fractions as float64 with strconv 'g' shortest (exponent
 * form below 1e-4 or from 1e6). */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Go %v of an unstructured value. */
function goValue(v: any): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  const keys = Object.keys(v).sort(byString);
  return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
}

function printUnstructuredContent(w: Writer, level: number, content: Record<string, any>, skipPrefix: string): void {
  for (const field of Object.keys(content).sort(byString)) {
    const value = content[field];
    if (value === undefined) continue;
    const skipExpr = `${skipPrefix}.${field}`;
    if (SKIP.has(skipExpr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child, skipExpr);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** A core/v1 Event as the API server serves it: these fields are never omitted from its JSON. */
function served(obj: KObject, gk: string): KObject {
  if (gk !== 'Event' || obj.apiVersion !== 'v1') return obj;
  return { eventTime: null, reportingComponent: '', reportingInstance: '', ...obj };
}

export function describeGeneric(gk: string, obj: KObject, ctx: DCtx): string {
  const content = served(obj, gk);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${goStr(obj.metadata.namespace)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, content, '');
    maybeEvents(obj, w, ctx);
  });
}
