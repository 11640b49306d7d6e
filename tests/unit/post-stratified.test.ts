import { describe, expect, it } from 'vitest';
import {
  kishEffectiveSize,
  pairedReweightedDifference,
  postStratifiedRate,
  reweightingDifference,
  unrepresentedBounds,
  type RateSlice,
} from '../../src/lib/stats/post-stratified';
import { seededUniform } from '../../src/lib/stats/seeded-uniform';
import { Z95 } from '../../src/lib/stats/wilson';

/**
 * Three slices of an accuracy, worked on paper:
 *
 *   slice  n    correct  a = correct/n   target share q   test share p = n/160
 *   A      100  90       0.9             0.2              0.625
 *   B      50   30       0.6             0.5              0.3125
 *   C      10   5        0.5             0.3              0.0625
 *
 * Under the target: R = 0.2·0.9 + 0.5·0.6 + 0.3·0.5 = 0.18 + 0.30 + 0.15 = 0.63.
 * On the test set: 125 / 160 = 0.78125. Difference −0.15125.
 * Cochran's stratified variance Σ q² a(1 − a) / (n − 1):
 *   A 0.04·0.09/99 = 0.0000363636, B 0.25·0.24/49 = 0.0012244898, C 0.09·0.25/9 = 0.0025,
 *   total 0.0037608534.
 * Effective n for Wilson: 0.63·0.37 / 0.0037608534 = 0.2331 / 0.0037608534 = 61.98061.
 * Wilson at n* = 61.98061, p = 0.63 (z = 1.959964, z² = 3.841459):
 *   centre (0.63 + 3.841459/(2·61.98061)) / (1 + 3.841459/61.98061) = 0.660989 / 1.061979
 *        = 0.622413
 *   half 1.959964·sqrt(0.2331/61.98061 + 3.841459/(4·61.98061²)) / 1.061979
 *      = 1.959964·sqrt(0.0037608534 + 0.0002499873) / 1.061979 = 0.116883
 *   -> 0.505530 to 0.739296.
 * The difference's variance Σ (q − p)² a(1 − a) / (n − 1):
 *   A 0.180625·0.09/99 = 0.000164205, B 0.03515625·0.24/49 = 0.000172194,
 *   C 0.05640625·0.25/9 = 0.001566840, total 0.001903239, sd 0.0436261;
 *   95%: −0.15125 ± 1.959964·0.0436261 = −0.236756 to −0.065744.
 * Kish: 1 / (0.04/100 + 0.25/50 + 0.09/10) = 1 / 0.0144 = 69.4444.
 */
const PAPER: RateSlice[] = [
  { successes: 90, trials: 100, examples: 100, share: 0.2 },
  { successes: 30, trials: 50, examples: 50, share: 0.5 },
  { successes: 5, trials: 10, examples: 10, share: 0.3 },
];

