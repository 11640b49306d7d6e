import { mcnemarTest } from '../stats/mcnemar';
import { newcombeDifference } from '../stats/newcombe';
import { pairedDifference } from '../stats/paired-difference';
import { proportionDifferenceTest } from '../stats/two-proportion-test';
import { pairedTTest, welchTest } from '../stats/welch';
import type { Interval } from '../stats/wilson';

/** A slice's sufficient statistics in both runs (comparisonSql's columns). */
export interface SliceStats {
  /** Each run's values: count, sum, sample variance. */
  candidate: { n: number; sum: number; variance: number };
  baseline: { n: number; sum: number; variance: number };
  /** The pairs (an id in both runs): count, sum of the candidate's values, and of the differences. */
  pairs: { n: number; sumCandidate: number; sumDifference: number; varianceDifference: number };
  /** The 2x2 table of 0/1 values over the pairs. */
  table: { bothRight: number; candidateOnly: number; baselineOnly: number; bothWrong: number };
}

/** The candidate against the baseline on one slice: each run's metric, the difference, the test. */
export interface SliceDifference {
  /** Examples compared: pairs when paired, else the candidate's rows. */
  n: number;
  baseline: number;
  candidate: number;
  /** candidate - baseline, with its 95% interval. */
  difference: number;
  interval: Interval;
  p: number;
  method: string;
}

/**
 * Paired on the examples both runs hold (their metrics and difference over those pairs): for 0/1
 * values Newcombe's paired score interval and McNemar's test, else the paired t. Unpaired (no
 * ids, or none in common): Newcombe's hybrid score interval with a two-proportion z (or Fisher's
 * exact) test, else Welch's t.
 */
export function compareSlice(s: SliceStats, paired: boolean, binary: boolean): SliceDifference {
  if (paired) {
    const { n } = s.pairs;
    const candidate = s.pairs.sumCandidate / n;
    const baseline = (s.pairs.sumCandidate - s.pairs.sumDifference) / n;
    if (binary) {
      const t = s.table;
      const test = mcnemarTest(t.candidateOnly, t.baselineOnly);
      return {
        n,
        baseline,
        candidate,
        difference: (t.candidateOnly - t.baselineOnly) / n,
        interval: pairedDifference(t.bothRight, t.candidateOnly, t.baselineOnly, t.bothWrong),
        p: n > 0 ? test.p : NaN,
        method: `McNemar (${test.method})`,
      };
    }
    const t = pairedTTest(n, s.pairs.sumDifference / n, Math.sqrt(s.pairs.varianceDifference));
    const interval = { low: t.low, high: t.high };
    return {
      n,
      baseline,
      candidate,
      difference: t.difference,
      interval,
      p: t.p,
      method: 'paired t',
    };
  }
  const [c, b] = [s.candidate, s.baseline];
  const candidate = c.sum / c.n;
  const baseline = b.sum / b.n;
  if (binary) {
    const test = proportionDifferenceTest(c.sum, c.n, b.sum, b.n);
    return {
      n: c.n,
      baseline,
      candidate,
      difference: candidate - baseline,
      interval: newcombeDifference(c.sum, c.n, b.sum, b.n),
      p: test.p,
      method: test.method,
    };
  }
  const t = welchTest(c.n, candidate, c.variance, b.n, baseline, b.variance);
  const interval = { low: t.low, high: t.high };
  return {
    n: c.n,
    baseline,
    candidate,
    difference: t.difference,
    interval,
    p: t.p,
    method: 'Welch t',
  };
}
