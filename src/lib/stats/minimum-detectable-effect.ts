import { normalQuantile } from './normal';

/**
 * The smallest difference in a rate that a slice of n examples would detect with 80% power in a
 * two-sided test at alpha = 0.05, by the normal approximation with the variance at the base rate p:
 *
 *   MDE = (z_{1 - alpha/2} + z_{power}) * sqrt(p (1 - p) (1/n + 1/nRest))
 *       = (1.959964 + 0.841621) * sqrt(p (1 - p) (1/n + 1/nRest))
 *
 * comparing the slice with the nRest other examples; without nRest, against a known rate
 * (sqrt(p (1 - p) / n)). A slice whose observed difference is below its MDE is "too small to tell".
 * Undefined (NaN) at a base rate of 0 or 1, where the rule of three says more.
 */
export function minimumDetectableEffect(
  n: number,
  baseRate: number,
  nRest = Infinity,
  alpha = 0.05,
  power = 0.8,
): number {
  if (!(n > 0) || !(nRest > 0) || !(baseRate > 0 && baseRate < 1)) return NaN;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return z * Math.sqrt(baseRate * (1 - baseRate) * (1 / n + 1 / nRest));
}
