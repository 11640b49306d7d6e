import { describe, expect, it } from 'vitest';
import { ruleOfThree, ruleOfThreeApplies } from '../../src/lib/stats/rule-of-three';

describe('ruleOfThree', () => {
  it('bounds the rate at 3/n', () => {
    expect(ruleOfThree(30)).toBeCloseTo(0.1, 15);
    expect(ruleOfThree(300)).toBeCloseTo(0.01, 15);
    expect(ruleOfThree(2)).toBe(1);
    expect(ruleOfThree(0)).toBeNaN();
  });

  it('is a little above the exact one-sided 95% bound 1 - 0.05^(1/n)', () => {
    // By hand: n = 30, 1 - exp(ln(0.05)/30) = 0.095034; n = 100, 0.029513; n = 1000, 0.0029913.
    for (const [n, exact] of [
      [30, 0.095034],
      [100, 0.029513],
      [1000, 0.0029913],
    ]) {
      expect(1 - 0.05 ** (1 / n)).toBeCloseTo(exact, 6);
      const ratio = ruleOfThree(n) / exact;
      expect(ratio).toBeGreaterThan(1);
      expect(ratio).toBeLessThan(1.06);
    }
  });

  it('applies to zero events from 30 examples on', () => {
    expect(ruleOfThreeApplies(0, 30)).toBe(true);
    expect(ruleOfThreeApplies(0, 29)).toBe(false);
    expect(ruleOfThreeApplies(1, 1000)).toBe(false);
  });
});
