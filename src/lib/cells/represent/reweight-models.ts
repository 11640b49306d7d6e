import { metricById, readMetric, type MetricId } from '../../metrics/metrics';
import { examplesRead, reweightSlices } from '../../metrics/reweight-slices';
import { percentileInterval } from '../../stats/bootstrap';
import {
  kishEffectiveSize,
  pairedReweightedDifference,
  postStratifiedRate,
  reweightingDifference,
  unrepresentedBounds,
  type GroupedRateSlice,
  type RateSlice,
} from '../../stats/post-stratified';
import { ranksOf } from '../../stats/rank-interval';
import { seededPoisson } from '../../stats/seeded-poisson';
import { wilsonInterval, type Interval } from '../../stats/wilson';

type Row = Record<string, unknown>;

/** A model's statistics per slice of the mix (by slice key), on the test set. */
export interface ModelSlices {
  model: string;
  slices: Map<string, Row>;
}

/** One bootstrap replicate: per model, its statistics per slice key, and its totals. */
export interface Replicate {
  slices: Map<string, Map<string, Row>>;
  totals: Map<string, Row>;
}

export interface ReweightInput {
  metric: MetricId;
  models: ModelSlices[];
  /** Bootstrap replicates (metrics that are not rates); empty for rates. */
  replicates: Replicate[];
  /**
   * For rates: each model's statistics per slice key and random group of the examples (the
   * same groups for every model), for the paired variance of the lead.
   */
  groups?: Map<string, Map<string, (Row | undefined)[]>>;
  /** The target's share of each slice key (summing to 1 over the target's slices). */
  target: Map<string, number>;
  /** For a target counted from a table: its rows per slice key, redrawn in each replicate. */
  counts?: Map<string, number>;
}

export interface ModelReweighting {
  model: string;
  /** Examples the metric reads on the test set. */
  n: number;
  test: number;
  testInterval: Interval;
  /** Under the target mix, over the slices the model has examples in (renormalised). */
  target: number;
  targetInterval: Interval;
  /** target − test. */
  difference: number;
  differenceInterval: Interval;
  /** How the intervals were made, in words. */
  method: string;
  /** Kish's effective sample size of the reweighted examples. */
  effectiveN: number;
  /** The target's share in slices where the model has no example the metric reads. */
  unrepresented: number;
  /** The target value if those slices scored 0, or 1 (metrics in [0, 1] only). */
  bounds: Interval | null;
  rankTest: number;
  rankTarget: number;
}

export interface RankingChange {
  /** Whether the models' order under the target differs from their order on the test set. */
  changed: boolean;
  testBest: string[];
  targetBest: string[];
  /** Under the target: the best model's lead over the next (positive: better), with its interval. */
  runnerUp: string | null;
  lead: number;
  leadInterval: Interval;
  /** How the lead's interval was made, in words. */
  leadMethod: string;
}

/** Replicates are drawn from this seed where the target's counts are redrawn, so runs agree. */
const TARGET_SEED = 2021;

/**
 * Each model's metric on the test set and under the target mix, with intervals: for rates the
 * stratified variance (post-stratified.ts), else the bootstrap within slices (each replicate's
 * slices reweighted to the target); the difference, Kish's effective size, the unrepresented
 * share and its bounds; ranks on each side and how the order changes.
 */
