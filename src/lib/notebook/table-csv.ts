import type { FlatRow, Value } from './result-tables';

function field(value: Value): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV (RFC 4180): the columns in order of first appearance, null as an empty field. */
export function tableCsv(rows: FlatRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [
    columns.map(field).join(','),
    ...rows.map((r) => columns.map((c) => field(r[c] ?? null)).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}
