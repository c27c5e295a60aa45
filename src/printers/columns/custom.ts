// Custom resources: the apiextensions-apiserver table convertor. Columns are NAME plus the CRD's
// additionalPrinterColumns for the served version (default: a single `Age` date column over
// .metadata.creationTimestamp). Cells follow tableconvertor.go: `string` columns print the first
// JSONPath result (maps/lists as compact JSON), `integer`/`number`/`boolean` keep only values of that
// JSON type, `date` becomes a HumanDuration (`<invalid>` if unparseable); no result → empty cell.
import { pushAll, type KObject } from '../../api/types';
import { registry } from '../../api/registry';
import type { Store } from '../../store/store';
import type { PrintContext } from '../context';
import { humanDuration } from '../duration';
import type { ColumnDef, TablePrinter } from './types';
import { byteCompare, type Any } from './util';

export const CRD_GK = 'CustomResourceDefinition.apiextensions.k8s.io';

interface CrdColumn {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  jsonPath: string;
}

const DEFAULT_COLUMNS: CrdColumn[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];

/** Kubernetes version ordering (v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > others alphabetically). */
function versionRank(v: string): [number, number, number, string] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return [0, 0, 0, v];
  const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [level, Number(m[1]), m[3] === undefined ? 0 : Number(m[3]), v];
}

function compareVersionsDesc(a: string, b: string): number {
  const ra = versionRank(a);
  const rb = versionRank(b);
  if (ra[0] !== rb[0]) return rb[0] - ra[0];
  if (ra[0] === 0) return byteCompare(ra[3], rb[3]);
  if (ra[1] !== rb[1]) return rb[1] - ra[1];
  return rb[2] - ra[2];
}

/** The printer columns a CRD declares for the version `kubectl get` reads (the preferred one). */
function crdColumns(crd: KObject, gk: string): CrdColumn[] {
  const versions: Any[] = (crd.spec?.versions ?? []).filter((v: Any) => v?.served !== false);
  const preferred = registry.byGroupKind(gk)?.version;
  let v = versions.find((x) => x.name === preferred);
  if (!v) v = [...versions].sort((a, b) => compareVersionsDesc(a.name ?? '', b.name ?? ''))[0];
  const columns: CrdColumn[] | undefined = v?.additionalPrinterColumns ?? crd.spec?.additionalPrinterColumns;
  return columns && columns.length > 0 ? columns : DEFAULT_COLUMNS;
}

function findCrd(gk: string, store: Store): KObject | undefined {
  const dot = gk.indexOf('.');
  const kind = dot < 0 ? gk : gk.slice(0, dot);
  const group = dot < 0 ? '' : gk.slice(dot + 1);
  return store.list(CRD_GK).find((c) => c.spec?.group === group && c.spec?.names?.kind === kind);
}

/** A printer for a custom kind; without a CRD in `store` it is the default NAME, AGE table. */
export function customResourcePrinter(gk: string, store?: Store): TablePrinter {
  const crd = store ? findCrd(gk, store) : undefined;
  const defs = crd ? crdColumns(crd, gk) : DEFAULT_COLUMNS;
  const columns: ColumnDef[] = [{ name: 'Name', priority: 0, format: 'name' }];
  const paths: (Segment[] | null)[] = [];
  for (const d of defs) {
    const c: ColumnDef = { name: d.name, priority: d.priority ?? 0 };
    if (d.format === 'name' && d.type === 'string') c.format = 'name';
    columns.push(c);
    paths.push(parsePath(d.jsonPath));
  }
  return {
    columns,
    cells(obj: KObject, ctx: PrintContext): string[] {
      const out = [obj.metadata.name];
      defs.forEach((d, i) => {
        const path = paths[i];
        const results = path ? evaluate(path, obj) : [];
        out.push(results.length === 0 ? '' : cellFor(d.type, results[0], ctx.nowMs));
      });
      return out;
    },
  };
}

