import { quantileRanks } from '../../stats/quantile-interval';
import { meanInterval } from '../../stats/student-t';
import { wilsonInterval, type Interval } from '../../stats/wilson';
import type { MetricValue } from '../../metrics/metrics';
import type { WantedRanks } from './build-cost';
import { paretoFront } from './pareto';

type Row = Record<string, unknown>;

export type CostStatistic = 'mean' | 'p50' | 'p95';

export const PERCENTILES: Record<'p50' | 'p95', number> = { p50: 0.5, p95: 0.95 };

/** A model (in a slice): its cost statistics and quality, each with a 95% interval. */
export interface CostRow {
  model: string | null;
  /** The feature's value; null for the model's rows as a whole. */
  slice: string | null;
  rows: number;
  /** Rows with a finite cost. */
  n: number;
  mean: number;
  /** Student t interval. */
  meanInterval: Interval;
  /** Percentiles with distribution-free order-statistic intervals (stats/quantile-interval.ts). */
  p50: number;
  p50Interval: Interval;
  p95: number;
  p95Interval: Interval;
  quality: MetricValue;
  qualityInterval: Interval;
  /** On the Pareto front of its slice: no other model both costs less and does better. */
  front: boolean;
}

const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const keysOf = (r: Row, count: number) =>
  Array.from({ length: count }, (_, i) => text(r[`slice_${i}`]));

/** The order statistics each group's percentile intervals need. */
export function wantedRanks(summary: readonly Row[], keyCount: number): WantedRanks[] {
  return summary.flatMap((r) => {
    const n = num(r.n);
    if (!(n > 0)) return [];
    const ranks = Object.values(PERCENTILES).flatMap((p) => {
      const q = quantileRanks(n, p);
      return [q.lower, q.upper].filter((k): k is number => k !== null);
    });
    return [{ keys: keysOf(r, keyCount), ranks: [...new Set(ranks)] }];
  });
}

/** A quality value's interval: Wilson for a rate, t for a mean with its sd, else none. */
export function qualityInterval(v: MetricValue): Interval {
  if (v.successes !== undefined && v.trials !== undefined)
    return wilsonInterval(v.successes, v.trials);
  if (v.sd !== undefined) return meanInterval(v.value, v.sd, v.n);
  return { low: NaN, high: NaN };
}

/**
 * Joins the cost summary, its order statistics and the quality of each group, and marks the
 * Pareto front on `statistic` within each slice (all models together when not sliced).
 */
export function readCost(
  summary: readonly Row[],
  orderStatistics: readonly Row[],
  quality: ReadonlyMap<string, MetricValue>,
  o: { hasModel: boolean; bySlice: boolean; statistic: CostStatistic; higherIsBetter: boolean },
): CostRow[] {
  const keyCount = (o.hasModel ? 1 : 0) + (o.bySlice ? 1 : 0);
  const order = new Map<string, number>();
  for (const r of orderStatistics)
    order.set(JSON.stringify([...keysOf(r, keyCount), num(r.k)]), num(r.cost));
  const rows: CostRow[] = summary.map((r) => {
    const keys = keysOf(r, keyCount);
    const n = num(r.n);
    const at = (k: number | null) =>
      k === null ? NaN : (order.get(JSON.stringify([...keys, k])) ?? NaN);
    const percentile = (p: number): Interval => {
      const q = quantileRanks(n, p);
      return { low: at(q.lower), high: at(q.upper) };
    };
    const value = quality.get(JSON.stringify(keys)) ?? { value: NaN, n: 0, excluded: 0 };
    return {
      model: o.hasModel ? keys[0] : null,
      slice: o.bySlice ? keys[keyCount - 1] : null,
      rows: num(r.rows),
      n,
      mean: num(r.mean),
      meanInterval: meanInterval(num(r.mean), num(r.sd), n),
      p50: num(r.p50),
      p50Interval: percentile(PERCENTILES.p50),
      p95: num(r.p95),
      p95Interval: percentile(PERCENTILES.p95),
      quality: value,
      qualityInterval: qualityInterval(value),
      front: false,
    };
  });
  const slices = new Set(rows.map((r) => r.slice));
  for (const slice of slices) {
    const members = rows.filter((r) => r.slice === slice);
    const front = paretoFront(
      members.map((r) => ({ cost: r[o.statistic], quality: r.quality.value })),
      o.higherIsBetter,
    );
    members.forEach((r, i) => (r.front = front[i]));
  }
  return rows;
}

/** Quality rows of buildMetricQuery keyed like the cost groups. */
export function qualityByGroup(
  rows: readonly Row[],
  keyCount: number,
  read: (row: Row) => MetricValue,
): Map<string, MetricValue> {
  return new Map(rows.map((r) => [JSON.stringify(keysOf(r, keyCount)), read(r)]));
}
