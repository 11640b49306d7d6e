import { Z95, type Interval } from './wilson';

/**
 * Interval for a correlation by Fisher's z transformation (Fisher 1921, "On the 'probable error'
 * of a coefficient of correlation deduced from a small sample", Metron 1:3-32): atanh(r) is
 * roughly normal with standard error 1/sqrt(n - 3), so the interval is
 * tanh(atanh(r) +- z / sqrt(n - 3)). Needs n > 3; at |r| = 1 it is the point.
 */
export function fisherZInterval(r: number, n: number, z = Z95): Interval {
  if (!(n > 3) || !Number.isFinite(r) || Math.abs(r) > 1) return { low: NaN, high: NaN };
  if (Math.abs(r) === 1) return { low: r, high: r };
  const centre = Math.atanh(r);
  const half = z / Math.sqrt(n - 3);
  return { low: Math.tanh(centre - half), high: Math.tanh(centre + half) };
}
