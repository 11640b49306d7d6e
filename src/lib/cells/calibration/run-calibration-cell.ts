import { queryLog } from '../../notebook/query-log';
import {
  calibrationBootstrapSql,
  calibrationProblem,
  calibrationSql,
  type CalibrationMode,
} from './build-calibration';
import { calibrationPlan } from './calibration-plan';
import { readCalibration, type CalibrationGroup } from './read-calibration';
import { matchClassColumns } from '../../metrics/class-columns';
import { distinctValuesSql } from '../../slicing/distinct-values';
import type { CalibrationCell } from './calibration-cell';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

export interface CalibrationResult {
  status: 'calibration';
  mode: CalibrationMode;
  /** What the confidence was read from: a column, or the largest of the per-class columns. */
  confidence: string;
  /** Binary: the label's classes and the one taken as positive. */
  classes: string[];
  positive: string;
  binning: 'width' | 'mass';
  bins: number;
  replicates: number;
  /** Per model (one group without a model column). */
  overall: CalibrationGroup[];
  /** Per model and value of the feature. */
  slices: CalibrationGroup[];
  feature: string | null;
  sql: string;
  seconds: number;
}

export async function runCalibrationCell(
  cell: CalibrationCell,
  ctx: RunContext,
): Promise<RunOutcome<CalibrationResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = calibrationPlan(cell, dataset, ctx.filter);
  if (isRunProblem(plan)) return plan;
  const { options, mode, perClass } = plan;
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    if (perClass.length >= 2) {
      const values = (
        await read(distinctValuesSql(options.source, options.label!, false, 1000))
      ).map((r) => String(r.value));
      const match = matchClassColumns(perClass, values);
      if ('problem' in match)
        return {
          status: 'missing',
          message:
            cell.classScores.length >= 2
              ? `The per-class columns must match the classes of ${options.label} one to one: ${match.problem}. Pick the columns again, or one confidence column.`
              : `Pick the confidence column: ${perClass.join(', ')} do not match the classes of ${options.label} (${values.join(', ')}) one to one, so they are not per-class probabilities.`,
        };
      options.classColumns = match.columns;
    }
    const problem = calibrationProblem(options);
    if (problem) return { status: 'missing', message: problem };
    const classes =
      mode === 'binary'
        ? (await read(distinctValuesSql(options.source, options.label!, true, 50))).map((r) =>
            String(r.value),
          )
        : [];
    const hasModel = options.model !== undefined;
    const replicates = Math.max(0, Math.floor(cell.replicates));
    const groups = async (bySlice: boolean) =>
      readCalibration(
        await read(calibrationSql(options, bySlice)),
        hasModel,
        bySlice,
        replicates > 0 ? await read(calibrationBootstrapSql(options, bySlice, replicates)) : [],
      );
    const overall = await groups(false);
    const slices = options.feature ? await groups(true) : [];
    return {
      status: 'calibration',
      mode,
      confidence: options.classColumns ? `max(${perClass.join(', ')})` : options.score!,
      classes,
      positive: cell.positive || (classes.length > 0 ? classes[classes.length - 1] : ''),
      binning: cell.binning,
      bins: cell.bins,
      replicates,
      overall,
      slices,
      feature: options.feature ?? null,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
