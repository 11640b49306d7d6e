import { queryLog } from '../../notebook/query-log';
import { costGroups, costSummarySql, orderStatisticsSql, type CostOptions } from './build-cost';
import {
  qualityByGroup,
  readCost,
  wantedRanks,
  type CostRow,
  type CostStatistic,
} from './read-cost';
import {
  buildMetricQuery,
  metricById,
  metricColumns,
  metricsFor,
  readMetric,
  type MetricId,
} from '../../metrics/metrics';
import { columnWith, columnsWith } from '../../ingest/roles';
import type { Dataset } from '../../datasets/dataset';
import type { CostCell } from './cost-cell';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

export interface CostResult {
  status: 'cost';
  cost: string;
  statistic: CostStatistic;
  /** The task's headline metric: the quality axis. */
  metric: MetricId;
  overall: CostRow[];
  slices: CostRow[];
  feature: string | null;
  sql: string;
  seconds: number;
}

/** The cost columns a cell can use: those with the cost role first, then any other number. */
export function costColumns(dataset: Dataset): string[] {
  const numeric = dataset.profile.columns
    .filter((c) => c.kind === 'integer' || c.kind === 'number')
    .map((c) => c.name);
  const costs = columnsWith(dataset.roles, 'cost');
  return [...costs, ...numeric.filter((c) => !costs.includes(c))];
}

export async function runCostCell(
  cell: CostCell,
  ctx: RunContext,
): Promise<RunOutcome<CostResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const cost = cell.cost || columnsWith(dataset.roles, 'cost')[0];
  if (!cost)
    return {
      status: 'missing',
      message: 'Pick a cost column (latency, tokens, memory), or give a column the role "cost".',
    };
  if (!dataset.profile.columns.some((c) => c.name === cost))
    return { status: 'missing', message: `The dataset has no column "${cost}".` };
  const metric = metricsFor(dataset.taskKind).find((m) => m.id !== 'count')?.id;
  if (!metric)
    return {
      status: 'missing',
      message:
        'No quality metric fits this task kind: give columns the label and prediction (or outcome) roles.',
    };
  const options: CostOptions = {
    source: dataset.plan.name,
    cost,
    model: columnWith(dataset.roles, 'model'),
    feature: cell.feature || undefined,
    filter: ctx.filter,
  };
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  const hasModel = options.model !== undefined;
  const kinds = Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind]));
  try {
    const rows = async (bySlice: boolean) => {
      const keyCount = costGroups(options, bySlice).length;
      const quality = buildMetricQuery(metric, {
        source: options.source,
        columns: metricColumns(dataset.roles),
        groupBy: costGroups(options, bySlice),
        where: ctx.filter.trim() ? `(${ctx.filter})` : undefined,
        kinds,
      });
      if (quality.missing) throw new Error(quality.missing);
      const summary = await read(costSummarySql(options, bySlice));
      const order = orderStatisticsSql(options, bySlice, wantedRanks(summary, keyCount));
      return readCost(
        summary,
        order ? await read(order) : [],
        qualityByGroup(await read(quality.sql), keyCount, (r) => readMetric(metric, r)),
        {
          hasModel,
          bySlice,
          statistic: cell.statistic,
          higherIsBetter: metricById(metric).direction === 'higher',
        },
      );
    };
    const overall = await rows(false);
    const slices = options.feature ? await rows(true) : [];
    return {
      status: 'cost',
      cost,
      statistic: cell.statistic,
      metric,
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
