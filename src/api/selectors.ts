// Label selectors (equality- and set-based, as in apimachinery/pkg/labels) and field selectors.
import { CliError } from './errors';
import type { KObject, LabelSelector } from './types';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'DoubleEquals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

export type Labels = Record<string, string> | undefined | null;

export function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = !!labels && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key]! : undefined;
  switch (r.op) {
    case 'In':
    case 'Equals':
    case 'DoubleEquals':
      return has && r.values.includes(v!);
    case 'NotIn':
    case 'NotEquals':
      return !has || !r.values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const n = Number(v);
      const t = Number(r.values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(t)) return false;
      return r.op === 'Gt' ? n > t : n < t;
    }
  }
}

/** A parsed selector: all requirements must hold. An empty selector matches everything. */
export class Selector {
  constructor(readonly requirements: Requirement[]) {}
  /** Matches nothing (a nil LabelSelector on a workload). */
  static nothing(): Selector {
    const s = new Selector([]);
    s.none = true;
    return s;
  }
  none = false;
  empty(): boolean {
    return !this.none && this.requirements.length === 0;
  }
  matches(labels: Labels): boolean {
    if (this.none) return false;
    for (const r of this.requirements) if (!matchesRequirement(r, labels)) return false;
    return true;
  }
  private cacheKey?: string;
  /** A string equal for selectors that match the same labels (for memoising match counts). */
  key(): string {
    return (this.cacheKey ??= this.none ? '\u0000none' : this.toString());
  }
  /** labels.Selector.String(): requirements sorted by key. */
  toString(): string {
    return [...this.requirements]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(requirementString)
      .join(',');
  }
}

function requirementString(r: Requirement): string {
  switch (r.op) {
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'Equals':
      return `${r.key}=${r.values[0]}`;
    case 'DoubleEquals':
      return `${r.key}==${r.values[0]}`;
    case 'NotEquals':
      return `${r.key}!=${r.values[0]}`;
    case 'Gt':
      return `${r.key}>${r.values[0]}`;
    case 'Lt':
      return `${r.key}<${r.values[0]}`;
    case 'In':
      return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
  }
}

/** metav1.LabelSelectorAsSelector. A nil selector matches nothing; `{}` matches everything. */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return Selector.nothing();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key: k, op: 'Equals', values: [v] });
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator as Operator;
    reqs.push({ key: e.key, op, values: [...(e.values ?? [])] });
  }
  return new Selector(reqs);
}

/** A map selector (Service/RC `spec.selector`): every pair must match; empty/nil matches nothing for RC. */
export function fromMap(m: Record<string, string> | undefined | null): Selector {
  return new Selector(Object.entries(m ?? {}).map(([k, v]) => ({ key: k, op: 'Equals' as Operator, values: [v] })));
}

/** metav1.FormatLabelSelector: `<none>` when empty. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  const s = fromLabelSelector(ls).toString();
  return s === '' ? '<none>' : s;
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

// ---- parsing the string form (kubectl -l) ----

type Tok = { t: 'id' | 'op' | '(' | ')' | ',' | '!' | 'end'; v: string };

function lex(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      toks.push({ t: c, v: c });
      i++;
      continue;
    }
    if (c === '!' && s[i + 1] === '=') {
      toks.push({ t: 'op', v: '!=' });
      i += 2;
      continue;
    }
    if (c === '!') {
      toks.push({ t: '!', v: '!' });
      i++;
      continue;
    }
    if (c === '=' && s[i + 1] === '=') {
      toks.push({ t: 'op', v: '==' });
      i += 2;
      continue;
    }
    if (c === '=' || c === '>' || c === '<') {
      toks.push({ t: 'op', v: c });
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !' \t(),!=<>'.includes(s[j]!)) j++;
    toks.push({ t: 'id', v: s.slice(i, j) });
    i = j;
  }
  toks.push({ t: 'end', v: '' });
  return toks;
}

const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function validateKey(key: string): void {
  const parts = key.split('/');
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length > 2 || !qualifiedNameRe.test(name) || name.length > 63 || (parts.length === 2 && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(parts[0]!)))
    throw new CliError(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
}

function validateValue(key: string, v: string): void {
  if (v.length > 63 || !labelValueRe.test(v))
    throw new CliError(`unable to parse requirement: invalid label value: "${v}": at key: "${key}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
}

/** labels.Parse: `app=web,tier!=db,env in (dev,prod),!canary,release`. */
export function parseSelector(input: string): Selector {
  const toks = lex(input);
  let p = 0;
  const reqs: Requirement[] = [];
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const fail = (found: Tok, expected: string) =>
    new CliError(`unable to parse requirement: found '${found.v}', expected: ${expected}`);
  if (peek().t === 'end') return new Selector([]);
  for (;;) {
    let t = next();
    if (t.t === '!') {
      const k = next();
      if (k.t !== 'id') throw fail(k, 'identifier after \'!\'');
      validateKey(k.v);
      reqs.push({ key: k.v, op: 'DoesNotExist', values: [] });
    } else if (t.t === 'id') {
      const key = t.v;
      validateKey(key);
      const o = peek();
      if (o.t === 'end' || o.t === ',') {
        reqs.push({ key, op: 'Exists', values: [] });
      } else if (o.t === 'op') {
        next();
        const op: Operator = o.v === '=' ? 'Equals' : o.v === '==' ? 'DoubleEquals' : o.v === '!=' ? 'NotEquals' : o.v === '>' ? 'Gt' : 'Lt';
        const v = peek();
        let value = '';
        if (v.t === 'id') {
          value = next().v;
        } else if (v.t !== 'end' && v.t !== ',') {
          throw fail(v, "identifier");
        }
        if (op === 'Gt' || op === 'Lt') {
          if (!/^-?\d+$/.test(value))
            throw new CliError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        } else validateValue(key, value);
        reqs.push({ key, op, values: [value] });
      } else if (o.t === 'id' && (o.v === 'in' || o.v === 'notin')) {
        next();
        const open = next();
        if (open.t !== '(') throw fail(open, "'('");
        const values: string[] = [];
        for (;;) {
          const v = next();
          if (v.t === ')') {
            if (values.length === 0) values.push('');
            break;
          }
          if (v.t === ',') {
            values.push('');
            continue;
          }
          if (v.t !== 'id') throw fail(v, "',', ')' or identifier");
          validateValue(key, v.v);
          values.push(v.v);
          const sep = next();
          if (sep.t === ')') break;
          if (sep.t !== ',') throw fail(sep, "',' or ')'");
        }
        reqs.push({ key, op: o.v === 'in' ? 'In' : 'NotIn', values });
      } else {
        throw fail(o, "'=', '!=', '==', 'in', notin'");
      }
    } else {
      throw fail(t, "'!', identifier, or 'end of string'");
    }
    t = next();
    if (t.t === 'end') break;
    if (t.t !== ',') throw fail(t, "',' or 'end of string'");
  }
  return new Selector(reqs);
}

