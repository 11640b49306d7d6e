import { readBucketWeights } from './bootstrap-sql';
import { metricById, readMetric, type MetricId } from './metrics';
import { resampleBuckets } from './resample-buckets';
import { mcnemarTest } from '../stats/mcnemar';
import { percentileInterval } from '../stats/bootstrap';
import { pairedDifference } from '../stats/paired-difference';
import { rankInterval, ranksOf } from '../stats/rank-interval';
import { wilsonInterval, type Interval } from '../stats/wilson';
import { agreementSql } from './agreement-sql';
import { readAgreement, type SliceAgreement } from './read-agreement';
import { leaderboardSql, pairingPlan, sameExamplesSql } from './build-leaderboard';
import type { ExampleLeaderboardPlan } from './example-leaderboard-plan';
import { rankModels, type ModelRank, type PairTest, type PointValue } from './rank-models';
import { shareRight } from './share-right';

type Row = Record<string, unknown>;

/** A model's rank within one value of the feature. */
export interface SliceRank {
  slice: string | null;
  model: string;
  n: number;
  value: number;
  /** The value's 95% interval: Wilson for rates, else the bootstrap's percentiles. */
  interval: Interval;
  rank: number;
  rankInterval: Interval;
  /** Its rank overall, to show where the order flips. */
  overallRank: number;
}

export interface Leaderboard {
  models: ModelRank[];
  slices: SliceRank[];
  /** How the models' rows paired on the example id (the examples all of them have, scored). */
  pairing: SliceAgreement;
  /** Whether the metric was computed on those examples only (some model lacked some). */
  restricted: boolean;
  replicates: number;
}

/**
 * The plan's queries run by `read` (the pairing pass by `readShared`, which the agreement cell
 * shares: notebook/query-cache.ts). A share of right answers (accuracy, error rate, a 0/1
 * outcome) comes whole from the pairing pass: its counts of examples per pattern of who is right,
 * resampled in JS (shareRight); other metrics, and ranks per slice, from the metric's sums per
 * bucket (or its SQL bootstrap), on the examples every model has.
 */
export async function computeLeaderboard(
  plan: ExampleLeaderboardPlan,
  read: (sql: string) => Promise<Row[]>,
  readShared: (sql: string) => Promise<Row[]> = read,
): Promise<Leaderboard> {
  const { metric, models } = plan;
  const definition = metricById(metric);
  const pairingRows = await readShared(agreementSql(pairingPlan(plan)));
  const pairing = readAgreement(models, pairingRows);
  const overall = pairing.slices[0];
  const binary = pairing.notBinary === 0;
  const { lackingAny, repeatedOrUnlabelled, noIdRows } = overall.leftOut;
  const restricted = lackingAny + repeatedOrUnlabelled + noIdRows > 0;
  const fromPatterns = plan.correctness !== undefined && binary;
  const sums =
    !fromPatterns || plan.feature
      ? await metricSums(plan, restricted ? sameExamplesSql(plan) : undefined, read)
      : undefined;
  const slices = sums?.slices;
  const { points, replicates } = fromPatterns
    ? shareRight(metric, models, pairingRows, plan.replicates)
    : {
        points: pointsOf(metric, models, sums!.totals.points),
        replicates: matrix(
          sums!.totals.replicates,
          models,
          plan.replicates,
          (r) => readMetric(metric, r).value,
        ),
      };

  const pairTest =
    plan.correctness && binary ? mcnemarPairs(overall, models, definition.direction) : undefined;
  const ranked = rankModels(models, points, replicates, definition.direction, pairTest);

  const sliceRanks: SliceRank[] = [];
  if (slices) {
    const overallRank = new Map(ranked.map((r) => [r.model, r.rank]));
    const values = [...new Set(slices.points.map((r) => r.slice_1 ?? null))] as (string | null)[];
    for (const value of values) {
      const inSlice = (rows: Row[]) => rows.filter((r) => (r.slice_1 ?? null) === value);
      const pointValues = pointsOf(metric, models, inSlice(slices.points));
      const ranks = ranksOf(
        pointValues.map((p) => p.value),
        definition.direction,
      );
      const replicateValues = matrix(
        inSlice(slices.replicates),
        models,
        plan.replicates,
        (r) => readMetric(metric, r).value,
      );
      const replicateRanks = replicateValues.map((row) => ranksOf(row, definition.direction));
      models.forEach((model, i) =>
        sliceRanks.push({
          slice: value,
          model,
          n: pointValues[i].n,
          value: pointValues[i].value,
          interval: pointValues[i].interval ?? percentileInterval(replicateValues.map((r) => r[i])),
          rank: ranks[i],
          rankInterval: rankInterval(replicateRanks.map((r) => r[i])),
          overallRank: overallRank.get(model) ?? NaN,
        }),
      );
    }
  }
  return {
    models: ranked,
    slices: sliceRanks,
    pairing: overall,
    restricted,
    replicates: plan.replicates,
  };
}

