import type { CellKind } from '../../notebook/cell-kind';
import { overviewDefaults, overviewSchema, type OverviewCell } from './overview-cell';
import { overviewTables } from './overview-tables';
import { runOverview, type OverviewCellResult } from './run-overview-cell';

/** The headline metric per model, with its interval. */
export const overviewKind: CellKind<OverviewCell, OverviewCellResult> = {
  kind: 'overview',
  label: 'Overview',
  defaultName: 'overview',
  defaults: overviewDefaults,
  schema: overviewSchema,
  run: runOverview,
  tables: overviewTables,
  filtered: true,
};
