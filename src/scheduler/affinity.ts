// Node selector terms (node affinity): terms are ORed, expressions within a term ANDed.
import type { KObject } from '../api/types';

interface Req {
  key: string;
  operator: string;
  values?: string[];
}
interface Term {
  matchExpressions?: Req[];
  matchFields?: Req[];
}

function matchReq(r: Req, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const n = parseInt(value!, 10);
      const t = parseInt((r.values ?? [])[0] ?? '', 10);
      if (Number.isNaN(n) || Number.isNaN(t)) return false;
      return r.operator === 'Gt' ? n > t : n < t;
    }
  }
  return false;
}

export function matchNodeSelectorTerm(term: Term, node: KObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = (node.metadata.labels ?? {}) as Record<string, string>;
  for (const r of exprs) if (!matchReq(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const r of fields) if (!matchReq(r, r.key === 'metadata.name' ? node.metadata.name : undefined)) return false;
  return true;
}

export function matchNodeSelectorTerms(terms: Term[], node: KObject): boolean {
  return terms.some((t) => matchNodeSelectorTerm(t, node));
}
