import type { RunDataset } from '../../baseline/baseline-plan';
import { findRegressions, type Regressions } from '../../baseline/regressions';
import { compareToBaseline, type BaselineComparison } from '../../baseline/run-baseline';
import { runDataset } from '../../baseline/run-dataset';
import { runNames, runOf } from '../../baseline/stacked-runs';
import type { Dataset } from '../../datasets/dataset';
import { queryLog } from '../../notebook/query-log';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunProblem,
} from '../../notebook/run-context';
import { naturalLevelOrder } from '../../slicing/level-order';
import { resolveSliceFeatures } from '../../slicing/slice-features';
import type { BaselineCell } from './baseline-cell';
import { pickRuns } from './pick-runs';

/**
 * The runs compared: a dataset each, or values of the `run` column among `runs` (in order; empty
 * when each dataset is a run). A cell that cannot compare them keeps them, so that another can
 * be picked.
 */
export interface RunChoice {
  candidate: string;
  baseline: string;
  runs: string[];
}

export interface BaselineResult extends RunChoice {
  status: 'baseline';
  /** The column naming each row's run; empty when each dataset is a run. */
  run: string;
  /** Every slice and model overall, how the examples matched, and what the reader should know. */
  comparison: BaselineComparison;
  /** The slices that got worse (worst first) and better under `gate`. */
  regressions: Regressions;
  gate: { maxQ: number; minDrop: number };
  sql: string;
  seconds: number;
}

/** Why there is no comparison, with the runs to pick from where they are known. */
type Problem = RunProblem & Partial<RunChoice>;

/** The column naming the runs: the cell's, else, comparing within one stacked dataset, its files'. */
export function runColumnOf(cell: BaselineCell, candidate: Dataset): string {
  if (cell.run) return cell.run;
  return cell.baseline ? '' : (candidate.plan.stack?.column ?? '');
}

/**
 * Compares the candidate run with the baseline run by the code `slicebook run --baseline` runs
 * (compareToBaseline): each feature is one slicing, q by Benjamini-Hochberg across all of the
 * cell's comparisons. Runs that cannot be compared fail with what differs, in the runner's words.
 */
export async function runBaselineCell(
  cell: BaselineCell,
  ctx: RunContext,
): Promise<BaselineResult | Problem> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked))
    return cell.dataset ? picked : { status: 'missing', message: 'Pick the candidate run.' };
  const candidate = picked.dataset;
  const baseline = cell.baseline ? ctx.dataset(cell.baseline) : candidate;
  if (!baseline)
    return {
      status: 'missing',
      message: `Load the data of ${cell.baseline}, the baseline run, first.`,
    };
  const run = runColumnOf(cell, candidate);
  if (!run && !cell.baseline)
    return {
      status: 'missing',
      message:
        'Pick the baseline run: another dataset, or a column that names each row\u2019s run (the file of stacked files).',
    };
  const features = resolveSliceFeatures(
    cell.features.filter((f) => f.column !== run),
    candidate.profile.columns,
  );
  if ('error' in features) return { status: 'missing', message: features.error };
  const sets = features.map((f) => ({ cell: cell.name, features: [f] }));
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const sides = await runSides(cell, candidate, baseline, run, ctx.filter, read);
    if ('status' in sides) return sides;
    const { choice } = sides;
    const comparison = await compareToBaseline(
      ctx.engine,
      [{ ...sides.pair, sets }],
      ctx.filter,
      read,
    );
    if ('error' in comparison)
      return {
        status: 'error',
        message: `Cannot compare with the baseline: ${comparison.error}`,
        sql: statements(),
        ...choice,
      };
    const gate = { maxQ: cell.maxQ, minDrop: cell.minDrop };
    return {
      status: 'baseline',
      ...choice,
      run,
      comparison,
      regressions: findRegressions(comparison.rows, gate),
      gate,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}

/**
 * The two runs as the comparison reads them: each dataset whole, or, with a run column, the rows
 * of the picked value (the last against the one before it by default) in each.
 */
async function runSides(
  cell: BaselineCell,
  candidate: Dataset,
  baseline: Dataset,
  run: string,
  filter: string,
  read: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<{ pair: { candidate: RunDataset; baseline: RunDataset }; choice: RunChoice } | Problem> {
  if (!run) {
    const pair = { candidate: runDataset(candidate), baseline: runDataset(baseline) };
    return {
      pair,
      choice: { candidate: pair.candidate.name, baseline: pair.baseline.name, runs: [] },
    };
  }
  if (!candidate.profile.columns.some((x) => x.name === run))
    return { status: 'missing', message: `The dataset has no column "${run}" to name the runs.` };
  const runs = naturalLevelOrder([
    ...(await runNames(read, candidate, run, filter)),
    ...(baseline === candidate ? [] : await runNames(read, baseline, run, filter)),
  ]).order;
  const chosen = pickRuns(run, runs, { candidate: cell.candidateRun, baseline: cell.baselineRun });
  if ('error' in chosen)
    return {
      status: 'missing',
      message: chosen.error,
      runs,
      candidate: cell.candidateRun,
      baseline: cell.baselineRun,
    };
  return {
    pair: {
      candidate: runOf(candidate, run, chosen.candidate),
      baseline: runOf(baseline, run, chosen.baseline),
    },
    choice: { ...chosen, runs },
  };
}
