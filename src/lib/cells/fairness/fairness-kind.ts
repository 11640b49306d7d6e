import type { CellKind } from '../../notebook/cell-kind';
import { fairnessDefaults, fairnessSchema, type FairnessCell } from './fairness-cell';
import { fairnessTables } from './fairness-tables';
import { runFairnessCell, type FairnessResult } from './run-fairness-cell';

/** Per-group rates of one model's decisions and their disparities. */
export const fairnessKind: CellKind<FairnessCell, FairnessResult> = {
  kind: 'fairness',
  label: 'Fairness',
  defaultName: 'fairness',
  defaults: fairnessDefaults,
  schema: fairnessSchema,
  run: runFairnessCell,
  tables: fairnessTables,
  filtered: true,
};
