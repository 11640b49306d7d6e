import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../src/lib/stats/fisher-exact';
import {
  proportionDifferenceTest,
  twoProportionTest,
} from '../../src/lib/stats/two-proportion-test';

describe('twoProportionTest', () => {
  it('matches a hand computation for 56/70 vs 48/80', () => {
    // Pooled p = 104/150; se = sqrt(p(1-p)(1/70 + 1/80)) = 0.0754674; z = 0.2 / se = 2.650172.
    // scipy.stats.chi2_contingency(correction=False): sqrt(X^2) = 2.650172, p = 0.0080451.
    const test = twoProportionTest(56, 70, 48, 80);
    expect(test.z).toBeCloseTo(2.650172, 5);
    expect(test.p).toBeCloseTo(0.008045081368196585, 10);
  });

  it.each([
    [9, 10, 3, 10, 2.7386127875258306, 0.0061698993205441645],
    [812, 1000, 790, 1000, 1.2321537035111396, 0.21789167360637257],
  ])('%i/%i vs %i/%i: |z| and p equal Pearson chi-square (scipy)', (s1, n1, s2, n2, z, p) => {
    const test = twoProportionTest(s1, n1, s2, n2);
    expect(test.z).toBeCloseTo(z, 10);
    expect(test.p).toBeCloseTo(p, 10);
  });

  it('is symmetric, and p = 1 when both groups have no successes', () => {
    expect(twoProportionTest(48, 80, 56, 70).z).toBeCloseTo(-2.650172, 5);
    expect(twoProportionTest(0, 10, 0, 20)).toMatchObject({ p: 1, z: 0 });
    expect(twoProportionTest(3, 0, 1, 5).p).toBeNaN();
  });
});

describe('proportionDifferenceTest', () => {
  it('uses the z test when every expected count is at least 5', () => {
    // Expected counts: 70 x 46/150 = 21.5 is the smallest.
    expect(proportionDifferenceTest(56, 70, 48, 80)).toMatchObject({ method: 'two-proportion z' });
  });

  it("uses Fisher's exact test when an expected count is below 5", () => {
    // Expected successes in the first group: 10 x 12/20 = 6, failures 10 x 8/20 = 4 < 5.
    const test = proportionDifferenceTest(9, 10, 3, 10);
    expect(test.method).toBe('Fisher exact');
    expect(test.p).toBeCloseTo(fisherExact(9, 1, 3, 7), 12);
    // A slice of 10 with zero errors against a rest of 2000 at 50%: expected errors 4.98.
    expect(proportionDifferenceTest(10, 10, 1000, 2000)).toMatchObject({
      method: 'Fisher exact',
    });
    expect(proportionDifferenceTest(10, 10, 1000, 2000).p).toBeCloseTo(0.0019118274939349316, 12);
  });
});
