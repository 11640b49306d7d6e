/** A value a CSV field can hold; a number that is not finite (NaN, ±Infinity) is written empty. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV field (RFC 4180). Quoted when it holds a quote, comma or line break, and when it starts
 * or ends with white space (readers that trim unquoted fields would change it); missing values and
 * numbers that are not finite are empty.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV text: a header line, then a line per row. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** Rows of named values as CSV: the columns in order of first appearance. */
export function tableCsv(rows: Record<string, CsvValue>[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return toCsv(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}
