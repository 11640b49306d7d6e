import type { CellKinds } from './cell-kind';
import { withCheckedFilter } from './checked-filter';
import type { Cell } from './notebook';
import type { CellResult, RunContext } from './run-context';

/**
 * Runs a cell with its kind's runner, from the registry the notebook was handed; null for a cell
 * with nothing to run (markdown) or a kind this build does not know. A cell the global filter
 * applies to gets it only once checked against its dataset (checked-filter.ts); any other kind
 * gets no filter at all, so a kind that forgets to say it is filtered cannot paste unchecked text.
 */
export async function runCell(
  kinds: CellKinds,
  cell: Cell,
  given: RunContext,
): Promise<CellResult | null> {
  const kind = kinds[cell.kind];
  if (!kind?.run) return null;
  const ctx = kind.filtered ? await withCheckedFilter(cell, given) : { ...given, filter: '' };
  if ('status' in ctx) return ctx;
  return kind.run(cell, ctx);
}