function cellFor(type: string, value: unknown, nowMs: number): string {
  if (type === 'string') return printResult(value);
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? String(Math.trunc(value)) : '';
    case 'number':
      return typeof value === 'number' ? goFloat(value) : '';
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : '';
    case 'date': {
      if (typeof value !== 'string') return '';
      const t = Date.parse(value);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) return '<invalid>';
      return humanDuration(nowMs - t);
    }
  }
  return '';
}

/** jsonpath PrintResults for one value: strings raw, numbers/bools via fmt, maps/lists as JSON. */
function printResult(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  return goJSON(v);
}

/** Go's `%v` of a float64 (strconv 'g', shortest): exponent form when the exponent is < -4 or >= 6. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** encoding/json Marshal: keys sorted, `<`, `>`, `&` escaped. */
function goJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  if (Array.isArray(v)) return '[' + v.map(goJSON).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).sort(byteCompare).map((k) => goJSON(k) + ':' + goJSON(o[k])).join(',') + '}';
}

// ---- a small JSONPath subset (fields, [n], [*], ['key'], [?(@.a.b == "x")]) ----

type Segment =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'all' }
  | { t: 'filter'; path: Segment[]; op: string | null; value: unknown };

function parsePath(src: string): Segment[] | null {
  let s = src.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  if (s.startsWith('$')) s = s.slice(1);
  const segs: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '.') {
      if (s[i + 1] === '.') return null; // recursive descent: unsupported
      i++;
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') {
        if (s[i] === '\\' && i + 1 < s.length) {
          name += s[i + 1];
          i += 2;
          continue;
        }
        name += s[i];
        i++;
      }
      if (name === '*') segs.push({ t: 'all' });
      else if (name !== '') segs.push({ t: 'field', name });
    } else if (c === '[') {
      const end = findClose(s, i);
      if (end < 0) return null;
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') segs.push({ t: 'all' });
      else if (/^-?\d+$/.test(inner)) segs.push({ t: 'index', i: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) segs.push({ t: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) {
        const f = parseFilter(inner.slice(2, -1));
        if (!f) return null;
        segs.push(f);
      } else return null;
    } else {
      // a leading bare name (`spec.x`)
      let name = '';
      while (i < s.length && s[i] !== '.' && s[i] !== '[') name += s[i++];
      segs.push({ t: 'field', name });
    }
  }
  return segs;
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function parseFilter(expr: string): Segment | null {
  const m = /^@((?:\.[^\s=!<>]+)*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?$/.exec(expr.trim());
  if (!m) return null;
  const path = parsePath(m[1] ?? '');
  if (!path) return null;
  if (!m[2]) return { t: 'filter', path, op: null, value: undefined };
  const raw = m[3]!.trim();
  let value: unknown;
  if (/^'.*'$|^".*"$/.test(raw)) value = raw.slice(1, -1);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (!Number.isNaN(Number(raw))) value = Number(raw);
  else return null;
  return { t: 'filter', path, op: m[2], value };
}

function evaluate(path: Segment[], root: unknown): unknown[] {
  let cur: unknown[] = [root];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue;
      switch (seg.t) {
        case 'field':
          if (typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, seg.name)) {
            next.push((v as Record<string, unknown>)[seg.name]);
          }
          break;
        case 'index':
          if (Array.isArray(v)) {
            const idx = seg.i < 0 ? v.length + seg.i : seg.i;
            if (idx >= 0 && idx < v.length) next.push(v[idx]);
          }
          break;
        case 'all':
          if (Array.isArray(v)) pushAll(next, v);
          else if (typeof v === 'object') {
            const o = v as Record<string, unknown>;
            for (const k of Object.keys(o).sort(byteCompare)) next.push(o[k]);
          }
          break;
        case 'filter':
          if (Array.isArray(v)) {
            for (const item of v) {
              const found = evaluate(seg.path, item);
              if (seg.op === null ? found.length > 0 : found.some((x) => compare(x, seg.op!, seg.value))) next.push(item);
            }
          }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  return false;
}
