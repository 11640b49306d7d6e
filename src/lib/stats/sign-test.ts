/**
 * The two-sided sign test (Dixon & Mood 1946, "The statistical sign test", JASA 41:557-566) of
 * `wins` against `losses` (ties left out): under no difference each is Binomial(wins + losses,
 * 1/2), p = min(1, 2 P(X <= min(wins, losses))), exact for any count (summed in log space, so
 * large counts do not underflow the first terms). R's binom.test(wins, wins + losses) agrees.
 */
export function signTest(wins: number, losses: number): number {
  for (const count of [wins, losses])
    if (!Number.isInteger(count) || count < 0) throw new Error(`not a count: ${count}`);
  const n = wins + losses;
  if (n === 0) return 1;
  const low = Math.min(wins, losses);
  if (2 * low === n) return 1;
  // log C(n, k) 2^-n, from k = 0 up by the ratio C(n, k+1)/C(n, k) = (n - k)/(k + 1).
  let logTerm = -n * Math.LN2;
  let tail = 0;
  for (let k = 0; k <= low; k++) {
    tail += Math.exp(logTerm);
    logTerm += Math.log(n - k) - Math.log(k + 1);
  }
  return Math.min(1, 2 * tail);
}
