import { historyTable } from '../../baseline/history-table';
import type { ResultTables } from '../../notebook/result-values';
import type { HistoryResult } from './run-history-cell';

/** A history cell's table: the runner's history.csv. */
export function historyTables(result: HistoryResult): ResultTables {
  return { history: historyTable(result.points) };
}
