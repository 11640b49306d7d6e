import { toCsv } from '../../csv';
import type { PairedComparison } from './read-compare';

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
