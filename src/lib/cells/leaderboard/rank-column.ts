import { ranksOf } from '../../stats/rank-interval';
import type { TableLeaderboardPlan } from './leaderboard-plan';
import type { ModelRank } from '../../metrics/rank-models';

type Row = Record<string, unknown>;

/**
 * The models ranked by a column of a one-row-per-model table: values as given, so no interval
 * and no test (nothing to resample); a model with several rows is refused by the caller.
 */
export function rankColumn(p: TableLeaderboardPlan, rows: readonly Row[]): ModelRank[] {
  const byModel = new Map(rows.map((r) => [String(r.model), r]));
  const values = p.models.map((m) => {
    const v = byModel.get(m)?.value_0;
    return v === null || v === undefined ? NaN : Number(v);
  });
  const ranks = ranksOf(values, p.direction);
  const best = ranks.findIndex((r) => r === 1);
  const none = { low: NaN, high: NaN };
  return p.models.map((model, i) => ({
    model,
    n: NaN,
    value: values[i],
    interval: none,
    intervalMethod: 'bootstrap',
    rank: ranks[i],
    rankInterval: none,
    best: ranks[i] === 1,
    difference: best >= 0 ? values[i] - values[best] : NaN,
    differenceInterval: none,
    p: NaN,
    q: NaN,
    test: '',
    tied: ranks[i] === 1,
  }));
}
