import type { CellKind } from '../../notebook/cell-kind';
import { compareDefaults, compareSchema, type CompareCell } from './compare-cell';
import { compareTables } from './compare-tables';
import { runCompareCell, type CompareResult } from './run-compare-cell';

/** Two models on the same examples: paired differences, McNemar, flips. */
export const compareKind: CellKind<CompareCell, CompareResult> = {
  kind: 'compare',
  label: 'Model vs model',
  defaultName: 'comparison',
  defaults: compareDefaults,
  schema: compareSchema,
  run: runCompareCell,
  tables: compareTables,
  filtered: true,
};
