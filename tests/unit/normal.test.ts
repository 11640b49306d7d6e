import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/lib/stats/normal';
import { Z95 } from '../../src/lib/stats/wilson';

// Expected values from scipy.stats.norm.cdf / norm.sf / norm.ppf (python3, scipy 1.17).
describe('normalCdf', () => {
  it.each([
    [-1, 0.15865525393145707],
    [-0.3, 0.3820885778110474],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.2345, 0.8914916766373298],
    [3, 0.9986501019683699],
  ])('Phi(%f) = %f', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
  });

  it.each([
    [-2.9, 0.0018658133003840375],
    [-3, 0.0013498980316300933],
    [-3.1, 0.0009676032132183563],
    [-5, 2.866515718791933e-7],
    [-7.5, 3.1908916729108844e-14],
    [-8, 6.22096057427174e-16],
    [-9, 1.1285884059538324e-19],
  ])('keeps relative accuracy in the lower tail: Phi(%f) = %f', (x, expected) => {
    expect(Math.abs(normalCdf(x) / expected - 1)).toBeLessThan(1e-12);
  });

  it('gives 0.025 at -1.959964 and saturates far out', () => {
    expect(normalCdf(-Z95)).toBeCloseTo(0.025, 15);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.1, -1.2815515655446004],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [1 - 1e-12, 7.0344869100478356],
  ])('z(%f) = %f', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12);
  });

  it.each([
    [1e-10, -6.361340902404056],
    [1e-20, -9.262340089798409],
    [1e-300, -37.0470962993612],
  ])('reaches far into the tail: z(%f) = %f', (p, expected) => {
    expect(Math.abs(normalQuantile(p) / expected - 1)).toBeLessThan(1e-14);
  });

  it('inverts normalCdf', () => {
    for (const x of [-6, -2.5, -0.1, 0.7, 2, 4.5]) {
      expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 9);
    }
  });

  it('is infinite at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
