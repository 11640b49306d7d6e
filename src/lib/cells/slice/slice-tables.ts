import {
  featureNames,
  plainValue,
  withInterval,
  columnName,
  type ResultTables,
} from '../../notebook/result-values';
import { moreMetrics } from './more-metrics';
import type { SliceResult } from './run-slice-cell';

/**
 * A slice cell's table: a row per slice (and model), its metric and the difference to the rest,
 * and each further metric with its interval.
 */
export function sliceTables(result: SliceResult): ResultTables {
  return { slices: sliceRows(result) };
}

function sliceRows(result: SliceResult) {
  const metric = columnName(result.metric);
  const fixed = ['model', 'n', 'excluded', metric, 'difference_to_rest', 'p', 'q', 'method'];
  const names = featureNames(
    result.features.map((f) => f.column),
    fixed,
  );
  const more = moreMetrics(result);
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
    ...Object.assign(
      {},
      ...more.map(({ metric, rowOf }) => {
        const other = rowOf(r);
        return withInterval(columnName(metric), other?.value ?? NaN, other?.interval ?? null);
      }),
    ),
  }));
}
