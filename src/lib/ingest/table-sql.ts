import { ident, listLiteral, literal } from '../sql/quote';
import type { CsvLayout } from './csv-layout';

/** `CREATE TABLE` from a registered delimited file, with the header read by detectCsvLayout. */
export function readCsvSql(
  table: string,
  fileName: string,
  layout: CsvLayout,
  encoding?: 'latin-1',
): string {
  // An aggregated (two-row header) table is read as text: one "n/a" cell must not give its column
  // another type than the rest, or UNPIVOT refuses; values are cast after reshaping.
  const options = [
    ...(layout.twoRowHeader ? ['all_varchar = true'] : []),
    `delim = ${literal(layout.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    'header = false',
    `skip = ${layout.headerRows}`,
    `names = ${listLiteral(layout.names)}`,
    'auto_detect = true',
    'sample_size = 20480',
    ...(encoding ? [`encoding = ${literal(encoding)}`] : []),
  ];
  return `CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(${literal(fileName)}, ${options.join(', ')})`;
}

/**
 * Reshapes an aggregated table with a two-row header (a row per model, a column per group x level)
 * into long form: one row per model x condition x severity with its value.
 */
export function twoRowHeaderSql(raw: string, table: string, layout: CsvLayout): string {
  const header = layout.twoRowHeader;
  if (!header) throw new Error('the layout has no two-row header');
  const [rowName, ...valueColumns] = layout.names;
  const levels = header.levels.slice(1);
  const numeric = levels.every((l) => /^-?\d+(\.\d+)?$/.test(l));
  const mapping = valueColumns
    .map(
      (name, i) =>
        `(${literal(name)}, ${literal(header.groups[i + 1])}, ${numeric ? Number(levels[i]) : literal(levels[i])})`,
    )
    .join(', ');
  return [
    `CREATE TABLE ${ident(table)} AS`,
    `SELECT u.${ident(rowName)} AS ${ident(rowName)}, m.condition, m.severity, TRY_CAST(u.__value AS DOUBLE) AS value`,
    `FROM (UNPIVOT ${ident(raw)} ON ${valueColumns.map(ident).join(', ')} INTO NAME __key VALUE __value) AS u`,
    `JOIN (VALUES ${mapping}) AS m(__key, condition, severity) ON u.__key = m.__key`,
    `ORDER BY u.${ident(rowName)}, m.condition, m.severity`,
  ].join('\n');
}
