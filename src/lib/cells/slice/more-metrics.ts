import type { MetricId } from '../../metrics/metrics';
import type { SliceRow } from './read-slice-table';
import type { SliceResult } from './run-slice-cell';

/** A slice's identity across the tables of several metrics: its model and feature values. */
export const sliceKey = (row: SliceRow) => JSON.stringify([row.model, row.values]);

/** A further metric of a slice table, and its row for each slice of the first metric's table. */
export interface MoreMetric {
  metric: MetricId;
  rowOf: (row: SliceRow) => SliceRow | undefined;
}

/** The result's further metrics (a saved result from before they existed has none). */
export function moreMetrics(result: SliceResult): MoreMetric[] {
  return (result.more ?? []).map(({ metric, rows }) => {
    const byKey = new Map(rows.map((r) => [sliceKey(r), r]));
    return { metric, rowOf: (row) => byKey.get(sliceKey(row)) };
  });
}
