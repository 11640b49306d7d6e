import type { CellKind } from '../../notebook/cell-kind';
import { correlationDefaults, correlationSchema, type CorrelationCell } from './correlation-cell';
import { correlationTables } from './correlation-tables';
import { runCorrelationCell, type CorrelationResult } from './run-correlation-cell';

/** Two metrics across models: the scatter, a least-squares line, r and each model's residual. */
export const correlationKind: CellKind<CorrelationCell, CorrelationResult> = {
  kind: 'correlation',
  label: 'Two metrics across models',
  defaultName: 'across_models',
  defaults: correlationDefaults,
  schema: correlationSchema,
  run: runCorrelationCell,
  tables: correlationTables,
  filtered: true,
};
