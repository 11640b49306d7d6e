import { describe, expect, it } from 'vitest';
import { discoveryChanges } from '../../src/lib/baseline/discovery-changes';
import { compareSlice, type SliceStats } from '../../src/lib/baseline/compare-slice';
import { findRegressions } from '../../src/lib/baseline/regressions';
import type { SliceComparison } from '../../src/lib/baseline/read-comparison';
import { checkAssertions } from '../../src/lib/notebook/assertions';
import { pairedTTest, welchTest } from '../../src/lib/stats/welch';

/** Sufficient statistics of two lists of values, paired by position where both have one. */
function statsOf(candidate: number[], baseline: number[]): SliceStats {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const variance = (xs: number[]) => {
    const m = sum(xs) / xs.length;
    return sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1);
  };
  const n = Math.min(candidate.length, baseline.length);
  const d = candidate.slice(0, n).map((c, i) => c - baseline[i]);
  const pair = (c: number, b: number) =>
    candidate.slice(0, n).filter((x, i) => x === c && baseline[i] === b).length;
  return {
    candidate: { n: candidate.length, sum: sum(candidate), variance: variance(candidate) },
    baseline: { n: baseline.length, sum: sum(baseline), variance: variance(baseline) },
    pairs: {
      n,
      sumCandidate: sum(candidate.slice(0, n)),
      sumDifference: sum(d),
      varianceDifference: variance(d),
    },
    table: {
      bothRight: pair(1, 1),
      candidateOnly: pair(1, 0),
      baselineOnly: pair(0, 1),
      bothWrong: pair(0, 0),
    },
  };
}

const ones = (k: number) => Array<number>(k).fill(1);
const zeros = (k: number) => Array<number>(k).fill(0);

describe('comparing a slice of two runs', () => {
  it('paired 0/1 values: the difference over the pairs and McNemar exact on the discordant ones', () => {
    // Pairs (candidate, baseline): 3 both right, 1 only the candidate right, 4 only the baseline
    // right, 2 both wrong. Difference (1 - 4) / 10; exact p = 2 P(X <= 1), X ~ Bin(5, 1/2) =
    // 2 * 6/32 = 0.375 (scipy.stats.binomtest(1, 5).pvalue).
    const s = statsOf([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 1, 1, 1, 1, 0, 0]);
    const out = compareSlice(s, true, true);
    expect(out.n).toBe(10);
    expect(out.candidate).toBeCloseTo(0.4, 12);
    expect(out.baseline).toBeCloseTo(0.7, 12);
    expect(out.difference).toBeCloseTo(-0.3, 12);
    expect(out.p).toBeCloseTo(0.375, 12);
    expect(out.method).toBe('McNemar (exact binomial)');
    // Candidate minus baseline: the interval holds -0.3 and lies mostly below zero.
    expect(out.interval.low).toBeLessThan(-0.3);
    expect(out.interval.high).toBeGreaterThan(-0.3);
    expect(out.interval.high).toBeLessThan(0.3);
  });

  it('unpaired 0/1 values: Newcombe 1998 (table II: 56/70 against 48/80) and the pooled z test', () => {
    const s = statsOf([...ones(56), ...zeros(14)], [...ones(48), ...zeros(32)]);
    const out = compareSlice(s, false, true);
    expect(out.difference).toBeCloseTo(0.2, 12);
    expect(out.interval.low).toBeCloseTo(0.0524, 4);
    expect(out.interval.high).toBeCloseTo(0.3339, 4);
    // scipy: z = 2.65017, p = 2 * norm.sf(z).
    expect(out.p).toBeCloseTo(0.00804508136819656, 10);
    expect(out.method).toBe('two-proportion z');
  });

  it('paired scores: the paired t (scipy.stats.ttest_rel)', () => {
    const c = [0.9, 0.7, 0.8, 0.4, 1.0, 0.6];
    const b = [0.5, 0.6, 0.9, 0.2, 0.7, 0.6];
    const out = compareSlice(statsOf(c, b), true, false);
    expect(out.difference).toBeCloseTo(0.15, 12);
    expect(out.p).toBeCloseTo(0.10674552235509224, 9);
    expect(out.interval.low).toBeCloseTo(-0.04633143069803239, 9);
    expect(out.interval.high).toBeCloseTo(0.3463314306980324, 9);
    expect(out.method).toBe('paired t');
  });

  it('unpaired scores: Welch (scipy.stats.ttest_ind, equal_var=False)', () => {
    const c = [1.0, 0.5, 0.25, 0.75, 1.0];
    const b = [0.5, 0.5, 0.0, 0.25, 0.75, 1.0, 0.0];
    const out = compareSlice(statsOf(c, b), false, false);
    expect(out.difference).toBeCloseTo(0.2714285714285714, 12);
    expect(out.p).toBeCloseTo(0.21253074494694063, 9);
    expect(out.interval.low).toBeCloseTo(-0.18443930421859506, 9);
    expect(out.interval.high).toBeCloseTo(0.7272964470757379, 9);
  });

  it('Welch and the paired t from their summaries match scipy', () => {
    // x = 1..5, y = 2, 4, ..., 12: means 3 and 7, variances 2.5 and 14.
    const w = welchTest(5, 3, 2.5, 6, 7, 14);
    expect(w.p).toBeCloseTo(0.04928433820673053, 9);
    expect(w.low).toBeCloseTo(-7.98346869562883, 8);
    expect(w.high).toBeCloseTo(-0.016531304371169675, 8);
    expect(pairedTTest(4, 0.5, 0)).toEqual({ difference: 0.5, low: 0.5, high: 0.5, p: 0 });
    expect(pairedTTest(1, 0.5, NaN).p).toBeNaN();
  });
});

