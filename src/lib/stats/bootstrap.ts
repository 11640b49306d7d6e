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
  const u = replicateUniformSql(idExpr, replicateExpr);
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
