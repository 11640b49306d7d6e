import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/lib/stats/benjamini-hochberg';

describe('benjaminiHochberg', () => {
  // The 15 p-values of the worked example in Benjamini & Hochberg (1995), section 3.2, where the
  // procedure at level 0.05 rejects the four smallest. q-values worked out by hand:
  // q_(i) = min_{j >= i} 15 p_(j) / j, e.g. q_(6) = min(15 x 0.0278 / 6, 15 x 0.0298 / 7, ...).
  const paper = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
    0.6528, 0.759, 1,
  ];
  const byHand = [
    0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182,
    0.714875, 0.753231, 0.813214, 1,
  ];

  it('reproduces the q-values of the paper example, rejecting four at 0.05', () => {
    const q = benjaminiHochberg(paper);
    q.forEach((value, i) => expect(value).toBeCloseTo(byHand[i], 6));
    expect(q.filter((value) => value <= 0.05)).toHaveLength(4);
  });

  it('keeps the input order', () => {
    const shuffled = [0.0459, 0.0001, 0.759, 0.0298, 1, 0.0019];
    // Sorted: 0.0001, 0.0019, 0.0298, 0.0459, 0.759, 1 (m = 6): by hand,
    // 0.0006, 0.0057, 0.0596 -> min(0.0596, 0.06885) = 0.0596, 0.06885, 0.9108, 1.
    const q = benjaminiHochberg(shuffled);
    [0.06885, 0.0006, 0.9108, 0.0596, 1, 0.0057].forEach((value, i) =>
      expect(q[i]).toBeCloseTo(value, 10),
    );
  });

  it('is monotone in p and never below p', () => {
    const p = [0.04, 0.01, 0.03, 0.02, 0.5, 0.049];
    const q = benjaminiHochberg(p);
    const byP = p.map((value, i) => [value, q[i]]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < byP.length; i++) expect(byP[i][1]).toBeGreaterThanOrEqual(byP[i - 1][1]);
    q.forEach((value, i) => expect(value).toBeGreaterThanOrEqual(p[i]));
  });

  it('leaves NaN as NaN and does not count it', () => {
    // Without the NaN, m = 2: q = 2 x 0.01 / 1 = 0.02 and 2 x 0.04 / 2 = 0.04.
    const q = benjaminiHochberg([0.04, NaN, 0.01]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeNaN();
    expect(q[2]).toBeCloseTo(0.02, 12);
    expect(benjaminiHochberg([NaN])[0]).toBeNaN();
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('gives equal p-values the same q', () => {
    expect(benjaminiHochberg([0.02, 0.02, 0.02])).toEqual([0.02, 0.02, 0.02]);
  });

  it('rejects values that are not p-values', () => {
    expect(() => benjaminiHochberg([0.1, 1.5])).toThrow(/not a p-value: 1.5/);
  });
});
