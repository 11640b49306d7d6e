import { benjaminiHochberg } from '../../stats/benjamini-hochberg';
import { newcombeDifference } from '../../stats/newcombe';
import { meanInterval } from '../../stats/student-t';
import { welchFromSums } from '../../stats/welch';
import { proportionDifferenceTest } from '../../stats/two-proportion-test';
import { wilsonInterval, type Interval } from '../../stats/wilson';
import { literal } from '../../sql/quote';
import type { SliceFeature } from '../../slicing/slice-feature';
import { sliceCondition } from '../../slicing/slice-condition';
import {
  sliceKey,
  sliceScore,
  type Predicate,
  type ScoredSlice,
  type SearchTotals,
} from './sliceline';

/** The error statistics of a half (or of all rows). */
export interface HalfTotals extends SearchTotals {
  squares: number;
  minError: number;
  maxError: number;
  /** Every error is 0 or 1: rates, Wilson and Newcombe intervals apply. */
  binary: boolean;
}

export function readTotals(rows: Record<string, unknown>[]): Map<number, HalfTotals> {
  const out = new Map<number, HalfTotals>();
  for (const r of rows)
    out.set(Number(r.half), {
      size: Number(r.size),
      errors: Number(r.errors),
      squares: Number(r.squares),
      minError: Number(r.min_error),
      maxError: Number(r.max_error),
      binary: r.binary === true,
    });
  return out;
}

/** Sums the totals of both halves (the whole data). */
export function combineTotals(halves: HalfTotals[]): HalfTotals {
  return {
    size: halves.reduce((s, h) => s + h.size, 0),
    errors: halves.reduce((s, h) => s + h.errors, 0),
    squares: halves.reduce((s, h) => s + h.squares, 0),
    minError: Math.min(...halves.map((h) => h.minError)),
    maxError: Math.max(...halves.map((h) => h.maxError)),
    binary: halves.every((h) => h.binary),
  };
}

/** The groups of a level query as slices: g<i> = 0 where the row groups by feature i. */
export function readLevel(
  rows: Record<string, unknown>[],
  featureCount: number,
  totals: SearchTotals,
  alpha: number,
): ScoredSlice[] {
  return rows.map((r) => {
    const predicates: Predicate[] = [];
    for (let i = 0; i < featureCount; i++) {
      if (r[`g${i}`] === undefined || Number(r[`g${i}`]) !== 0) continue;
      const v = r[`f${i}`];
      predicates.push({ feature: i, value: v === null || v === undefined ? null : String(v) });
    }
    const size = Number(r.size);
    const errors = Number(r.errors);
    return {
      predicates,
      size,
      errors,
      maxError: Number(r.max_error),
      squares: Number(r.squares),
      score: sliceScore(size, errors, totals, alpha),
    };
  });
}

/** A feature as the search sees it. */
export interface DiscoverFeature extends SliceFeature {
  /** Unbinned numbers are shown without quotes. */
  numeric: boolean;
}

/** A predicate as a person reads it: region = 'north', income_k in [30, 50), age is missing. */
export function readablePredicate(features: DiscoverFeature[], predicates: Predicate[]): string {
  return predicates
    .map(({ feature, value }) => {
      const f = features[feature];
      if (value === null) return `${f.column} is missing`;
      if (f.binning)
        return value.startsWith('[') ? `${f.column} in ${value}` : `${f.column} ${value}`;
      return `${f.column} = ${f.numeric && Number.isFinite(Number(value)) ? value : literal(value)}`;
    })
    .join(' AND ');
}

export interface DiscoveredSlice {
  key: string;
  predicates: Predicate[];
  /** `region = 'north' AND weather = 'fog'` */
  label: string;
  /** The SQL condition on the source's columns (for the filter and the drill-down). */
  condition: string;
  /** The statistics below are on the confirm half in discover-then-confirm, else on all rows. */
  n: number;
  errors: number;
  /** The mean error: the error rate for 0/1 errors. */
  rate: number;
  interval: Interval;
  /** rate - the rate of the other examples, with its interval. */
  lift: { difference: number; low: number; high: number };
  p: number;
  q: number;
  /** The score and size where the slice was found (the search half in discover-then-confirm). */
  score: number;
  searchN: number;
}

/**
 * The reported statistics of the found slices, measured on `stats` (the confirm half, or the same
 * rows searched), against the rest of those rows; q-values by Benjamini-Hochberg across them.
 */
export function reportSlices(
  found: ScoredSlice[],
  stats: Map<string, ScoredSlice>,
  totals: HalfTotals,
  features: DiscoverFeature[],
  edges: Record<string, number[]>,
): DiscoveredSlice[] {
  const rows = found.map((slice) => {
    const key = sliceKey(slice.predicates);
    const s = stats.get(key) ?? { size: 0, errors: 0, squares: 0 };
    const restN = totals.size - s.size;
    const restErrors = totals.errors - s.errors;
    let interval: Interval;
    let lift: DiscoveredSlice['lift'];
    let p: number;
    if (s.size === 0) {
      interval = { low: NaN, high: NaN };
      lift = { difference: NaN, low: NaN, high: NaN };
      p = NaN;
    } else if (totals.binary) {
      const errors = Math.round(s.errors);
      const rest = Math.round(restErrors);
      interval = wilsonInterval(errors, s.size);
      const diff = newcombeDifference(errors, s.size, rest, restN);
      lift = { difference: s.errors / s.size - restErrors / restN, ...diff };
      p = proportionDifferenceTest(errors, s.size, rest, restN).p;
    } else {
      const mean = s.errors / s.size;
      const sd =
        s.size > 1
          ? Math.sqrt(Math.max(0, (s.squares - s.size * mean * mean) / (s.size - 1)))
          : NaN;
      interval = meanInterval(mean, sd, s.size);
      const w = welchFromSums(
        s.size,
        s.errors,
        s.squares,
        restN,
        restErrors,
        totals.squares - s.squares,
      );
      lift = { difference: w.difference, low: w.low, high: w.high };
      p = w.p;
    }
    const values = features.map((_, i) => slice.predicates.find((q) => q.feature === i));
    const used = features.filter((_, i) => values[i]);
    return {
      key,
      predicates: slice.predicates,
      label: readablePredicate(features, slice.predicates),
      condition: sliceCondition(
        used,
        edges,
        slice.predicates.map((q) => q.value),
      ),
      n: s.size,
      errors: s.errors,
      rate: s.size > 0 ? s.errors / s.size : NaN,
      interval,
      lift,
      p,
      q: NaN,
      score: slice.score,
      searchN: slice.size,
    };
  });
  const q = benjaminiHochberg(rows.map((r) => r.p));
  return rows.map((r, i) => ({ ...r, q: q[i] }));
}
