import { describe, expect, it } from 'vitest';
import {
  decimalsFor,
  formatEstimate,
  formatGapToInterval,
  formatSignedToInterval,
  formatToInterval,
  fullEstimate,
} from '../../src/lib/format';

// Worked by hand with the Particle Data Group's rule: take the half-width's three leading digits;
// 100-354 keep two significant digits, 355-999 one; the value stops at the same decimal.
describe('precision that follows the interval', () => {
  it('one significant digit of a half-width from 355 up, two below', () => {
    expect(decimalsFor(0.8027, 0.8181)).toBe(3); // ±0.0077: 770 → one digit, 0.008
    expect(decimalsFor(55.1, 62.9)).toBe(0); // ±3.9: 390 → one digit, 4
    expect(decimalsFor(56.2, 61.9)).toBe(1); // ±2.85: 285 → two digits, 2.9
    expect(decimalsFor(0.9279, 0.9281)).toBe(5); // ±0.0001: 100 → two digits, 0.00010
    expect(decimalsFor(0.99, 1.0098)).toBe(3); // ±0.0099: 990 → up to 0.010, two digits
    expect(decimalsFor(1, 1.708)).toBe(2); // ±0.354: 354 → two digits, 0.35
    expect(decimalsFor(1, 1.712)).toBe(1); // ±0.356: 356 → one digit, 0.4
    expect(decimalsFor(1200, 1700)).toBe(0); // ±250: no decimals, whole numbers kept
  });

  it('win rates a hair apart: 1.16 and 1.09 with ±0.15 keep two decimals (issue 24)', () => {
    const interval = (v: number) => ({ low: v - 0.15, high: v + 0.15 });
    expect(formatToInterval(1.1604, interval(1.1604), false)).toBe('1.16');
    expect(formatToInterval(1.0912, interval(1.0912), false)).toBe('1.09');
  });

  it('shows two values a hair apart alike, and apart on demand', () => {
    const narrow = { low: 0.925, high: 0.931 }; // ±0.3 points: 300 → two digits, 0.30
    expect(formatToInterval(0.92804, narrow, true)).toBe('92.80%');
    expect(formatToInterval(0.92812, narrow, true)).toBe('92.81%');
    const wide = { low: 0.9, high: 0.96 }; // ±3 points: 300 → 3.0, one decimal
    expect(formatToInterval(0.92804, wide, true)).toBe('92.8%');
    expect(formatToInterval(0.92812, wide, true)).toBe('92.8%');
    expect(formatToInterval(0.92804, wide, true, 2)).toBe('92.804%');
    expect(formatToInterval(0.92812, wide, true, 2)).toBe('92.812%');
  });

  it('without an interval, or with a zero-width one: three significant digits of the value', () => {
    expect(formatToInterval(0.81037, null, false)).toBe('0.810');
    expect(formatToInterval(0.81037, { low: NaN, high: NaN }, false)).toBe('0.810');
    expect(formatToInterval(42.1234, undefined, false)).toBe('42.1');
    expect(formatToInterval(1234.56, null, false)).toBe('1235');
    expect(formatToInterval(1, { low: 1, high: 1 }, true)).toBe('100%');
    expect(formatToInterval(0.5, { low: 0.5, high: 0.5 }, false)).toBe('0.500');
    expect(formatToInterval(0, { low: 0, high: 0 }, false)).toBe('0.000');
    expect(formatToInterval(NaN, { low: 0, high: 1 }, false)).toBe('–');
  });

  it('more digits are added to what the interval supports, at most 8 decimals', () => {
    expect(decimalsFor(0.8027, 0.8181, 2)).toBe(5);
    expect(decimalsFor(0.5, 0.5 + 2e-9, 2)).toBe(8);
  });
});

describe('differences and gaps to the digits of their interval', () => {
  it('a signed difference of rates in points, with a true minus sign', () => {
    // ±1.75 points: 175 → two digits, one decimal.
    expect(formatSignedToInterval(-0.0123, { low: -0.03, high: 0.005 }, true)).toBe('−1.2 pts');
    expect(formatSignedToInterval(0.0123, { low: -0.005, high: 0.03 }, true)).toBe('+1.2 pts');
    expect(formatSignedToInterval(0.0123, { low: -0.005, high: 0.03 }, true, 2)).toBe('+1.230 pts');
  });

  it('a difference that rounds to zero reads ±0', () => {
    expect(formatSignedToInterval(0.0004, { low: -0.01, high: 0.0108 }, true)).toBe('±0.0 pts');
    expect(formatSignedToInterval(-0.0004, { low: -0.01, high: 0.0108 }, false)).toBe('±0.000');
  });

  it('a gap or drop: points without a plus, a minus where it rose', () => {
    // ±0.8 points: 800 → one digit, one decimal.
    expect(formatGapToInterval(0.112, { low: 0.104, high: 0.12 }, true)).toBe('11.2 pts');
    expect(formatGapToInterval(-0.012, { low: -0.02, high: -0.004 }, true)).toBe('−1.2 pts');
    expect(formatGapToInterval(0.25, { low: 0.2, high: 0.3 }, false)).toBe('0.25');
  });

  it('formatEstimate picks the form', () => {
    const i = { low: -0.005, high: 0.03 };
    expect(formatEstimate(0.0123, i, true, 'value')).toBe('1.2%');
    expect(formatEstimate(0.0123, i, true, 'signed')).toBe('+1.2 pts');
    expect(formatEstimate(0.0123, i, true, 'gap')).toBe('1.2 pts');
  });
});

describe('the full value for a tooltip', () => {
  it('holds what the page rounds, without float noise', () => {
    expect(fullEstimate(0.7365, { low: 0.71771, high: 0.75463 }, true)).toBe(
      '73.65% (95% interval 71.771% to 75.463%)',
    );
    expect(fullEstimate(0.1 + 0.2, null, false)).toBe('0.3');
    expect(fullEstimate(-0.0123, { low: -0.03, high: 0.005 }, true, 'signed')).toBe(
      '-1.23 pts (95% interval -3 pts to +0.5 pts)',
    );
    expect(fullEstimate(4.2, { low: 3.9, high: Infinity }, false)).toBe(
      '4.2 (95% interval 3.9 to ∞)',
    );
  });
});
