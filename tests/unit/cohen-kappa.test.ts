import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaInterval } from '../../src/lib/stats/cohen-kappa';

describe('cohenKappa', () => {
  // The worked examples of Wikipedia's "Cohen's kappa": two readers, yes/no on 50 and 100 items.
  it.each([
    [
      [
        [20, 5],
        [10, 15],
      ],
      0.4,
    ],
    [
      [
        [45, 15],
        [25, 15],
      ],
      0.1304,
    ],
    [
      [
        [25, 35],
        [5, 35],
      ],
      0.2593,
    ],
  ])('of %j is %f', (table, expected) => {
    expect(cohenKappa(table)).toBeCloseTo(expected, 4);
  });

  it('is 1 on the diagonal, 0 for independent raters, NaN when both always say one thing', () => {
    expect(
      cohenKappa([
        [7, 0],
        [0, 3],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [4, 4],
        [6, 6],
      ]),
    ).toBeCloseTo(0, 14);
    expect(
      cohenKappa([
        [9, 0],
        [0, 0],
      ]),
    ).toBeNaN();
  });
});

describe('cohenKappaInterval', () => {
  it('is the jackknife of a plain leave-one-pair-out loop', () => {
    const table = [
      [20, 5],
      [10, 15],
    ];
    const pairs: [number, number][] = [];
    table.forEach((row, i) =>
      row.forEach((count, j) => {
        for (let k = 0; k < count; k++) pairs.push([i, j]);
      }),
    );
    const kappaOf = (ps: [number, number][]) => {
      const t = [
        [0, 0],
        [0, 0],
      ];
      for (const [i, j] of ps) t[i][j]++;
      return cohenKappa(t);
    };
    const leaveOut = pairs.map((_, i) => kappaOf(pairs.filter((_, j) => j !== i)));
    const n = pairs.length;
    const mean = leaveOut.reduce((s, v) => s + v, 0) / n;
    const se = Math.sqrt(((n - 1) / n) * leaveOut.reduce((s, v) => s + (v - mean) ** 2, 0));
    const k = cohenKappaInterval(table);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.high - 0.4).toBeCloseTo(1.959963984540054 * se, 12);
  });
});
