import type { OverviewRow } from '../../metrics/overview';
import {
  columnName,
  withInterval,
  type FlatRow,
  type ResultTables,
} from '../../notebook/result-values';
import type { OverviewCellResult } from './run-overview-cell';

/** An overview cell's table: a row per model (docs/notebook-format.md lists the columns). */
export function overviewTables(result: OverviewCellResult): ResultTables {
  return { overview: result.rows.map(overviewRow) };
}

function overviewRow(r: OverviewRow): FlatRow {
  return {
    model: r.model,
    n: r.n,
    excluded: r.excluded,
    ...withInterval(columnName(r.metric), r.estimate, r.interval),
    method: r.method,
    missing_predictions: r.missingPredictions,
  };
}
