import {
  columnName,
  plainValue,
  withInterval,
  type ResultTables,
} from '../../notebook/result-values';
import type { LeaderboardResult } from './run-leaderboard-cell';

/**
 * A leaderboard's tables: `leaderboard`, a row per model in rank order (the metric's value, its
 * rank and rank interval, the difference to the best, the test, whether it is tied with the
 * best); `slices`, with a feature: each model's value and rank within each of its values.
 */
export function leaderboardTables(result: LeaderboardResult): ResultTables {
  const metric = columnName(result.label);
  const leaderboard = [...result.models]
    .sort((a, b) => a.rank - b.rank || a.model.localeCompare(b.model))
    .map((m) => ({
      model: m.model,
      metric: result.label,
      n: plainValue(m.n),
      ...withInterval(metric, m.value, m.interval),
      rank: plainValue(m.rank),
      rank_low_95: plainValue(m.rankInterval.low),
      rank_high_95: plainValue(m.rankInterval.high),
      best: m.best,
      ...withInterval('difference_to_best', m.difference, m.differenceInterval),
      p: plainValue(m.p),
      q: plainValue(m.q),
      test: m.test,
      tied_with_best: m.tied,
      tied_or_best: m.tied ? 1 : 0,
    }));
  const tables: ResultTables = { leaderboard };
  if (result.slices.length > 0) {
    const feature = result.plan.kind === 'examples' ? (result.plan.feature ?? null) : null;
    tables.slices = result.slices.map((s) => ({
      feature,
      slice: s.slice,
      model: s.model,
      n: plainValue(s.n),
      value: plainValue(s.value),
      rank: plainValue(s.rank),
      rank_low_95: plainValue(s.rankInterval.low),
      rank_high_95: plainValue(s.rankInterval.high),
      overall_rank: plainValue(s.overallRank),
    }));
  }
  return tables;
}
