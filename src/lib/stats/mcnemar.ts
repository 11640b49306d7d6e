import { normalCdf } from './normal';

export interface McNemarTest {
  p: number;
  method: 'exact binomial' | 'chi-square, continuity corrected';
  /** The chi-square statistic, for the asymptotic test. */
  statistic?: number;
}

/** Below this many discordant pairs the exact test is used. */
export const EXACT_BELOW = 25;

/**
 * McNemar's test (McNemar 1947) of paired outcomes from the discordant counts b (A right, B
 * wrong) and c (A wrong, B right). With b + c < 25: the exact conditional test, two-sided
 * p = min(1, 2 P(X <= min(b, c))) for X ~ Binomial(b + c, 1/2), which is R's
 * binom.test(min(b, c), b + c) (R's mcnemar.test has no exact form). Otherwise the chi-square test
 * with Edwards' (1948) continuity correction, X^2 = (|b - c| - 1)^2 / (b + c) on 1 df: the
 * statistic of R's mcnemar.test(correct = TRUE), which uses it at any count and, as here, does
 * not correct when b = c.
 */
export function mcnemarTest(b: number, c: number): McNemarTest {
  for (const count of [b, c]) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`not a count: ${count}`);
  }
  const n = b + c;
  if (n === 0) return { p: 1, method: 'exact binomial' };
  if (n < EXACT_BELOW) {
    let tail = 0;
    let term = Math.pow(0.5, n);
    for (let k = 0; k <= Math.min(b, c); k++) {
      tail += term;
      term = (term * (n - k)) / (k + 1);
    }
    return { p: Math.min(1, 2 * tail), method: 'exact binomial' };
  }
  const statistic = Math.max(0, Math.abs(b - c) - 1) ** 2 / n;
  return {
    p: Math.min(1, 2 * normalCdf(-Math.sqrt(statistic))),
    method: 'chi-square, continuity corrected',
    statistic,
  };
}
