import { comparisonTable, regressionRows } from '../../baseline/comparison-table';
import type { ResultTables } from '../../notebook/result-values';
import type { BaselineResult } from './run-baseline-cell';

/**
 * A baseline cell's tables: `comparison`, the runner's baseline.csv (the table the notebook's
 * baseline assertions check), and `regressions`, its regressions.csv without discovery.
 */
export function baselineTables(result: BaselineResult): ResultTables {
  return {
    comparison: comparisonTable(result.comparison.rows),
    regressions: regressionRows(result.regressions),
  };
}
