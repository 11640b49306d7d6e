import { queryLog } from '../../notebook/query-log';
import { featureEdges } from '../../slicing/feature-edges';
import { slicePlan } from './slice-plan';
import { buildSliceTable, RESAMPLE_IN_JS_UP_TO } from './build-slice-table';
import type { SliceFeature } from '../../slicing/slice-feature';
import { readSliceTable, type SliceRow } from './read-slice-table';
import { sortSliceRows } from './sort-slice-rows';
import { totalsFromSlices } from './totals-from-slices';
import { resampleBuckets } from '../../metrics/resample-buckets';
import { readBucketWeights } from '../../metrics/bootstrap-sql';
import { metricById, type MetricId } from '../../metrics/metrics';
import type { SliceCell } from './slice-cell';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

export interface SliceResult {
  status: 'slices';
  rows: SliceRow[];
  metric: MetricId;
  /** Further metrics over the same slices (the cell's `moreMetrics`), shown as columns. */
  more: { metric: MetricId; rows: SliceRow[] }[];
  features: SliceFeature[];
  edges: Record<string, number[]>;
  modelColumn?: string;
  sql: string;
  seconds: number;
}

export async function runSliceCell(
  cell: SliceCell,
  ctx: RunContext,
): Promise<RunOutcome<SliceResult>> {
  const picked = datasetFor(ctx, cell.dataset, 'to compute this table');
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = slicePlan(cell, dataset);
  if (isRunProblem(plan)) return plan;
  const { metric, features } = plan;
  const started = ctx.now();
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  try {
    const edges = await featureEdges(features, dataset.plan.name, ctx.filter, read);
    /** The table of one metric: its rows, or what it misses. */
    const tableOf = async (metric: MetricId) => {
      const queries = buildSliceTable({
        source: dataset.plan.name,
        columns: dataset.profile.columns,
        roles: dataset.roles,
        metric,
        features,
        filter: ctx.filter,
        replicates: cell.replicates,
        edges,
      });
      if (queries.missing) return { ok: false as const, missing: queries.missing };
      const slices = await read(queries.slices);
      const hasModel = queries.modelColumn !== undefined;
      const totals = queries.countedTotals
        ? totalsFromSlices(slices, hasModel)
        : await read(queries.totals);
      const bucketed = slices.length <= RESAMPLE_IN_JS_UP_TO ? queries.bucketed : undefined;
      const bootstrap = bucketed
        ? {
            ...resampleBuckets(
              await read(bucketed.sums),
              readBucketWeights(await read(bucketed.weights)),
              hasModel,
            ),
            replicates: cell.replicates,
          }
        : queries.bootstrap
          ? {
              slices: await read(queries.bootstrap.slices),
              totals: await read(queries.bootstrap.totals),
              replicates: cell.replicates,
            }
          : undefined;
      const rows = sortSliceRows(
        readSliceTable(metric, features.length, hasModel, slices, totals, bootstrap),
        features,
        edges,
      );
      return { ok: true as const, rows, modelColumn: queries.modelColumn };
    };
    const main = await tableOf(metric);
    if (!main.ok) return { status: 'missing', message: main.missing };
    const more: SliceResult['more'] = [];
    for (const extra of plan.moreMetrics) {
      const table = await tableOf(extra);
      if (table.ok) more.push({ metric: extra, rows: table.rows });
    }
    return {
      status: 'slices',
      rows: main.rows,
      metric,
      more,
      features,
      edges,
      modelColumn: main.modelColumn,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}

export function metricLabel(metric: MetricId): string {
  return metricById(metric).label;
}
