import { buildOverviewQuery, readOverview, type OverviewRow } from '../../metrics/overview';
import {
  datasetFor,
  isRunProblem,
  messageOf,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';
import type { OverviewCell } from './overview-cell';

/** The headline metric per model, with its interval. */
export interface OverviewCellResult {
  status: 'overview';
  rows: OverviewRow[];
  sql: string;
  seconds: number;
}

export async function runOverview(
  cell: OverviewCell,
  ctx: RunContext,
): Promise<RunOutcome<OverviewCellResult>> {
  const picked = datasetFor(ctx, cell.dataset, 'to compute this overview');
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const query = buildOverviewQuery({
    source: dataset.plan.name,
    columns: dataset.profile.columns,
    roles: dataset.roles,
    taskKind: dataset.taskKind,
    filter: ctx.filter,
  });
  if (query.missing) return { status: 'missing', message: query.missing };
  const started = ctx.now();
  try {
    const rows = readOverview(await ctx.engine.query(query.sql, ctx.signal), query.metric);
    return { status: 'overview', rows, sql: query.sql, seconds: (ctx.now() - started) / 1000 };
  } catch (e) {
    return { status: 'error', message: messageOf(e), sql: query.sql };
  }
}
