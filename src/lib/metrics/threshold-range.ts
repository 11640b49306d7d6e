import type { ColumnProfile } from '../ingest/profile';

/** The span a threshold on a score column can take, a step, and a start in the middle. */
export interface ThresholdRange {
  min: number;
  max: number;
  step: number;
  middle: number;
}

/**
 * Where a threshold on `column` may go: 0-1 in steps of 0.01 for a probability, else the column's
 * own range (a 1-10 risk score: 1-10 in steps of 1; other numbers in about 100 steps).
 */
export function thresholdRange(column: ColumnProfile | undefined): ThresholdRange {
  const [lo, hi] = [column?.min ?? 0, column?.max ?? 1];
  if (lo >= 0 && hi <= 1) return { min: 0, max: 1, step: 0.01, middle: 0.5 };
  const width = hi - lo;
  const step = column?.wholeNumbers && width <= 200 ? 1 : Number((width / 100).toPrecision(1)) || 1;
  const middle = Math.round((lo + width / 2) / step) * step;
  return { min: lo, max: hi, step, middle: Number(middle.toPrecision(12)) };
}
