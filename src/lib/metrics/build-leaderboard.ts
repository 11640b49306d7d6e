import { asNumber } from './metrics-sql';
import { BOOTSTRAP_BUCKETS, bucketWeightsSql } from './bootstrap-sql';
import { buildMetricQuery, isSum, metricColumns } from './metrics';
import { ident, literal } from '../sql/quote';
import type { AgreementPlan } from './agreement-sql';
import { completeIdsSql } from './agreement-sql';
import type { ExampleLeaderboardPlan } from './example-leaderboard-plan';

/**
 * The pairing of a leaderboard's models on the example id, as an agreement: right and wrong where
 * the metric is a share of right answers (the McNemar tests read its pairs), else only whether a
 * row can be scored (a label, or a finite outcome), so that its complete examples are those every
 * model has once, scored.
 */
export function pairingPlan(p: ExampleLeaderboardPlan): AgreementPlan {
  const { label, outcome } = metricColumns(p.dataset.roles);
  const scored = label
    ? `CASE WHEN ${ident(label)} IS NOT NULL THEN false END`
    : outcome
      ? `CASE WHEN isfinite(${asNumber(outcome)}) THEN false END`
      : 'false';
  return {
    source: p.source,
    id: p.id,
    model: p.model,
    models: p.models,
    right: p.correctness?.right ?? scored,
    notBinary: p.correctness?.notBinary,
    answer: p.correctness?.answer ?? p.id,
    label: p.correctness?.label,
    filter: p.filter,
  };
}

/** The queries of a leaderboard on examples. */
export interface LeaderboardQueries {
  /** Per (model[, slice]) and bucket, the metric's sums: resampled in JS (resampleBuckets). */
  bucketed?: { sums: string; weights: string };
  /** For metrics that are not sums: the statistics per replicate, and once, from SQL. */
  bootstrap?: { totals: string; slices?: string; pointTotals: string; pointSlices?: string };
}

/**
 * The metric's queries over the plan's models (slice_0 the model, slice_1 the feature's value),
 * restricted to `only` (an SQL condition: the examples every model has) where given.
 */
export function leaderboardSql(p: ExampleLeaderboardPlan, only?: string): LeaderboardQueries {
  const model = `CAST(${ident(p.model)} AS VARCHAR)`;
  const where = [`${model} IN (${p.models.map(literal).join(', ')})`];
  if (p.filter.trim()) where.push(`(${p.filter})`);
  if (only) where.push(only);
  const base = {
    source: p.source,
    columns: metricColumns(p.dataset.roles),
    where: where.join(' AND '),
    kinds: Object.fromEntries(p.dataset.profile.columns.map((c) => [c.name, c.kind])),
  };
  const keys = p.feature ? [model, `CAST(${ident(p.feature)} AS VARCHAR)`] : [model];
  const id = ident(p.id);
  if (isSum(p.metric))
    return {
      bucketed: {
        sums: buildMetricQuery(p.metric, {
          ...base,
          groupBy: keys,
          buckets: { id, count: BOOTSTRAP_BUCKETS },
        }).sql,
        weights: bucketWeightsSql(BOOTSTRAP_BUCKETS, p.replicates),
      },
    };
  const bootstrap = { replicates: p.replicates, id, buckets: BOOTSTRAP_BUCKETS };
  const query = (groupBy: string[], resample: boolean) =>
    buildMetricQuery(p.metric, { ...base, groupBy, ...(resample ? { bootstrap } : {}) }).sql;
  return {
    bootstrap: {
      totals: query([model], true),
      pointTotals: query([model], false),
      ...(p.feature ? { slices: query(keys, true), pointSlices: query(keys, false) } : {}),
    },
  };
}

/** The condition that keeps the examples every model of the pairing has once, scored. */
export function sameExamplesSql(p: ExampleLeaderboardPlan): string {
  return `${ident(p.id)} IN (${completeIdsSql(pairingPlan(p))})`;
}
