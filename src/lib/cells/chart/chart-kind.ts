import type { CellKind } from '../../notebook/cell-kind';
import { chartDefaults, chartSchema, type ChartCell } from './chart-cell';
import { runChart, type ChartResult } from './run-chart-cell';

/** A Vega-Lite chart of an earlier cell's result. */
export const chartKind: CellKind<ChartCell, ChartResult> = {
  kind: 'chart',
  label: 'Chart',
  defaultName: 'chart',
  defaults: chartDefaults,
  schema: chartSchema,
  run: runChart,
  noNumbers: true,
  // The chart draws another cell's result, written with that cell.
  tables: () => ({}),
  reads: (cell) => (cell.source ? [cell.source] : []),
  renamed: (cell, from, to) =>
    cell.source.toLowerCase() === from.toLowerCase() ? { ...cell, source: to } : cell,
};
