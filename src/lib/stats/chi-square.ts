import { logGamma } from './log-gamma';

/** A Pearson chi-square test: the statistic, its degrees of freedom and p = P(X² ≥ statistic). */
export interface ChiSquareTest {
  statistic: number;
  df: number;
  p: number;
  /** Cells whose expected count is below 5: the chi-square approximation is rough when many are. */
  smallExpected: number;
  cells: number;
}

/**
 * P(X ≥ x) for X chi-square with `df` degrees of freedom: the regularized upper incomplete gamma
 * function Q(df/2, x/2), by its series below a + 1 and its continued fraction above (Numerical
 * Recipes, 2nd ed., §6.2, gser and gcf).
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const a = df / 2;
  const h = x / 2;
  const front = Math.exp(-h + a * Math.log(h) - logGamma(a));
  if (h < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= h / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - front * sum);
  }
  // Modified Lentz for the continued fraction of Γ(a, h).
  const tiny = 1e-300;
  let b = h + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let f = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, front * f);
}

/**
 * Pearson's goodness of fit of `observed` counts to the `shares` a population is said to have
 * (normalised here), over the categories either names. A category with observations but a share
 * of 0 makes the statistic infinite (p = 0): the counts cannot come from that population.
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  shares: readonly number[],
): ChiSquareTest {
  const n = sum(observed);
  const total = sum(shares);
  let statistic = 0;
  let cells = 0;
  let smallExpected = 0;
  observed.forEach((o, i) => {
    const expected = (n * shares[i]) / total;
    if (o === 0 && expected === 0) return;
    cells++;
    if (expected < 5) smallExpected++;
    statistic += expected === 0 ? Infinity : (o - expected) ** 2 / expected;
  });
  const df = cells - 1;
  return {
    statistic,
    df,
    p: df > 0 ? chiSquareSurvival(statistic, df) : NaN,
    smallExpected,
    cells,
  };
}

/**
 * Pearson's test that two samples' counts over the same categories come from one population
 * (the 2 x k table's test of homogeneity), over the categories either sample has.
 */
export function chiSquareHomogeneity(a: readonly number[], b: readonly number[]): ChiSquareTest {
  const na = sum(a);
  const nb = sum(b);
  const n = na + nb;
  let statistic = 0;
  let cells = 0;
  let smallExpected = 0;
  a.forEach((ai, i) => {
    const column = ai + b[i];
    if (column === 0) return;
    cells++;
    for (const [observed, rowTotal] of [
      [ai, na],
      [b[i], nb],
    ]) {
      const expected = (rowTotal * column) / n;
      if (expected < 5) smallExpected++;
      statistic += (observed - expected) ** 2 / expected;
    }
  });
  const df = cells - 1;
  return {
    statistic,
    df,
    p: df > 0 && na > 0 && nb > 0 ? chiSquareSurvival(statistic, df) : NaN,
    smallExpected,
    cells: cells * 2,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
