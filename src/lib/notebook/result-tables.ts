import type { PairedComparison } from '../analyses/compare/read-compare';
import type { Estimate } from '../analyses/fairness/disparity';
import { groupName, RATE_IDS, RATE_LABELS } from '../analyses/fairness/read-fairness';
import type { OverviewRow } from '../analyses/overview';
import type { SliceResult } from './run-slice-cell';
import type { FairnessResult } from './run-fairness-cell';
import type { CompareResult } from './run-compare-cell';
import type { CellResult } from './run-cell';
import {
  calibrationTables,
  costTables,
  discoverTables,
  robustnessTables,
} from './result-tables-analyses';
import {
  columnName,
  plainRow,
  plainValue,
  withInterval,
  type FlatRow,
  type ResultTables,
} from './result-values';

export {
  columnName,
  plainRow,
  plainValue,
  type FlatRow,
  type ResultTables,
  type Value,
} from './result-values';

/**
 * Every number a cell shows, as flat tables: what the headless runner writes as CSV and JSON and
 * what assertions are checked against (docs/notebook-format.md lists the columns). A SQL cell's
 * result is its rows (`full` holds all of them; the result itself only has the first page).
 */
export function resultTables(result: CellResult, full?: FlatRow[]): ResultTables {
  switch (result.status) {
    case 'table':
      return { result: full ?? result.rows.map(plainRow) };
    case 'overview':
      return { overview: result.rows.map(overviewRow) };
    case 'slices':
      return { slices: sliceRows(result) };
    case 'fairness':
      return fairnessTables(result);
    case 'compare':
      return compareTables(result);
    case 'discover':
      return discoverTables(result);
    case 'robustness':
      return robustnessTables(result);
    case 'calibration':
      return calibrationTables(result);
    case 'cost':
      return costTables(result);
    case 'chart':
      // The chart draws another cell's result, written with that cell.
      return {};
    default:
      return genericTables(result);
  }
}

/**
 * A result kind without its own case above: each list of objects it holds becomes a table, nested
 * objects spread into `parent_child` columns (an interval into `interval_low`, `interval_high`).
 */
function genericTables(result: object): ResultTables {
  const tables: ResultTables = {};
  for (const [key, value] of Object.entries(result)) {
    if (!Array.isArray(value) || !value.every((v) => v !== null && typeof v === 'object')) continue;
    if (value.length > 0) tables[columnName(key)] = value.map((v) => flatten(v));
  }
  return tables;
}

function flatten(v: object, prefix = ''): FlatRow {
  const out: FlatRow = {};
  for (const [key, x] of Object.entries(v)) {
    const name = prefix + columnName(key.replace(/[A-Z]/g, (c) => `_${c}`));
    if (x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date))
      Object.assign(out, flatten(x, `${name}_`));
    else out[name] = plainValue(x);
  }
  return out;
}

function overviewRow(r: OverviewRow): FlatRow {
  return {
    model: r.model,
    n: r.n,
    excluded: r.excluded,
    ...withInterval(columnName(r.metric), r.estimate, r.interval),
    method: r.method,
    missing_predictions: r.missingPredictions,
  };
}

/** Feature columns keep their names unless one clashes with a column of the table itself. */
function featureNames(features: string[], fixed: string[]): string[] {
  return features.map((f) => (fixed.includes(f) ? `feature_${f}` : f));
}

function sliceRows(result: SliceResult): FlatRow[] {
  const metric = columnName(result.metric);
  const fixed = ['model', 'n', 'excluded', metric, 'difference_to_rest', 'p', 'q', 'method'];
  const names = featureNames(
    result.features.map((f) => f.column),
    fixed,
  );
  return result.rows.map((r) => ({
    ...(result.modelColumn ? { model: r.model } : {}),
    ...Object.fromEntries(names.map((name, i) => [name, r.values[i]])),
    n: r.n,
    excluded: r.excluded,
    ...withInterval(metric, r.value, r.interval),
    ...withInterval('difference_to_rest', r.difference, r.differenceInterval),
    p: plainValue(r.p),
    q: plainValue(r.q),
    method: r.method,
    detectable_difference: plainValue(r.detectable),
    rule_of_three: plainValue(r.ruleOfThree),
  }));
}

const MEASURES = ['parityDifference', 'parityRatio', 'equalizedOdds', 'fprRatio', 'fnrRatio'];

function fairnessTables(result: FairnessResult): ResultTables {
  const names = featureNames(result.features, ['model', 'rows', 'n', 'too_small']);
  const model = result.model === null ? {} : { model: result.model };
  const groups = result.groups.map((g) => ({
    ...model,
    ...Object.fromEntries(names.map((name, i) => [name, g.values[i]])),
    rows: g.rows,
    n: g.n,
    too_small: g.tooSmall,
    ...Object.assign(
      {},
      ...RATE_IDS.map((id) => {
        const rate = g.rates[id];
        const name = columnName(RATE_LABELS[id]);
        return {
          ...withInterval(name, rate.value, rate.interval),
          [`${name}_successes`]: rate.successes,
          [`${name}_trials`]: rate.trials,
        };
      }),
    ),
  }));
  const sizes = new Map(result.groups.map((g) => [groupName(g), g.n]));
  const disparities = result.disparities.map((d) => ({
    ...model,
    group: d.name,
    reference: result.reference,
    n: sizes.get(d.name) ?? null,
    ...Object.assign(
      {},
      ...MEASURES.map((m) => {
        const e = d[m as keyof typeof d] as Estimate;
        return withInterval(columnName(m.replace(/[A-Z]/g, (c) => `_${c}`)), e.value, e.interval);
      }),
    ),
    four_fifths: d.fourFifths,
  }));
  return { groups, disparities };
}

function pairRow(r: PairedComparison): FlatRow {
  return {
    n: r.n,
    both_right: r.bothRight,
    a_right_b_wrong: r.b,
    a_wrong_b_right: r.c,
    neither: r.neither,
    ...withInterval('accuracy_a', r.accuracyA, r.intervalA),
    ...withInterval('accuracy_b', r.accuracyB, r.intervalB),
    ...withInterval('difference', r.difference, r.differenceInterval),
    p: plainValue(r.p),
    q: plainValue(r.q),
    method: r.method,
  };
}

function compareTables(result: CompareResult): ResultTables {
  const { modelA, modelB, feature } = result.options;
  const rows = [...(result.overall ? [result.overall] : []), ...result.slices];
  const comparison = rows.map((r) => ({
    model_a: modelA,
    model_b: modelB,
    feature: r.overall ? null : (feature ?? null),
    slice: r.overall ? null : r.slice,
    overall: r.overall,
    ...pairRow(r),
  }));
  const tables: ResultTables = { comparison };
  if (result.pairwise.length > 0)
    tables.pairwise = result.pairwise.map((c) => ({
      model_a: c.modelA,
      model_b: c.modelB,
      ...pairRow(c),
    }));
  return tables;
}
