import { ident, literal } from '../../sql/quote';
import { ranksOf } from '../../stats/rank-interval';
import type { TableLeaderboardPlan } from './leaderboard-plan';
import type { ModelRank } from './rank-models';

type Row = Record<string, unknown>;

/** Each ranked model's rows and its value of the column (the first, when it has several). */
export function columnValuesSql(p: TableLeaderboardPlan): string {
  const model = `CAST(${ident(p.model)} AS VARCHAR)`;
  const where = [`${model} IN (${p.models.map(literal).join(', ')})`];
  if (p.filter.trim()) where.push(`(${p.filter})`);
  return [
    `SELECT ${model} AS model, count(*)::DOUBLE AS rows,`,
    `  first(TRY_CAST(${ident(p.column)} AS DOUBLE)) AS value`,
    `FROM ${ident(p.source)} WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`,
  ].join('\n');
}

/**
 * The models ranked by a column of a one-row-per-model table: values as given, so no interval
 * and no test (nothing to resample); a model with several rows is refused by the caller.
 */
export function rankColumn(p: TableLeaderboardPlan, rows: readonly Row[]): ModelRank[] {
  const byModel = new Map(rows.map((r) => [String(r.model), r]));
  const values = p.models.map((m) => {
    const v = byModel.get(m)?.value;
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
