import { describe, expect, it } from 'vitest';
import { fleissKappa, fleissKappaInterval } from '../../src/lib/stats/fleiss-kappa';
import { jackknifeStandardError } from '../../src/lib/stats/jackknife';

/** Rows of per-category counts, one subject each. */
const subjects = (rows: number[][]) => rows.map((ratings) => ({ ratings, count: 1 }));

/**
 * Fleiss (1971), Table 1: 30 patients, each diagnosed by 6 psychiatrists into depression,
 * personality disorder, schizophrenia, neurosis, other. The paper reports P-bar = .556,
 * P-bar_e = .220 and kappa = .430.
 */
const FLEISS_1971 = [
  [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
  [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
  [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
  [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]; // prettier-ignore

/** The worked example of Wikipedia's "Fleiss' kappa": 10 subjects, 14 raters, kappa 0.210. */
const FOURTEEN_RATERS = [
  [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]; // prettier-ignore

describe('fleissKappa', () => {
  it('reproduces Fleiss (1971), Table 1: kappa .430, P-bar .556, P-bar_e .220', () => {
    const k = fleissKappa(subjects(FLEISS_1971));
    expect(k.kappa).toBeCloseTo(0.43, 3);
    expect(k.observed).toBeCloseTo(0.556, 3);
    expect(k.chance).toBeCloseTo(0.22, 3);
    expect(k.subjects).toBe(30);
  });

  it('reproduces the 14-rater worked example: kappa 0.210, P-bar 0.378, P-bar_e 0.213', () => {
    const k = fleissKappa(subjects(FOURTEEN_RATERS));
    expect(k.kappa).toBeCloseTo(0.21, 3);
    expect(k.observed).toBeCloseTo(0.378, 3);
    expect(k.chance).toBeCloseTo(0.213, 3);
  });

  it('counts alike subjects once with their multiplicity', () => {
    const grouped = [
      { ratings: [0, 0, 0, 0, 6], count: 4 },
      { ratings: [0, 2, 0, 4, 0], count: 2 },
    ];
    const spread = subjects([...Array(4).fill([0, 0, 0, 0, 6]), ...Array(2).fill([0, 2, 0, 4, 0])]);
    expect(fleissKappa(grouped).kappa).toBeCloseTo(fleissKappa(spread).kappa, 14);
  });

  it('is 1 when every rater agrees on every subject, NaN when all ratings are one category', () => {
    expect(
      fleissKappa(
        subjects([
          [3, 0],
          [0, 3],
          [3, 0],
        ]),
      ).kappa,
    ).toBe(1);
    expect(
      fleissKappa(
        subjects([
          [3, 0],
          [3, 0],
        ]),
      ).kappa,
    ).toBeNaN();
  });

  it('refuses subjects with different numbers of raters', () => {
    expect(() =>
      fleissKappa(
        subjects([
          [3, 0],
          [1, 1],
        ]),
      ),
    ).toThrow(/same number of raters: 2, not 3/);
  });
});

describe('fleissKappaInterval', () => {
  it('has the jackknife standard error of a plain leave-one-subject-out loop', () => {
    const rows = FLEISS_1971;
    const whole = fleissKappa(subjects(rows)).kappa;
    // Plain: drop each of the 30 subjects in turn.
    const leaveOut = rows.map(
      (_, i) => fleissKappa(subjects(rows.filter((_, j) => j !== i))).kappa,
    );
    const mean = leaveOut.reduce((s, v) => s + v, 0) / rows.length;
    const se = Math.sqrt(
      ((rows.length - 1) / rows.length) * leaveOut.reduce((s, v) => s + (v - mean) ** 2, 0),
    );
    const k = fleissKappaInterval(subjects(rows));
    expect(k.kappa).toBe(whole);
    expect(k.high - whole).toBeCloseTo(1.959963984540054 * se, 12);
    expect(whole - k.low).toBeCloseTo(1.959963984540054 * se, 12);
  });

  it('gives grouped and spread-out subjects the same interval', () => {
    const grouped = [
      { ratings: [3, 0], count: 40 },
      { ratings: [2, 1], count: 7 },
      { ratings: [1, 2], count: 5 },
      { ratings: [0, 3], count: 18 },
    ];
    const spread = grouped.flatMap((g) => Array.from({ length: g.count }, () => g.ratings));
    const a = fleissKappaInterval(grouped);
    const b = fleissKappaInterval(subjects(spread));
    expect(a.low).toBeCloseTo(b.low, 12);
    expect(a.high).toBeCloseTo(b.high, 12);
  });
});

describe('jackknifeStandardError', () => {
  it('of the mean is the usual standard error s / sqrt(n)', () => {
    const xs = [2, 4, 4, 5, 7, 9, 10];
    const n = xs.length;
    const sum = xs.reduce((s, v) => s + v, 0);
    const groups = xs.map((x) => ({ count: 1, value: (sum - x) / (n - 1) }));
    const mean = sum / n;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    expect(jackknifeStandardError(groups)).toBeCloseTo(sd / Math.sqrt(n), 12);
  });
});
