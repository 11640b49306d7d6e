import type { ColumnProfile } from '../../ingest/profile';
import { columnWith, type Role } from '../../ingest/roles';
import { ident } from '../../sql/quote';
import { BOOTSTRAP_BUCKETS, bucketWeightsSql } from '../../metrics/bootstrap-sql';
import {
  buildMetricQuery,
  isSum,
  metricById,
  metricColumns,
  type MetricFamily,
  type MetricId,
} from '../../metrics/metrics';
import { scoreUseProblem } from '../../metrics/score-range';
import { featureExpression, type SliceFeature } from '../../slicing/slice-feature';

export interface SliceTableOptions {
  source: string;
  columns: ColumnProfile[];
  roles: Record<string, Role>;
  metric: MetricId;
  features: SliceFeature[];
  /** The notebook's global filter (a SQL condition), empty for none. */
  filter?: string;
  /** Bootstrap replicates for metrics that are not rates. */
  replicates: number;
  /** Cut points of binned features, from quantileEdgesSql or typed by the user. */
  edges: Record<string, number[]>;
}

/**
 * Up to this many slices, the bootstrap is resampled in JS from the bucket sums (`bucketed`): a
 * slice's sums are up to BOOTSTRAP_BUCKETS rows to move and reweight, so with many slices the SQL
 * bootstrap is faster. Native DuckDB, F1 at 1M rows: 24 slices 1.6-2x faster in JS, 288 slices
 * 0.92x (slower).
 */
export const RESAMPLE_IN_JS_UP_TO = 50;

/**
 * Metric families whose statistics are counts of rows (accuracy's, the confusion matrix's, the
 * row count): their totals summed in JS are exact. The others sum fractions (scores, errors) or
 * are not sums at all (macro averages, AUC ranks), so their totals come from their own query.
 * One pass instead of two: 1M rows, two features, the totals query was ~40 of ~110 ms (wasm).
 */
const COUNTED: readonly MetricFamily[] = ['accuracy', 'confusion', 'count'];

export interface SliceTableQueries {
  /** Statistics per (model, slice). */
  slices: string;
  /** Statistics per model (or of all rows): the "rest" of a slice is these minus the slice's. */
  totals: string;
  /**
   * Whether the statistics are whole counts, so the totals are the slices' sums
   * (totalsFromSlices) and the totals query need not run.
   */
  countedTotals: boolean;
  /** The same per bootstrap replicate, for metrics that are not rates. */
  bootstrap?: { slices: string; totals: string };
  /**
   * For those whose statistics are sums: the statistics per slice and bucket, and the buckets'
   * weights, from which resampleBuckets makes the same replicates as `bootstrap` in a fraction
   * of the time (one pass over the rows instead of one per replicate), up to
   * RESAMPLE_IN_JS_UP_TO slices.
   */
  bucketed?: { sums: string; weights: string };
  modelColumn?: string;
  missing?: string;
}

/** The two queries of a slice table: statistics per slice, and per model for the rest. */
export function buildSliceTable(o: SliceTableOptions): SliceTableQueries {
  const definition = metricById(o.metric);
  const model = columnWith(o.roles, 'model');
  const id = columnWith(o.roles, 'id');
  const bootstrap = definition.kind !== 'rate' && o.metric !== 'count';
  const modelKey = model ? [`CAST(${ident(model)} AS VARCHAR)`] : [];
  const base = {
    source: o.source,
    columns: metricColumns(o.roles),
    where: o.filter?.trim() ? `(${o.filter})` : undefined,
    kinds: Object.fromEntries(o.columns.map((c) => [c.name, c.kind])),
  };
  const scoreProblem = scoreUseProblem(definition.family, base.columns, o.columns);
  const countedTotals = COUNTED.includes(definition.family);
  const missing = (why: string) => ({ slices: '', totals: '', countedTotals, missing: why });
  if (scoreProblem) return missing(scoreProblem);
  const sliceKeys = [...modelKey, ...o.features.map((f) => featureExpression(f, o.edges))];
  const slices = buildMetricQuery(o.metric, { ...base, groupBy: sliceKeys });
  const totals = buildMetricQuery(o.metric, { ...base, groupBy: modelKey });
  if (slices.missing) return missing(slices.missing);
  if (!bootstrap)
    return { slices: slices.sql, totals: totals.sql, countedTotals, modelColumn: model };
  // Without an example id the row's position stands in: datasets are views, which have no rowid.
  // (Bucketed resampling numbers the rows before any join with the replicates.)
  const resample = {
    replicates: o.replicates,
    id: id ? ident(id) : 'row_number() OVER ()',
    buckets: BOOTSTRAP_BUCKETS,
  };
  const bucketed = isSum(o.metric)
    ? {
        sums: buildMetricQuery(o.metric, {
          ...base,
          groupBy: sliceKeys,
          buckets: { id: resample.id, count: BOOTSTRAP_BUCKETS },
        }).sql,
        weights: bucketWeightsSql(BOOTSTRAP_BUCKETS, o.replicates),
      }
    : undefined;
  return {
    slices: slices.sql,
    totals: totals.sql,
    countedTotals,
    bucketed,
    bootstrap: {
      slices: buildMetricQuery(o.metric, { ...base, groupBy: sliceKeys, bootstrap: resample }).sql,
      totals: buildMetricQuery(o.metric, { ...base, groupBy: modelKey, bootstrap: resample }).sql,
    },
    modelColumn: model,
  };
}
