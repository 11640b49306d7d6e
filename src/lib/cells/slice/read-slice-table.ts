import { benjaminiHochberg } from '../../stats/benjamini-hochberg';
import { percentileInterval } from '../../stats/bootstrap';
import { bootstrapPValue } from '../../stats/bootstrap-p-value';
import { minimumDetectableEffect } from '../../stats/minimum-detectable-effect';
import { newcombeDifference } from '../../stats/newcombe';
import { ruleOfThree, ruleOfThreeApplies } from '../../stats/rule-of-three';
import { proportionDifferenceTest } from '../../stats/two-proportion-test';
import { wilsonInterval, type Interval } from '../../stats/wilson';
import { metricById, readMetric, type MetricId, type MetricValue } from '../../metrics/metrics';

type Row = Record<string, unknown>;

/** One slice of the table: its metric with an interval, and how it differs from the rest. */
export interface SliceRow {
  model: string | null;
  /** The slice's value of each feature (bin labels for binned features). */
  values: (string | null)[];
  n: number;
  excluded: number;
  value: number;
  interval: Interval;
  /** Slice minus the rest of the data (same model, not the whole), with its interval. */
  difference: number;
  differenceInterval: Interval;
  p: number;
  q: number;
  method: string;
  /** The smallest p the method can give (a bootstrap's 2 / (B + 1)); NaN for exact tests. */
  pResolution: number;
  /** For rates: the smallest difference this slice could detect (80% power, alpha 0.05). */
  detectable: number;
  /** For rates with no events in 30 or more trials: the rule-of-three bound, 3/n. */
  ruleOfThree: number | null;
}

const NAN_INTERVAL: Interval = { low: NaN, high: NaN };

/**
 * The method of a slice with a single value that is not a 0/1 outcome: it has no spread to
 * resample, so no interval or test can be given (a bootstrap would show a zero-width interval
 * and a tiny p). Such values were computed elsewhere, e.g. the cells of an aggregated table.
 */
export const ONE_VALUE =
  'one value: no per-example interval or test (a value computed elsewhere, such as a cell of an aggregated table)';

/** Columns that hold a property of the whole source, not a sum: the rest keeps the total's. */
const NOT_ADDITIVE = new Set(['replicate', 'centre', 'binary']);

/** Statistics of the rest: the model's totals minus the slice's, column by column. */
function rest(total: Row, slice: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(total)) {
    out[key] =
      key.startsWith('slice_') || NOT_ADDITIVE.has(key)
        ? value
        : Number(value ?? 0) - Number(slice[key] ?? 0);
  }
  return out;
}

function keyOf(row: Row, features: number, hasModel: boolean): string {
  const count = features + (hasModel ? 1 : 0);
  return JSON.stringify(Array.from({ length: count }, (_, i) => row[`slice_${i}`] ?? null));
}

/**
 * Turns the statistics of the slices and of the totals into table rows. Rates get a Wilson
 * interval, a Newcombe interval for the difference, a z or Fisher test, the detectable effect and
 * the rule of three; other metrics get percentile intervals from the bootstrap replicates.
 * q-values are Benjamini-Hochberg over all rows.
 */
