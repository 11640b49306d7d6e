import { Z95, type Interval } from './wilson';

/** Examples that are alike for a statistic: leaving any one of them out gives `value`. */
export interface JackknifeGroup {
  count: number;
  /** The statistic on all the examples but one of this group. */
  value: number;
}

/**
 * The jackknife standard error of a statistic of n examples (Quenouille 1956; Tukey 1958; Efron &
 * Tibshirani 1993, "An Introduction to the Bootstrap", eq. 11.5):
 *   se^2 = (n - 1)/n * sum_i (theta_(i) - theta_(.))^2,
 * with theta_(i) the statistic without example i and theta_(.) their mean. From grouped data
 * (Fleiss & Davies 1982, "Jackknifing functions of multinomial frequencies, with an application to
 * a measure of concordance", Am J Epidemiol 115:841-845): examples alike in every count the
 * statistic reads leave the same theta_(i), so the sum runs over the groups, each counted
 * `count` times. NaN when a leave-one-out value is undefined.
 */
export function jackknifeStandardError(groups: readonly JackknifeGroup[]): number {
  const used = groups.filter((g) => g.count > 0);
  const n = used.reduce((s, g) => s + g.count, 0);
  if (n < 2) return NaN;
  const mean = used.reduce((s, g) => s + g.count * g.value, 0) / n;
  const squares = used.reduce((s, g) => s + g.count * (g.value - mean) ** 2, 0);
  return Math.sqrt(((n - 1) / n) * squares);
}

/** A normal interval around an estimate with a jackknife standard error. */
export function jackknifeInterval(
  estimate: number,
  groups: readonly JackknifeGroup[],
  z = Z95,
): Interval {
  const se = jackknifeStandardError(groups);
  if (!Number.isFinite(estimate) || !Number.isFinite(se)) return { low: NaN, high: NaN };
  return { low: estimate - z * se, high: estimate + z * se };
}
