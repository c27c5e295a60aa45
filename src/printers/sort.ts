// `kubectl get --sort-by=<jsonpath>` (kubectl pkg/cmd/get/sorter.go, release-1.32).
//
// Objects are ordered by the first value of a relaxed JSONPath expression, compared like RuntimeSort's
// isLess does for unstructured content: int64 with int64, float64 with float64, string with string (as
// resource quantities when both parse as one, "100m" < "1" < "2Gi", else byte-wise — timestamps in
// RFC 3339 therefore sort chronologically), null first. An object without the field sorts before any
// object with it (Less(i, j) is true whenever i has no value). The order comes from a port of Go's
// sort.Sort (pdqsort, not stable), so ties and missing fields land where kubectl puts them.

import { RawError, CliError } from '../api/errors';
import { tryParseQuantity, type Quantity } from '../api/quantity';
import {
  compile,
  findResults,
  freshCopy,
  goQuote,
  goSharpV,
  goStringCompare,
  GoScalar,
  JsonPathError,
  kindOf,
  NO_VALUE,
  relaxedJsonPathExpression,
  type JsonPathTemplate,
} from './jsonpath';

export interface SortOptions {
  /** Time and process id for the klog header kubectl prints before a fatal sort error. */
  now?: Date;
  pid?: number;
}

const CTX = { allowMissingKeys: true, floatNumbers: false };

/**
 * Returns the objects sorted as `kubectl get --sort-by=<expr>` orders a list of objects (SortObjects: the
 * path for -o name/json/yaml/jsonpath/custom-columns). The input is not modified. Errors (CliError):
 * the relaxed-syntax message, a bare syntax error (`unterminated array`), an evaluation error, or
 * `couldn't find any field with path "{.foo}" in the list of objects` when no object has the field (even
 * a single one). An empty list is returned as is, unchecked. Unsortable values (a map, a bool, an int
 * compared with a float or a string) and evaluation errors met while comparing end kubectl through klog:
 * RawError `F… sorter.go:NNN] …` with exit code 1 (or 255).
 */
export function sortByJsonPath<T>(objects: readonly T[], expr: string, opts: SortOptions = {}): T[] {
  return sortObjects(objects, expr, opts);
}

function sortObjects<T>(objects: readonly T[], expr: string, opts: SortOptions): T[] {
  if (objects.length === 0) return [];
  const field = relaxedJsonPathExpression(expr);
  const tpl = bare(() => compile(field));

  // No schema to validate against: the field is valid when at least one object has it.
  let found = false;
  for (const obj of objects) {
    const values = bare(() => findResults(tpl, obj, CTX));
    if (values.length > 0 && values[0]!.length > 0) {
      found = true;
      break;
    }
  }
  if (!found) throw notFound(field);

  // RuntimeSort.Less evaluates both objects with a new parser on every call; results are cached per
  // object (the evaluation is deterministic), errors replayed as the klog fatal lines kubectl prints.
  const cache = new Map<T, { values?: unknown[][]; error?: string }>();
  const valuesOf = (obj: T) => {
    let r = cache.get(obj);
    if (!r) {
      try {
        r = { values: findResults(freshCopy(tpl), obj, CTX) };
      } catch (e) {
        if (!(e instanceof JsonPathError)) throw e;
        r = { error: e.message };
      }
      cache.set(obj, r);
    }
    return r;
  };
  const items = objects.slice();
  goSort(
    items.length,
    (i, j) => {
      const a = valuesOf(items[i]!);
      if (a.error !== undefined) {
        throw fatal(
          opts,
          310,
          `Failed to get i values for ${unstructuredSharpV(items[i])} using ${field} (&errors.errorString{s:${goQuote(a.error)}})`,
          255,
        );
      }
      const b = valuesOf(items[j]!);
      if (b.error !== undefined) {
        throw fatal(opts, 315, `Failed to get j values for ${unstructuredSharpV(items[j])} using ${field} (${b.error})`, 255);
      }
      if (a.values!.length === 0 || a.values![0]!.length === 0) return true;
      if (b.values!.length === 0 || b.values![0]!.length === 0) return false;
      const less = isLess(a.values![0]![0], b.values![0]![0]);
      if (typeof less === 'string') {
        throw fatal(opts, 329, `Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${less}`, 1);
      }
      return less;
    },
    (i, j) => {
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    },
  );
  return items;
}

