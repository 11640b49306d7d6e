import type { MetricId } from './metrics';
import { exactPoisson } from '../stats/exact-poisson';
import { seededUniform } from '../stats/seeded-uniform';
import { wilsonInterval } from '../stats/wilson';
import type { PointValue } from './rank-models';

type Row = Record<string, unknown>;

/** The pattern bootstrap's seed: the same counts give the same replicates on every run. */
export const PATTERN_SEED = 2020;

/** The share right as the metric reads it: accuracy and 0/1 outcomes as is, error rate flipped. */
function asMetric(metric: MetricId, right: number, n: number): number {
  if (!(n > 0)) return NaN;
  return metric === 'error-rate' ? 1 - right / n : right / n;
}

/**
 * The complete examples counted by right mask (bit m: model m right), overall, from
 * agreementSql's rows: [pattern, examples], patterns in increasing order.
 */
export function patternCounts(rows: readonly Row[]): [number, number][] {
  const counts = new Map<number, number>();
  for (const r of rows) {
    if (r.complete !== true || Number(r.overall) !== 1) continue;
    const pattern = Number(r.pattern);
    counts.set(pattern, (counts.get(pattern) ?? 0) + Number(r.examples));
  }
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/**
 * Each model's value and `replicates` Poisson bootstrap replicates of every model's value at
 * once, from the counts of the complete examples per right mask (agreementSql's rows, overall).
 * The Poisson bootstrap weighs each example by an independent Poisson(1) draw (Hanley & MacGibbon
 * 2006; Chamandy et al. 2012); examples of one pattern count alike for every model, so a
 * replicate depends on them only through their total weight, a sum of n_p independent Poisson(1)
 * draws: Poisson(n_p), independent between patterns. Drawing that total per pattern (exactly,
 * exactPoisson) gives the example-level bootstrap's replicates in distribution, paired across
 * models, in O(patterns) per replicate instead of a pass over the examples.
 */
export function shareRight(
  metric: MetricId,
  models: readonly string[],
  rows: readonly Row[],
  replicates: number,
  seed = PATTERN_SEED,
): { points: PointValue[]; replicates: number[][] } {
  const k = models.length;
  const patterns = patternCounts(rows);
  const total = (weight: (i: number) => number) => {
    let n = 0;
    const sums = new Float64Array(k);
    patterns.forEach(([pattern], i) => {
      const w = weight(i);
      n += w;
      for (let m = 0; m < k; m++) if (pattern & (1 << m)) sums[m] += w;
    });
    return { n, sums };
  };
  const all = total((i) => patterns[i][1]);
  const points = models.map((_, m) => {
    const successes = metric === 'error-rate' ? all.n - all.sums[m] : all.sums[m];
    return {
      value: asMetric(metric, all.sums[m], all.n),
      n: all.n,
      interval: wilsonInterval(successes, all.n),
    };
  });
  const draw = exactPoisson(seededUniform(seed));
  const out = Array.from({ length: replicates }, () => {
    const { n, sums } = total((i) => draw(patterns[i][1]));
    return models.map((_, m) => asMetric(metric, sums[m], n));
  });
  return { points, replicates: out };
}
