// String checks of apimachinery/pkg/util/validation (release-1.32) and small helpers shared by the
// validators. Messages are the exact texts those functions return.
import { FieldError, fieldErr, raw } from '../errors';

export type Errs = FieldError[];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

// ---- field.Path ----

export const child = (p: string, ...names: string[]): string =>
  names.reduce((acc, n) => (acc ? `${acc}.${n}` : n), p);
export const idx = (p: string, i: number): string => `${p}[${i}]`;
export const key = (p: string, k: string): string => `${p}[${k}]`;

// ---- message builders (validation.go) ----

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) s += ' or ';
    s += `'${e}', `;
  });
  return `${s}regex used for validation is '${fmt}')`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';

// ---- qualified names / labels ----

const qnameCharFmt = '[A-Za-z0-9]';
const qnameExtCharFmt = '[-A-Za-z0-9_.]';
const qualifiedNameFmt = `(${qnameCharFmt}${qnameExtCharFmt}*)?${qnameCharFmt}`;
const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  switch (parts.length) {
    case 1:
      name = parts[0]!;
      break;
    case 2: {
      const prefix = parts[0]!;
      name = parts[1]!;
      if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
      else {
        const msgs = isDNS1123Subdomain(prefix);
        for (const m of msgs) errs.push(`prefix part ${m}`);
      }
      break;
    }
    default:
      return [
        `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name)) {
    errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueRe = new RegExp(`^${labelValueFmt}$`);

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123LabelErrMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const dns1123LabelRe = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1123LabelRe.test(value)) {
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(dns1123LabelErrMsg, dns1123LabelFmt, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(dns1123SubdomainErrMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelErrMsg =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1035LabelRe.test(value)) errs.push(regexError(dns1035LabelErrMsg, dns1035LabelFmt, 'my-name', 'abc-123'));
  return errs;
}

const wildcardFmt = `\\*\\.${dns1123SubdomainFmt}`;
const wildcardErrMsg =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const wildcardRe = new RegExp(`^${wildcardFmt}$`);

export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!wildcardRe.test(value)) errs.push(regexError(wildcardErrMsg, wildcardFmt, '*.example.com'));
  return errs;
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isInRange(v: number, lo: number, hi: number): string[] {
  return v >= lo && v <= hi ? [] : [inclusiveRangeError(lo, hi)];
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

const MAX_INT32 = 2147483647;
export function isValidGroupID(gid: number): string[] {
  return gid >= 0 && gid <= MAX_INT32 ? [] : [inclusiveRangeError(0, MAX_INT32)];
}
export const isValidUserID = isValidGroupID;

const percentFmt = '[0-9]+%';
export function isValidPercent(p: string): string[] {
  return /^[0-9]+%$/.test(p)
    ? []
    : [regexError("a valid percent string must be a numeric string followed by an ending '%'", percentFmt, '1%', '93%')];
}

const httpHeaderNameFmt = '[-A-Za-z0-9]+';
export function isHTTPHeaderName(v: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(v)
    ? []
    : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", httpHeaderNameFmt, 'X-Header-Name')];
}

/** IsRelaxedEnvVarName: RelaxedEnvironmentVariableValidation is beta (on) in 1.32 (KEP-4369). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push(`environment variable name ${emptyError()}`);
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c > 127 || c < 32 || c === 127 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) {
    errs.push(
      regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'),
    );
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

const httpPathFmt = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
export function isDomainPrefixedPath(fld: string, dpPath: string): Errs {
  if (dpPath.length === 0) return [fieldErr.required(fld)];
  const i = dpPath.indexOf('/');
  const segs = i < 0 ? [dpPath] : [dpPath.slice(0, i), dpPath.slice(i + 1)];
  if (segs.length !== 2 || segs[0]!.length === 0 || segs[1]!.length === 0) {
    return [fieldErr.invalid(fld, dpPath, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const errs: Errs = [];
  for (const m of isDNS1123Subdomain(segs[0]!)) errs.push(fieldErr.invalid(fld, segs[0], m));
  if (!new RegExp(`^${httpPathFmt}$`).test(segs[1]!)) {
    errs.push(fieldErr.invalid(fld, segs[1], regexError('Invalid path', httpPathFmt)));
  }
  return errs;
}

// ---- IP / CIDR (ParseIPSloppy accepts leading zeros in IPv4) ----

export function parseIP(s: string): { v4: boolean } | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((x) => Number(x) <= 255) ? { v4: true } : null;
  if (!s.includes(':')) return null;
  // IPv6, possibly with an embedded IPv4 tail
  let str = s;
  let extra = 0;
  const tail = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(str);
  if (tail) {
    if (!parseIP(tail[1]!)) return null;
    str = str.slice(0, -tail[1]!.length) + '0:0';
    extra = 0;
  }
  const dbl = str.split('::');
  if (dbl.length > 2) return null;
  const groups = (p: string) => (p === '' ? [] : p.split(':'));
  const head = groups(dbl[0]!);
  const rest = dbl.length === 2 ? groups(dbl[1]!) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const n = all.length + extra;
  if (dbl.length === 2 ? n > 7 : n !== 8) return null;
  return { v4: false };
}

export function isValidIP(fld: string, value: string): Errs {
  return parseIP(value) ? [] : [fieldErr.invalid(fld, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function isValidCIDR(fld: string, value: string): Errs {
  const i = value.indexOf('/');
  const ok =
    i > 0 &&
    (() => {
      const ip = parseIP(value.slice(0, i));
      const bits = value.slice(i + 1);
      if (!ip || !/^\d{1,3}$/.test(bits)) return false;
      return Number(bits) <= (ip.v4 ? 32 : 128);
    })();
  return ok ? [] : [fieldErr.invalid(fld, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

// ---- name functions (apimachinery/pkg/api/validation/generic.go) ----

export type NameFn = (name: string, prefix: boolean) => string[];

/** maskTrailingDash: replaces the final *two* characters with "a" (sic, as Go does). */
function maskTrailingDash(name: string): string {
  if (name.length > 1 && name.endsWith('-')) return name.slice(0, name.length - 2) + 'a';
  return name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** path.IsValidPathSegmentName / ValidatePathSegmentName. */
export const pathSegmentName: NameFn = (name, prefix) => {
  if (!prefix) {
    if (name === '.') return ["may not be '.'"];
    if (name === '..') return ["may not be '..'"];
  }
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
};

// ---- common field checks ----

export function nonNegative(fld: string, v: number | undefined | null): Errs {
  if (typeof v === 'number' && v < 0) return [fieldErr.invalid(fld, v, IS_NEGATIVE_ERROR_MSG)];
  return [];
}

export function dns1123LabelErrs(fld: string, v: string): Errs {
  return isDNS1123Label(v).map((m) => fieldErr.invalid(fld, v, m));
}
export function dns1123SubdomainErrs(fld: string, v: string): Errs {
  return isDNS1123Subdomain(v).map((m) => fieldErr.invalid(fld, v, m));
}
export function qualifiedNameErrs(fld: string, v: string): Errs {
  return isQualifiedName(v).map((m) => fieldErr.invalid(fld, v, m));
}

export function isObj(v: unknown): v is Record<string, Any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function arr<T = Any>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}
export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Go maps iterate in random order; we use sorted keys so output is deterministic. */
export function sortedEntries<V>(m: Record<string, V> | undefined | null): [string, V][] {
  if (!isObj(m)) return [];
  return Object.keys(m)
    .sort()
    .map((k) => [k, m[k] as V]);
}

/** True for values that decode to a Go zero value / nil (absent, null, "", 0, false, [] and {} all alike). */
export function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isZero);
  return false;
}

/**
 * apiequality.Semantic.DeepEqual over JSON shapes: nil and empty slices/maps are equal (as in the
 * forked reflect.DeepEqual Kubernetes uses) and, lacking a schema, an absent field equals its zero value.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** A value for field errors that is shown verbatim (Go %#v of structs, maps...). */
export { raw };
