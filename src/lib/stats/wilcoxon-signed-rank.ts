import { normalCdf } from './normal';

/**
 * The sufficient statistics of the signed-rank test, as a query can sum them: the non-zero paired
 * differences ranked by |d| (ties by their mid-rank).
 */
export interface SignedRanks {
  /** Non-zero differences. */
  n: number;
  /** Sum of the ranks of the positive differences (R's V). */
  positiveRankSum: number;
  /** sum over groups of tied |d| of t^3 - t (0 without ties). */
  tieCorrection: number;
  /** Pairs with d = 0, left out of n (Wilcoxon's rule, R's default). */
  zeros: number;
}

export interface SignedRankTest {
  statistic: number;
  p: number;
  method: 'exact' | 'normal, continuity corrected';
}

/** Below this many non-zero differences, without ties or zeros, the exact distribution is used. */
export const SIGNED_RANK_EXACT_BELOW = 50;

/**
 * Wilcoxon's signed-rank test of paired differences (Wilcoxon 1945, "Individual comparisons by
 * ranking methods", Biometrics Bulletin 1:80-83), two-sided, as R's wilcox.test(paired = TRUE):
 * exact from the null distribution of V when n < 50 with no ties and no zeros; otherwise the
 * normal approximation, E V = n(n+1)/4, Var V = n(n+1)(2n+1)/24 - sum(t^3 - t)/48, with a
 * continuity correction of 1/2 towards the mean.
 */
export function wilcoxonSignedRank(s: SignedRanks): SignedRankTest {
  const { n, positiveRankSum: v } = s;
  if (n === 0) return { statistic: 0, p: 1, method: 'exact' };
  const mean = (n * (n + 1)) / 4;
  if (n < SIGNED_RANK_EXACT_BELOW && s.tieCorrection === 0 && s.zeros === 0) {
    const cdf = signedRankCdf(n);
    const at = (x: number) => (x < 0 ? 0 : cdf[Math.min(Math.floor(x), cdf.length - 1)]);
    const tail = v > mean ? 1 - at(v - 1) : at(v);
    return { statistic: v, p: Math.min(1, 2 * tail), method: 'exact' };
  }
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - s.tieCorrection / 48;
  const centred = v - mean;
  const z = (centred - 0.5 * Math.sign(centred)) / Math.sqrt(variance);
  const p = variance > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : 1;
  return { statistic: v, p, method: 'normal, continuity corrected' };
}

/**
 * P(V <= v) for v = 0..n(n+1)/2 under the null: V is the sum of a random subset of the ranks
 * 1..n, each in with probability 1/2, so the count of subsets summing to v is built rank by rank.
 */
function signedRankCdf(n: number): Float64Array {
  const top = (n * (n + 1)) / 2;
  const ways = new Float64Array(top + 1);
  ways[0] = 1;
  for (let rank = 1; rank <= n; rank++)
    for (let sum = (rank * (rank + 1)) / 2; sum >= rank; sum--) ways[sum] += ways[sum - rank];
  const cdf = new Float64Array(top + 1);
  let running = 0;
  const total = 2 ** n;
  for (let v = 0; v <= top; v++) {
    running += ways[v];
    cdf[v] = running / total;
  }
  return cdf;
}
