import { checkFilter } from '../sql/one-expression';
import { ANALYSIS_KINDS, type Cell } from './notebook';
import type { CellResult, RunContext } from './run-cell';

/**
 * The run context of an analysis cell with the global filter checked against the cell's dataset
 * (one boolean expression over its columns, sql/one-expression.ts), or the cell's error saying
 * why the filter cannot be used. Other cells, and cells whose dataset is not loaded, pass as they
 * are (the filter does not apply, or the cell reports the missing data itself).
 */
export async function withCheckedFilter(
  cell: Cell,
  ctx: RunContext,
): Promise<RunContext | CellResult> {
  if (!ctx.filter.trim() || !ANALYSIS_KINDS.includes(cell.kind) || !('dataset' in cell)) return ctx;
  const dataset = ctx.dataset(cell.dataset);
  if (!dataset) return ctx;
  const checked = await checkFilter(ctx.engine, ctx.filter, dataset.plan.name);
  return 'error' in checked
    ? { status: 'error', message: checked.error }
    : { ...ctx, filter: checked.sql };
}
