import { queryLog } from '../../notebook/query-log';
import { quantileEdgesSql, parseEdges, readEdges } from '../../slicing/binning';
import { buildSliceTable, RESAMPLE_IN_JS_UP_TO } from './build-slice-table';
import type { SliceFeature } from '../../slicing/slice-feature';
import { readSliceTable, type SliceRow } from './read-slice-table';
import { resampleBuckets } from '../../metrics/resample-buckets';
import { readBucketWeights } from '../../metrics/bootstrap-sql';
import { metricById, metricsFor, type MetricId } from '../../metrics/metrics';
import type { Dataset } from '../../datasets/dataset';
import type { SliceCell } from './slice-cell';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

/** Numeric features with more distinct values than this are binned. */
const BIN_ABOVE = 12;

export interface SliceResult {
  status: 'slices';
  rows: SliceRow[];
  metric: MetricId;
  features: SliceFeature[];
  edges: Record<string, number[]>;
  modelColumn?: string;
  sql: string;
  seconds: number;
}

/** The metric a slice cell shows: the one chosen, else the task's first (its headline). */
export function sliceMetric(cell: SliceCell, dataset: Dataset): MetricId | undefined {
  const available = metricsFor(dataset.taskKind).map((m) => m.id);
  if (available.includes(cell.metric as MetricId)) return cell.metric as MetricId;
  return available.find((m) => m !== 'count');
}

/** How each chosen feature is sliced: numeric ones with many values are binned. */
export function sliceFeatures(
  cell: SliceCell,
  dataset: Dataset,
): SliceFeature[] | { error: string } {
  const out: SliceFeature[] = [];
  for (const f of cell.features) {
    const profile = dataset.profile.columns.find((c) => c.name === f.column);
    if (!profile) return { error: `The dataset has no column "${f.column}".` };
    const numeric = profile.kind === 'integer' || profile.kind === 'number';
    if (f.edges?.trim()) {
      const edges = parseEdges(f.edges);
      if ('error' in edges) return { error: `Cut points of ${f.column}: ${edges.error}.` };
      out.push({ column: f.column, binning: { kind: 'edges', edges } });
    } else if (numeric && profile.distinct > BIN_ABOVE)
      out.push({ column: f.column, binning: { kind: 'quantile', bins: f.bins ?? 4 } });
    else out.push({ column: f.column });
  }
  return out;
}

export async function runSliceCell(
  cell: SliceCell,
  ctx: RunContext,
): Promise<RunOutcome<SliceResult>> {
  const picked = datasetFor(ctx, cell.dataset, 'to compute this table');
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const metric = sliceMetric(cell, dataset);
  if (!metric)
    return { status: 'missing', message: 'No metric fits this task kind: check the roles.' };
  if (cell.features.length === 0)
    return { status: 'missing', message: 'Pick a feature to slice by.' };
  const features = sliceFeatures(cell, dataset);
  if ('error' in features) return { status: 'missing', message: features.error };
  const started = ctx.now();
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  try {
    const edges: Record<string, number[]> = {};
    for (const f of features) {
      if (f.binning?.kind === 'edges') edges[f.column] = f.binning.edges;
      if (f.binning?.kind !== 'quantile') continue;
      const query = quantileEdgesSql(dataset.plan.name, f.column, f.binning.bins, ctx.filter);
      edges[f.column] = readEdges((await read(query))[0] ?? {});
    }
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
    if (queries.missing) return { status: 'missing', message: queries.missing };
    const slices = await read(queries.slices);
    const totals = await read(queries.totals);
    const hasModel = queries.modelColumn !== undefined;
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
    const rows = readSliceTable(metric, features.length, hasModel, slices, totals, bootstrap);
    return {
      status: 'slices',
      rows,
      metric,
      features,
      edges,
      modelColumn: queries.modelColumn,
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
