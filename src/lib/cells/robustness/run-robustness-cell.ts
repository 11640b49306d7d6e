import { analyseRobustness, type RobustnessAnalysis } from './analyse-robustness';
import { robustnessSql, type RobustnessMeasure } from './build-robustness';
import { readLevelStats, type LevelStat } from './read-robustness';
import type { ColumnProfile } from '../../ingest/profile';
import { columnWith } from '../../ingest/roles';
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

function kindOf(columns: ColumnProfile[], name: string) {
  return columns.find((c) => c.name === name)?.kind;
}

/** Label and prediction compared directly when both are numbers (or both text). */
function compareAs(columns: ColumnProfile[], label: string, prediction: string) {
  const kinds = [kindOf(columns, label), kindOf(columns, prediction)];
  if (kinds.every((k) => k === 'integer' || k === 'number' || k === 'boolean')) return 'number';
  if (kinds.every((k) => k === 'text')) return 'text';
  return undefined;
}

export async function runRobustnessCell(
  cell: RobustnessCell,
  ctx: RunContext,
): Promise<RunOutcome<RobustnessResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const role = (r: Parameters<typeof columnWith>[1]) => columnWith(dataset.roles, r);
  const severity = role('severity');
  if (!severity)
    return {
      status: 'missing',
      message:
        'Give a column the role "severity (shift level)": the levels the curves run over (and "condition" for the kind of shift).',
    };
  const [label, prediction, outcome] = [role('label'), role('prediction'), role('outcome')];
  const columns = dataset.profile.columns;
  let measure: RobustnessMeasure;
  if (label && prediction)
    measure = {
      kind: 'accuracy',
      label,
      prediction,
      compareAs: compareAs(columns, label, prediction),
    };
  else if (outcome) measure = { kind: 'outcome', outcome };
  else
    return {
      status: 'missing',
      message:
        'Give columns the roles "label" and "prediction" (accuracy per example), or "outcome" (a per-example score or a per-cell accuracy).',
    };
  const [model, condition] = [role('model'), role('condition')];
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const rows = await read(
      robustnessSql({
        source: dataset.plan.name,
        model,
        condition,
        severity,
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
