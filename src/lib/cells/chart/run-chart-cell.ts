import { readPage, type ResultColumn } from '../../notebook/row-pages';
import { messageOf, type RunContext, type RunOutcome } from '../../notebook/run-context';
import type { ChartCell } from './chart-cell';

/** Charts draw at most this many rows of their source. */
export const CHART_ROWS = 5000;

/** The rows a chart cell draws: its source cell's result. */
export interface ChartResult {
  status: 'chart';
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  total: number;
}

export async function runChart(cell: ChartCell, ctx: RunContext): Promise<RunOutcome<ChartResult>> {
  if (!cell.source) return { status: 'missing', message: 'Pick the result to chart.' };
  try {
    const page = await readPage(ctx.engine, cell.source, 0, CHART_ROWS);
    return { status: 'chart', ...page };
  } catch (e) {
    const message = messageOf(e);
    return {
      status: 'error',
      message: /does not exist/.test(message)
        ? `Run the cell ${cell.source} first: it has no result yet.`
        : `The result of ${cell.source} cannot be read: ${message.split('\n')[0]}`,
    };
  }
}
