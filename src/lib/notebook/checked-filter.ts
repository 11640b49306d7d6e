import { checkFilter } from '../sql/one-expression';
import type { Cell } from './notebook';
import type { RunContext, RunProblem } from './run-context';

/**
 * The run context of a cell the global filter applies to, with the filter checked against the
 * cell's dataset (one boolean expression over its columns, sql/one-expression.ts), or the cell's
 * error saying why the filter cannot be used. A cell whose dataset is not loaded passes as it is
 * (its runner reports the missing data).
 */
export async function withCheckedFilter(
  cell: Cell,
  ctx: RunContext,
): Promise<RunContext | RunProblem> {
  const name = (cell as { dataset?: unknown }).dataset;
  const dataset = typeof name === 'string' ? ctx.dataset(name) : undefined;
  if (!ctx.filter.trim() || !dataset) return ctx;
  const checked = await checkFilter(ctx.engine, ctx.filter, dataset.plan.name);
  return 'error' in checked
    ? { status: 'error', message: checked.error }
    : { ...ctx, filter: checked.sql };
}
