import { percentileInterval } from '../../stats/bootstrap';
import { wilsonInterval, type Interval } from '../../stats/wilson';

type Row = Record<string, unknown>;

/** One bin of a reliability diagram. */
export interface CalibrationBin {
  bin: number;
  n: number;
  /** Mean confidence (or score) in the bin. */
  confidence: number;
  /** Share of the bin's rows where the event happened (correct, or positive), with a Wilson interval. */
  accuracy: number;
  interval: Interval;
  /** The lowest and highest confidence in the bin. */
  low: number;
  high: number;
}

export interface CalibrationStatistics {
  /** Expected calibration error: sum over bins of n_b / n |accuracy_b - confidence_b| (Naeini et al. 2015). */
  ece: number;
  /** Maximum calibration error: the largest |accuracy_b - confidence_b| over non-empty bins. */
  mce: number;
  /** Brier score: mean (confidence - event)^2 (Brier 1950). */
  brier: number;
}

/** A model (and slice) with its bins, the errors and their bootstrap intervals. */
export interface CalibrationGroup extends CalibrationStatistics {
  model: string | null;
  /** The feature's value; null for the model's rows as a whole. */
  slice: string | null;
  n: number;
  /** Rows left out: no label, no prediction, a score outside [0, 1]. */
  excluded: number;
  confidence: number;
  accuracy: number;
  /** The accuracy's (observed rate's) Wilson 95% interval. */
  accuracyInterval: Interval;
  bins: CalibrationBin[];
  intervals: Record<keyof CalibrationStatistics, Interval>;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** ECE, MCE and Brier from a group's bin rows (n, conf_sum, hit_sum, squared_sum). */
export function calibrationStatistics(bins: readonly Row[]): CalibrationStatistics {
  let n = 0;
  let gaps = 0;
  let squared = 0;
  let mce = NaN;
  for (const b of bins) {
    const m = num(b.n);
    if (!(m > 0)) continue;
    const gap = Math.abs(num(b.hit_sum) - num(b.conf_sum));
    n += m;
    gaps += gap;
    squared += num(b.squared_sum);
    mce = Number.isNaN(mce) ? gap / m : Math.max(mce, gap / m);
  }
  return n > 0 ? { ece: gaps / n, mce, brier: squared / n } : { ece: NaN, mce: NaN, brier: NaN };
}

/** The rows of calibrationSql grouped by their keys (slice_0, slice_1, replicate). */
function groupRows(rows: readonly Row[], withReplicate: boolean): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const key = JSON.stringify([
      text(r.slice_0),
      text(r.slice_1),
      withReplicate ? num(r.replicate) : 0,
    ]);
    const list = out.get(key) ?? [];
    list.push(r);
    out.set(key, list);
  }
  return out;
}

/**
 * Turns the rows of calibrationSql (and of its bootstrap) into groups. `hasModel` says whether
 * slice_0 is the model; with `bySlice` the feature's value is the last key.
 */
export function readCalibration(
  rows: readonly Row[],
  hasModel: boolean,
  bySlice: boolean,
  replicates: readonly Row[] = [],
): CalibrationGroup[] {
  const byReplicate = new Map<string, CalibrationStatistics[]>();
  for (const [key, list] of groupRows(replicates, true)) {
    const group = JSON.stringify((JSON.parse(key) as unknown[]).slice(0, 2));
    const stats = byReplicate.get(group) ?? [];
    stats.push(calibrationStatistics(list.filter((r) => r.bin !== null)));
    byReplicate.set(group, stats);
  }
  const groups: CalibrationGroup[] = [];
  for (const [key, list] of groupRows(rows, false)) {
    const [first, second] = JSON.parse(key) as (string | null)[];
    const binned = list.filter((r) => r.bin !== null && r.bin !== undefined);
    const n = binned.reduce((s, r) => s + num(r.n), 0);
    const reps = byReplicate.get(JSON.stringify([first, second])) ?? [];
    const interval = (k: keyof CalibrationStatistics) => percentileInterval(reps.map((s) => s[k]));
    groups.push({
      model: hasModel ? first : null,
      slice: bySlice ? (hasModel ? second : first) : null,
      n,
      excluded: list.filter((r) => r.bin === null).reduce((s, r) => s + num(r.n), 0),
      confidence: binned.reduce((s, r) => s + num(r.conf_sum), 0) / n,
      accuracy: binned.reduce((s, r) => s + num(r.hit_sum), 0) / n,
      accuracyInterval: wilsonInterval(
        Math.round(binned.reduce((s, r) => s + num(r.hit_sum), 0)),
        n,
      ),
      ...calibrationStatistics(binned),
      bins: binned.map((r) => ({
        bin: num(r.bin),
        n: num(r.n),
        confidence: num(r.conf_sum) / num(r.n),
        accuracy: num(r.hit_sum) / num(r.n),
        interval: wilsonInterval(Math.round(num(r.hit_sum)), num(r.n)),
        low: num(r.conf_min),
        high: num(r.conf_max),
      })),
      intervals: { ece: interval('ece'), mce: interval('mce'), brier: interval('brier') },
    });
  }
  return groups;
}
