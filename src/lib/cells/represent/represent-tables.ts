import {
  columnName,
  featureNames,
  plainValue,
  withInterval,
  type ResultTables,
} from '../../notebook/result-values';
import type { RepresentResult } from './run-represent-cell';

/**
 * A representativeness cell's tables: `reweighted`, a row per model (the metric on the test set
 * and under the target mix, the difference, Kish's effective n, the unrepresented share and its
 * bounds, ranks); `mix`, a row per slice (the two mixes side by side); `shift`, one row (the
 * chi-square test, PSI, and whether the ranking changes).
 */
export function representTables(result: RepresentResult): ResultTables {
  const metric = columnName(result.metricLabel);
  const mix = result.plan.mix.name;
  const reweighted = result.models.map((m) => ({
    model: m.model,
    metric: result.metricLabel,
    mix,
    n: plainValue(m.n),
    ...withInterval(`test_${metric}`, m.test, m.testInterval),
    ...withInterval(`target_${metric}`, m.target, m.targetInterval),
    ...withInterval('difference', m.difference, m.differenceInterval),
    effective_n: plainValue(m.effectiveN),
    unrepresented_share: plainValue(m.unrepresented),
    target_if_unrepresented_0: plainValue(m.bounds?.low ?? null),
    target_if_unrepresented_1: plainValue(m.bounds?.high ?? null),
    rank_test: plainValue(m.rankTest),
    rank_target: plainValue(m.rankTarget),
    best_on_test: m.rankTest === 1,
    best_under_target: m.rankTarget === 1,
    method: m.method,
  }));
  const columns = result.plan.features.map((f) => f.column);
  const names = featureNames(columns, [
    'test_rows',
    'test_share',
    'target_rows',
    'target_share',
    'ratio',
    'no_test_examples',
  ]);
  const slices = result.comparison.slices.map((s) => ({
    ...Object.fromEntries(names.map((name, i) => [name, s.values[i]])),
    test_rows: plainValue(s.testRows),
    test_share: plainValue(s.testShare),
    target_rows: plainValue(s.targetRows),
    target_share: plainValue(s.targetShare),
    ratio: plainValue(s.ratio),
    no_test_examples: s.testRows === 0 && s.targetShare > 0,
  }));
  const c = result.comparison;
  const r = result.ranking;
  const shift = [
    {
      mix,
      test: `chi-square ${c.test}`,
      chi_square: plainValue(c.chiSquare.statistic),
      df: plainValue(c.chiSquare.df),
      p: plainValue(c.chiSquare.p),
      psi: plainValue(c.psi),
      psi_reading: c.psiReading,
      unrepresented_share: plainValue(c.unrepresented),
      test_rows: plainValue(c.testRows),
      target_rows: plainValue(c.targetRows),
      ranking_changed: r.changed,
      best_on_test: r.testBest.join(', '),
      best_under_target: r.targetBest.join(', '),
      runner_up_under_target: r.runnerUp,
      ...withInterval('lead_under_target', r.lead, r.leadInterval),
      lead_method: r.leadMethod,
    },
  ];
  return { reweighted, mix: slices, shift };
}
