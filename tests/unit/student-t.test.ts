import { describe, expect, it } from 'vitest';
import { meanInterval, studentTCdf, studentTQuantile } from '../../src/lib/stats/student-t';

describe('studentTQuantile', () => {
  // Published two-sided 95% (and one-sided 95%) t-table values, confirmed with scipy.stats.t.ppf.
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [5, 2.5706],
    [10, 2.2281],
    [30, 2.0423],
    [100, 1.984],
  ])('0.975 quantile with %i degrees of freedom is %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 4);
  });

  it('0.95 quantile with 10 degrees of freedom is 1.8125', () => {
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.8125, 4);
  });

  it('lower quantiles are the negated upper ones, and the median is 0', () => {
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
    expect(studentTQuantile(0.5, 10)).toBeCloseTo(0, 10);
  });

  it('is NaN outside 0 < p < 1 or without degrees of freedom', () => {
    expect(studentTQuantile(0, 5)).toBeNaN();
    expect(studentTQuantile(1, 5)).toBeNaN();
    expect(studentTQuantile(0.975, 0)).toBeNaN();
  });
});

describe('studentTCdf', () => {
  it('matches scipy.stats.t.cdf', () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490303, 6);
    expect(studentTCdf(1.5, 3.5)).toBeCloseTo(0.8910909, 6);
  });

  it('is symmetric about 0: F(-t) = 1 - F(t)', () => {
    for (const df of [1, 3, 7.5, 40]) {
      for (const t of [0.1, 1, 2.5, 10]) {
        expect(studentTCdf(-t, df)).toBeCloseTo(1 - studentTCdf(t, df), 12);
      }
    }
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 12);
  });
});

describe('meanInterval', () => {
  it('gives mean +- t(0.975, n-1) * sd / sqrt(n) on a hand-computed sample', () => {
    // Values 2,4,4,4,5,5,7,9: mean 5, squared deviations sum to 32, sample sd sqrt(32/7) = 2.13809.
    // Half width 2.364624 * 2.13809 / sqrt(8) = 1.787488 (t from the table, df 7).
    const interval = meanInterval(5, Math.sqrt(32 / 7), 8);
    expect(interval.low).toBeCloseTo(3.212512, 5);
    expect(interval.high).toBeCloseTo(6.787488, 5);
  });

  it('is NaN for fewer than two values or an undefined sd', () => {
    expect(meanInterval(5, 1, 1).low).toBeNaN();
    expect(meanInterval(5, NaN, 10).high).toBeNaN();
  });
});
