import { describe, expect, it } from 'vitest';
import {
  chiSquareGoodnessOfFit,
  chiSquareHomogeneity,
  chiSquareSurvival,
} from '../../src/lib/stats/chi-square';
import { logGamma } from '../../src/lib/stats/log-gamma';
import { normalCdf } from '../../src/lib/stats/normal';
import {
  populationStabilityIndex,
  psiReading,
} from '../../src/lib/stats/population-stability-index';
import { seededPoisson } from '../../src/lib/stats/seeded-poisson';

describe('logGamma', () => {
  it('is ln((n − 1)!) at whole numbers and ln √π at 1/2, to 15 digits', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 13);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 15);
    // Γ(x + 1) = x Γ(x) at values between the whole numbers.
    for (const x of [0.1, 1.3, 2.5, 7.7, 42.42])
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 13);
  });
});

describe('chiSquareSurvival', () => {
  // Upper critical values of the chi-square distribution (NIST/SEMATECH e-Handbook of
  // Statistical Methods, §1.3.6.7.4): P(X ≥ value) is the column's alpha.
  it.each([
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [5.991, 2, 0.05],
    [11.07, 5, 0.05],
    [15.086, 5, 0.01],
    [18.307, 10, 0.05],
    [43.773, 30, 0.05],
    [124.342, 100, 0.05],
  ])('P(X² ≥ %f, df %i) = %f as in the published table', (x, df, alpha) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(alpha, 4);
  });

  // scipy.stats.chi2.sf, printed in an answer on stats.stackexchange.com (question 219822).
  it.each([
    [0.1, 1, 0.75183],
    [0.1, 2, 0.951229],
    [0.1, 3, 0.991837],
    [0.25, 1, 0.617075],
    [0.25, 2, 0.882497],
    [0.25, 3, 0.96914],
  ])('P(X² ≥ %f, df %i) = %f as scipy prints it', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 6);
  });

  it('agrees with the closed forms: e^(−x/2) for df 2, and the normal form for df 5', () => {
    for (const x of [0.5, 3, 13.4, 40]) {
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
      // df = 5: 2(1 − Φ(√x)) + 2φ(√x)(√x + x^(3/2)/3)
      const r = Math.sqrt(x);
      const phi = Math.exp(-x / 2) / Math.sqrt(2 * Math.PI);
      expect(chiSquareSurvival(x, 5)).toBeCloseTo(
        2 * (1 - normalCdf(r)) + 2 * phi * (r + (x * r) / 3),
        10,
      );
    }
  });

  it('is 1 at 0 and 0 at infinity', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
  });
});

describe('chiSquareGoodnessOfFit and chiSquareHomogeneity', () => {
  it('a die rolled 60 times (5, 8, 9, 8, 10, 20) against fair shares: X² = 134/10 = 13.4, df 5', () => {
    const t = chiSquareGoodnessOfFit([5, 8, 9, 8, 10, 20], [1, 1, 1, 1, 1, 1]);
    expect(t.statistic).toBeCloseTo(13.4, 12);
    expect(t.df).toBe(5);
    // Between the 0.05 (11.07) and 0.01 (15.086) critical values.
    expect(t.p).toBeGreaterThan(0.01);
    expect(t.p).toBeLessThan(0.05);
    expect(t.smallExpected).toBe(0);
  });

  it('counts in a category the population gives no share make the statistic infinite, p 0', () => {
    const t = chiSquareGoodnessOfFit([10, 5], [1, 0]);
    expect(t.statistic).toBe(Infinity);
    expect(t.p).toBe(0);
  });

  it('two samples (10, 20, 30) and (20, 20, 20): expected 15, 20, 25 each; X² = 16/3, p = e^(−8/3)', () => {
    // (5²/15 + 0 + 5²/25) · 2 = (1.6667 + 1) · 2 = 5.3333, df 2.
    const t = chiSquareHomogeneity([10, 20, 30], [20, 20, 20]);
    expect(t.statistic).toBeCloseTo(16 / 3, 12);
    expect(t.df).toBe(2);
    expect(t.p).toBeCloseTo(Math.exp(-8 / 3), 12);
  });
});

describe('populationStabilityIndex', () => {
  it('the income example (expected 40/30/30%, actual 35/25/40%): 0.0066766 + 0.0091161 + 0.0287682 = 0.0445609', () => {
    // GeeksforGeeks, "Population Stability Index (PSI)": Low / Medium / High income, 2020 vs
    // 2021. By hand: (0.35 − 0.4) ln(0.875) = 0.0066766, (0.25 − 0.3) ln(0.8333) = 0.0091161,
    // (0.4 − 0.3) ln(1.3333) = 0.0287682.
    const psi = populationStabilityIndex([0.4, 0.3, 0.3], [0.35, 0.25, 0.4]);
    expect(psi).toBeCloseTo(0.0445609, 7);
    expect(psiReading(psi)).toBe('little');
  });

  it('the strappy package`s test: counts (6, 5) then (5, 4) give 0.00041 to five places', () => {
    // pypi strappy 0.0.3, tests/test_psi.py: x = a×6, b×5 then a×5, b×4 -> {'x': 0.00041}.
    expect(Number(populationStabilityIndex([6, 5], [5, 4]).toFixed(5))).toBe(0.00041);
  });

  it('is symmetric, 0 for the same shares, and floors an empty share at 0.0001', () => {
    expect(populationStabilityIndex([1, 2, 3], [3, 2, 1])).toBeCloseTo(
      populationStabilityIndex([3, 2, 1], [1, 2, 3]),
      15,
    );
    expect(populationStabilityIndex([2, 3], [4, 6])).toBe(0);
    // (0.4 − 0.5) ln 0.8 + (0.1 − 0.0001) ln(0.1 / 0.0001) = 0.0223144 + 0.6900847
    expect(populationStabilityIndex([0.5, 0.5, 0], [0.5, 0.4, 0.1])).toBeCloseTo(0.7123991, 7);
    expect(psiReading(0.7)).toBe('large');
    expect(psiReading(0.2)).toBe('moderate');
  });
});

describe('seededPoisson', () => {
  it('draws the same numbers from the same seed, with the Poisson mean and variance', () => {
    const a = seededPoisson(7);
    const b = seededPoisson(7);
    for (const mean of [0.5, 4, 29, 31, 5000]) {
      const draws = Array.from({ length: 20000 }, () => a(mean));
      expect(Array.from({ length: 20000 }, () => b(mean))).toEqual(draws);
      const m = draws.reduce((s, x) => s + x, 0) / draws.length;
      const v = draws.reduce((s, x) => s + (x - m) ** 2, 0) / (draws.length - 1);
      // Standard error of the mean is sqrt(mean / 20000): allow 5 of them.
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / 20000));
      expect(v / mean).toBeGreaterThan(0.95);
      expect(v / mean).toBeLessThan(1.05);
    }
  });
});