export function reweightModels(input: ReweightInput): {
  models: ModelReweighting[];
  ranking: RankingChange;
  rate: boolean;
} {
  const { metric } = input;
  const direction = metricById(metric).direction;
  const targetRows = input.counts ? sum([...input.counts.values()]) : Infinity;
  const draws = replicateShares(input);
  const rows = input.models.map((m) => modelRow(input, m, targetRows, draws));
  const rate = rows.every((r) => r.rate);
  const testRanks = ranksOf(
    rows.map((r) => r.test),
    direction,
  );
  const targetRanks = ranksOf(
    rows.map((r) => r.target),
    direction,
  );
  const better = (a: number, b: number) => (direction === 'higher' ? a - b : b - a);
  const order = rows
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => Number.isFinite(m.target))
    .sort((a, b) => better(b.m.target, a.m.target));
  const [first, second] = order;
  const lead = second ? leadOf(input, rows, first.i, second.i, targetRows, better) : null;
  const models: ModelReweighting[] = rows.map((m, i) => ({
    model: m.model,
    n: m.n,
    test: m.test,
    testInterval: m.testInterval,
    target: m.target,
    targetInterval: m.targetInterval,
    difference: m.difference,
    differenceInterval: m.differenceInterval,
    method: m.method,
    effectiveN: m.effectiveN,
    unrepresented: m.unrepresented,
    bounds: m.bounds,
    rankTest: testRanks[i],
    rankTarget: targetRanks[i],
  }));
  const best = (ranks: number[]) => rows.filter((_, i) => ranks[i] === 1).map((m) => m.model);
  return {
    models,
    rate,
    ranking: {
      changed: testRanks.some((r, i) => r !== targetRanks[i]),
      testBest: best(testRanks),
      targetBest: best(targetRanks),
      runnerUp: second ? second.m.model : null,
      lead: second ? better(first.m.target, second.m.target) : NaN,
      leadInterval: lead?.interval ?? { low: NaN, high: NaN },
      leadMethod: lead?.method ?? '',
    },
  };
}

/**
 * The leader's lead over the runner-up under the target, with its interval: from the bootstrap
 * replicates where there are (the same draw for both models when the dataset has an example
 * id), else, for rates, by random groups of the examples (post-stratified.ts).
 */
function leadOf(
  input: ReweightInput,
  rows: ReturnType<typeof modelRow>[],
  first: number,
  second: number,
  targetRows: number,
  better: (a: number, b: number) => number,
): { interval: Interval; method: string } {
  if (input.replicates.length > 0) {
    const leads = input.replicates
      .map((_, r) => better(rows[first].replicateTargets[r], rows[second].replicateTargets[r]))
      .filter(Number.isFinite);
    return {
      interval: percentileInterval(leads),
      method: `${input.replicates.length} bootstrap replicates within slices`,
    };
  }
  const [a, b] = [rows[first], rows[second]].map((m) => groupedSlices(input, m.model));
  if (!a || !b) return { interval: { low: NaN, high: NaN }, method: '' };
  const d = pairedReweightedDifference(a, b, targetRows);
  const sign = Math.sign(better(1, 0));
  const interval = sign > 0 ? d.interval : { low: -d.interval.high, high: -d.interval.low };
  const groups = a[0]?.groups.length ?? 0;
  return {
    interval,
    method: `the linearised difference's variance over ${groups} random groups of the examples (Student's t, ${groups - 1} df)`,
  };
}

/** A model's covered slices with their counts per random group, for the paired variance. */
function groupedSlices(input: ReweightInput, model: string): GroupedRateSlice[] | null {
  const { metric, target } = input;
  const m = input.models.find((x) => x.model === model);
  const groups = input.groups?.get(model);
  if (!m || !groups) return null;
  const count = Math.max(0, ...[...groups.values()].map((g) => g.length));
  const out: GroupedRateSlice[] = [];
  for (const [key, row] of m.slices) {
    const share = target.get(key) ?? 0;
    const examples = examplesRead(metric, row);
    if (!(share > 0) || !(examples > 0)) continue;
    const value = readMetric(metric, row);
    const perGroup = groups.get(key) ?? [];
    out.push({
      key,
      share,
      successes: value.successes ?? NaN,
      trials: value.trials ?? NaN,
      examples,
      groups: Array.from({ length: count }, (_, g) => {
        const r = perGroup[g];
        if (!r) return { successes: 0, trials: 0, examples: 0 };
        const v = readMetric(metric, r);
        return {
          successes: v.successes ?? 0,
          trials: v.trials ?? 0,
          examples: examplesRead(metric, r),
        };
      }),
    });
  }
  return out;
}

