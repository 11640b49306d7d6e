import { describe, expect, it } from 'vitest';
import {
  formatCountOf,
  formatDifference,
  formatGap,
  formatMetric,
  formatPValue,
  formatRatio,
  plural,
} from '../../src/lib/format';

describe('number formatting shared by every table', () => {
  it('writes p-values to three decimals and tiny ones as <0.001', () => {
    expect([0.04999, 0.001, 0.00099, 1, NaN].map(formatPValue)).toEqual([
      '0.050',
      '0.001',
      '<0.001',
      '1.000',
      '–',
    ]);
  });

  it('signs differences, in percentage points for rates', () => {
    expect(formatDifference(0.025, true)).toBe('+2.5 pts');
    expect(formatDifference(-0.1234, true)).toBe('-12.3 pts');
    expect(formatDifference(0, true)).toBe('0.0 pts');
    expect(formatDifference(1.23456, false)).toBe('+1.23');
    expect(formatDifference(Infinity, false)).toBe('–');
  });

  it('writes gaps without a sign, metrics as percentages or 3 digits, ratios to 3 decimals', () => {
    expect([formatGap(0.071, true), formatGap(0.5, false), formatGap(NaN, true)]).toEqual([
      '7.1 pts',
      '0.500',
      '–',
    ]);
    expect([formatMetric(0.8766, true), formatMetric(123.456, false)]).toEqual(['87.7%', '123.5']);
    expect([formatRatio(0.8), formatRatio(-Infinity)]).toEqual(['0.800', '–']);
  });

  it('counts with the noun singular only for one', () => {
    expect([
      formatCountOf(1, 'example'),
      formatCountOf(0, 'row'),
      formatCountOf(1204, 'example'),
    ]).toEqual(['1 example', '0 rows', '1,204 examples']);
    expect([plural(1, 'file'), plural(0, 'file'), plural(1204, 'column')]).toEqual([
      'file',
      'files',
      'columns',
    ]);
  });
});
