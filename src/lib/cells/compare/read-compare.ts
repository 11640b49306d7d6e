import { benjaminiHochberg } from '../../stats/benjamini-hochberg';
import { mcnemarTest } from '../../stats/mcnemar';
import { pairedDifference } from '../../stats/paired-difference';
import { wilsonInterval, type Interval } from '../../stats/wilson';
import { passModels, type CompareOptions } from './build-compare';

type Row = Record<string, unknown>;

/** How the two models' rows matched on the example id (see matchingSql). */
export interface Matching {
  rowsA: number;
  rowsB: number;
  noIdA: number;
  noIdB: number;
  onlyA: number;
  onlyB: number;
  matched: number;
  unlabelled: number;
  labelsDisagree: number;
}

export function readMatching(row: Row): Matching {
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    rowsA: n('rows_a'),
    rowsB: n('rows_b'),
    noIdA: n('no_id_a'),
    noIdB: n('no_id_b'),
    onlyA: n('only_a'),
    onlyB: n('only_b'),
    matched: n('matched'),
    unlabelled: n('unlabelled'),
    labelsDisagree: n('labels_disagree'),
  };
}

/** The names of a pair's counts, by the two models' states (1 right, 2 wrong). */
const PAIRED: Record<string, string> = {
  '11': 'both_right',
  '12': 'b',
  '21': 'c',
  '22': 'neither',
};

/**
 * matchingSql's rows counted per slice, in their order: how A's and B's rows matched (rows_a,
 * rows_b, no_id_a, no_id_b, only_a, only_b, matched, unlabelled, labels_disagree), `repeated`,
 * A and B's paired table (n, both_right, b, c, neither) and, with `pairs` (as given to
 * matchingSql), every pair of them i < j as n_i_j, both_right_i_j, b_i_j, c_i_j, neither_i_j.
 */
export function countsPerSlice(
  rows: readonly Row[],
  o: CompareOptions,
  pairs: readonly string[] = [],
): Row[] {
  const models = passModels(o, pairs);
  const compared: [number, number, string][] = [[0, 1, '']];
  for (let i = 0; i < pairs.length; i++)
    for (let j = i + 1; j < pairs.length; j++)
      compared.push([models.indexOf(pairs[i]), models.indexOf(pairs[j]), `_${i}_${j}`]);
  const counts = [
    'rows_a',
    'rows_b',
    'no_id_a',
    'no_id_b',
    'only_a',
    'only_b',
    'matched',
    'unlabelled',
    'labels_disagree',
    'repeated',
    ...compared.flatMap(([, , s]) => ['n', ...Object.values(PAIRED)].map((k) => k + s)),
  ];
  const bySlice = new Map<unknown, Record<string, number>>();
  for (const row of rows) {
    const slice = row.slice ?? null;
    let out = bySlice.get(slice);
    if (!out) bySlice.set(slice, (out = Object.fromEntries(counts.map((k) => [k, 0]))));
    const [ids, noA, noB] = [Number(row.ids), Number(row.no_a), Number(row.no_b)];
    out.rows_a += noA;
    out.rows_b += noB;
    out.no_id_a += noA;
    out.no_id_b += noB;
    out.repeated += Number(row.extra);
    if (row.state === null || row.state === undefined) continue;
    const state = Number(row.state);
    /** Model x's state: 0 absent, 1 right, 2 wrong, 3 without a label. */
    const of = (x: number) => (state >> (2 * x)) & 3;
    const [a, b] = [of(0), of(1)];
    if (a !== 0) out.rows_a += ids;
    if (b !== 0) out.rows_b += ids;
    if (a !== 0 && b === 0) out.only_a += ids;
    if (b !== 0 && a === 0) out.only_b += ids;
    if (a !== 0 && b !== 0) out.matched += ids;
    if (a !== 0 && b !== 0 && (a === 3 || b === 3)) out.unlabelled += ids;
    if (a !== 0 && a !== 3 && b !== 0 && b !== 3 && row.differ === true) out.labels_disagree += ids;
    for (const [x, y, suffix] of compared) {
      const key = PAIRED[`${of(x)}${of(y)}`];
      if (key === undefined) continue;
      out[`n${suffix}`] += ids;
      out[key + suffix] += ids;
    }
  }
  return [...bySlice].map(([slice, out]) => ({ slice, ...out }));
}

