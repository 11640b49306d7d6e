/**
 * Ordinary least squares y = slope x + intercept, in closed form from centred sums, with Pearson's
 * correlation r = Sxy / sqrt(Sxx Syy) (NaN when either side is constant).
 */
export function leastSquares(xs: readonly number[], ys: readonly number[]) {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
  return { slope, intercept: my - slope * mx, r, r2: r * r };
}
