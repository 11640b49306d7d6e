import { formatClass } from '../format';
import { classText, type ClassMode } from '../metrics/metrics-sql';
import { ident } from '../sql/quote';
import { naturalLevelOrder } from './level-order';

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

/**
 * The confusion matrix of a slice: how many rows have each (label, prediction) pair, the values
 * keyed as classes the way the slice's metrics tell them apart (`mode`, metrics-sql.ts classMode):
 * an integer label meeting float predictions is one class per number (1 and 1.0), while two text
 * columns keep '01' and '1' apart.
 */
export function confusionSql(
  source: string,
  label: string,
  prediction: string,
  condition: string,
  filter: string,
  mode: ClassMode = 'any',
): string {
  const where = [filter.trim() ? `(${filter})` : '', `(${condition})`]
    .filter((p) => p !== '')
    .join(' AND ');
  const key = (column: string) => classText(mode, ident(column));
  return [
    `SELECT ${key(label)} AS label, ${key(prediction)} AS prediction, count(*)::DOUBLE AS n`,
    `FROM ${ident(source)} WHERE ${where} GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST`,
  ].join('\n');
}

/** How a missing label or prediction is named; listed after every class. */
const MISSING = '∅';

export interface ConfusionMatrix {
  /** Every class seen as a label or a prediction, in natural order: the order of both axes. */
  classes: string[];
  /** counts[label][prediction]; absent pairs are 0. */
  counts: Record<string, Record<string, number>>;
  /** Row totals: rows per label. */
  byLabel: Record<string, number>;
  /** Column totals: rows per prediction. */
  byPrediction: Record<string, number>;
  total: number;
}

/**
 * The matrix of confusionSql's rows, with one class order on both axes (so the diagonal is one).
 * Classes keyed by value (`mode` other than text) are named as the label reads: 1, not 1.0.
 */
export function readConfusion(
  rows: { label: unknown; prediction: unknown; n: unknown }[],
  mode: ClassMode = 'any',
): ConfusionMatrix {
  const name = (v: unknown) =>
    v === null || v === undefined ? MISSING : mode === 'text' ? String(v) : formatClass(String(v));
  const seen = new Set(rows.flatMap((r) => [name(r.label), name(r.prediction)]));
  const named = [...seen].filter((c) => c !== MISSING);
  const classes = [...naturalLevelOrder(named).order, ...(seen.has(MISSING) ? [MISSING] : [])];
  const counts: Record<string, Record<string, number>> = {};
  const byLabel: Record<string, number> = {};
  const byPrediction: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const [label, prediction, n] = [name(r.label), name(r.prediction), Number(r.n)];
    (counts[label] ??= {})[prediction] = (counts[label][prediction] ?? 0) + n;
    byLabel[label] = (byLabel[label] ?? 0) + n;
    byPrediction[prediction] = (byPrediction[prediction] ?? 0) + n;
    total += n;
  }
  return { classes, counts, byLabel, byPrediction, total };
}
