import { normalCdf } from './normal';

/**
 * A two-sided test that a difference is 0 from its bootstrap replicates: z = estimate / se with
 * se the replicates' standard deviation, p = 2 Phi(-|z|) (the bootstrap standard error of Efron &
 * Tibshirani 1993, "An Introduction to the Bootstrap", ch. 6, in a Wald test). Unlike counting the
 * replicates past 0, its smallest p is not bounded by 1/B, so it survives a multiple-testing
 * correction across many pairs. NaN with fewer than 2 replicates; 1 when every replicate and the
 * estimate are 0.
 */
export function bootstrapZTest(estimate: number, replicates: readonly number[]): number {
  const values = replicates.filter((v) => Number.isFinite(v));
  const n = values.length;
  if (n < 2 || !Number.isFinite(estimate)) return NaN;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  if (sd === 0) return estimate === 0 ? 1 : 0;
  return Math.min(1, 2 * normalCdf(-Math.abs(estimate) / sd));
}
