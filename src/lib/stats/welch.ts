import { studentTCdf, studentTQuantile } from './student-t';

/** A difference of two means with its 95% interval and two-sided p. */
export interface MeanDifference {
  difference: number;
  low: number;
  high: number;
  p: number;
}

/**
 * Welch's unequal-variances t interval and test for mean1 - mean2 (Welch 1947, Biometrika
 * 34:28-35), from each sample's size, mean and variance; degrees of freedom by Welch-Satterthwaite:
 * df = (v1/n1 + v2/n2)^2 / ((v1/n1)^2/(n1-1) + (v2/n2)^2/(n2-1)). R's t.test(x, y).
 */
export function welchTest(
  n1: number,
  mean1: number,
  variance1: number,
  n2: number,
  mean2: number,
  variance2: number,
): MeanDifference {
  const difference = mean1 - mean2;
  const se2 = variance1 / n1 + variance2 / n2;
  if (!(n1 > 1 && n2 > 1 && se2 > 0)) return { difference, low: NaN, high: NaN, p: NaN };
  const df = (se2 * se2) / ((variance1 / n1) ** 2 / (n1 - 1) + (variance2 / n2) ** 2 / (n2 - 1));
  const half = studentTQuantile(0.975, df) * Math.sqrt(se2);
  const t = difference / Math.sqrt(se2);
  return {
    difference,
    low: difference - half,
    high: difference + half,
    p: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
  };
}

/** Welch's test from sums: n, sum and sum of squares of each sample. */
export function welchFromSums(
  n1: number,
  sum1: number,
  squares1: number,
  n2: number,
  sum2: number,
  squares2: number,
): MeanDifference {
  const [m1, m2] = [sum1 / n1, sum2 / n2];
  const variance = (n: number, m: number, squares: number) =>
    n > 1 ? Math.max(0, (squares - n * m * m) / (n - 1)) : NaN;
  return welchTest(n1, m1, variance(n1, m1, squares1), n2, m2, variance(n2, m2, squares2));
}

/**
 * The paired t interval and test of a mean difference (Student 1908): t = mean / (sd / sqrt(n)) on
 * n - 1 df, from the differences' count, mean and sample standard deviation. R's
 * t.test(x, y, paired = TRUE). All differences equal: the interval is that value and p is 1 when
 * it is 0, else 0.
 */
export function pairedTTest(n: number, mean: number, sd: number): MeanDifference {
  if (!(n > 1) || !Number.isFinite(sd)) return { difference: mean, low: NaN, high: NaN, p: NaN };
  if (sd === 0) return { difference: mean, low: mean, high: mean, p: mean === 0 ? 1 : 0 };
  const se = sd / Math.sqrt(n);
  const half = studentTQuantile(0.975, n - 1) * se;
  return {
    difference: mean,
    low: mean - half,
    high: mean + half,
    p: Math.min(1, 2 * studentTCdf(-Math.abs(mean / se), n - 1)),
  };
}