/** Point and replicate statistics rows, per model and per model and slice. */
interface Resampled {
  points: Row[];
  replicates: Row[];
}

/**
 * The metric's statistics per model (and per model and slice, with a feature) and per bootstrap
 * replicate: resampled in JS from sums per bucket where the metric is a sum, else from SQL's
 * bootstrap; on the examples `only` keeps (every model has them) where given.
 */
async function metricSums(
  plan: ExampleLeaderboardPlan,
  only: string | undefined,
  read: (sql: string) => Promise<Row[]>,
): Promise<{ totals: Resampled; slices?: Resampled }> {
  const queries = leaderboardSql(plan, only);
  if (queries.bucketed) {
    const sums = await read(queries.bucketed.sums);
    const weights = readBucketWeights(await read(queries.bucketed.weights));
    const ones = [new Uint8Array(weights[0]?.length ?? 0).fill(1)];
    const summed = resampleBuckets(sums, ones, true);
    const resampled = resampleBuckets(sums, weights, true);
    return {
      totals: { points: summed.totals, replicates: resampled.totals },
      slices: plan.feature ? { points: summed.slices, replicates: resampled.slices } : undefined,
    };
  }
  const q = queries.bootstrap!;
  return {
    totals: { points: await read(q.pointTotals), replicates: await read(q.totals) },
    slices:
      q.slices && q.pointSlices
        ? { points: await read(q.pointSlices), replicates: await read(q.slices) }
        : undefined,
  };
}

/** Each model's value from its statistics row (slice_0 the model). */
function pointsOf(metric: MetricId, models: readonly string[], rows: Row[]): PointValue[] {
  const byModel = new Map(rows.map((r) => [String(r.slice_0), r]));
  return models.map((m) => pointOf(metric, byModel.get(m)));
}

/** A model's value from its statistics: rates and means of 0/1 outcomes with Wilson intervals. */
function pointOf(metric: MetricId, row: Row | undefined): PointValue {
  if (!row) return { value: NaN, n: 0 };
  const v = readMetric(metric, row);
  const rate = v.successes !== undefined && v.trials !== undefined;
  return {
    value: v.value,
    n: v.n,
    interval: rate ? wilsonInterval(v.successes!, v.trials!) : undefined,
  };
}

/** Replicate rows (slice_0 the model, `replicate`) as values[replicate][model]; NaN where absent. */
function matrix(
  rows: readonly Row[],
  models: readonly string[],
  replicates: number,
  value: (row: Row) => number,
): number[][] {
  const out = Array.from({ length: replicates }, () => models.map(() => NaN));
  const index = new Map(models.map((m, i) => [m, i]));
  for (const row of rows) {
    const i = index.get(String(row.slice_0));
    const b = Number(row.replicate);
    if (i !== undefined && b >= 0 && b < replicates) out[b][i] = value(row);
  }
  return out;
}

/**
 * McNemar's test of the best model against another on the examples both have (the pairing's
 * complete examples), with Newcombe's paired interval for the difference in the share right;
 * for an error rate (lower is better) the difference is in errors.
 */
function mcnemarPairs(
  pairing: SliceAgreement,
  models: readonly string[],
  direction: 'higher' | 'lower',
): (best: number, other: number) => PairTest {
  return (best, other) => {
    const pair = pairing.pairs.find(
      (p) =>
        (p.modelA === models[best] && p.modelB === models[other]) ||
        (p.modelA === models[other] && p.modelB === models[best]),
    )!;
    const bestFirst = pair.modelA === models[best];
    // a: both right; b: the other right and the best wrong; c: the reverse; d: neither.
    const [b, c] = bestFirst ? [pair.onlyB, pair.onlyA] : [pair.onlyA, pair.onlyB];
    const test = mcnemarTest(b, c);
    const n = pair.bothRight + pair.onlyA + pair.onlyB + pair.neither;
    const right = pairedDifference(pair.bothRight, b, c, pair.neither);
    const sign = direction === 'higher' ? 1 : -1;
    const interval = sign === 1 ? right : { low: -right.high, high: -right.low };
    return {
      p: test.p,
      method: `McNemar, ${test.method}`,
      difference: (sign * (b - c)) / n,
      interval,
    };
  };
}
