import type { Interval } from './wilson';

/**
 * Each model's rank among `values` (one per model): 1 + the number of models strictly better,
 * so tied models share the better rank (competition ranking). A model whose value is undefined
 * (NaN) has no rank (NaN) and does not count against the others.
 */
export function ranksOf(values: readonly number[], direction: 'higher' | 'lower'): number[] {
  const better =
    direction === 'higher' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  return values.map((v) =>
    Number.isNaN(v) ? NaN : 1 + values.filter((w) => !Number.isNaN(w) && better(w, v)).length,
  );
}

/**
 * A rank's bootstrap interval (Goldstein & Spiegelhalter 1996, "League tables and their
 * limitations", JRSS A 159:385-443, section 4; Hall & Miller 2009, "Using the bootstrap to
 * quantify the authority of an empirical ranking", Annals of Statistics 37:3929-3959): the lower
 * and upper (1 - level)/2 quantiles of the model's rank over the replicates, where all models were
 * re-ranked in each replicate. Ranks are whole numbers, so the ends are order statistics, not
 * interpolated: the k-th smallest and the k-th largest rank of the B replicates, k =
 * ceil(B (1 - level)/2), so that the interval holds at least a share `level` of them.
 */
export function rankInterval(ranks: readonly number[], level = 0.95): Interval {
  const sorted = ranks.filter((r) => !Number.isNaN(r)).sort((a, b) => a - b);
  if (sorted.length === 0) return { low: NaN, high: NaN };
  const k = Math.max(1, Math.ceil((sorted.length * (1 - level)) / 2 - 1e-9));
  return { low: sorted[k - 1], high: sorted[sorted.length - k] };
}