const row = (o: Partial<SliceComparison>): SliceComparison => ({
  dataset: 'ds',
  cells: ['by_region'],
  slice: 'region: north',
  overall: false,
  model: null,
  paired: true,
  onlyCandidate: 0,
  onlyBaseline: 0,
  metric: 'accuracy',
  higherIsBetter: true,
  n: 500,
  baseline: 0.8,
  candidate: 0.8,
  difference: 0,
  interval: { low: -0.01, high: 0.01 },
  p: 0.5,
  q: 0.5,
  method: 'McNemar',
  ...o,
});

describe('regressions', () => {
  it('are real (q below the bound) and larger than the minimum, worst first; errors rise to get worse', () => {
    const rows = [
      row({ slice: 'a', difference: -0.05, q: 0.01 }),
      row({ slice: 'b', difference: -0.2, q: 0.2 }), // large but not real
      row({ slice: 'c', difference: -0.005, q: 0.001 }), // real but under the minimum
      row({ slice: 'd', difference: -0.08, q: 0.04 }),
      row({ slice: 'e', difference: 0.03, q: 0.001 }),
      row({
        slice: 'f',
        difference: 0.4,
        q: 0.001,
        metric: 'absolute error',
        higherIsBetter: false,
      }),
    ];
    const found = findRegressions(rows, { maxQ: 0.05, minDrop: 0.01 });
    expect(found.worse.map((r) => r.slice)).toEqual(['f', 'd', 'a']);
    expect(found.better.map((r) => r.slice)).toEqual(['e']);
  });

  it('an assertion with maxQ checks only the real differences, and passes when there are none', () => {
    const table = {
      comparison: [
        { slice: 'a', n: 300, difference: -0.05, q: 0.2 },
        { slice: 'b', n: 300, difference: -0.03, q: 0.01 },
        { slice: 'c', n: 50, difference: -0.3, q: 0.001 },
      ],
    };
    const drop = { column: 'difference', op: '>=' as const, value: -0.02, minN: 200, maxQ: 0.05 };
    const [out] = checkAssertions('baseline', table, [drop]);
    expect(out.passed).toBe(false);
    expect(out.checked).toBe(1);
    expect(out.worst?.row).toBe('slice=b');
    expect(out.message).toBe(
      'fails: 1 of 1 rows; the worst, slice=b, has difference -0.03, short of >= -0.02 by 0.01.',
    );
    expect(out.description).toBe(
      'every row of comparison with n >= 200, q < 0.05: difference >= -0.02',
    );
    const [none] = checkAssertions('baseline', table, [{ ...drop, maxQ: 0.005 }]);
    expect(none).toMatchObject({ passed: true, checked: 2, failing: 0 });
    expect(none.message).toBe('passes: none of the 2 rows has q < 0.005.');
  });
});

describe('failure slices found on one run only', () => {
  it('are new when only the candidate has them and vanished when only the baseline had them', () => {
    const candidate = [
      { slice: "region = 'rural'", n: 2033, error_rate: 0.3 },
      { slice: "age_group = '65+'", n: 1600, error_rate: 0.25 },
    ];
    const baseline = [
      { slice: "age_group = '65+'", n: 1600, error_rate: 0.22 },
      { slice: "age_group = '41-64'", n: 3456, mean_error: 0.2 },
    ];
    expect(discoveryChanges('failures', candidate, baseline)).toEqual([
      {
        cell: 'failures',
        change: 'new',
        slice: "region = 'rural'",
        n: 2033,
        error: 0.3,
        rate: true,
      },
      {
        cell: 'failures',
        change: 'vanished',
        slice: "age_group = '41-64'",
        n: 3456,
        error: 0.2,
        rate: false,
      },
    ]);
  });
});