export function readSliceTable(
  metric: MetricId,
  features: number,
  hasModel: boolean,
  slices: Row[],
  totals: Row[],
  bootstrap?: { slices: Row[]; totals: Row[]; replicates: number },
): SliceRow[] {
  const isRate = metricById(metric).kind === 'rate';
  const totalFor = (row: Row) =>
    (hasModel ? totals.find((t) => t.slice_0 === row.slice_0) : totals[0]) ?? {};
  const replicates = bootstrap ? groupReplicates(bootstrap, features, hasModel) : null;
  const additive = metric !== 'roc-auc';

  const rows = slices.map((row) => {
    const total = totalFor(row);
    const slice = readMetric(metric, row);
    const others = readMetric(metric, rest(total, row));
    const base = {
      model: hasModel ? (row.slice_0 === null ? null : String(row.slice_0)) : null,
      values: Array.from({ length: features }, (_, i) => {
        const v = row[`slice_${i + (hasModel ? 1 : 0)}`];
        return v === null || v === undefined ? null : String(v);
      }),
      n: slice.n,
      excluded: slice.excluded,
      value: slice.value,
      difference: additive ? slice.value - others.value : NaN,
      q: NaN,
    };
    if (isRate) return { ...base, ...rateStatistics(slice, others, readMetric(metric, total)) };
    if (slice.n <= 1) return { ...base, ...oneValue() };
    const reps = replicates?.get(keyOf(row, features, hasModel)) ?? [];
    return { ...base, ...bootstrapStatistics(metric, reps, additive, bootstrap?.replicates ?? 0) };
  });
  const q = benjaminiHochberg(rows.map((r) => r.p));
  return rows.map((r, i) => ({ ...r, q: q[i] }));
}

function rateStatistics(slice: MetricValue, others: MetricValue, total: MetricValue) {
  const s = slice.successes ?? NaN;
  const n = slice.trials ?? NaN;
  const rs = others.successes ?? NaN;
  const rn = others.trials ?? NaN;
  const test =
    rn > 0 && n > 0 ? proportionDifferenceTest(s, n, rs, rn) : { p: NaN, method: 'none' };
  return {
    interval: wilsonInterval(s, n),
    differenceInterval: rn > 0 ? newcombeDifference(s, n, rs, rn) : NAN_INTERVAL,
    p: test.p,
    method: test.method,
    pResolution: NaN,
    detectable: minimumDetectableEffect(n, total.value, rn),
    // The event is whichever outcome the slice never shows: no errors (s = n) or no successes.
    ruleOfThree: ruleOfThreeApplies(Math.min(s, n - s), n) ? ruleOfThree(n) : null,
  };
}

function oneValue() {
  return {
    interval: NAN_INTERVAL,
    differenceInterval: NAN_INTERVAL,
    p: NaN,
    method: ONE_VALUE,
    pResolution: NaN,
    detectable: NaN,
    ruleOfThree: null,
  };
}

/** A replicate in which no row of a slice drew weight leaves the slice undefined there; it is skipped. */
function bootstrapStatistics(
  metric: MetricId,
  replicates: { slice: Row; total: Row }[],
  additive: boolean,
  count: number,
) {
  const values = replicates.map((r) => readMetric(metric, r.slice).value);
  const differences = additive
    ? replicates.map(
        (r) => readMetric(metric, r.slice).value - readMetric(metric, rest(r.total, r.slice)).value,
      )
    : [];
  const { p, resolution, replicates: defined } = bootstrapPValue(differences);
  const floor = [
    defined < count ? `, ${defined} defined` : '',
    defined > 0 ? `; p is at least 2/${defined + 1} = ${resolution.toPrecision(3)}` : '',
  ].join('');
  return {
    interval: percentileInterval(values),
    differenceInterval: additive ? percentileInterval(differences) : NAN_INTERVAL,
    p,
    method: `bootstrap (${count} replicates${floor})`,
    pResolution: resolution,
    detectable: NaN,
    ruleOfThree: null,
  };
}

/** Replicate rows by slice key, each paired with its model's total in the same replicate. */
function groupReplicates(b: { slices: Row[]; totals: Row[] }, features: number, hasModel: boolean) {
  const totals = new Map(b.totals.map((t) => [`${hasModel ? t.slice_0 : ''}|${t.replicate}`, t]));
  const out = new Map<string, { slice: Row; total: Row }[]>();
  for (const slice of b.slices) {
    const key = keyOf(slice, features, hasModel);
    const total = totals.get(`${hasModel ? slice.slice_0 : ''}|${slice.replicate}`) ?? {};
    const list = out.get(key) ?? [];
    list.push({ slice, total });
    out.set(key, list);
  }
  return out;
}