/** countsPerSlice's rows summed: the totals readMatching and pairwiseRows read. */
export function sumSlices(rows: readonly Row[]): Row {
  const totals: Row = {};
  for (const row of rows)
    for (const [key, value] of Object.entries(row))
      if (key !== 'slice') totals[key] = Number(totals[key] ?? 0) + Number(value ?? 0);
  return totals;
}

/**
 * The paired tables of models A and B from countsPerSlice's rows, as readPairs reads them: overall
 * first (the slices summed), then each slice with a labelled pair, in the rows' order.
 */
export function pairRows(rows: readonly Row[], sliced: boolean): Row[] {
  const keys = ['n', 'both_right', 'b', 'c', 'neither'];
  const pick = (row: Row) => Object.fromEntries(keys.map((k) => [k, Number(row[k] ?? 0)]));
  const overall = { slice: null, overall: 1, ...pick(sumSlices(rows)) };
  if (!sliced) return [overall];
  const slices = rows.filter((r) => Number(r.n) > 0);
  return [overall, ...slices.map((r) => ({ slice: r.slice, overall: 0, ...pick(r) }))];
}

/** Two models on the same examples: a slice (or overall), its paired table and tests. */
export interface PairedComparison {
  /** The slice's value; null for the missing value (and for the overall row). */
  slice: string | null;
  overall: boolean;
  n: number;
  bothRight: number;
  /** A right, B wrong. */
  b: number;
  /** A wrong, B right. */
  c: number;
  neither: number;
  accuracyA: number;
  accuracyB: number;
  intervalA: Interval;
  intervalB: Interval;
  /** Accuracy of A minus accuracy of B, (b − c)/n, with the paired interval. */
  difference: number;
  differenceInterval: Interval;
  p: number;
  method: string;
  /** Benjamini-Hochberg across the slices (NaN for the overall row). */
  q: number;
}

export function pairedComparison(row: Row): PairedComparison {
  const [n, bothRight, b, c, neither] = ['n', 'both_right', 'b', 'c', 'neither'].map((k) =>
    Number(row[k] ?? 0),
  );
  const test = mcnemarTest(b, c);
  return {
    slice: row.slice === null || row.slice === undefined ? null : String(row.slice),
    overall: Number(row.overall) === 1,
    n,
    bothRight,
    b,
    c,
    neither,
    accuracyA: (bothRight + b) / n,
    accuracyB: (bothRight + c) / n,
    intervalA: wilsonInterval(bothRight + b, n),
    intervalB: wilsonInterval(bothRight + c, n),
    difference: (b - c) / n,
    differenceInterval: pairedDifference(bothRight, b, c, neither),
    p: test.p,
    method: test.method,
    q: NaN,
  };
}

/** The overall row and the slices, these with BH q-values and sorted by |difference|, largest first. */
export function readPairs(rows: Row[]): {
  overall: PairedComparison | null;
  slices: PairedComparison[];
} {
  const all = rows.map(pairedComparison);
  const overall = all.find((r) => r.overall) ?? null;
  const slices = all.filter((r) => !r.overall);
  const q = benjaminiHochberg(slices.map((s) => s.p));
  const withQ = slices.map((s, i) => ({ ...s, q: q[i] }));
  return {
    overall,
    slices: withQ.sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference)),
  };
}

/** A cell of the pairwise matrix: model A (row) against model B (column). */
export interface PairwiseCell extends PairedComparison {
  modelA: string;
  modelB: string;
}

/**
 * The pairs of countsPerSlice's columns as the rows pairwiseSql gives: model_a before model_b in
 * the models' order (distinctValuesSql's, DuckDB's), pairs without a shared example left out.
 */
export function pairwiseRows(row: Row, models: readonly string[]): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < models.length; i++)
    for (let j = i + 1; j < models.length; j++) {
      const pair: Row = { model_a: models[i], model_b: models[j] };
      for (const key of ['n', 'both_right', 'b', 'c', 'neither'])
        pair[key] = Number(row[`${key}_${i}_${j}`] ?? 0);
      if (Number(pair.n) > 0) out.push(pair);
    }
  return out;
}

/** Every pair of models, with BH q-values across the pairs. */
export function readPairwise(rows: Row[]): PairwiseCell[] {
  const cells = rows.map((r) => ({
    ...pairedComparison({ ...r, overall: 1 }),
    modelA: String(r.model_a),
    modelB: String(r.model_b),
  }));
  const q = benjaminiHochberg(cells.map((c) => c.p));
  return cells.map((c, i) => ({ ...c, q: q[i] }));
}
