/**
 * A distribution-free confidence interval for a quantile from two order statistics (Conover 1999,
 * "Practical Nonparametric Statistics", 3rd ed., section 3.2; Hahn & Meeker 1991, section 5.2).
 * The number of the n values below the p-quantile is Binomial(n, p), so with
 * l = the largest rank with P(B <= l - 1) <= alpha / 2 and u = the smallest with
 * P(B <= u - 1) >= 1 - alpha / 2, the interval [x_(l), x_(u)] covers the quantile with
 * probability at least 1 - alpha, whatever the distribution (when it is continuous).
 */
export interface QuantileRanks {
  /** 1-based ranks of the order statistics; null when n is too small for that side. */
  lower: number | null;
  upper: number | null;
  /** P(l <= B <= u - 1): the exact coverage (with an open side counted as rank 0 or n + 1). */
  coverage: number;
}

/** The binomial(n, p) CDF at 0..n, summed in log space so large n does not underflow the start. */
function binomialCdf(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  const logRatio = Math.log(p) - Math.log1p(-p);
  let logPmf = n * Math.log1p(-p);
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    sum += Math.exp(logPmf);
    cdf[k] = Math.min(1, sum);
    logPmf += Math.log(n - k) - Math.log(k + 1) + logRatio;
  }
  return cdf;
}

export function quantileRanks(n: number, p: number, level = 0.95): QuantileRanks {
  if (!Number.isInteger(n) || n < 1 || !(p > 0 && p < 1) || !(level > 0 && level < 1))
    return { lower: null, upper: null, coverage: NaN };
  const cdf = binomialCdf(n, p);
  const tail = (1 - level) / 2;
  const at = (k: number) => (k < 0 ? 0 : k >= n ? 1 : cdf[k]);
  let lower = 0;
  while (lower + 1 <= n && at(lower) <= tail) lower++;
  let upper = n + 1;
  while (upper - 1 >= 1 && at(upper - 2) >= 1 - tail) upper--;
  return {
    lower: lower >= 1 ? lower : null,
    upper: upper <= n ? upper : null,
    coverage: at(upper - 1) - at(lower - 1),
  };
}
