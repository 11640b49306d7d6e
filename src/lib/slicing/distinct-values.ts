import { classKey } from '../metrics/metrics-sql';
import { ident } from '../sql/quote';

/**
 * The values of a column (the models, or the label classes for one-vs-rest), at most `limit`;
 * with `filter` (a SQL condition, the notebook's global filter), those of the rows it keeps.
 */
export function distinctValuesSql(
  source: string,
  column: string,
  asClass = false,
  limit = 100,
  filter = '',
) {
  const value = asClass ? classKey(ident(column)) : `CAST(${ident(column)} AS VARCHAR)`;
  const kept = filter.trim() ? ` AND (${filter})` : '';
  return [
    `SELECT DISTINCT ${value} AS value FROM ${ident(source)}`,
    `WHERE ${ident(column)} IS NOT NULL${kept} ORDER BY 1 LIMIT ${Math.floor(limit)}`,
  ].join('\n');
}
