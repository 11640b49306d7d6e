import { ident } from '../sql/quote';

export interface ExportColumn {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, VARCHAR, DECIMAL(10,2). */
  sqlType: string;
}

const WIDE_INTEGERS = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|INT8|LONG)$/i;
/** Types Arrow and Parquet carry as they are; anything else is written as text. */
const PLAIN =
  /^(BOOLEAN|TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT|UINTEGER|FLOAT|DOUBLE|REAL|VARCHAR|DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE)$/i;

/**
 * Whether each 64-bit integer column fits in 32 bits. The browser engine hands 64-bit integers
 * over as doubles (castBigIntToDouble), so those that fit are written as INTEGER to come back as
 * integers; the others as DOUBLE, which is what the app computed with anyway.
 */
export function integerRangeSql(table: string, columns: ExportColumn[]): string | null {
  const wide = columns.filter((c) => WIDE_INTEGERS.test(c.sqlType));
  if (wide.length === 0) return null;
  const checks = wide.map(
    (c) =>
      `coalesce(min(${ident(c.name)}) >= -2147483648 AND max(${ident(c.name)}) <= 2147483647, true) AS ${ident(c.name)}`,
  );
  return `SELECT ${checks.join(', ')} FROM ${ident(table)}`;
}

/** The kept columns of a table, cast to types that survive Arrow -> Parquet -> Arrow unchanged. */
export function exportSql(
  table: string,
  columns: ExportColumn[],
  fitsInteger: Record<string, boolean>,
): string {
  const items = columns.map((c) => {
    const name = ident(c.name);
    if (WIDE_INTEGERS.test(c.sqlType))
      return `${name}::${fitsInteger[c.name] ? 'INTEGER' : 'DOUBLE'} AS ${name}`;
    if (/^DECIMAL/i.test(c.sqlType)) return `${name}::DOUBLE AS ${name}`;
    if (PLAIN.test(c.sqlType)) return name;
    return `${name}::VARCHAR AS ${name}`;
  });
  return `SELECT ${items.join(', ')} FROM ${ident(table)}`;
}

/** A file name for a table's Parquet inside the report: from the original name, made safe for URLs. */
export function dataPath(fileName: string, taken: Set<string>): string {
  const stem =
    fileName
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '') || 'data';
  let path = `data/${stem}.parquet`;
  for (let k = 2; taken.has(path); k++) path = `data/${stem}-${k}.parquet`;
  taken.add(path);
  return path;
}
