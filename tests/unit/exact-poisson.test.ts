import { describe, expect, it } from 'vitest';
import { exactPoisson } from '../../src/lib/stats/exact-poisson';
import { logGamma } from '../../src/lib/stats/log-gamma';
import { seededUniform } from '../../src/lib/stats/seeded-uniform';
import { chiSquareSurvival } from '../../src/lib/stats/chi-square';

const DRAWS = 20000;

describe('exactPoisson', () => {
  it('draws the same numbers from the same uniforms, with the Poisson mean and variance', () => {
    for (const mean of [0.5, 4, 9.99, 10, 31, 5000, 1e6]) {
      const a = exactPoisson(seededUniform(7));
      const b = exactPoisson(seededUniform(7));
      const draws = Array.from({ length: DRAWS }, () => a(mean));
      expect(Array.from({ length: DRAWS }, () => b(mean))).toEqual(draws);
      const m = draws.reduce((s, x) => s + x, 0) / DRAWS;
      const v = draws.reduce((s, x) => s + (x - m) ** 2, 0) / (DRAWS - 1);
      // The mean's standard error is sqrt(mean / DRAWS): 5 of them; the variance within 5%.
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / DRAWS));
      expect(v / mean).toBeGreaterThan(0.95);
      expect(v / mean).toBeLessThan(1.05);
      expect(draws.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
  });

  it('fits the Poisson probabilities, tails and skew included (chi-square, p > 0.001)', () => {
    // Means on both sides of the switch to transformed rejection, and one where the normal
    // approximation's skew would show (3 / sqrt(12) = 0.87 standard deviations off at the tails).
    for (const mean of [3, 12, 40, 400]) {
      const draw = exactPoisson(seededUniform(11));
      const counts = new Map<number, number>();
      for (let i = 0; i < DRAWS; i++) {
        const k = draw(mean);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      const pmf = (k: number) => Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1));
      // Cells of at least 20 expected draws, the tails pooled into the end cells.
      const cells: { from: number; to: number; expected: number }[] = [];
      let from = 0;
      let expected = 0;
      for (let k = 0; k < mean * 3 + 50; k++) {
        expected += DRAWS * pmf(k);
        if (expected >= 20) {
          cells.push({ from, to: k, expected });
          from = k + 1;
          expected = 0;
        }
      }
      cells[cells.length - 1].to = Infinity;
      cells[cells.length - 1].expected += expected;
      const observed = (c: (typeof cells)[number]) =>
        [...counts].filter(([k]) => k >= c.from && k <= c.to).reduce((s, [, n]) => s + n, 0);
      const total = cells.reduce((s, c) => s + c.expected, 0);
      const x2 = cells.reduce((s, c) => {
        const e = (c.expected * DRAWS) / total;
        return s + (observed(c) - e) ** 2 / e;
      }, 0);
      expect(chiSquareSurvival(x2, cells.length - 1)).toBeGreaterThan(0.001);
    }
  });
});
