import { classKey } from '../metrics/metrics-sql';
import type { TableProfile } from '../ingest/profile';
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

/**
 * A dataset's values of a column as distinctValuesSql reads them (text, sorted, no NULL, at most
 * `limit`): from the dataset's profile where it lists them (columns of at most VALUES_UP_TO
 * values, profile.ts), so a cell does not scan every row again for the models it knows; else
 * read with the query.
 */
export async function datasetValues(
  dataset: { plan: { name: string }; profile: TableProfile },
  column: string,
  read: (sql: string) => Promise<Record<string, unknown>[]>,
  limit = 100,
): Promise<string[]> {
  const listed = dataset.profile.columns.find((c) => c.name === column)?.values;
  if (listed) return listed.slice(0, Math.floor(limit));
  const rows = await read(distinctValuesSql(dataset.plan.name, column, false, limit));
  return rows.map((r) => String(r.value));
}
