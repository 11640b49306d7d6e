import type { PlainRow } from './comparison-table';
import type { HistoryPoint } from './run-history';

/**
 * The runner's history.csv and a history cell's table: the metric of every slice in every run,
 * with its interval.
 */
export function historyTable(points: readonly HistoryPoint[]): PlainRow[] {
  return points.map((p) => ({
    run: p.run,
    slice: p.slice,
    model: p.model,
    cell: p.cells.length > 0 ? p.cells.join(' ') : null,
    dataset: p.dataset,
    metric: p.metric,
    n: p.n,
    value: p.value,
    value_low_95: p.interval.low,
    value_high_95: p.interval.high,
  }));
}
