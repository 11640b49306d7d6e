import { fisherExact } from './fisher-exact';
import { normalCdf } from './normal';

export interface ProportionTest {
  p: number;
  method: 'two-proportion z' | 'Fisher exact';
  /** The z statistic, for the z test. */
  z?: number;
}

/**
 * Pooled two-proportion z test of s1/n1 against s2/n2, two-sided: z = (p1 - p2) / sqrt(p(1 - p)
 * (1/n1 + 1/n2)) with p = (s1 + s2)/(n1 + n2). Equal to Pearson's chi-square test of the 2x2
 * table without continuity correction (z^2 = X^2).
 */
export function twoProportionTest(s1: number, n1: number, s2: number, n2: number): ProportionTest {
  if (!(n1 > 0 && n2 > 0)) return { p: NaN, method: 'two-proportion z', z: NaN };
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Both groups all successes or all failures: no evidence of a difference.
  if (se === 0) return { p: 1, method: 'two-proportion z', z: 0 };
  const z = (s1 / n1 - s2 / n2) / se;
  return { p: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: 'two-proportion z', z };
}

/**
 * Tests whether two independent proportions differ: the z test when every expected cell count of
 * the 2x2 table is at least 5 (Cochran's rule), Fisher's exact test otherwise.
 */
export function proportionDifferenceTest(
  s1: number,
  n1: number,
  s2: number,
  n2: number,
): ProportionTest {
  if (!(n1 > 0 && n2 > 0)) return { p: NaN, method: 'two-proportion z', z: NaN };
  const total = n1 + n2;
  const successes = s1 + s2;
  const smallestExpected = (Math.min(n1, n2) * Math.min(successes, total - successes)) / total;
  if (smallestExpected >= 5) return twoProportionTest(s1, n1, s2, n2);
  return { p: fisherExact(s1, n1 - s1, s2, n2 - s2), method: 'Fisher exact' };
}
