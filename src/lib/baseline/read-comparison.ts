import { compareNatural } from '../slicing/level-order';
import { benjaminiHochberg } from '../stats/benjamini-hochberg';
import type { SliceKeys } from './build-baseline-sql';
import type { ExampleValue } from './example-value';
import { compareSlice, type SliceDifference, type SliceStats } from './compare-slice';

type Row = Record<string, unknown>;

/** One slice (or a model's overall) of one dataset: the candidate against the baseline. */
export interface SliceComparison extends SliceDifference {
  dataset: string;
  /** The slice cells that show this slice; none for the overall row. */
  cells: string[];
  /** `feature: value` for each feature, `; `-separated; "overall" for all rows. */
  slice: string;
  overall: boolean;
  model: string | null;
  paired: boolean;
  /** Ids in one run only (paired comparisons): counted here, left out of the difference. */
  onlyCandidate: number;
  onlyBaseline: number;
  /** What the values' mean is ("accuracy"), and whether a rise is better. */
  metric: string;
  higherIsBetter: boolean;
  /** Benjamini-Hochberg across every row of the run (withQValues). */
  q: number;
}

/** A row of comparisonSql as statistics; the 2x2 table from the sums (meaningful for 0/1 values). */
export function sliceStats(row: Row): SliceStats {
  const n = (key: string) => Number(row[key] ?? 0);
  const variance = (key: string) =>
    row[key] === null || row[key] === undefined ? NaN : Number(row[key]);
  const [pairs, sumCandidate, sumDifference, bothRight] = ['n_p', 'sum_pc', 'sum_d', 'sum_cb'].map(
    n,
  );
  const candidateOnly = sumCandidate - bothRight;
  const baselineOnly = sumCandidate - sumDifference - bothRight;
  return {
    candidate: { n: n('n_c'), sum: n('sum_c'), variance: variance('var_c') },
    baseline: { n: n('n_b'), sum: n('sum_b'), variance: variance('var_b') },
    pairs: { n: pairs, sumCandidate, sumDifference, varianceDifference: variance('var_d') },
    table: {
      bothRight,
      candidateOnly,
      baselineOnly,
      bothWrong: pairs - bothRight - candidateOnly - baselineOnly,
    },
  };
}

/** The grouping of a row of comparisonSql or runSlicesSql, and its slice in words. */
export function sliceOf(
  keys: SliceKeys,
  row: Row,
): { grouping: SliceKeys['groupings'][number]; slice: string } | undefined {
  const grouping = keys.groupings.find(
    (g) => groupingMask(keys, g.keys) === Number(row.grouping_mask),
  );
  if (!grouping) return undefined;
  const value = (i: number) => {
    const v = row[`__k${i}`];
    return v === null || v === undefined ? '(missing)' : String(v);
  };
  const slice = grouping.features.map((f, i) => `${f}: ${value(grouping.keys[i])}`).join('; ');
  return { grouping, slice: slice || 'overall' };
}

/** DuckDB's grouping() of a grouping: a key's bit (the first key the highest) is 1 when not grouped by. */
export function groupingMask(keys: SliceKeys, indices: readonly number[]): number {
  const all = keys.keys.length;
  return keys.keys.reduce((m, _, i) => (indices.includes(i) ? m : m | (1 << (all - 1 - i))), 0);
}

/** A row's model as text; null where the data has no model column. */
export const modelOf = (row: Row): string | null =>
  row.model === null || row.model === undefined ? null : String(row.model);

/**
 * Rows of a comparison or a history in a fixed order, as DuckDB returns GROUPING SETS in none: the
 * groupings in the cells' order (overall first), each slice's values in natural order (18-25
 * before 26-40, bin 2 before 10), then the models.
 */
export function inSliceOrder<
  T extends { grouping: SliceKeys['groupings'][number]; slice: string; model: string | null },
>(keys: SliceKeys, items: readonly T[]): T[] {
  const at = (t: T) => keys.groupings.indexOf(t.grouping);
  return [...items].sort(
    (x, y) =>
      at(x) - at(y) ||
      compareNatural(x.slice, y.slice) ||
      compareNatural(x.model ?? '', y.model ?? ''),
  );
}

/** The mask of the overall rows (grouped by no key). */
export const overallMask = (keys: SliceKeys) => groupingMask(keys, []);

/**
 * The rows of comparisonSql as comparisons: each row's grouping (its bit mask: a key's bit is 1
 * when the row is not grouped by it) names its features. Values are 0/1 when no row of the
 * dataset has another value; then the tests are for proportions.
 */
export function readComparison(
  dataset: string,
  value: ExampleValue,
  keys: SliceKeys,
  rows: Row[],
  paired: boolean,
): Omit<SliceComparison, 'q'>[] {
  const binary = rows.every((r) => Number(r.not_binary ?? 0) === 0);
  const named = rows.flatMap((row) => {
    const found = sliceOf(keys, row);
    return found ? [{ row, ...found, model: modelOf(row) }] : [];
  });
  return inSliceOrder(keys, named).map(({ row, grouping, slice, model }) => {
    const stats = sliceStats(row);
    return {
      dataset,
      cells: grouping.cells,
      slice,
      overall: grouping.keys.length === 0,
      model,
      metric: value.metric,
      higherIsBetter: value.higherIsBetter,
      paired,
      onlyCandidate: paired ? Number(row.only_c ?? 0) : 0,
      onlyBaseline: paired ? Number(row.only_b ?? 0) : 0,
      ...compareSlice(stats, paired, binary),
    };
  });
}

/** Benjamini-Hochberg q-values across all the comparisons of a run (every dataset, slice and model). */
export function withQValues(rows: Omit<SliceComparison, 'q'>[]): SliceComparison[] {
  const q = benjaminiHochberg(rows.map((r) => (Number.isFinite(r.p) ? r.p : NaN)));
  return rows.map((r, i) => ({ ...r, q: q[i] }));
}
