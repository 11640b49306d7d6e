import { robustnessPlan } from './robustness-plan';
import { analyseRobustness, type RobustnessAnalysis } from './analyse-robustness';
import { robustnessSql } from './build-robustness';
import { readLevelStats, type LevelStat } from './read-robustness';
import type { RobustnessCell } from './robustness-cell';
import { queryLog } from '../../notebook/query-log';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

export interface RobustnessResult {
  status: 'robustness';
  /** Per model x condition x level; the view re-analyses them when the settings change. */
  stats: LevelStat[];
  perExample: boolean;
  /** What the metric is: `accuracy`, or the outcome column's name. */
  metric: string;
  columns: { model?: string; condition?: string; severity: string };
  /** The analysis with the cell's settings at run time. */
  analysis: RobustnessAnalysis;
  sql: string;
  seconds: number;
}

export async function runRobustnessCell(
  cell: RobustnessCell,
  ctx: RunContext,
): Promise<RunOutcome<RobustnessResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = robustnessPlan(dataset);
  if (isRunProblem(plan)) return plan;
  const { severity, wholeLevels, model, condition, measure } = plan;
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const rows = await read(
      robustnessSql({
        source: dataset.plan.name,
        model,
        condition,
        severity,
        wholeLevels,
        measure,
        filter: ctx.filter,
      }),
    );
    const { stats, perExample } = readLevelStats(rows);
    if (stats.length === 0)
      return { status: 'missing', message: 'No rows with a value to chart (check the filter).' };
    return {
      status: 'robustness',
      stats,
      perExample,
      metric: measure.kind === 'accuracy' ? 'accuracy' : measure.outcome,
      columns: { model, condition, severity },
      analysis: analyseRobustness(stats, perExample, cell),
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
