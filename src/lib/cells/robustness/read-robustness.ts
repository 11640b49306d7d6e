import { meanInterval } from '../../stats/student-t';
import { wilsonInterval, type Interval } from '../../stats/wilson';

/** One model on one condition at one severity level. */
export interface LevelStat {
  model: string;
  condition: string;
  level: string;
  /** Rows with a value. */
  n: number;
  /** The metric: accuracy or mean outcome (the per-cell value of an aggregated table). */
  value: number;
  /** Right answers, for per-example 0/1 values; null for an aggregated table. */
  successes: number | null;
  /** Wilson for per-example rates, t for several values per cell, null for a single value. */
  interval: Interval | null;
}

/**
 * Reads robustnessSql's rows. With `perExample` (every value 0/1, one row per example) a cell's
 * value is a rate with a Wilson interval. Otherwise it is an aggregated table: a cell is one
 * value (an accuracy computed elsewhere, no interval possible) or the mean of several with a t
 * interval.
 */
export function readLevelStats(rows: Record<string, unknown>[]): {
  stats: LevelStat[];
  perExample: boolean;
} {
  const perExample = rows.every((r) => r.binary === true || Number(r.n) === 0);
  const stats = rows
    .filter((r) => Number(r.n) > 0)
    .map((r) => {
      const [n, total, squares] = [Number(r.n), Number(r.total), Number(r.squares)];
      const value = total / n;
      const sd = Math.sqrt(Math.max(0, (squares - n * value * value) / (n - 1)));
      return {
        model: String(r.model),
        condition: String(r.condition),
        level: String(r.severity),
        n,
        value,
        successes: perExample ? total : null,
        interval: perExample ? wilsonInterval(total, n) : n > 1 ? meanInterval(value, sd, n) : null,
      };
    });
  return { stats, perExample };
}