describe('postStratifiedRate', () => {
  it('matches the three-slice accuracy worked on paper: 0.63, variance 0.0037609, Wilson at n* = 61.98', () => {
    const r = postStratifiedRate(PAPER);
    expect(r.value).toBeCloseTo(0.63, 12);
    expect(r.variance).toBeCloseTo(0.0037608534, 9);
    expect(r.effectiveN).toBeCloseTo(61.98061, 4);
    expect(r.interval.low).toBeCloseTo(0.50553, 5);
    expect(r.interval.high).toBeCloseTo(0.739296, 5);
  });

  it('normalises the shares it is given: 2, 5, 3 is the same target as 0.2, 0.5, 0.3', () => {
    const scaled = postStratifiedRate(PAPER.map((s) => ({ ...s, share: s.share * 10 })));
    expect(scaled.value).toBeCloseTo(0.63, 12);
    expect(scaled.variance).toBeCloseTo(0.0037608534, 9);
  });

  it('under the test set`s own mix gives the pooled rate', () => {
    const own = postStratifiedRate(PAPER.map((s) => ({ ...s, share: s.examples })));
    expect(own.value).toBeCloseTo(125 / 160, 12);
  });

  it('for a rate over part of the examples (recall) agrees with a per-example linearisation', () => {
    // Each slice: examples, positives (trials), true positives (successes), target share.
    const slices: RateSlice[] = [
      { successes: 40, trials: 50, examples: 200, share: 0.5 },
      { successes: 10, trials: 30, examples: 60, share: 0.3 },
      { successes: 3, trials: 4, examples: 20, share: 0.2 },
    ];
    // Second implementation: every example weighted q_s / n_s, R = Σ w x / Σ w t, influence
    // z_i = w_i (x_i − R t_i) / Σ w t, variance Σ_s n_s/(n_s − 1) Σ_i (z_i − mean_s z)².
    const examples = slices.flatMap((s, slice) =>
      Array.from({ length: s.examples }, (_, i) => ({
        slice,
        w: s.share / s.examples,
        x: i < s.successes ? 1 : 0,
        t: i < s.trials ? 1 : 0,
      })),
    );
    const wt = examples.reduce((sum, e) => sum + e.w * e.t, 0);
    const R = examples.reduce((sum, e) => sum + e.w * e.x, 0) / wt;
    let variance = 0;
    slices.forEach((s, slice) => {
      const z = examples.filter((e) => e.slice === slice).map((e) => (e.w * (e.x - R * e.t)) / wt);
      const mean = z.reduce((a, b) => a + b, 0) / z.length;
      const ss = z.reduce((a, b) => a + (b - mean) ** 2, 0);
      variance += (ss * s.examples) / (s.examples - 1);
    });
    const r = postStratifiedRate(slices);
    // By hand: R = (0.5·0.2 + 0.3·(10/60) + 0.2·0.15) / (0.5·0.25 + 0.3·0.5 + 0.2·0.2)
    //            = (0.1 + 0.05 + 0.03) / (0.125 + 0.15 + 0.04) = 0.18 / 0.315 = 0.571429
    expect(r.value).toBeCloseTo(0.18 / 0.315, 12);
    expect(r.value).toBeCloseTo(R, 12);
    expect(r.variance).toBeCloseTo(variance, 12);
  });

  it('adds the noise of shares counted from M target rows: Σ q (a − R)² / M for accuracy', () => {
    // g_s = a_s − R: 0.27, −0.03, −0.13; Σ q g² = 0.2·0.0729 + 0.5·0.0009 + 0.3·0.0169
    //   = 0.01458 + 0.00045 + 0.00507 = 0.0201.
    const counted = postStratifiedRate(PAPER, 1000);
    expect(counted.variance - postStratifiedRate(PAPER).variance).toBeCloseTo(0.0201 / 1000, 12);
  });

  it('gives a slice of one example the largest variance a 0/1 value can have, 1/4', () => {
    const one = postStratifiedRate([
      { successes: 1, trials: 1, examples: 1, share: 0.5 },
      { successes: 50, trials: 100, examples: 100, share: 0.5 },
    ]);
    // 0.25·0.25/1 + 0.25·(0.25·100/99)/100
    expect(one.variance).toBeCloseTo(0.0625 + 0.25 * (0.25 / 99), 12);
  });

  it('at a rate of 1 falls back to Kish`s effective size for Wilson, whose upper end is 1', () => {
    const perfect = postStratifiedRate([
      { successes: 20, trials: 20, examples: 20, share: 0.5 },
      { successes: 5, trials: 5, examples: 5, share: 0.5 },
    ]);
    expect(perfect.value).toBe(1);
    // Kish: 1 / (0.25/20 + 0.25/5) = 16.
    expect(perfect.effectiveN).toBeCloseTo(16, 12);
    expect(perfect.interval.high).toBe(1);
  });
});

describe('reweightingDifference', () => {
  it('matches the paper example: −0.15125, variance 0.0019032, Wald −0.23676 to −0.06574', () => {
    const d = reweightingDifference(PAPER);
    expect(d.value).toBeCloseTo(0.63 - 0.78125, 12);
    expect(d.variance).toBeCloseTo(0.001903239, 8);
    expect(d.interval.low).toBeCloseTo(-0.15125 - Z95 * Math.sqrt(0.001903239), 6);
    expect(d.interval.low).toBeCloseTo(-0.236756, 5);
    expect(d.interval.high).toBeCloseTo(-0.065744, 5);
  });

  it('is exactly 0 with no spread when the target is the test set`s own mix', () => {
    const d = reweightingDifference(PAPER.map((s) => ({ ...s, share: s.examples })));
    expect(d.value).toBeCloseTo(0, 12);
    expect(d.variance).toBeCloseTo(0, 15);
  });
});

describe('kishEffectiveSize and unrepresentedBounds', () => {
  it('Kish on the paper example: 1 / 0.0144 = 69.44; the test set`s own mix gives n', () => {
    expect(kishEffectiveSize([100, 50, 10], [0.2, 0.5, 0.3])).toBeCloseTo(1 / 0.0144, 9);
    expect(kishEffectiveSize([100, 50, 10], [100, 50, 10])).toBeCloseTo(160, 9);
  });

  it('a tenth of the target unrepresented moves 0.63 to between 0.567 and 0.667', () => {
    const b = unrepresentedBounds(0.63, 0.1);
    expect(b.low).toBeCloseTo(0.567, 12);
    expect(b.high).toBeCloseTo(0.667, 12);
  });
});

