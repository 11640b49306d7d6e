import { wilsonInterval, Z95, type Interval } from './wilson';

/**
 * Interval for p1 - p2, the difference of two independent proportions s1/n1 and s2/n2: Newcombe's
 * hybrid score interval (Newcombe 1998, Statistics in Medicine 17:873-890, method 10). It combines
 * the two Wilson intervals (l1, u1) and (l2, u2):
 *   low  = D - sqrt((p1 - l1)^2 + (u2 - p2)^2)
 *   high = D + sqrt((u1 - p1)^2 + (p2 - l2)^2)
 * and, unlike the Wald interval, stays inside [-1, 1] and is sensible at 0 and n successes.
 */
export function newcombeDifference(
  s1: number,
  n1: number,
  s2: number,
  n2: number,
  z = Z95,
): Interval {
  if (!(n1 > 0 && n2 > 0)) return { low: NaN, high: NaN };
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const first = wilsonInterval(s1, n1, z);
  const second = wilsonInterval(s2, n2, z);
  const difference = p1 - p2;
  return {
    low: difference - Math.hypot(p1 - first.low, second.high - p2),
    high: difference + Math.hypot(first.high - p1, p2 - second.low),
  };
}
