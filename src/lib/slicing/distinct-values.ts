import { classKey } from '../metrics/metrics-sql';
import { ident } from '../sql/quote';

/** The values of a column (the models, or the label classes for one-vs-rest), at most `limit`. */
export function distinctValuesSql(source: string, column: string, asClass = false, limit = 100) {
  const value = asClass ? classKey(ident(column)) : `CAST(${ident(column)} AS VARCHAR)`;
  return [
    `SELECT DISTINCT ${value} AS value FROM ${ident(source)}`,
    `WHERE ${ident(column)} IS NOT NULL ORDER BY 1 LIMIT ${Math.floor(limit)}`,
  ].join('\n');
}
