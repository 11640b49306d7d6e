import type { CellKind } from '../../notebook/cell-kind';
import { historyDefaults, historySchema, type HistoryCell } from './history-cell';
import { historyTables } from './history-tables';
import { runHistoryCell, type HistoryResult } from './run-history-cell';

/** The metric of each slice over a series of runs, with intervals. */
export const historyKind: CellKind<HistoryCell, HistoryResult> = {
  kind: 'history',
  label: 'History of runs',
  defaultName: 'history',
  defaults: historyDefaults,
  schema: historySchema,
  run: runHistoryCell,
  tables: historyTables,
  filtered: true,
};