describe('pairedReweightedDifference', () => {
  const SIZES = [200, 100, 50];
  const SHARES = [0.2, 0.3, 0.5];
  const G = 50;
  const SIMULATIONS = 2000;

  /**
   * Two models on the same examples, right with probabilities (pa, pb) per slice, b right on
   * every example a gets right (strongly paired); each example in a random group of G. Also the
   * stratified variance of the difference from the examples themselves, Σ q² s²(δ) / n, δ = a − b:
   * what the groups estimate.
   */
  function simulate(next: () => number, pa: number[], pb: number[]) {
    const side = () =>
      SIZES.map((n, s) => ({
        key: String(s),
        successes: 0,
        trials: n,
        examples: n,
        share: SHARES[s],
        groups: Array.from({ length: G }, () => ({ successes: 0, trials: 0, examples: 0 })),
      }));
    const a = side();
    const b = side();
    let exact = 0;
    SIZES.forEach((n, s) => {
      const deltas: number[] = [];
      for (let i = 0; i < n; i++) {
        const g = Math.floor(next() * G);
        const ra = next() < pa[s] ? 1 : 0;
        const rb = ra === 1 || next() < (pb[s] - pa[s]) / (1 - pa[s]) ? 1 : 0;
        deltas.push(ra - rb);
        for (const [side, right] of [
          [a, ra],
          [b, rb],
        ] as const) {
          side[s].successes += right;
          side[s].groups[g].successes += right;
          side[s].groups[g].trials++;
          side[s].groups[g].examples++;
        }
      }
      const mean = deltas.reduce((x, y) => x + y, 0) / n;
      exact += (SHARES[s] ** 2 * deltas.reduce((x, y) => x + (y - mean) ** 2, 0)) / (n - 1) / n;
    });
    return { a, b, exact };
  }

  it('is exactly 0 with no spread for a model against itself', () => {
    const { a } = simulate(seededUniform(1), [0.7, 0.6, 0.5], [0.8, 0.7, 0.6]);
    const d = pairedReweightedDifference(a, a);
    expect(d.value).toBe(0);
    expect(d.variance).toBe(0);
  });

  it('over 2,000 simulated test sets: unbiased, its variance the stratified one, its coverage theirs', () => {
    const pa = [0.9, 0.7, 0.5];
    const pb = [0.92, 0.8, 0.7];
    const truth = SHARES.reduce((s, q, i) => s + q * (pa[i] - pb[i]), 0);
    const next = seededUniform(2021);
    const estimates: number[] = [];
    let grouped = 0;
    let exact = 0;
    let covered = 0;
    let coveredExact = 0;
    for (let k = 0; k < SIMULATIONS; k++) {
      const sim = simulate(next, pa, pb);
      const d = pairedReweightedDifference(sim.a, sim.b);
      estimates.push(d.value);
      grouped += d.variance / SIMULATIONS;
      exact += sim.exact / SIMULATIONS;
      if (d.interval.low <= truth && truth <= d.interval.high) covered++;
      if (Math.abs(d.value - truth) <= Z95 * Math.sqrt(sim.exact)) coveredExact++;
    }
    const mean = estimates.reduce((s, x) => s + x, 0) / estimates.length;
    const empirical = estimates.reduce((s, x) => s + (x - mean) ** 2, 0) / (estimates.length - 1);
    expect(Math.abs(mean - truth)).toBeLessThan(3 * Math.sqrt(empirical / SIMULATIONS));
    expect(grouped / exact).toBeGreaterThan(0.97);
    expect(grouped / exact).toBeLessThan(1.03);
    // A variance from 2,000 draws is known to about 3%.
    expect(grouped / empirical).toBeGreaterThan(0.9);
    expect(grouped / empirical).toBeLessThan(1.1);
    // Both fall short of 95% alike (a slice of 50 with a 20-point gap is far from normal).
    expect(Math.abs(covered - coveredExact) / SIMULATIONS).toBeLessThan(0.01);
    expect(covered / SIMULATIONS).toBeGreaterThan(0.92);
    // Pairing matters here: the unpaired variance (the two models' own) is far larger.
    const { a, b } = simulate(seededUniform(7), pa, pb);
    const unpaired = postStratifiedRate(a).variance + postStratifiedRate(b).variance;
    expect(pairedReweightedDifference(a, b).variance).toBeLessThan(unpaired / 2);
  });
});
