import { describe, expect, it } from 'vitest';
import { formatLabelSelector, fromLabelSelector, fromMap, parseSelector } from '../../src/api/selectors';
import { filtersOf, matchFilters } from '../../src/cli/common';
import { CliError } from '../../src/api/errors';
import type { KObject } from '../../src/api/types';

const labels = (l: Record<string, string>) => l;

describe('set-based label selectors', () => {
  it('parses and matches in, notin, exists and does-not-exist (kubectl -l)', () => {
    const s = parseSelector('env in (dev,prod),!canary');
    expect(s.matches(labels({ env: 'dev' }))).toBe(true);
    expect(s.matches(labels({ env: 'prod', tier: 'web' }))).toBe(true);
    expect(s.matches(labels({ env: 'prod', canary: 'true' }))).toBe(false);
    expect(s.matches(labels({ env: 'test' }))).toBe(false);
    expect(s.matches(labels({}))).toBe(false);
    const n = parseSelector('env notin (dev), tier');
    expect(n.matches(labels({ tier: 'web' }))).toBe(true);
    expect(n.matches(labels({ env: 'dev', tier: 'web' }))).toBe(false);
    expect(n.matches(labels({ env: 'prod' }))).toBe(false);
    expect(parseSelector('a=b,c!=d').matches(labels({ a: 'b' }))).toBe(true);
    expect(parseSelector('a==b,c!=d').matches(labels({ a: 'b', c: 'd' }))).toBe(false);
    expect(parseSelector('').empty()).toBe(true);
  });

  it('prints requirements sorted by key, values sorted, as labels.Selector.String', () => {
    expect(parseSelector('env in (prod,dev),!canary').toString()).toBe('!canary,env in (dev,prod)');
    expect(formatLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db', 'cache'] }, { key: 'beta', operator: 'Exists' }] })).toBe(
      'app=web,beta,tier notin (cache,db)',
    );
    expect(formatLabelSelector({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] })).toBe('!x');
    expect(formatLabelSelector({})).toBe('<none>');
  });

  it('workload selectors: matchLabels and matchExpressions are ANDed; nil matches nothing, {} everything', () => {
    const s = fromLabelSelector({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }, { key: 'canary', operator: 'DoesNotExist' }] });
    expect(s.matches(labels({ app: 'x', env: 'dev' }))).toBe(true);
    expect(s.matches(labels({ app: 'x', env: 'dev', canary: '1' }))).toBe(false);
    expect(s.matches(labels({ app: 'y', env: 'dev' }))).toBe(false);
    expect(fromLabelSelector(undefined).matches(labels({ a: 'b' }))).toBe(false);
    expect(fromLabelSelector({}).matches(labels({ a: 'b' }))).toBe(true);
    expect(fromMap({ app: 'kubia' }).matches(labels({ app: 'kubia', x: 'y' }))).toBe(true);
  });

  it('rejects malformed selectors with the parser messages of apimachinery', () => {
    const msg = (s: string) => {
      try {
        parseSelector(s);
      } catch (e) {
        return (e as CliError).message;
      }
      return '';
    };
    expect(msg('env in (dev,prod')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(msg('component not in (kube-apiserver)')).toBe("unable to parse requirement: found 'not', expected: '=', '!=', '==', 'in', notin'");
    expect(msg('!')).toBe("unable to parse requirement: found '', expected: identifier after '!'");
  });

  it('a selector the server cannot parse fails the list like kubectl reports it', () => {
    const f = filtersOf({ selector: 'env in (dev' });
    expect(f.labelError?.message).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(() => matchFilters({ metadata: { name: 'x' } } as KObject, f)).toThrow(CliError);
    expect(filtersOf({ selector: 'env in (dev,prod),!canary' }).labelError).toBeUndefined();
  });
});