/**
 * Sorts the rows of one server-side Table (kubectl's SortingPrinter + TableSorter, the path for table
 * output). Tables of 0 or 1 rows are returned as they are. When kubectl's sorter fails — a syntax error,
 * an evaluation error, or no row having the field — kubectl's `get` drops the error and prints nothing for
 * that table (exit 0; "No resources found in <ns> namespace." on stderr if nothing at all was printed):
 * this returns null then. An expression the relaxed syntax rejects is used as given. Unsortable values
 * throw RawError (klog `F… sorter.go:375] …`, exit 1).
 *
 * With several resource types, kubectl first sorts the Table objects themselves with sortByJsonPath
 * (list semantics), so a field tables lack, like `.metadata.name`, fails with `couldn't find any field…`.
 */
export function sortTableRows<T>(rows: readonly T[], expr: string, opts: SortOptions = {}): T[] | null {
  if (rows.length <= 1) return rows.slice();
  let field: string;
  try {
    field = relaxedJsonPathExpression(expr);
  } catch {
    field = expr;
  }
  let tpl: JsonPathTemplate;
  try {
    tpl = compile(field);
  } catch (e) {
    if (e instanceof JsonPathError) return null; // "sorting error: …", dropped by kubectl get
    throw e;
  }
  let found = false;
  const parsed: unknown[][][] = [];
  for (const row of rows) {
    try {
      const values = findResults(tpl, row, CTX);
      if (values.length > 0 && values[0]!.length > 0) found = true;
      parsed.push(values);
    } catch (e) {
      if (e instanceof JsonPathError) return null; // "Failed to get values for …", dropped
      throw e;
    }
  }
  if (!found) return null; // "couldn't find any field with path …", dropped
  const items = rows.map((row, ix) => ({ row, values: parsed[ix]! }));
  goSort(
    items.length,
    (i, j) => {
      const a = items[i]!.values;
      const b = items[j]!.values;
      if (a.length === 0 || a[0]!.length === 0) return true;
      if (b.length === 0 || b[0]!.length === 0) return false;
      const less = isLess(a[0]![0], b[0]![0]);
      if (typeof less === 'string') {
        throw fatal(opts, 375, `Field ${field} in [][][]reflect.Value is an unsortable type: interface, err: ${less}`, 1);
      }
      return less;
    },
    (i, j) => {
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    },
  );
  return items.map((x) => x.row);
}

function bare<R>(f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonPathError) throw new CliError(e.message);
    throw e;
  }
}

function notFound(field: string): CliError {
  return new CliError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
}

function unstructuredSharpV(obj: unknown): string {
  return `&unstructured.Unstructured{Object:${obj === null || obj === undefined ? 'map[string]interface {}(nil)' : goSharpV(obj)}}`;
}

/** klog.Fatalf / klog.Exitf: one `F…` line on stderr, exit 255 / 1. */
function fatal(opts: SortOptions, line: number, msg: string, exitCode: number): RawError {
  const t = opts.now ?? new Date(0);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const header =
    `F${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())} ` +
    `${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}.${String(t.getUTCMilliseconds() * 1000).padStart(6, '0')} ` +
    `${String(opts.pid ?? 1).padStart(7)} sorter.go:${line}]`;
  return new RawError(`${header} ${msg}`, exitCode);
}

/**
 * RuntimeSort's isLess for two values of unstructured content (reflect.Interface kind): nil sorts
 * first; int64, float64 and string compare only with their own type (strings as quantities when both
 * parse); anything else is unsortable. Returns the error text instead of a boolean when Go would fail.
 */
export function isLess(a: unknown, b: unknown): boolean | string {
  if (a instanceof GoScalar || b instanceof GoScalar) {
    // bytes of a string (reflect.Uint8) or a template literal: compared as numbers
    return numOf(a) < numOf(b);
  }
  if (a === NO_VALUE) return 'unsortable type: invalid';
  const aNil = a === null || a === undefined;
  const bNil = b === null || b === undefined || b === NO_VALUE;
  if (aNil && bNil) return false;
  if (aNil) return true;
  if (bNil) return false;
  const ka = kindOf(a, false);
  const kb = kindOf(b, false);
  switch (ka) {
    case 'int64':
    case 'float64':
      if (kb === ka) return (a as number) < (b as number);
      return 'unsortable interface: interface';
    case 'string': {
      if (kb !== 'string') return 'unsortable interface: interface';
      const qa = quantityOf(a as string);
      const qb = qa ? quantityOf(b as string) : null;
      if (qa && qb) return qa.cmp(qb) < 0;
      return goStringCompare(a as string, b as string) < 0;
    }
    case 'bool':
      return 'unsortable type: bool';
    case 'slice':
      return 'unsortable type: []interface {}';
    default:
      return 'unsortable type: map[string]interface {}';
  }
}

