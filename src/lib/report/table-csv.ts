import type { PairedComparison } from '../analyses/compare/read-compare';

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

/** A model-vs-model comparison as CSV: the overall row, then a row per slice, every number shown. */
export function compareCsv(
  modelA: string,
  modelB: string,
  feature: string,
  rows: PairedComparison[],
): string {
  return toCsv(
    [
      feature || 'slice',
      'n',
      `accuracy_${modelA}`,
      `accuracy_${modelB}`,
      'difference',
      'difference_low_95',
      'difference_high_95',
      'both_right',
      `${modelA}_right_${modelB}_wrong`,
      `${modelA}_wrong_${modelB}_right`,
      'neither',
      'p',
      'q',
      'method',
    ],
    rows.map((r) => [
      r.overall ? '(all)' : r.slice,
      r.n,
      r.accuracyA,
      r.accuracyB,
      r.difference,
      r.differenceInterval.low,
      r.differenceInterval.high,
      r.bothRight,
      r.b,
      r.c,
      r.neither,
      r.p,
      r.overall ? null : r.q,
      r.method,
    ]),
  );
}
