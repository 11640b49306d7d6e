/**
 * SliceLine's lattice search (Sagadeeva & Boehm, "SliceLine: Fast, Linear-Algebra-based Slice
 * Finding for ML Model Debugging", SIGMOD 2021): slices are conjunctions of feature = value
 * predicates on distinct features, enumerated level by level; a candidate of level L is kept only
 * when all its L parents survived level L - 1 and the upper bound of its score beats the current
 * k-th best score, so the top-k is exact. This module is the pure part: the SQL evaluates the
 * candidates (build-discovery-sql.ts).
 */

/** One predicate: feature index (into the searched features) and its value (null: missing). */
export interface Predicate {
  feature: number;
  value: string | null;
}

/** Sufficient statistics of a slice's per-example errors e_i. */
export interface SliceStats {
  /** |S|, the number of examples. */
  size: number;
  /** sum of e_i over S. */
  errors: number;
  /** max of e_i over S. */
  maxError: number;
  /** sum of e_i^2 over S (for intervals on non-binary errors). */
  squares: number;
}

export interface ScoredSlice extends SliceStats {
  /** Predicates in ascending feature order. */
  predicates: Predicate[];
  score: number;
}

export interface SearchTotals {
  /** n, the examples searched. */
  size: number;
  /** sum of all errors. */
  errors: number;
}

export interface SearchSettings {
  alpha: number;
  /** The smallest slice size reported (a count). */
  minSupport: number;
  k: number;
}

/** A candidate of the next level with the upper bounds of its statistics (minimum over parents). */
export interface Candidate {
  predicates: Predicate[];
  sizeBound: number;
  errorBound: number;
  maxErrorBound: number;
  scoreBound: number;
}

/** A stable text key of a predicate list (features ascending). */
export function sliceKey(predicates: readonly Predicate[]): string {
  return predicates
    .map((p) => `${p.feature}=${p.value === null ? '\u0000' : `"${p.value}`}`)
    .join('\u001f');
}

/** sc = alpha (e_S / e - 1) - (1 - alpha) (n / |S| - 1), with e_S and e the mean errors. */
export function sliceScore(
  size: number,
  errors: number,
  totals: SearchTotals,
  alpha: number,
): number {
  if (!(size > 0) || !(totals.errors > 0)) return -Infinity;
  const meanError = totals.errors / totals.size;
  return alpha * (errors / size / meanError - 1) - (1 - alpha) * (totals.size / size - 1);
}

/**
 * The largest score any slice can reach whose size is at most `size`, error sum at most `errors`
 * and largest error at most `maxError` (SliceLine's scoreUB). For a fixed size s the error sum is at
 * most min(s * maxError, errors), and the score is monotone in s on either side of
 * s = errors / maxError, so the maximum over s in [minSupport, size] is at one of three points.
 */
export function scoreUpperBound(
  size: number,
  errors: number,
  maxError: number,
  totals: SearchTotals,
  s: SearchSettings,
): number {
  if (size < s.minSupport || !(errors > 0) || !(maxError > 0)) return -Infinity;
  const points = [s.minSupport, Math.max(errors / maxError, s.minSupport), size];
  let best = -Infinity;
  for (const p of points) {
    if (p < s.minSupport || p > size) continue;
    best = Math.max(best, sliceScore(p, Math.min(p * maxError, errors), totals, s.alpha));
  }
  return best;
}

/** Slices a parent must be to have children: big enough and with some error. */
export function canHaveChildren(slice: SliceStats, s: SearchSettings): boolean {
  return slice.size >= s.minSupport && slice.errors > 0;
}

/** Orders slices best first: score, then size, then key (so results are deterministic). */
export function bestFirst(a: ScoredSlice, b: ScoredSlice): number {
  return (
    b.score - a.score ||
    b.size - a.size ||
    (sliceKey(a.predicates) < sliceKey(b.predicates) ? -1 : 1)
  );
}

/** The k best of `current` and `evaluated` that can be reported: big enough, score > 0. */
export function updateTopK(
  current: readonly ScoredSlice[],
  evaluated: readonly ScoredSlice[],
  s: SearchSettings,
): ScoredSlice[] {
  const fresh = evaluated.filter((e) => e.size >= s.minSupport && e.score > 0);
  return [...current, ...fresh].sort(bestFirst).slice(0, s.k);
}

/** The score a candidate must beat to enter the top-k: the k-th best, else 0. */
export function scoreThreshold(topK: readonly ScoredSlice[], k: number): number {
  return topK.length >= k ? Math.max(0, topK[k - 1].score) : 0;
}

/**
 * The candidates of level `level` (>= 2): each surviving slice of the previous level extended by a
 * surviving level-1 predicate on a later feature, kept when every one of its `level` parents
 * survived (SliceLine's handling of missing parents) and its score bound beats `threshold`.
 */
export function nextCandidates(
  previous: readonly ScoredSlice[],
  singles: readonly ScoredSlice[],
  level: number,
  totals: SearchTotals,
  s: SearchSettings,
  threshold: number,
): Candidate[] {
  const parents = previous.filter((p) => canHaveChildren(p, s));
  const byKey = new Map(parents.map((p) => [sliceKey(p.predicates), p]));
  const extensions = singles.filter((p) => canHaveChildren(p, s));
  const out: Candidate[] = [];
  for (const parent of parents) {
    if (parent.predicates.length !== level - 1) continue;
    const last = parent.predicates[parent.predicates.length - 1].feature;
    for (const single of extensions) {
      const predicate = single.predicates[0];
      if (predicate.feature <= last) continue;
      const predicates = [...parent.predicates, predicate];
      let sizeBound = Infinity;
      let errorBound = Infinity;
      let maxErrorBound = Infinity;
      let complete = true;
      for (let drop = 0; drop < predicates.length; drop++) {
        const other = byKey.get(sliceKey(predicates.filter((_, i) => i !== drop)));
        if (!other) {
          complete = false;
          break;
        }
        sizeBound = Math.min(sizeBound, other.size);
        errorBound = Math.min(errorBound, other.errors);
        maxErrorBound = Math.min(maxErrorBound, other.maxError);
      }
      if (!complete) continue;
      const scoreBound = scoreUpperBound(sizeBound, errorBound, maxErrorBound, totals, s);
      if (scoreBound > threshold && scoreBound > 0)
        out.push({ predicates, sizeBound, errorBound, maxErrorBound, scoreBound });
    }
  }
  return out;
}
