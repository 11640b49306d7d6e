import { buildMetricQuery, metricColumns } from '../../metrics/metrics';
import { perModelValuesSql } from '../../metrics/per-model-values';
import { ident, literal } from '../../sql/quote';
import type { CorrelationPlan } from './correlation-plan';

/**
 * The query of the plan's values per model: the two columns (value_0, value_1) of a per-model
 * table, or the metric's statistics per model (slice_0) and condition (slice_1).
 */
export function correlationSql(p: CorrelationPlan): string {
  if (p.kind === 'columns') return perModelValuesSql(p.source, p.model, [p.x, p.y], p.filter);
  const feature = `CAST(${ident(p.feature)} AS VARCHAR)`;
  const where = [`${feature} IN (${literal(p.x)}, ${literal(p.y)})`];
  if (p.filter.trim()) where.push(`(${p.filter})`);
  return buildMetricQuery(p.metric, {
    source: p.source,
    columns: metricColumns(p.dataset.roles),
    where: where.join(' AND '),
    kinds: Object.fromEntries(p.dataset.profile.columns.map((c) => [c.name, c.kind])),
    groupBy: [`CAST(${ident(p.model)} AS VARCHAR)`, feature],
  }).sql;
}
