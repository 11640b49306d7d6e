import { describe, expect, it } from 'vitest';
import { signTest } from '../../src/lib/stats/sign-test';

describe('signTest', () => {
  // R's binom.test(x, n) (and scipy.stats.binomtest) two-sided p-values.
  it.each([
    [7, 3, 0.34375],
    [60, 40, 0.05688793364098089],
    [5, 5, 1],
    [0, 6, 0.03125],
  ])('%i wins and %i losses: p = %f', (wins, losses, p) => {
    expect(signTest(wins, losses)).toBeCloseTo(p, 12);
  });

  it('stays exact for large counts: 5,100 wins of 10,000', () => {
    // scipy.stats.binomtest(5100, 10000).pvalue.
    expect(signTest(5100, 4900)).toBeCloseTo(0.04658552770494645, 12);
  });

  it('is 1 without wins or losses, and refuses non-counts', () => {
    expect(signTest(0, 0)).toBe(1);
    expect(() => signTest(1.5, 2)).toThrow(/not a count: 1.5/);
  });
});
