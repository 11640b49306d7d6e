import type { CellKind } from '../../notebook/cell-kind';
import { discoverDefaults, discoverSchema, type DiscoverCell } from './discover-cell';
import { discoverTables } from './discover-tables';
import type { DiscoverResult } from './discover-result';
import { runDiscoverCell } from './run-discover-cell';

/** Slice discovery (SliceLine): the slices where the error is highest for their size. */
export const discoverKind: CellKind<DiscoverCell, DiscoverResult> = {
  kind: 'discover',
  label: 'Discover slices',
  defaultName: 'discovery',
  defaults: discoverDefaults,
  schema: discoverSchema,
  run: (cell, ctx) => runDiscoverCell(cell, ctx, ctx.progress),
  tables: discoverTables,
  filtered: true,
  keepsPartial: true,
};
