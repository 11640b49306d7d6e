import {
  plainValue,
  withInterval,
  type FlatRow,
  type ResultTables,
} from '../../notebook/result-values';
import type { PairedComparison } from './read-compare';
import type { CompareResult } from './run-compare-cell';

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

/**
 * A compare cell's tables: the comparison overall and per slice, and every pair of models; for
 * per-example scores, `scores` instead.
 */
export function compareTables(result: CompareResult): ResultTables {
  const { modelA, modelB, feature } = result.options;
  if (result.scores) {
    const { overall, slices } = result.scores;
    return {
      scores: [...(overall ? [overall] : []), ...slices].map((r) => ({
        model_a: modelA,
        model_b: modelB,
        score: result.options.outcome ?? null,
        feature: r.overall ? null : (feature ?? null),
        slice: r.overall ? null : r.slice,
        overall: r.overall,
        n: r.n,
        ...withInterval('mean_a', r.meanA, r.intervalA),
        ...withInterval('mean_b', r.meanB, r.intervalB),
        ...withInterval('difference', r.difference, r.tInterval),
        difference_bootstrap_low_95: plainValue(r.bootstrapInterval.low),
        difference_bootstrap_high_95: plainValue(r.bootstrapInterval.high),
        wins: r.wins,
        losses: r.losses,
        ties: r.ties,
        sign_p: plainValue(r.signP),
        wilcoxon_p: plainValue(r.wilcoxonP),
        wilcoxon_method: r.wilcoxonMethod,
        q: plainValue(r.q),
      })),
    };
  }
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
