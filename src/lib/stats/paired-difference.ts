import { wilsonInterval, Z95, type Interval } from './wilson';

/**
 * Interval for the difference of two paired proportions p1 - p2 = (b - c)/n, from the 2x2 table
 * of pairs: a (both right), b (first right only), c (second right only), d (both wrong).
 * Newcombe's hybrid score interval for paired data (Newcombe 1998, Statistics in Medicine
 * 17:2635-2650, method 10), as written by Fagerland, Lydersen & Laake ("Recommended tests and
 * confidence intervals for paired binomial proportions", Statistics in Medicine 2014,
 * 33:2850-2875), with the Wilson intervals (l1, u1), (l2, u2) of the two
 * marginal proportions and their correlation phi = (ad - bc) / sqrt((a+b)(c+d)(a+c)(b+d)),
 * taken as 0 when a margin is empty:
 *   low  = D - sqrt((p1 - l1)^2 - 2 phi (p1 - l1)(u2 - p2) + (u2 - p2)^2)
 *   high = D + sqrt((p2 - l2)^2 - 2 phi (p2 - l2)(u1 - p1) + (u1 - p1)^2)
 */
export function pairedDifference(a: number, b: number, c: number, d: number, z = Z95): Interval {
  const n = a + b + c + d;
  if (!(n > 0)) return { low: NaN, high: NaN };
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const first = wilsonInterval(a + b, n, z);
  const second = wilsonInterval(a + c, n, z);
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  const phi = margins > 0 ? (a * d - b * c) / Math.sqrt(margins) : 0;
  const below = (x: number, y: number) => Math.sqrt(Math.max(0, x * x - 2 * phi * x * y + y * y));
  const difference = p1 - p2;
  return {
    low: Math.max(-1, difference - below(p1 - first.low, second.high - p2)),
    high: Math.min(1, difference + below(p2 - second.low, first.high - p1)),
  };
}
