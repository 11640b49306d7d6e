import type { CellKind } from '../../notebook/cell-kind';
import { robustnessDefaults, robustnessSchema, type RobustnessCell } from './robustness-cell';
import { robustnessTables } from './robustness-tables';
import { runRobustnessCell, type RobustnessResult } from './run-robustness-cell';

/** Metric vs severity per model and condition: curves, mCE, effective robustness. */
export const robustnessKind: CellKind<RobustnessCell, RobustnessResult> = {
  kind: 'robustness',
  label: 'Robustness',
  defaultName: 'robustness',
  defaults: robustnessDefaults,
  schema: robustnessSchema,
  run: runRobustnessCell,
  tables: robustnessTables,
  filtered: true,
};
