import type { ValueKind } from '../../ingest/profile';
import { BOOTSTRAP_BUCKETS } from '../../metrics/bootstrap-sql';
import { buildMetricQuery } from '../../metrics/metrics';
import { ident, literal } from '../../sql/quote';
import { binExpression } from '../../slicing/binning';
import { featureExpression, type SliceFeature } from '../../slicing/slice-feature';
import { MAX_SLICES, type RepresentPlan } from './represent-plan';

/**
 * The metric's statistics per model, slice of the mix and bucket (hash of the example id, else
 * of the row's position, modulo `buckets`): one pass over the test set, from which the slices' totals
 * and the bootstrap's replicates are summed in JS (resample-buckets.ts). Columns slice_0 (the
 * model, when there is a model column), then one per feature, bucket and the statistics.
 */
export function statisticsSql(
  plan: RepresentPlan,
  edges: Record<string, number[]>,
  buckets = BOOTSTRAP_BUCKETS,
): string {
  const model = plan.model ? [`CAST(${ident(plan.model)} AS VARCHAR)`] : [];
  const where = [
    plan.filter.trim() ? `(${plan.filter})` : '',
    plan.model && plan.models.length > 0
      ? `CAST(${ident(plan.model)} AS VARCHAR) IN (${plan.models.map(literal).join(', ')})`
      : '',
  ].filter((p) => p !== '');
  const query = buildMetricQuery(plan.metric, {
    source: plan.source,
    columns: plan.columns,
    kinds: plan.columnKinds,
    groupBy: [...model, ...plan.features.map((f) => featureExpression(f, edges))],
    where: where.length > 0 ? where.join(' AND ') : undefined,
    buckets: {
      id: plan.id ? ident(plan.id) : 'row_number() OVER ()',
      count: buckets,
    },
  });
  if (query.missing) throw new Error(query.missing);
  return query.sql;
}

/** A table's columns and their SQL types (columns column_name, column_type). */
export function describeSql(table: string): string {
  return `DESCRIBE ${ident(table)}`;
}

/**
 * The rows of the target table per slice of the mix (columns slice_0, ... and n), at most
 * MAX_SLICES + 1 of them, so a feature with too many values is caught without reading them all.
 * A feature's values are read as the test set's kind (`kinds`), so a count of 1 and of 1.0 meet.
 */
export function targetCountsSql(
  table: string,
  features: readonly SliceFeature[],
  kinds: readonly ValueKind[],
  edges: Record<string, number[]>,
): string {
  const keys = features.map((f, i) => `${targetExpression(f, kinds[i], edges)} AS slice_${i}`);
  const order = features.map((_, i) => `slice_${i} NULLS LAST`).join(', ');
  return [
    `SELECT ${keys.join(', ')}, count(*)::DOUBLE AS n FROM ${ident(table)}`,
    `GROUP BY ALL ORDER BY ${order} LIMIT ${MAX_SLICES + 1}`,
  ].join('\n');
}

/** A feature's slice value in the target table, comparable with featureExpression's on the test set. */
function targetExpression(
  feature: SliceFeature,
  kind: ValueKind,
  edges: Record<string, number[]>,
): string {
  if (feature.binning) return binExpression(feature.column, edges[feature.column] ?? []);
  const column = ident(feature.column);
  const number = `TRY_CAST(${column} AS DOUBLE)`;
  // A whole number reads as the integer it is (1.0 as 1); any other value as its text, unmatched.
  if (kind === 'integer')
    return `(CASE WHEN ${number} = trunc(${number}) THEN CAST(${number}::BIGINT AS VARCHAR) ELSE CAST(${column} AS VARCHAR) END)`;
  if (kind === 'number') return `CAST(${number} AS VARCHAR)`;
  return `CAST(${column} AS VARCHAR)`;
}
