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

/**
 * CSV text (toCsv's) with a last column `filter` holding the global filter on every row, so an
 * export says which rows it was computed on; the text as it is without a filter. Records end at
 * line breaks outside quotes (a field holding a line break is quoted).
 */
export function withFilterColumn(csv: string, filter: string): string {
  if (!filter.trim() || csv === '') return csv;
  const field = csvField(filter);
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    if (csv[i] === '"') quoted = !quoted;
    else if (csv[i] === '\n' && !quoted) {
      records.push(csv.slice(start, i));
      start = i + 1;
    }
  }
  if (start < csv.length) records.push(csv.slice(start));
  const [header, ...rows] = records;
  return [`${header},filter`, ...rows.map((r) => `${r},${field}`)].join('\n') + '\n';
}
