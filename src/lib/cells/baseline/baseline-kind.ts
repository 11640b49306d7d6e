import type { CellKind } from '../../notebook/cell-kind';
import { baselineDefaults, baselineSchema, type BaselineCell } from './baseline-cell';
import { baselineTables } from './baseline-tables';
import { runBaselineCell, type BaselineResult } from './run-baseline-cell';

/** A candidate run against a baseline run, per slice: what got worse, where, and is it real. */
export const baselineKind: CellKind<BaselineCell, BaselineResult> = {
  kind: 'baseline',
  label: 'Against a baseline',
  defaultName: 'against_baseline',
  defaults: baselineDefaults,
  schema: baselineSchema,
  run: runBaselineCell,
  tables: baselineTables,
  filtered: true,
};
