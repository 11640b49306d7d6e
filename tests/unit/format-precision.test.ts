import { describe, expect, it } from 'vitest';
import { decimalsFor, formatToInterval } from '../../src/lib/format';

describe('precision that follows the interval', () => {
  it('stops at the first significant digit of the half-width', () => {
    expect(decimalsFor(0.8027, 0.8181)).toBe(3); // ±0.0077
    expect(decimalsFor(55.1, 62.9)).toBe(0); // ±3.9
    expect(decimalsFor(0.9279, 0.9281)).toBe(4); // ±0.0001
    expect(decimalsFor(NaN, NaN)).toBe(3);
  });

  it('shows two values a hair apart alike, and apart on demand', () => {
    const interval = { low: 0.925, high: 0.931 };
    expect(formatToInterval(0.92804, interval, true)).toBe('92.8%');
    expect(formatToInterval(0.92812, interval, true)).toBe('92.8%');
    expect(formatToInterval(0.92804, interval, true, 2)).toBe('92.804%');
    expect(formatToInterval(0.92812, interval, true, 2)).toBe('92.812%');
    expect(formatToInterval(59.055, { low: 56.2, high: 61.9 }, false)).toBe('59');
  });
});
