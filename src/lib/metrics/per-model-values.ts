import { ident, literal } from '../sql/quote';

/**
 * Per model of a table with a row per model: its number of rows (the caller refuses more than
 * one) and each of `columns` as a number (`value_0`, `value_1`, ...; NULL where not a number),
 * for the models given (all when empty), under the global filter.
 */
export function perModelValuesSql(
  source: string,
  model: string,
  columns: readonly string[],
  filter: string,
  models: readonly string[] = [],
): string {
  const name = `CAST(${ident(model)} AS VARCHAR)`;
  const where = [`${ident(model)} IS NOT NULL`];
  if (models.length > 0) where.push(`${name} IN (${models.map(literal).join(', ')})`);
  if (filter.trim()) where.push(`(${filter})`);
  const values = columns.map((c, i) => `first(TRY_CAST(${ident(c)} AS DOUBLE)) AS value_${i}`);
  return [
    `SELECT ${name} AS model, count(*)::DOUBLE AS rows, ${values.join(', ')}`,
    `FROM ${ident(source)} WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`,
  ].join('\n');
}

/** The first model with more than one row, to refuse a table that is not one row per model. */
export function repeatedModel(rows: readonly Record<string, unknown>[]) {
  const row = rows.find((r) => Number(r.rows) > 1);
  return row ? { model: String(row.model), rows: Number(row.rows) } : undefined;
}
