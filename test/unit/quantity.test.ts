import { describe, it, expect } from 'vitest';
import { ERR_FORMAT_WRONG, ERR_SUFFIX, Quantity, QuantityParseError, canonicalQuantityString, parseQuantity, sumQuantities, tryParseQuantity } from '../../src/api/quantity';

const s = (x: string | number) => parseQuantity(x).toString();

describe('parseQuantity / String()', () => {
  it('keeps canonical inputs as written', () => {
    for (const x of ['100m', '1', '1Gi', '128Mi', '3Mi', '1k', '250m', '2', '1e3', '5G', '64Ki']) expect(s(x)).toBe(x);
  });

  it('canonicalizes like resource.Quantity', () => {
    expect(s('0.5')).toBe('500m');
    expect(s('0.1')).toBe('100m');
    expect(s('1.5')).toBe('1500m');
    expect(s('1000m')).toBe('1');
    expect(s('1000')).toBe('1k');
    expect(s('1200')).toBe('1200');
    expect(s('1024Mi')).toBe('1Gi');
    expect(s('1536Mi')).toBe('1536Mi');
    expect(s('1.5Gi')).toBe('1536Mi');
    expect(s('2048')).toBe('2048');
    expect(s('2e3')).toBe('2e3');
    expect(s('1.5e3')).toBe('1500');
    expect(s('0.5Ki')).toBe('512');
    expect(s('0.0001')).toBe('100u');
    expect(s('0.0000000001')).toBe('1n');
    expect(s('1500000k')).toBe('1500M');
    expect(s('-1')).toBe('-1');
    expect(s('-0.5')).toBe('-500m');
    expect(s('0')).toBe('0');
    expect(s('0Mi')).toBe('0');
  });

  it('keeps odd-but-canonical originals (Go caches the input string)', () => {
    expect(s('+1')).toBe('+1');
    expect(s('01')).toBe('01');
  });

  it('accepts numbers as a JSON decoder would have seen them', () => {
    expect(s(1)).toBe('1');
    expect(s(0.5)).toBe('500m');
    expect(s(2)).toBe('2');
    expect(canonicalQuantityString(1000)).toBe('1k');
  });

  it('reports Go error texts', () => {
    expect(() => parseQuantity('abc')).toThrow(QuantityParseError);
    expect(() => parseQuantity('abc')).toThrow(ERR_FORMAT_WRONG);
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(() => parseQuantity('')).toThrow(ERR_FORMAT_WRONG);
    expect(() => parseQuantity('1Gb')).toThrow(ERR_FORMAT_WRONG);
    expect(() => parseQuantity('1Ki1')).toThrow(ERR_SUFFIX);
    expect(() => parseQuantity('1X')).toThrow(ERR_FORMAT_WRONG);
    expect(tryParseQuantity('1x')).toBeNull();
    expect(tryParseQuantity({})).toBeNull();
  });
});

describe('values and arithmetic', () => {
  it('milli and integer values round up', () => {
    expect(parseQuantity('100m').milliValue()).toBe(100);
    expect(parseQuantity('1').milliValue()).toBe(1000);
    expect(parseQuantity('1.5').value()).toBe(2);
    expect(parseQuantity('1Mi').value()).toBe(1048576);
    expect(parseQuantity('1n').milliValue()).toBe(1);
    expect(parseQuantity('1Gi').valueBig()).toBe(1073741824n);
  });

  it('compares and sums', () => {
    expect(parseQuantity('1').cmp(parseQuantity('1000m'))).toBe(0);
    expect(parseQuantity('2').cmp(parseQuantity('1'))).toBe(1);
    expect(parseQuantity('500m').cmp(parseQuantity('1'))).toBe(-1);
    const sum = sumQuantities([parseQuantity('250m'), parseQuantity('500m'), parseQuantity('1')]);
    expect(sum.toString()).toBe('1750m');
    expect(parseQuantity('1Gi').add(parseQuantity('512Mi')).toString()).toBe('1536Mi');
    expect(parseQuantity('1Gi').sub(parseQuantity('1Gi')).toString()).toBe('0');
  });

  it('constructors format like NewMilliQuantity / NewQuantity', () => {
    expect(Quantity.fromMilli(1500).toString()).toBe('1500m');
    expect(Quantity.fromMilli(2000).toString()).toBe('2');
    expect(Quantity.fromValue(2147483648, 'BinarySI').toString()).toBe('2Gi');
    expect(Quantity.fromValue(1000, 'BinarySI').toString()).toBe('1k'); // |q| < 1024 prints as DecimalSI
    expect(Quantity.fromValue(3000, 'DecimalSI').toString()).toBe('3k');
    expect(Quantity.fromValue(16333824, 'BinarySI').toString()).toBe('15951Ki');
  });
});
