import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect } from '../../src/lib/stats/minimum-detectable-effect';

// z_0.975 + z_0.80 = 1.959964 + 0.841621 = 2.801585 (standard normal table).
describe('minimumDetectableEffect', () => {
  it('against a known rate: 2.801585 sqrt(p(1 - p)/n)', () => {
    // n = 100, p = 0.5: 2.801585 x 0.05 = 0.140079.
    expect(minimumDetectableEffect(100, 0.5)).toBeCloseTo(0.140079, 6);
    // n = 400, p = 0.1: 2.801585 x sqrt(0.09/400) = 2.801585 x 0.015 = 0.042024.
    expect(minimumDetectableEffect(400, 0.1)).toBeCloseTo(0.042024, 6);
  });

  it('against the rest of the data: 2.801585 sqrt(p(1 - p)(1/n + 1/nRest))', () => {
    // n = 100, nRest = 900, p = 0.8: sqrt(0.16 x 0.0111111) = 0.0421637, x 2.801585 = 0.118125.
    expect(minimumDetectableEffect(100, 0.8, 900)).toBeCloseTo(0.118125, 5);
  });

  it('shrinks as 1/sqrt(n)', () => {
    expect(minimumDetectableEffect(400, 0.3) / minimumDetectableEffect(100, 0.3)).toBeCloseTo(
      0.5,
      12,
    );
  });

  it('takes other levels: alpha 0.01 and 90% power give 2.575829 + 1.281552 = 3.857381', () => {
    expect(minimumDetectableEffect(100, 0.5, Infinity, 0.01, 0.9)).toBeCloseTo(0.192869, 6);
  });

  it('is undefined without examples or at a base rate of 0 or 1', () => {
    expect(minimumDetectableEffect(0, 0.5)).toBeNaN();
    expect(minimumDetectableEffect(100, 0)).toBeNaN();
    expect(minimumDetectableEffect(100, 1)).toBeNaN();
    expect(minimumDetectableEffect(100, 0.5, 0)).toBeNaN();
  });
});
