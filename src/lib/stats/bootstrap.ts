import { literal } from '../sql/quote';
import type { Interval } from './wilson';

/**
 * The deterministic Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating
 * uncertainty for massive data streams"). Instead of resampling n rows, each row gets an
 * independent Poisson(1) weight per replicate, so a replicate is one weighted pass of the same
 * GROUP BY. The weight comes from a hash of the example id and the replicate number, so the same
 * data gives the same intervals on every run, in the browser and in Node, with no random state.
 */

/** Poisson(1) CDF at 0..4, P(K <= k) = e^-1 (1 + 1 + 1/2 + 1/6 + 1/24), to four places. */
export const POISSON_CUTS = [0.3679, 0.7358, 0.9197, 0.981, 0.9963] as const;

/**
 * A uniform number in [0, 1) per (id, replicate): the top 53 bits of a 64-bit hash. The id's hash
 * is hashed again with the replicate number mixed in, because DuckDB's two-argument hash(id, r)
 * combines the two hashes so weakly that replicates 0 and 1 come out with correlation 0.6, which
 * would make every bootstrap interval too narrow.
 */
export function replicateUniformSql(idExpr: string, replicateExpr: string): string {
  return `((hash(xor(hash(${idExpr}), (${replicateExpr})::UBIGINT)) >> 11)::DOUBLE / 9007199254740992.0)`;
}

/**
 * The row's weight in a replicate: the inverse Poisson(1) CDF of the uniform, 0..5 (the 0.37% of
 * mass above 4 goes to 5). Both arguments are SQL expressions, already quoted.
 */
export function poissonWeightSql(idExpr: string, replicateExpr: string): string {
  return poissonOfUniformSql(replicateUniformSql(idExpr, replicateExpr));
}

/** The inverse Poisson(1) CDF of a uniform (an SQL expression), 0..5. */
function poissonOfUniformSql(u: string): string {
  const cases = POISSON_CUTS.map((cut, weight) => `WHEN ${u} < ${literal(cut)} THEN ${weight}`);
  return `(CASE ${cases.join(' ')} ELSE ${POISSON_CUTS.length} END)`;
}

/** A table function of the replicate numbers 0..count-1 (column `range`), to cross join with rows. */
export function replicatesSql(count: number): string {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`replicate count must be a whole number >= 1, not ${count}`);
  return `range(${literal(count)})`;
}

/**
 * The weight of each bucket in each replicate, as the bucketed bootstrap in SQL draws it
 * (poissonWeightSql of the bucket number): a row per replicate (0..replicates-1, in order)
 * whose `weights` text holds one digit 0..5 per bucket, bucket 0 first. Computing the weights in
 * DuckDB keeps its hash, so replicates resampled in JS are the SQL bootstrap's own.
 */
export function bucketWeightsSql(buckets: number, replicates: number): string {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new Error(`bucket count must be a whole number >= 1, not ${buckets}`);
  // poissonWeightSql, with the uniform drawn once instead of once per cut.
  const u = replicateUniformSql('k.range', 'r.range');
  return [
    `SELECT replicate, string_agg(${poissonOfUniformSql('u')}::VARCHAR, '' ORDER BY bucket) AS weights`,
    `FROM (SELECT k.range AS bucket, r.range AS replicate, ${u} AS u`,
    `  FROM range(${literal(buckets)}) k, ${replicatesSql(replicates)} r)`,
    `GROUP BY replicate ORDER BY replicate`,
  ].join('\n');
}

/** bucketWeightsSql's rows as weights[replicate][bucket]. */
export function readBucketWeights(rows: readonly Record<string, unknown>[]): Uint8Array[] {
  return rows.map((row) => {
    const text = String(row.weights ?? '');
    const weights = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) weights[i] = text.charCodeAt(i) - 48;
    return weights;
  });
}

/**
 * The percentile bootstrap interval: the (1 - level)/2 and (1 + level)/2 quantiles of the
 * replicate values, linearly interpolated (Hyndman & Fan type 7, numpy's default). Replicates where
 * the metric is undefined (NaN, e.g. an AUC without positives) are left out.
 */
export function percentileInterval(values: readonly number[], level = 0.95): Interval {
  if (!(level > 0 && level < 1))
    throw new Error(`interval level must be between 0 and 1, not ${level}`);
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length < 2) return { low: NaN, high: NaN };
  return { low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, (1 + level) / 2) };
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}
