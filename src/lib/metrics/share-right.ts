import type { MetricId } from './metrics';
import { wilsonInterval } from '../stats/wilson';
import type { PointValue } from './rank-models';

type Row = Record<string, unknown>;

/** The share right as the metric reads it: accuracy and 0/1 outcomes as is, error rate flipped. */
function asMetric(metric: MetricId, right: number, n: number): number {
  if (!(n > 0)) return NaN;
  return metric === 'error-rate' ? 1 - right / n : right / n;
}

/**
 * Each model's value and its bootstrap replicates from agreementSql's counts per bucket and
 * pattern (complete examples, overall): a bucket's examples right for model m are its patterns
 * with bit m, so every model is resampled on the same examples from the one pass that also
 * pairs them (weights[replicate][bucket] as readBucketWeights gives them).
 */
export function shareRight(
  metric: MetricId,
  models: readonly string[],
  rows: readonly Row[],
  weights: readonly Uint8Array[],
): { points: PointValue[]; replicates: number[][] } {
  const k = models.length;
  const buckets = weights[0]?.length ?? 0;
  const examples = new Float64Array(buckets);
  const right = new Float64Array(buckets * k);
  for (const r of rows) {
    if (r.complete !== true || Number(r.overall) !== 1 || r.bucket === null) continue;
    const b = Number(r.bucket);
    const count = Number(r.examples);
    const pattern = Number(r.pattern);
    examples[b] += count;
    for (let m = 0; m < k; m++) if (pattern & (1 << m)) right[b * k + m] += count;
  }
  const total = (w: (b: number) => number) => {
    let n = 0;
    const sums = new Float64Array(k);
    for (let b = 0; b < buckets; b++) {
      const weight = w(b);
      if (weight === 0) continue;
      n += weight * examples[b];
      for (let m = 0; m < k; m++) sums[m] += weight * right[b * k + m];
    }
    return { n, sums };
  };
  const all = total(() => 1);
  const points = models.map((_, m) => {
    const successes = metric === 'error-rate' ? all.n - all.sums[m] : all.sums[m];
    return {
      value: asMetric(metric, all.sums[m], all.n),
      n: all.n,
      interval: wilsonInterval(successes, all.n),
    };
  });
  const replicates = weights.map((w) => {
    const { n, sums } = total((b) => w[b]);
    return models.map((_, m) => asMetric(metric, sums[m], n));
  });
  return { points, replicates };
}
