import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../src/lib/stats/fisher-exact';

describe('fisherExact', () => {
  it("gives 0.4857 for Fisher's lady tasting tea, [[3, 1], [1, 3]]", () => {
    // By hand: with all margins 4, P(a = k) = C(4,k)C(4,4-k)/70 = 1, 16, 36, 16, 1 (/70);
    // tables as likely as a = 3 or less: 1 + 16 + 16 + 1 = 34, so p = 34/70.
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(34 / 70, 12);
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
  });

  it('gives 2/252 for a perfectly separated 5 x 5 table', () => {
    // P(a = k) = C(5,k)^2 / 252; only a = 0 and a = 5 are as unlikely as the observed a = 0.
    expect(fisherExact(0, 5, 5, 0)).toBeCloseTo(2 / 252, 12);
  });

  // scipy.stats.fisher_exact (two-sided); the first is the dieting example in Wikipedia's article.
  it.each([
    [1, 9, 11, 3, 0.0027594561852200836],
    [7, 3, 2, 8, 0.06977851869492736],
    [2, 98, 30, 270, 0.009440334822124048],
    [10, 0, 1000, 1000, 0.0019118274939349316],
  ])('[[%i, %i], [%i, %i]] has p = %f', (a, b, c, d, p) => {
    expect(fisherExact(a, b, c, d)).toBeCloseTo(p, 12);
  });

  it('does not depend on which way round the table is written', () => {
    expect(fisherExact(8, 2, 1, 5)).toBeCloseTo(fisherExact(1, 5, 8, 2), 12);
    expect(fisherExact(8, 2, 1, 5)).toBeCloseTo(fisherExact(8, 1, 2, 5), 12);
  });

  it('is 1 when the margins allow one table only', () => {
    expect(fisherExact(5, 0, 0, 0)).toBe(1);
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
    expect(fisherExact(0, 4, 0, 6)).toBe(1);
  });

  it('stays finite for large counts', () => {
    const p = fisherExact(3, 100_000, 40, 100_000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-6);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => fisherExact(-1, 2, 3, 4)).toThrow(/not a count: -1/);
    expect(() => fisherExact(1.5, 2, 3, 4)).toThrow(/not a count/);
  });
});
