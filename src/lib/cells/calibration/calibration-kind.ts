import type { CellKind } from '../../notebook/cell-kind';
import { calibrationDefaults, calibrationSchema, type CalibrationCell } from './calibration-cell';
import { calibrationTables } from './calibration-tables';
import { runCalibrationCell, type CalibrationResult } from './run-calibration-cell';

/** Reliability of a score: ECE, MCE and Brier per model and slice. */
export const calibrationKind: CellKind<CalibrationCell, CalibrationResult> = {
  kind: 'calibration',
  label: 'Calibration',
  defaultName: 'calibration',
  defaults: calibrationDefaults,
  schema: calibrationSchema,
  run: runCalibrationCell,
  tables: calibrationTables,
  filtered: true,
};
