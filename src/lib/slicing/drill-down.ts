import { ident } from '../sql/quote';

/** A slice's rows, one page at a time, and their count; `condition` from sliceCondition. */
export function sliceRowsSql(
  source: string,
  condition: string,
  filter: string,
  offset: number,
  limit: number,
): { rows: string; count: string } {
  const where = [filter.trim() ? `(${filter})` : '', `(${condition})`]
    .filter((p) => p !== '')
    .join(' AND ');
  return {
    rows: `SELECT * FROM ${ident(source)} WHERE ${where} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
    count: `SELECT count(*)::DOUBLE AS n FROM ${ident(source)} WHERE ${where}`,
  };
}

/** The confusion matrix of a slice: how many rows have each (label, prediction) pair. */
export function confusionSql(
  source: string,
  label: string,
  prediction: string,
  condition: string,
  filter: string,
): string {
  const where = [filter.trim() ? `(${filter})` : '', `(${condition})`]
    .filter((p) => p !== '')
    .join(' AND ');
  return [
    `SELECT CAST(${ident(label)} AS VARCHAR) AS label, CAST(${ident(prediction)} AS VARCHAR) AS prediction, count(*)::DOUBLE AS n`,
    `FROM ${ident(source)} WHERE ${where} GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST`,
  ].join('\n');
}

export interface ConfusionMatrix {
  labels: string[];
  predictions: string[];
  /** counts[label][prediction] */
  counts: Record<string, Record<string, number>>;
}

export function readConfusion(
  rows: { label: unknown; prediction: unknown; n: unknown }[],
): ConfusionMatrix {
  const name = (v: unknown) => (v === null || v === undefined ? '∅' : String(v));
  const labels = [...new Set(rows.map((r) => name(r.label)))];
  const predictions = [...new Set(rows.map((r) => name(r.prediction)))];
  const counts: Record<string, Record<string, number>> = {};
  for (const r of rows) (counts[name(r.label)] ??= {})[name(r.prediction)] = Number(r.n);
  return { labels, predictions, counts };
}
