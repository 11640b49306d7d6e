import { wilsonInterval, Z95, type Interval } from './wilson';

/**
 * A rate under another population's mix of slices, by post-stratification: each slice's own
 * rate, weighted by the share the target population gives the slice instead of the test set's.
 * For a rate over all examples (accuracy) R = Σ q_s a_s, the stratified mean (Cochran 1977,
 * "Sampling Techniques", ch. 5, stratified proportions); for a rate over part of them (recall,
 * precision) R = Σ q_s a_s / Σ q_s b_s, a_s and b_s the slice's successes and trials per example
 * it reads, which is the rate the target population would have if each slice kept its rates (the
 * combined ratio estimator). Variances by linearisation (Taylor), each slice sampled
 * independently, conditional on its size.
 */

/** One slice of a rate: `successes` of `trials`, among the `examples` the metric reads there. */
export interface RateSlice {
  successes: number;
  trials: number;
  examples: number;
  /** The slice's share of the target population (normalised over the slices given). */
  share: number;
}

export interface ReweightedRate {
  value: number;
  variance: number;
  /** Wilson's score interval at the effective sample size R(1 − R) / variance. */
  interval: Interval;
  effectiveN: number;
}

export interface ReweightingDifference {
  /** The rate under the target mix minus the rate on the test set. */
  value: number;
  variance: number;
  interval: Interval;
}

/**
 * The rate under the target shares of `slices` (every slice with examples; a slice of the target
 * with no test example cannot be given here). `targetRows`: when the shares were counted from that
 * many rows of a table, their multinomial noise adds Σ q_s g_s² / M to the variance (g_s the rate's
 * derivative in q_s; Σ q_s g_s = 0); typed shares are exact (Infinity).
 */
export function postStratifiedRate(
  slices: readonly RateSlice[],
  targetRows = Infinity,
): ReweightedRate {
  const q = normalised(slices.map((s) => s.share));
  const { value, denominator } = ratio(slices, q);
  if (!Number.isFinite(value)) return { value: NaN, variance: NaN, interval: NAN, effectiveN: NaN };
  let variance = 0;
  slices.forEach((s, i) => {
    const alpha = q[i] / denominator;
    variance += residualVariance(s, alpha, alpha * value) / s.examples;
  });
  variance += targetNoise(slices, q, value, denominator, targetRows);
  const kish = kishEffectiveSize(
    slices.map((s) => s.examples),
    q,
  );
  const spread = value * (1 - value);
  const effectiveN = variance > 0 && spread > 0 ? spread / variance : kish;
  const successes = Math.min(effectiveN, Math.max(0, value * effectiveN));
  return { value, variance, interval: wilsonInterval(successes, effectiveN), effectiveN };
}

/**
 * The rate under the target shares minus the rate on the test set (the same slices with their
 * own sizes as shares), with a Wald interval from the linearised variance of the difference:
 * each example contributes (q_s/D_q − p_s/D_p) x − (q_s R_q/D_q − p_s R_p/D_p) t.
 */
export function reweightingDifference(
  slices: readonly RateSlice[],
  targetRows = Infinity,
): ReweightingDifference {
  const q = normalised(slices.map((s) => s.share));
  const p = normalised(slices.map((s) => s.examples));
  const target = ratio(slices, q);
  const test = ratio(slices, p);
  const value = target.value - test.value;
  if (!Number.isFinite(value)) return { value: NaN, variance: NaN, interval: NAN };
  let variance = 0;
  slices.forEach((s, i) => {
    const alpha = q[i] / target.denominator - p[i] / test.denominator;
    const beta =
      (q[i] * target.value) / target.denominator - (p[i] * test.value) / test.denominator;
    variance += residualVariance(s, alpha, beta) / s.examples;
  });
  variance += targetNoise(slices, q, target.value, target.denominator, targetRows);
  const half = Z95 * Math.sqrt(variance);
  return { value, variance, interval: { low: value - half, high: value + half } };
}

/**
 * Kish's effective sample size of examples weighted to the target shares, (Σ w)² / Σ w², with
 * each example of slice s weighted q_s / n_s: 1 / Σ q_s² / n_s (Kish 1992, "Weighting for unequal
 * Pi", Journal of Official Statistics 8:183-200). The test set's own mix gives n; the further the target, the fewer examples it is worth.
 */
export function kishEffectiveSize(examples: readonly number[], shares: readonly number[]): number {
  const q = normalised(shares);
  let sum = 0;
  examples.forEach((n, i) => {
    if (q[i] > 0) sum += n > 0 ? (q[i] * q[i]) / n : Infinity;
  });
  return sum > 0 ? 1 / sum : NaN;
}

/**
 * What a metric whose per-example values lie in [0, 1] could be when `unrepresented` of the
 * target's mass falls in slices without test examples: those slices at 0, or at 1, and the rest
 * at `value` (for a rate over part of the examples, taking the unrepresented slices to have the
 * represented ones' mean share of its denominator).
 */
export function unrepresentedBounds(value: number, unrepresented: number): Interval {
  return { low: (1 - unrepresented) * value, high: (1 - unrepresented) * value + unrepresented };
}

const NAN: Interval = { low: NaN, high: NaN };

function normalised(xs: readonly number[]): number[] {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => x / total);
}

/** Σ q a / Σ q b over the slices, and its denominator Σ q b. */
function ratio(slices: readonly RateSlice[], q: readonly number[]) {
  let numerator = 0;
  let denominator = 0;
  slices.forEach((s, i) => {
    numerator += (q[i] * s.successes) / s.examples;
    denominator += (q[i] * s.trials) / s.examples;
  });
  return { value: denominator > 0 ? numerator / denominator : NaN, denominator };
}

/**
 * The sample variance within a slice of α x − β t, x and t an example's 0/1 success and trial:
 * α − β for a success, −β for a failure, 0 for an example outside the denominator; with n / (n − 1).
 * A slice of one example has no spread to measure: it gets the largest variance a value of that
 * range can have, range² / 4.
 */
function residualVariance(s: RateSlice, alpha: number, beta: number): number {
  const values = [alpha - beta, -beta, 0];
  const n = s.examples;
  if (n <= 1) {
    const range = Math.max(...values) - Math.min(...values);
    return (range * range) / 4;
  }
  const counts = [s.successes, s.trials - s.successes, n - s.trials];
  const mean = counts.reduce((m, c, i) => m + c * values[i], 0) / n;
  const square = counts.reduce((m, c, i) => m + c * values[i] ** 2, 0) / n;
  return (Math.max(0, square - mean * mean) * n) / (n - 1);
}

/** The variance the counted target shares add: Σ q_s g_s² / M, g_s = (a_s − R b_s) / D. */
function targetNoise(
  slices: readonly RateSlice[],
  q: readonly number[],
  value: number,
  denominator: number,
  rows: number,
): number {
  if (!Number.isFinite(rows)) return 0;
  return slices.reduce((sum, s, i) => {
    const g = (s.successes / s.examples - (value * s.trials) / s.examples) / denominator;
    return sum + (q[i] * g * g) / rows;
  }, 0);
}