// ---- field selectors ----

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** fields.ParseSelector: `metadata.name=x,status.phase!=Running`. */
export function parseFieldSelector(input: string): FieldRequirement[] {
  if (input.trim() === '') return [];
  return input.split(',').map((part) => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) throw new CliError(`invalid selector: '${input}'; can't understand '${part}'`);
    return { field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() };
  });
}

/** Fields every kind supports, plus per-kind extras (pods: status.phase, spec.nodeName, …). */
export function fieldValue(o: KObject, field: string): string | undefined {
  switch (field) {
    case 'metadata.name':
      return o.metadata.name;
    case 'metadata.namespace':
      return o.metadata.namespace ?? '';
  }
  if (o.kind === 'Pod') {
    switch (field) {
      case 'status.phase':
        return o.status?.phase ?? '';
      case 'spec.nodeName':
        return o.spec?.nodeName ?? '';
      case 'spec.restartPolicy':
        return o.spec?.restartPolicy ?? '';
      case 'spec.schedulerName':
        return o.spec?.schedulerName ?? '';
      case 'spec.serviceAccountName':
        return o.spec?.serviceAccountName ?? '';
      case 'status.podIP':
        return o.status?.podIP ?? '';
      case 'status.nominatedNodeName':
        return o.status?.nominatedNodeName ?? '';
    }
  }
  if (o.kind === 'Event') {
    const io = o.involvedObject ?? {};
    const map: Record<string, string | undefined> = {
      'involvedObject.kind': io.kind,
      'involvedObject.namespace': io.namespace,
      'involvedObject.name': io.name,
      'involvedObject.uid': io.uid,
      'involvedObject.apiVersion': io.apiVersion,
      'involvedObject.resourceVersion': io.resourceVersion,
      'involvedObject.fieldPath': io.fieldPath,
      reason: o.reason,
      reportingComponent: o.reportingComponent,
      source: o.source?.component,
      type: o.type,
    };
    if (field in map) return map[field] ?? '';
  }
  if (o.kind === 'Secret' && field === 'type') return o.type ?? '';
  if (o.kind === 'Namespace' && field === 'status.phase') return o.status?.phase ?? '';
  if (o.kind === 'Node' && field === 'spec.unschedulable') return String(!!o.spec?.unschedulable);
  if (o.kind === 'ReplicaSet' && field === 'status.replicas') return String(o.status?.replicas ?? 0);
  if (o.kind === 'Job' && field === 'status.successful') return String(o.status?.succeeded ?? 0);
  return undefined;
}

/** Checks the field selector is supported for the kind (the server rejects unknown fields). */
export function validateFieldSelector(kind: string, reqs: FieldRequirement[], sample: KObject): void {
  for (const r of reqs) {
    if (fieldValue({ ...sample, kind }, r.field) === undefined)
      throw new CliError(`field label not supported: ${r.field}`);
  }
}

export function matchesFields(o: KObject, reqs: FieldRequirement[]): boolean {
  for (const r of reqs) {
    const v = fieldValue(o, r.field) ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
