import { columnWith } from '../../ingest/roles';
import { metricById, readMetric } from '../../metrics/metrics';
import { repeatedModel } from '../../metrics/per-model-values';
import { queryLog } from '../../notebook/query-log';
import { datasetFor, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { distinctValuesSql } from '../../slicing/distinct-values';
import { fisherZInterval } from '../../stats/fisher-z';
import {
  leaveOneOutResiduals,
  lineAcrossModels,
  type LineAcrossModels,
} from '../../stats/line-across-models';
import type { Interval } from '../../stats/wilson';
import { correlationSql } from './build-correlation';
import type { CorrelationCell } from './correlation-cell';
import { correlationPlan, type CorrelationPlan } from './correlation-plan';

type Row = Record<string, unknown>;

export interface CorrelationResult {
  status: 'correlation';
  plan: CorrelationPlan;
  /** The axes' titles: the columns, or the metric on each condition. */
  xTitle: string;
  yTitle: string;
  /** Each model's two values (models missing either are left out of the fit). */
  values: { model: string; x: number; y: number }[];
  fit: LineAcrossModels;
  /** Pearson's r on the axes' scale, with its Fisher-z 95% interval (needs 4 models). */
  interval: Interval;
  /** Per point of the fit, its residual from the line fitted to the other models. */
  leaveOneOut: number[];
  /** The feature's values (examples), for the view's choices. */
  levels: string[];
  sql: string;
  seconds: number;
}

/** Per model, the two values the plan sets against each other. */
export function readCorrelation(p: CorrelationPlan, rows: readonly Row[]) {
  if (p.kind === 'columns')
    return rows.map((r) => ({
      model: String(r.model),
      x: r.value_0 === null ? NaN : Number(r.value_0),
      y: r.value_1 === null ? NaN : Number(r.value_1),
    }));
  const models = new Map<string, { model: string; x: number; y: number }>();
  for (const r of rows) {
    const model = String(r.slice_0);
    const point = models.get(model) ?? { model, x: NaN, y: NaN };
    const value = readMetric(p.metric, r).value;
    if (r.slice_1 === p.x) point.x = value;
    if (r.slice_1 === p.y) point.y = value;
    models.set(model, point);
  }
  return [...models.values()];
}

export async function runCorrelationCell(
  cell: CorrelationCell,
  ctx: RunContext,
): Promise<RunOutcome<CorrelationResult>> {
  const found = datasetFor(ctx, cell.dataset);
  if (!('dataset' in found)) return found;
  const { dataset } = found;
  if (!columnWith(dataset.roles, 'model'))
    return { status: 'missing', message: 'Give a column the role "model": each model is a point.' };
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    let levels: string[] = [];
    const plan = await correlationPlan(
      cell,
      dataset,
      async (feature) => {
        levels = (await read(distinctValuesSql(dataset.plan.name, feature, false, 1000))).map((r) =>
          String(r.value),
        );
        return levels;
      },
      ctx.filter,
    );
    if ('missing' in plan) return { status: 'missing', message: plan.missing };
    const rows = await read(correlationSql(plan));
    const repeated = plan.kind === 'columns' ? repeatedModel(rows) : undefined;
    if (repeated)
      return {
        status: 'missing',
        message: `Setting two columns against each other needs one row per model; ${repeated.model} has ${repeated.rows}. Aggregate the rows in a SQL cell, or use a dump of examples with a condition column.`,
      };
    const values = readCorrelation(plan, rows);
    const fit = lineAcrossModels(values, plan.scale);
    const ok = fit.status === 'ok' ? fit : null;
    const label = plan.kind === 'conditions' ? metricById(plan.metric).label : '';
    return {
      status: 'correlation',
      plan,
      xTitle: plan.kind === 'columns' ? plan.x : `${label}, ${plan.feature} = ${plan.x}`,
      yTitle: plan.kind === 'columns' ? plan.y : `${label}, ${plan.feature} = ${plan.y}`,
      values,
      fit,
      interval: ok ? fisherZInterval(ok.r, ok.points.length) : { low: NaN, high: NaN },
      leaveOneOut: ok ? leaveOneOutResiduals(ok.points) : [],
      levels,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