/** One model's numbers, and its values under the target in each replicate. */
function modelRow(
  input: ReweightInput,
  m: ModelSlices,
  targetRows: number,
  draws: Map<string, number>[],
) {
  const { metric, target: mix } = input;
  const keys = [...m.slices.keys()].filter((k) => examplesRead(metric, m.slices.get(k)!) > 0);
  const covered = keys.filter((k) => (mix.get(k) ?? 0) > 0);
  const unrepresented = sum(
    [...mix.entries()].filter(([k]) => !covered.includes(k)).map(([, q]) => q),
  );
  const examples = keys.map((k) => examplesRead(metric, m.slices.get(k)!));
  const total = reweightSlices(
    metric,
    keys.map((k, i) => ({ row: m.slices.get(k)!, share: examples[i] })),
  );
  const testValue = readMetric(metric, total);
  const targetOf = (slices: Map<string, Row>, shares: Map<string, number>) =>
    covered.every((k) => slices.has(k) && examplesRead(metric, slices.get(k)!) > 0)
      ? readMetric(
          metric,
          reweightSlices(
            metric,
            covered.map((k) => ({ row: slices.get(k)!, share: shares.get(k)! })),
          ),
        ).value
      : NaN;
  const target = covered.length > 0 ? targetOf(m.slices, mix) : NaN;
  // Replicates: the target (its shares redrawn when counted), and the test set with each slice
  // held at its size, so that the difference is the reweighting's alone.
  const sizes = new Map(keys.map((k, i) => [k, examples[i]]));
  const replicateTargets = input.replicates.map((rep, r) => {
    const slices = rep.slices.get(m.model);
    return slices && covered.length > 0 ? targetOf(slices, draws[r] ?? mix) : NaN;
  });
  const differences = input.replicates.map((rep, r) => {
    const slices = rep.slices.get(m.model);
    if (!slices || !keys.every((k) => slices.has(k) && examplesRead(metric, slices.get(k)!) > 0))
      return NaN;
    const fixed = reweightSlices(
      metric,
      keys.map((k) => ({ row: slices.get(k)!, share: sizes.get(k)! })),
    );
    return replicateTargets[r] - readMetric(metric, fixed).value;
  });
  const values = keys.map((k) => readMetric(metric, m.slices.get(k)!));
  const rate = values.every((v) => v.successes !== undefined) && testValue.successes !== undefined;
  const shares = keys.map((k) => (covered.includes(k) ? mix.get(k)! : 0));
  const base = {
    model: m.model,
    rate,
    n: sum(examples),
    test: testValue.value,
    target,
    unrepresented,
    effectiveN: covered.length > 0 ? kishEffectiveSize(examples, shares) : NaN,
    bounds: bounded(metric, total) ? unrepresentedBounds(target, unrepresented) : null,
    replicateTargets,
  };
  if (rate && covered.length > 0) {
    const strata: RateSlice[] = keys.map((_, i) => ({
      successes: values[i].successes!,
      trials: values[i].trials!,
      examples: examples[i],
      share: shares[i],
    }));
    const reweighted = postStratifiedRate(strata, targetRows);
    const difference = reweightingDifference(strata, targetRows);
    return {
      ...base,
      target: reweighted.value,
      testInterval: wilsonInterval(testValue.successes!, testValue.trials!),
      targetInterval: reweighted.interval,
      difference: difference.value,
      differenceInterval: difference.interval,
      method: 'stratified variance; Wilson interval at the effective n',
    };
  }
  const totals = input.replicates.map((rep) => {
    const t = rep.totals.get(m.model);
    return t ? readMetric(metric, t).value : NaN;
  });
  return {
    ...base,
    testInterval: percentileInterval(totals),
    targetInterval: percentileInterval(replicateTargets),
    difference: target - testValue.value,
    differenceInterval: percentileInterval(differences),
    method: `bootstrap within slices (${input.replicates.length} replicates)`,
  };
}

/** Whether every example's value lies in [0, 1], so unrepresented slices are bounded by 0 and 1. */
function bounded(metric: MetricId, total: Row): boolean {
  if (metricById(metric).kind === 'rate' || metric === 'brier') return true;
  return metric === 'mean-outcome' && total.binary === true;
}

/**
 * The target's shares in each replicate: redrawn from Poisson(count) per slice when the target
 * was counted from a table (the Poisson bootstrap of its rows), else the same in every replicate.
 */
function replicateShares(input: ReweightInput): Map<string, number>[] {
  const counts = input.counts;
  if (!counts) return [];
  const draw = seededPoisson(TARGET_SEED);
  return input.replicates.map(() => {
    const drawn = [...counts.entries()].map(([k, c]) => [k, draw(c)] as const);
    const total = sum(drawn.map(([, c]) => c));
    return new Map(drawn.map(([k, c]) => [k, total > 0 ? c / total : 0]));
  });
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
