// Ingress path and host matching, and request routing among Ingresses.
import { describe, expect, it } from 'vitest';
import { hostMatches, pathMatches, routeIngress } from '../../src/net/ingress-route';
import type { KObject } from '../../src/api/types';

describe('Ingress path matching (networking/v1 HTTPIngressPath)', () => {
  // the examples table of the Ingress concept page
  const cases: [string, string, string, boolean][] = [
    ['Prefix', '/', '/', true],
    ['Prefix', '/', '/anything/at/all', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/bar', false],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo/', '/foo', false],
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/foo/', '/foo/', true],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb/', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb?x=1', true],
    ['ImplementationSpecific', '/foo', '/foobar', true],
    ['ImplementationSpecific', '/foo', '/bar', false],
  ];
  it.each(cases)('%s %s vs %s → %s', (type, rule, req, want) => {
    expect(pathMatches(type as 'Exact', rule, req)).toBe(want);
  });

  it('matches wildcard hosts over exactly one label', () => {
    expect(hostMatches('foo.bar.com', 'FOO.bar.com')).toBe('exact');
    expect(hostMatches('*.foo.com', 'bar.foo.com')).toBe('wildcard');
    expect(hostMatches('*.foo.com', 'baz.bar.foo.com')).toBe(false);
    expect(hostMatches('*.foo.com', 'foo.com')).toBe(false);
  });
});

function ing(name: string, created: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default', creationTimestamp: created }, spec };
}

const backend = (name: string, port: number | string) => ({ service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } });

describe('routeIngress', () => {
  const a = ing('a', '2026-01-01T00:00:00Z', {
    rules: [
      { host: 'foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web', 80) }, { path: '/api', pathType: 'Prefix', backend: backend('api', 8080) }, { path: '/api/v1', pathType: 'Exact', backend: backend('v1', 80) }] } },
      { host: '*.foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild', 80) }] } },
    ],
  });
  const b = ing('b', '2026-01-01T00:00:05Z', {
    rules: [{ http: { paths: [{ path: '/shared', pathType: 'Prefix', backend: backend('shared', 'http') }] } }],
  });

  it('takes the longest matching path, Exact over Prefix', () => {
    expect(routeIngress([a, b], 'foo.com', '/api/v1')!.backend).toEqual(backend('v1', 80));
    expect(routeIngress([a, b], 'foo.com', '/api/v1/x')!.backend).toEqual(backend('api', 8080));
    expect(routeIngress([a, b], 'foo.com', '/apix')!.backend).toEqual(backend('web', 80));
    expect(routeIngress([a, b], 'foo.com', '/')!.path).toBe('/');
  });

  it('prefers the exact host, then a wildcard, then rules without a host', () => {
    expect(routeIngress([a, b], 'x.foo.com', '/')!.backend).toEqual(backend('wild', 80));
    expect(routeIngress([a, b], 'other.com', '/shared/y')!.backend).toEqual(backend('shared', 'http'));
    // a matched host does not fall back to the catch-all server's paths
    expect(routeIngress([b, ing('c', '2026-01-01T00:00:09Z', { rules: [{ host: 'x.com', http: { paths: [{ path: '/only', pathType: 'Exact', backend: backend('c', 80) }] } }] })], 'x.com', '/shared')).toBeUndefined();
  });

  it('falls back to a default backend, else nothing (the controller answers 404)', () => {
    expect(routeIngress([a, b], 'nope.com', '/x')).toBeUndefined();
    const d = ing('d', '2026-01-01T00:00:07Z', { defaultBackend: backend('catch', 80) });
    const m = routeIngress([a, b, d], 'nope.com', '/x')!;
    expect(m.viaDefault).toBe(true);
    expect(m.backend).toEqual(backend('catch', 80));
  });

  it('lets the older Ingress win for the same host and path', () => {
    const older = ing('older', '2026-01-01T00:00:00Z', { rules: [{ host: 'h.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('old', 80) }] } }] });
    const newer = ing('newer', '2026-01-01T00:01:00Z', { rules: [{ host: 'h.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('new', 80) }] } }] });
    expect(routeIngress([newer, older], 'h.com', '/')!.ingress.metadata.name).toBe('older');
  });
});
