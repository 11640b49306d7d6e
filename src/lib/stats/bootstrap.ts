import type { Interval } from './wilson';

/**
 * The deterministic Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating
 * uncertainty for massive data streams"). Instead of resampling n rows, each row gets an
 * independent Poisson(1) weight per replicate, so a replicate is one weighted pass of the same
 * GROUP BY. The weight comes from a hash of the example id and the replicate number, so the same
 * data gives the same intervals on every run, in the browser and in Node, with no random state.
 */

/** Poisson(1) CDF at 0..4, P(K <= k) = e^-1 (1 + 1 + 1/2 + 1/6 + 1/24), to four places. */
export const POISSON_CUTS = [0.3679, 0.7358, 0.9197, 0.981, 0.9963] as const;

/**
 * The percentile bootstrap interval: the (1 - level)/2 and (1 + level)/2 quantiles of the
 * replicate values, linearly interpolated (Hyndman & Fan type 7, numpy's default). Replicates where
 * the metric is undefined (NaN, e.g. an AUC without positives) are left out.
 */
export function percentileInterval(values: readonly number[], level = 0.95): Interval {
  if (!(level > 0 && level < 1))
    throw new Error(`interval level must be between 0 and 1, not ${level}`);
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length < 2) return { low: NaN, high: NaN };
  return { low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, (1 + level) / 2) };
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}
