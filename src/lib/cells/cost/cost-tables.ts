import { columnName, withInterval, type ResultTables } from '../../notebook/result-values';
import type { CostRow } from './read-cost';
import type { CostResult } from './run-cost-cell';

/** A cost cell's table: quality and cost per model (and slice), and whether it is on the front. */
export function costTables(result: CostResult): ResultTables {
  const quality = columnName(result.metric);
  const row = (r: CostRow) => ({
    model: r.model,
    feature: result.feature,
    slice: r.slice,
    rows: r.rows,
    n: r.n,
    ...withInterval('mean', r.mean, r.meanInterval),
    ...withInterval('p50', r.p50, r.p50Interval),
    ...withInterval('p95', r.p95, r.p95Interval),
    ...withInterval(quality, r.quality.value, r.qualityInterval),
    pareto_front: r.front,
  });
  return { cost: [...result.overall, ...result.slices].map(row) };
}
