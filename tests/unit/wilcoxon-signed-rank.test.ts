import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../../src/lib/stats/wilcoxon-signed-rank';
import { signedRanks } from '../helpers/signed-ranks';

/** All 2^n sign patterns of the ranks 1..n: P(V <= v), by brute force. */
function bruteCdf(n: number, v: number): number {
  let below = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let sum = 0;
    for (let r = 1; r <= n; r++) if (mask & (1 << (r - 1))) sum += r;
    if (sum <= v) below++;
  }
  return below / 2 ** n;
}

describe('wilcoxonSignedRank', () => {
  it('reproduces Hollander & Wolfe (1973, p. 29), the depression scale: V = 40, p = 0.0391', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const test = wilcoxonSignedRank(signedRanks(x.map((v, i) => v - y[i])));
    expect(test.statistic).toBe(40);
    expect(test.method).toBe('exact');
    // R's wilcox.test(x, y, paired = TRUE) and scipy: one-sided 0.01953125, two-sided 0.0390625.
    expect(test.p).toBeCloseTo(0.0390625, 12);
  });

  // Published two-sided 5% critical values of the signed-rank statistic (e.g. Wilcoxon, Katti &
  // Wilcox 1970; the table in most textbooks): the largest T with P(V <= T) <= 0.025.
  it.each([
    [6, 0],
    [7, 2],
    [8, 3],
    [9, 5],
    [10, 8],
    [11, 10],
    [12, 13],
    [13, 17],
    [14, 21],
    [15, 25],
    [16, 29],
    [17, 34],
    [18, 40],
    [19, 46],
    [20, 52],
    [25, 89],
    [30, 137],
  ])('n = %i: the 5%% critical value is %i', (n, critical) => {
    const p = (v: number) =>
      wilcoxonSignedRank({ n, positiveRankSum: v, tieCorrection: 0, zeros: 0 }).p;
    expect(p(critical)).toBeLessThanOrEqual(0.05);
    expect(p(critical + 1)).toBeGreaterThan(0.05);
  });

  it('has the exact null distribution of brute-force enumeration', () => {
    for (const [n, v] of [
      [5, 3],
      [8, 11],
      [12, 30],
    ]) {
      const p = wilcoxonSignedRank({ n, positiveRankSum: v, tieCorrection: 0, zeros: 0 }).p;
      expect(p).toBeCloseTo(2 * bruteCdf(n, v), 12);
    }
  });

  it('with ties and zeros: the corrected normal approximation, as scipy computes it', () => {
    const d = [2, -1, 3, 3, 0, 1, -2, 4, 1, 2, 5, -1, 2, 3, 0, 1, 6, 2, -3, 1, 2, 2, 4, 1];
    const input = signedRanks(d);
    expect(input.n).toBe(22);
    expect(input.positiveRankSum).toBe(217.5);
    const test = wilcoxonSignedRank(input);
    expect(test.method).toBe('normal, continuity corrected');
    // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx').
    expect(test.p).toBeCloseTo(0.0030540789923281693, 12);
  });

  it('from 50 differences on: the normal approximation even without ties', () => {
    const d = Array.from({ length: 60 }, (_, i) => ((i + 1) % 7 === 0 ? -(i + 1) : i + 1));
    const test = wilcoxonSignedRank(signedRanks(d));
    expect(test.method).toBe('normal, continuity corrected');
    // scipy.stats.wilcoxon(d, method='approx', correction=True).
    expect(test.p).toBeCloseTo(1.0767760477309486e-6, 15);
  });

  it('is 1 without non-zero differences', () => {
    expect(wilcoxonSignedRank({ n: 0, positiveRankSum: 0, tieCorrection: 0, zeros: 4 }).p).toBe(1);
  });
});
