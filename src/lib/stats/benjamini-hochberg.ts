/**
 * Benjamini-Hochberg adjusted p-values (q-values) controlling the false discovery rate
 * (Benjamini & Hochberg 1995, JRSS B 57:289-300). With the m p-values sorted ascending,
 * q_(i) = min over j >= i of min(1, m p_(j) / j), which makes q monotone in p; the same values as
 * R's p.adjust(p, "BH"). NaN p-values (a test that could not be run) stay NaN and do not count
 * towards m. The result is in the order of the input.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (p < 0 || p > 1) throw new Error(`not a p-value: ${p}`);
  }
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((x, y) => x.p - y.p);
  const m = order.length;
  const q = pValues.map(() => NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = order[rank - 1];
    running = Math.min(running, (m * p) / rank);
    q[index] = running;
  }
  return q;
}
