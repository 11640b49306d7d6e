/**
 * The rule of three (Hanley & Lippman-Hand 1983, JAMA 249:1743-1745): when none of n examples
 * shows the event (say, no errors in a slice), a one-sided 95% upper bound on its rate is about
 * 3/n. It approximates the exact bound 1 - 0.05^(1/n) ~ -ln(0.05)/n = 2.996/n, erring on the
 * safe side; see `ruleOfThreeApplies` for when to use it.
 */
export function ruleOfThree(n: number): number {
  if (!(n > 0)) return NaN;
  return Math.min(1, 3 / n);
}

/**
 * Only for zero events, and only from 30 examples on, where 3/n is within about 5% of the exact
 * bound (below that it overstates the bound more; show the Wilson or exact interval instead).
 */
export function ruleOfThreeApplies(events: number, n: number): boolean {
  return events === 0 && n >= 30;
}
