/**
 * Two-sided p-value of Fisher's exact test for the 2x2 table [[a, b], [c, d]] (Fisher 1935).
 * Given the margins, `a` is hypergeometric; the p-value sums the probabilities of every table at
 * most as likely as the observed one (the usual two-sided rule, as in R's fisher.test, with the
 * same 1e-7 relative tolerance so that ties in probability are not lost to rounding).
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  for (const count of [a, b, c, d]) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`not a count: ${count}`);
  }
  const row = a + b;
  const column = a + c;
  const total = a + b + c + d;
  const low = Math.max(0, row + column - total);
  const high = Math.min(row, column);
  if (low === high) return 1;

  // P(k + 1) / P(k) = (column - k)(row - k) / ((k + 1)(total - column - row + k + 1)); weights
  // relative to the mode stay in [0, 1], so nothing overflows and far tails merely underflow.
  const ratio = (k: number) =>
    ((column - k) * (row - k)) / ((k + 1) * (total - column - row + k + 1));
  const mode = Math.min(high, Math.max(low, Math.floor(((row + 1) * (column + 1)) / (total + 2))));
  const weights = new Float64Array(high - low + 1);
  weights[mode - low] = 1;
  for (let k = mode; k < high; k++) weights[k + 1 - low] = weights[k - low] * ratio(k);
  for (let k = mode; k > low; k--) weights[k - 1 - low] = weights[k - low] / ratio(k - 1);

  const observed = weights[a - low] * (1 + 1e-7);
  let sum = 0;
  let asLikely = 0;
  for (const w of weights) {
    sum += w;
    if (w <= observed) asLikely += w;
  }
  return Math.min(1, asLikely / sum);
}
