type Field = string | number | boolean | null | undefined;

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; no value is empty. */
export function csvField(value: Field): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV text: a header line, then a line per row. */
export function toCsv(header: string[], rows: Field[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
