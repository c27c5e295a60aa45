// How an ingress controller maps a request (Host header + path) to a backend, from the Ingresses of its
// class. Path matching follows the Ingress API's rules (networking/v1 HTTPIngressPath):
//   Exact     the path equals the rule's path, case-sensitively;
//   Prefix    the rule's path, split on '/', is an element-wise prefix of the request path
//             ('/foo/bar' matches /foo/bar, /foo/bar/ and /foo/bar/baz, not /foo/barbaz; a trailing
//             '/' in the rule is ignored; '/' matches everything);
//   ImplementationSpecific  for ingress-nginx a plain nginx prefix location: a string prefix
//             ('/foo' also matches /foobar).
// Among matching paths the longest wins, and Exact beats Prefix at equal length. Hosts: an exact host
// beats a wildcard (`*.example.com` matches exactly one extra label), and rules without a host serve
// every other name. When no path matches, the Ingress default backend applies, else the controller's
// own default backend answers 404.
import type { KObject } from '../api/types';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** Whether a request path matches a rule path of the given type. */
export function pathMatches(type: PathType, rulePath: string, requestPath: string): boolean {
  const path = requestPath.split('?')[0]!;
  if (type === 'Exact') return path === rulePath;
  if (type === 'ImplementationSpecific') return path.startsWith(rulePath || '/');
  const ruleParts = rulePath.split('/').filter((x) => x !== '');
  if (ruleParts.length === 0) return true;
  const reqParts = path.split('/').filter((x) => x !== '');
  if (reqParts.length < ruleParts.length) return false;
  return ruleParts.every((p, i) => reqParts[i] === p);
}

/** Whether a request host matches a rule host (exact, or `*.` wildcard over one label). */
export function hostMatches(ruleHost: string, host: string): 'exact' | 'wildcard' | false {
  const r = ruleHost.toLowerCase();
  const h = host.toLowerCase();
  if (r === h) return 'exact';
  if (r.startsWith('*.')) {
    const suffix = r.slice(1);
    if (h.endsWith(suffix)) {
      const label = h.slice(0, -suffix.length);
      if (label && !label.includes('.')) return 'wildcard';
    }
  }
  return false;
}

export interface RouteMatch {
  ingress: KObject;
  /** The rule host, '' for the catch-all server. */
  host: string;
  path?: string;
  pathType?: PathType;
  backend: Any;
  /** Matched through a default backend rather than a path. */
  viaDefault: boolean;
}

function byAge(a: KObject, b: KObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = `${a.metadata.namespace}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Routes a request among the given Ingresses (all of one controller's class). Returns undefined when
 * only the controller's default backend (404) is left.
 */
export function routeIngress(ingresses: KObject[], host: string, path: string): RouteMatch | undefined {
  const ings = [...ingresses].sort(byAge);
  type Cand = { ing: KObject; host: string; path: string; type: PathType; backend: Any };
  const exact: Cand[] = [];
  const wild: Cand[] = [];
  const catchAll: Cand[] = [];
  const exactServers: KObject[] = [];
  const wildServers: KObject[] = [];
  for (const ing of ings) {
    for (const rule of (ing.spec?.rules ?? []) as Any[]) {
      const rh = String(rule.host ?? '');
      const m = rh ? hostMatches(rh, host) : 'catch';
      if (!m) continue;
      if (m === 'exact' && !exactServers.includes(ing)) exactServers.push(ing);
      if (m === 'wildcard' && !wildServers.includes(ing)) wildServers.push(ing);
      for (const p of (rule.http?.paths ?? []) as Any[]) {
        const c: Cand = { ing, host: rh, path: p.path ?? '/', type: (p.pathType ?? 'ImplementationSpecific') as PathType, backend: p.backend };
        (m === 'exact' ? exact : m === 'wildcard' ? wild : catchAll).push(c);
      }
    }
  }
  const best = (cands: Cand[]): Cand | undefined => {
    let win: Cand | undefined;
    for (const c of cands) {
      if (!pathMatches(c.type, c.path, path)) continue;
      if (!win) win = c;
      else {
        const lc = c.path.replace(/\/$/, '').length;
        const lw = win.path.replace(/\/$/, '').length;
        if (lc > lw || (lc === lw && c.type === 'Exact' && win.type !== 'Exact')) win = c;
      }
    }
    return win;
  };
  // nginx picks the server by name first, then the location inside it
  const servers: [Cand[], KObject[]][] = exactServers.length ? [[exact, exactServers]] : wildServers.length ? [[wild, wildServers]] : [[catchAll, []]];
  for (const [cands, owners] of servers) {
    const hit = best(cands);
    if (hit) return { ingress: hit.ing, host: hit.host, path: hit.path, pathType: hit.type, backend: hit.backend, viaDefault: false };
    const own = owners.find((i) => i.spec?.defaultBackend);
    if (own) return { ingress: own, host: host, backend: own.spec.defaultBackend, viaDefault: true };
  }
  const def = ings.find((i) => i.spec?.defaultBackend && !(i.spec?.rules ?? []).length) ?? ings.find((i) => i.spec?.defaultBackend);
  if (def) return { ingress: def, host: '', backend: def.spec.defaultBackend, viaDefault: true };
  return undefined;
}
