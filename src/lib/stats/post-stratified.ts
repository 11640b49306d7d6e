import { studentTQuantile } from './student-t';
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

/** One slice of a rate as RateSlice, named, with its counts in each random group of the examples. */
export interface GroupedRateSlice extends RateSlice {
  /** Names the slice, so two models' slices can be matched. */
  key: string;
  /** groups[g]: the slice's successes, trials and examples in group g (the same g for every model). */
  groups: readonly { successes: number; trials: number; examples: number }[];
}

/**
 * Model a's rate under the target minus model b's, with a paired variance by random groups
 * (Wolter 2007, "Introduction to Variance Estimation", ch. 2) of the linearised statistic: the
 * examples are split into G groups by a hash of their id, the same for both models, and each
 * model's influence z_i = q_s (x_i − R t_i) / (n_s D), centred within its slice (the slices'
 * sizes held fixed, as in postStratifiedRate), is summed per group. The variance of the
 * difference is G/(G − 1) Σ_g (d_g − d̄)², d_g the groups' differences; the interval uses Student's
 * t with G − 1 degrees of freedom. Counted target shares add Σ q (g_a − g_b)² / M.
 */
export function pairedReweightedDifference(
  a: readonly GroupedRateSlice[],
  b: readonly GroupedRateSlice[],
  targetRows = Infinity,
): ReweightingDifference {
  const G = a[0]?.groups.length ?? 0;
  const za = groupInfluences(a, G);
  const zb = groupInfluences(b, G);
  const value = za.value - zb.value;
  if (!Number.isFinite(value) || G < 2) return { value, variance: NaN, interval: NAN };
  const d = za.groups.map((z, g) => z - zb.groups[g]);
  const mean = d.reduce((s, x) => s + x, 0) / G;
  let variance = (G / (G - 1)) * d.reduce((s, x) => s + (x - mean) ** 2, 0);
  if (Number.isFinite(targetRows)) {
    // The target's share of each slice is one number for both models: its noise moves both.
    const keys = new Set([...za.gradients.keys(), ...zb.gradients.keys()]);
    let noise = 0;
    for (const key of keys) {
      const g = (za.gradients.get(key) ?? 0) - (zb.gradients.get(key) ?? 0);
      noise += (za.shares.get(key) ?? zb.shares.get(key) ?? 0) * g * g;
    }
    variance += noise / targetRows;
  }
  const half = studentTQuantile(0.975, G - 1) * Math.sqrt(variance);
  return { value, variance, interval: { low: value - half, high: value + half } };
}

/**
 * A model's rate under the target (shares normalised over its slices), each group's sum of the
 * centred influences, and per slice the rate's derivative in its share, g_s = (a_s − R b_s) / D.
 */
function groupInfluences(slices: readonly GroupedRateSlice[], G: number) {
  const q = normalised(slices.map((s) => s.share));
  const { value, denominator } = ratio(slices, q);
  const groups = new Array<number>(G).fill(0);
  const gradients = new Map<string, number>();
  const shares = new Map<string, number>();
  slices.forEach((s, i) => {
    // sqrt(n / (n − 1)): the centred sums' squares then estimate the variance without bias.
    const unbiased = s.examples > 1 ? Math.sqrt(s.examples / (s.examples - 1)) : 1;
    const weight = (unbiased * q[i]) / (s.examples * denominator);
    // The slice's mean residual per example, subtracted so its size stays fixed.
    const centre = (s.successes - value * s.trials) / s.examples;
    s.groups.forEach((c, g) => {
      groups[g] += weight * (c.successes - value * c.trials - c.examples * centre);
    });
    gradients.set(
      s.key,
      (s.successes / s.examples - (value * s.trials) / s.examples) / denominator,
    );
    shares.set(s.key, q[i]);
  });
  return { value, groups, gradients, shares };
}
