import { readMetric, type MetricId } from './metrics';

type Row = Record<string, unknown>;

/** Columns of a metric's statistics that are not sums over the rows (resample-buckets.ts). */
const NOT_SUMS = new Set(['replicate', 'bucket', 'centre', 'binary']);

/** The examples a metric reads in a slice (its statistics row): those neither unlabelled nor undecided. */
export function examplesRead(metric: MetricId, row: Row): number {
  return Number(row.rows ?? 0) - readMetric(metric, row).excluded;
}

/**
 * One statistics row for several slices mixed in the given shares (normalised here), to be read
 * with readMetric: each slice's sums scaled by share × N / n_s, n_s the examples the metric reads
 * in the slice and N those of all the slices, so every example of slice s weighs q_s / p_s (its
 * share of the target over its share of the test set). For a mean over examples this is the
 * post-stratified mean Σ q_s m_s; for a ratio of sums (precision, F1, RMSE, R²) each sum is
 * reweighted, which is what the metric would be if each slice kept its own per-example
 * statistics. Only for metrics whose statistics are sums (isSum); slices whose metric reads no
 * example must be left out.
 */
export function reweightSlices(
  metric: MetricId,
  slices: readonly { row: Row; share: number }[],
): Row {
  const examples = slices.map((s) => examplesRead(metric, s.row));
  if (examples.some((n) => !(n > 0)))
    throw new Error('every slice to reweight needs an example the metric reads');
  const total = examples.reduce((a, b) => a + b, 0);
  const shares = slices.reduce((a, s) => a + s.share, 0);
  const out: Row = {};
  slices.forEach(({ row, share }, i) => {
    const factor = ((share / shares) * total) / examples[i];
    for (const [column, value] of Object.entries(row)) {
      if (column.startsWith('slice_')) continue;
      if (column === 'binary') out.binary = (out.binary ?? true) && value === true;
      else if (NOT_SUMS.has(column)) out[column] ??= value;
      else out[column] = Number(out[column] ?? 0) + factor * Number(value ?? 0);
    }
  });
  return out;
}
