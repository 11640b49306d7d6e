import type { CellKind } from '../../notebook/cell-kind';
import { costDefaults, costSchema, type CostCell } from './cost-cell';
import { costTables } from './cost-tables';
import { runCostCell, type CostResult } from './run-cost-cell';

/** Quality against a cost column per model, with the Pareto front. */
export const costKind: CellKind<CostCell, CostResult> = {
  kind: 'cost',
  label: 'Quality vs cost',
  defaultName: 'cost',
  defaults: costDefaults,
  schema: costSchema,
  run: runCostCell,
  tables: costTables,
  filtered: true,
};
