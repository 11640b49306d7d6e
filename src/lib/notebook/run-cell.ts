import type { CellKinds } from './cell-kind';
import type { Cell } from './notebook';
import type { CellResult, RunContext } from './run-context';

/**
 * Runs a cell with its kind's runner, from the registry the notebook was handed; null for a cell
 * with nothing to run (markdown) or a kind this build does not know.
 */
export async function runCell(
  kinds: CellKinds,
  cell: Cell,
  ctx: RunContext,
): Promise<CellResult | null> {
  const kind = kinds[cell.kind];
  if (!kind?.run) return null;
  return kind.run(cell, ctx);
}
