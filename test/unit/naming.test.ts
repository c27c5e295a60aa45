import { describe, expect, it } from 'vitest';
import { computeHash, fnv1a32, generateName, safeEncodeString, ALPHANUMS } from '../../src/api/naming';
import { Random } from '../../src/sim/random';
import { humanDuration, goDurationString } from '../../src/printers/duration';
import { parseSelector, fromLabelSelector, formatLabelSelector } from '../../src/api/selectors';

describe('names and hashes', () => {
  it('FNV-1a 32 matches the reference vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('safe-encodes decimal digits into the hash alphabet like pod-template-hash', () => {
    // 3123191453 → 75675f5897 (reference §3.2)
    expect(safeEncodeString('3123191453')).toBe('75675f5897');
    expect(safeEncodeString('703038527')).toBe('c4747d96c');
  });

  it('same template gives the same hash; a collision count changes it', () => {
    const t = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    const same = JSON.parse(JSON.stringify(t));
    expect(computeHash(t)).toBe(computeHash(same));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(t)).toMatch(/^[456789bcdf]+$/);
  });

  it('generateName appends 5 characters of the alphabet, truncating long bases to 58', () => {
    const rng = Random.fromSeed(3);
    const n = generateName(rng, 'web-');
    expect(n).toMatch(new RegExp(`^web-[${ALPHANUMS}]{5}$`));
    expect(generateName(rng, 'x'.repeat(70)).length).toBe(63);
  });
});

describe('HumanDuration (AGE)', () => {
  it.each([
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [330_000, '5m30s'],
    [600_000, '10m'],
    [10_799_000, '179m'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [47 * 3600_000, '47h'],
    [(2 * 24 + 5) * 3600_000, '2d5h'],
    [8 * 24 * 3600_000, '8d'],
    [(2 * 365 + 1) * 24 * 3600_000, '2y1d'],
    [-500, '0s'],
    [-5000, '<invalid>'],
  ])('%i ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want));

  it('prints Go durations as the kubelet does', () => {
    expect(goDurationString(812)).toBe('812ms');
    expect(goDurationString(1200)).toBe('1.2s');
    expect(goDurationString(62_500)).toBe('1m2.5s');
    expect(goDurationString(3_600_000)).toBe('1h0m0s');
  });
});

describe('label selectors', () => {
  it('parses and matches set-based selectors', () => {
    const s = parseSelector('env in (dev,prod),!canary,tier');
    expect(s.matches({ env: 'dev', tier: 'web' })).toBe(true);
    expect(s.matches({ env: 'dev', tier: 'web', canary: 'true' })).toBe(false);
    expect(s.matches({ env: 'qa', tier: 'web' })).toBe(false);
    expect(s.matches({ env: 'prod' })).toBe(false);
  });

  it('formats LabelSelectors as kubectl prints SELECTOR', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['y', 'x'] }] })).toBe('a=1,b=2,c notin (x,y)');
    expect(formatLabelSelector({})).toBe('<none>');
  });

  it('a nil selector matches nothing, an empty one everything', () => {
    expect(fromLabelSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(fromLabelSelector({}).matches({ a: 'b' })).toBe(true);
  });

  it('reports syntax errors', () => {
    expect(() => parseSelector('env in dev')).toThrow("unable to parse requirement: found 'dev', expected: '('");
  });
});
