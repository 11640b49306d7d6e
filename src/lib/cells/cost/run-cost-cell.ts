import { queryLog } from '../../notebook/query-log';
import { costGroups, costSummarySql, orderStatisticsSql } from './build-cost';
import { costPlan } from './cost-plan';
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
  readMetric,
  type MetricId,
} from '../../metrics/metrics';
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

export async function runCostCell(
  cell: CostCell,
  ctx: RunContext,
): Promise<RunOutcome<CostResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = costPlan(cell, dataset, ctx.filter);
  if (isRunProblem(plan)) return plan;
  const { options, metric } = plan;
  const cost = options.cost;
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
