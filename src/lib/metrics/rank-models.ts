import { benjaminiHochberg } from '../stats/benjamini-hochberg';
import { percentileInterval } from '../stats/bootstrap';
import { bootstrapZTest } from '../stats/bootstrap-z-test';
import { rankInterval, ranksOf } from '../stats/rank-interval';
import type { Interval } from '../stats/wilson';

/** A model's value on the leaderboard, as read from its statistics. */
export interface PointValue {
  value: number;
  n: number;
  /** The value's 95% interval where it has its own (Wilson for rates); else from the replicates. */
  interval?: Interval;
}

/** A paired test of the best model against another, where the metric has one (McNemar). */
export interface PairTest {
  p: number;
  method: string;
  /** The other model's value minus the best's, with its interval. */
  difference: number;
  interval: Interval;
}

export interface ModelRank {
  model: string;
  n: number;
  value: number;
  interval: Interval;
  intervalMethod: 'Wilson' | 'bootstrap';
  rank: number;
  rankInterval: Interval;
  /** Ranked first (several when their values are equal). */
  best: boolean;
  /** The value minus the first best model's, with its interval (0 for the best). */
  difference: number;
  differenceInterval: Interval;
  /** The paired test against the best; q is Benjamini-Hochberg across the models tested. */
  p: number;
  q: number;
  test: string;
  /** Best, or not significantly different from the best (q >= 0.05). */
  tied: boolean;
}

/**
 * Ranks models by their values and, from B replicates of every model's value on the same
 * resampled examples (replicates[b][i] for model i), each model's rank interval (all models
 * re-ranked in each replicate), its difference to the best and whether that difference is
 * significant: the paired test given (McNemar for shares of right answers), else a z test with
 * the bootstrap standard error of the paired difference; Benjamini-Hochberg across the models.
 */
export function rankModels(
  models: readonly string[],
  points: readonly PointValue[],
  replicates: readonly (readonly number[])[],
  direction: 'higher' | 'lower',
  pairTest?: (best: number, other: number) => PairTest,
): ModelRank[] {
  const values = points.map((p) => p.value);
  const ranks = ranksOf(values, direction);
  const replicateRanks = replicates.map((row) => ranksOf(row as number[], direction));
  const best = ranks.findIndex((r) => r === 1);
  const tests = models.map((_, i) => {
    if (i === best || best < 0)
      return { p: NaN, method: '', difference: 0, interval: { low: 0, high: 0 } };
    if (pairTest) return pairTest(best, i);
    const differences = replicates.map((row) => row[i] - row[best]);
    const difference = values[i] - values[best];
    return {
      p: bootstrapZTest(difference, differences),
      method: 'bootstrap z',
      difference,
      interval: percentileInterval(differences),
    };
  });
  const q = benjaminiHochberg(tests.map((t) => t.p));
  return models.map((model, i) => {
    const own = points[i].interval;
    return {
      model,
      n: points[i].n,
      value: values[i],
      interval: own ?? percentileInterval(replicates.map((row) => row[i])),
      intervalMethod: own ? 'Wilson' : 'bootstrap',
      rank: ranks[i],
      rankInterval: rankInterval(replicateRanks.map((r) => r[i])),
      best: ranks[i] === 1,
      difference: tests[i].difference,
      differenceInterval: tests[i].interval,
      p: tests[i].p,
      q: q[i],
      test: tests[i].method,
      tied: ranks[i] === 1 || !(q[i] < 0.05),
    };
  });
}
