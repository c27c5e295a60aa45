// The few resource.Quantity operations describe needs, over the shared src/api/quantity.ts.
// Go's Quantity.Add gives a zero receiver the addend's format (so 0 + 64Mi prints 64Mi); the
// shared add() keeps the receiver's, hence the wrapper here.
import { Quantity, tryParseQuantity, type QuantityFormat } from '../../api/quantity';

export type { Quantity, QuantityFormat };

export const ZERO: Quantity = Quantity.zero();

/** Parses a stored quantity (string or number); undefined when invalid. */
export function parseQuantity(input: unknown): Quantity | undefined {
  return tryParseQuantity(input) ?? undefined;
}

/** Parses or returns the zero quantity. */
export function q(input: unknown): Quantity {
  return parseQuantity(input) ?? ZERO;
}

export function cmp(a: Quantity, b: Quantity): number {
  return a.cmp(b);
}

/** Quantity.Add. */
export function add(a: Quantity, b: Quantity): Quantity {
  return a.isZero() ? Quantity.fromNanos(a.nanos + b.nanos, b.format) : a.add(b);
}

/** resource.NewQuantity(value, format). */
export function newQuantity(value: number | bigint, format: QuantityFormat): Quantity {
  return Quantity.fromValue(value, format);
}

/** Value(): whole units rounded up. */
export function value(a: Quantity): number {
  return a.value();
}

/** MilliValue(): thousandths rounded up. */
export function milliValue(a: Quantity): number {
  return a.milliValue();
}

/** Quantity.String(). */
export function formatQuantity(a: Quantity): string {
  return a.toString();
}

/** String() of a stored value: the zero quantity when absent, the text as stored when unparseable. */
export function quantityString(v: unknown): string {
  if (v === undefined || v === null) return '0';
  const p = parseQuantity(v);
  return p ? p.toString() : String(v);
}