const quantities = new Map<string, Quantity | null>();

/**
 * resource.ParseQuantity for a sort key (memoized). Exponents beyond ±400 are treated as "not a
 * quantity": exact comparison of such values would need enormous numbers, and no real field holds one.
 */
function quantityOf(s: string): Quantity | null {
  let q = quantities.get(s);
  if (q === undefined) {
    const e = /[eE]([+-]?\d+)$/.exec(s);
    q = e && Math.abs(Number(e[1])) > 400 ? null : tryParseQuantity(s);
    if (quantities.size > 10000) quantities.clear();
    quantities.set(s, q);
  }
  return q;
}

function numOf(v: unknown): number {
  if (v instanceof GoScalar) return v.value;
  return typeof v === 'number' ? v : NaN;
}

// ---------------------------------------------------------------- Go's sort.Sort (pdqsort, Go 1.19+)
// Ported from src/sort/zsortinterface.go so that orders of equal keys (and of objects missing the field,
// for which Less is not a strict order) match kubectl exactly.

type Less = (i: number, j: number) => boolean;
type Swap = (i: number, j: number) => void;

const UNKNOWN_HINT = 0;
const INCREASING_HINT = 1;
const DECREASING_HINT = 2;

/** bits.Len */
function bitsLen(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

export function goSort(n: number, less: Less, swap: Swap): void {
  if (n <= 1) return;
  pdqsort(less, swap, 0, n, bitsLen(n));
}

function insertionSort(less: Less, swap: Swap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
  }
}

function siftDown(less: Less, swap: Swap, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && less(first + child, first + child + 1)) child++;
    if (!less(first + root, first + child)) return;
    swap(first + root, first + child);
    root = child;
  }
}

function heapSort(less: Less, swap: Swap, a: number, b: number): void {
  const first = a;
  const lo = 0;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(less, swap, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    swap(first, first + i);
    siftDown(less, swap, lo, i, first);
  }
}

function pdqsort(less: Less, swap: Swap, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(less, swap, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(less, swap, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(swap, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(less, a, b);
    if (hint === DECREASING_HINT) {
      reverseRange(swap, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING_HINT;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING_HINT) {
      if (partialInsertionSort(less, swap, a, b)) return;
    }
    if (a > 0 && !less(a - 1, pivot)) {
      a = partitionEqual(less, swap, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(less, swap, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(less, swap, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(less, swap, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(less: Less, swap: Swap, a: number, b: number, pivot: number): [number, boolean] {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && less(i, a)) i++;
  while (i <= j && !less(j, a)) j--;
  if (i > j) {
    swap(j, a);
    return [j, true];
  }
  swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && less(i, a)) i++;
    while (i <= j && !less(j, a)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  swap(j, a);
  return [j, false];
}

function partitionEqual(less: Less, swap: Swap, a: number, b: number, pivot: number): number {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !less(a, i)) i++;
    while (i <= j && less(a, j)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(less: Less, swap: Swap, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!less(j, j - 1)) break;
        swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!less(j, j - 1)) break;
        swap(j, j - 1);
      }
    }
  }
  return false;
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns(swap: Swap, a: number, b: number): void {
  const length = b - a;
  if (length >= 8) {
    // xorshift seeded with the length (Go's sort.go: shifts 13, 17, 5 on a uint64)
    let random = BigInt(length);
    const modulus = 2 ** bitsLen(length);
    const idx0 = a + Math.trunc(length / 4) * 2 - 1;
    for (let idx = idx0; idx <= idx0 + 2; idx++) {
      random ^= (random << 13n) & MASK64;
      random ^= random >> 17n;
      random ^= (random << 5n) & MASK64;
      let other = Number(random & BigInt(modulus - 1));
      if (other >= length) other -= length;
      swap(idx, a + other);
    }
  }
}

function choosePivot(less: Less, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(less, i - 1, i, i + 1, swaps);
      j = median(less, j - 1, j, j + 1, swaps);
      k = median(less, k - 1, k, k + 1, swaps);
    }
    j = median(less, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING_HINT];
  if (swaps.n === maxSwaps) return [j, DECREASING_HINT];
  return [j, UNKNOWN_HINT];
}

function order2(less: Less, a: number, b: number, swaps: { n: number }): [number, number] {
  if (less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(less: Less, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(less, a, b, swaps);
  [b, c] = order2(less, b, c, swaps);
  [a, b] = order2(less, a, b, swaps);
  return b;
}

function reverseRange(swap: Swap, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    swap(i, j);
    i++;
    j--;
  }
}
