import { runHistory, type HistoryPoint } from '../../baseline/run-history';
import { runNames, runOf } from '../../baseline/stacked-runs';
import { queryLog } from '../../notebook/query-log';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';
import { resolveSliceFeatures } from '../../slicing/slice-features';
import type { HistoryCell } from './history-cell';

export interface HistoryResult {
  status: 'history';
  /** The column naming the runs, and the runs in order. */
  run: string;
  runs: string[];
  points: HistoryPoint[];
  sql: string;
  seconds: number;
}

/**
 * The metric of every slice of each feature, and each model overall, in every run of the
 * dataset (runHistory, as `slicebook run --history`), numeric features cut at the last run's
 * quantiles so that a slice holds the same kind of rows throughout.
 */
export async function runHistoryCell(
  cell: HistoryCell,
  ctx: RunContext,
): Promise<RunOutcome<HistoryResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const run = cell.run || dataset.plan.stack?.column || '';
  if (!run)
    return {
      status: 'missing',
      message:
        'Pick the column that names each row\u2019s run (load a folder of runs, one file per run, to stack them with a column naming the files).',
    };
  if (!dataset.profile.columns.some((c) => c.name === run))
    return { status: 'missing', message: `The dataset has no column "${run}" to name the runs.` };
  const features = resolveSliceFeatures(
    cell.features.filter((f) => f.column !== run),
    dataset.profile.columns,
  );
  if ('error' in features) return { status: 'missing', message: features.error };
  const sets = features.map((f) => ({ cell: cell.name, features: [f] }));
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const runs = await runNames(read, dataset, run, ctx.filter);
    if (runs.length < 2)
      return {
        status: 'missing',
        message: `A history needs two runs or more: ${run} holds ${runs.length === 0 ? 'none' : `one (${runs[0]})`}.`,
      };
    const last = runOf(dataset, run, runs[runs.length - 1]);
    const points = await runHistory(
      ctx.engine,
      runs.map((name) => ({
        name,
        pairs: [{ candidate: last, baseline: runOf(dataset, run, name), sets }],
      })),
      ctx.filter,
      read,
    );
    if ('error' in points)
      return {
        status: 'error',
        message: `Cannot follow the runs: ${points.error}`,
        sql: statements(),
      };
    return {
      status: 'history',
      run,
      runs,
      points,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
