import type { SliceComparison } from './read-comparison';
import type { Regressions } from './regressions';

/** A row of plain values, as the notebook's result tables hold them (notebook/result-values.ts). */
export type PlainRow = Record<string, string | number | boolean | null>;

/**
 * The comparison as a flat table: the runner's baseline.csv, a baseline cell's `comparison`
 * table, and the rows the notebook's baseline assertions check.
 */
export function comparisonTable(rows: readonly SliceComparison[]): PlainRow[] {
  return rows.map((r) => ({
    slice: r.slice,
    model: r.model,
    cell: r.cells.length > 0 ? r.cells.join(' ') : null,
    dataset: r.dataset,
    n: r.n,
    baseline: r.baseline,
    candidate: r.candidate,
    difference: r.difference,
    difference_low_95: r.interval.low,
    difference_high_95: r.interval.high,
    p: r.p,
    q: r.q,
    method: r.method,
    paired: r.paired,
    overall: r.overall,
    only_candidate: r.onlyCandidate,
    only_baseline: r.onlyBaseline,
  }));
}

/** The slices that got worse (worst first), then those that got better, each with its `change`. */
export function regressionRows({ worse, better }: Regressions): PlainRow[] {
  return [
    ...comparisonTable(worse).map((r) => ({ change: 'worse', ...r })),
    ...comparisonTable(better).map((r) => ({ change: 'better', ...r })),
  ];
}
