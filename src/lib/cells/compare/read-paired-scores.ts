import { benjaminiHochberg } from '../../stats/benjamini-hochberg';
import { percentileInterval } from '../../stats/bootstrap';
import { signTest } from '../../stats/sign-test';
import { meanInterval } from '../../stats/student-t';
import { wilcoxonSignedRank } from '../../stats/wilcoxon-signed-rank';
import type { Interval } from '../../stats/wilson';

type Row = Record<string, unknown>;

/** Two models' per-example scores on the examples both scored, in a slice or overall. */
export interface PairedScores {
  slice: string | null;
  overall: boolean;
  n: number;
  meanA: number;
  meanB: number;
  /** Each model's mean with its t interval (the examples as a sample; not paired). */
  intervalA: Interval;
  intervalB: Interval;
  /** Mean of A − B, with the t interval and the paired bootstrap's percentile interval. */
  difference: number;
  tInterval: Interval;
  bootstrapInterval: Interval;
  /** Examples where A scored higher, lower, the same. */
  wins: number;
  losses: number;
  ties: number;
  /** The sign test of wins against losses, and Wilcoxon's signed-rank test. */
  signP: number;
  wilcoxonP: number;
  wilcoxonMethod: string;
  /** Benjamini-Hochberg of the Wilcoxon p across the slices (NaN for the overall row). */
  q: number;
}

/**
 * pairedScoresSql's rows, with each slice's bootstrap replicates of the mean difference
 * (`replicates`, by slice value; the overall row's under '*'): the overall row first, then the
 * slices by |difference|, largest first, with q-values.
 */
export function readPairedScores(
  rows: readonly Row[],
  replicates: ReadonlyMap<string, number[]>,
): { overall: PairedScores | null; slices: PairedScores[] } {
  const all = rows.map((r) => {
    const num = (k: string) => Number(r[k] ?? 0);
    const n = num('n');
    const overall = Number(r.overall) === 1;
    const slice = overall || r.slice === null || r.slice === undefined ? null : String(r.slice);
    const mean = (sum: string) => (n > 0 ? num(sum) / n : NaN);
    // The sample standard deviation from the sums: sqrt((S2 - n m^2) / (n - 1)).
    const sdOf = (m: number, squares: string) =>
      n > 1 ? Math.sqrt(Math.max(0, num(squares) - n * m * m) / (n - 1)) : NaN;
    const interval = (m: number, sd: number) =>
      sd === 0 ? { low: m, high: m } : meanInterval(m, sd, n);
    const [meanA, meanB, difference] = [mean('sum_a'), mean('sum_b'), mean('sum_d')];
    const sd = sdOf(difference, 'sum_d2');
    const [wins, losses, ties] = [num('wins'), num('losses'), num('ties')];
    const wilcoxon = wilcoxonSignedRank({
      n: wins + losses,
      positiveRankSum: num('positive_ranks'),
      tieCorrection: num('tie_correction'),
      zeros: ties,
    });
    return {
      slice,
      overall,
      n,
      meanA,
      meanB,
      intervalA: interval(meanA, sdOf(meanA, 'sum_a2')),
      intervalB: interval(meanB, sdOf(meanB, 'sum_b2')),
      difference,
      tInterval: interval(difference, sd),
      bootstrapInterval: percentileInterval(
        replicates.get(overall ? '*' : JSON.stringify(slice)) ?? [],
      ),
      wins,
      losses,
      ties,
      signP: signTest(wins, losses),
      wilcoxonP: wilcoxon.p,
      wilcoxonMethod: wilcoxon.method,
      q: NaN,
    };
  });
  const overall = all.find((r) => r.overall) ?? null;
  const slices = all.filter((r) => !r.overall);
  const q = benjaminiHochberg(slices.map((s) => s.wilcoxonP));
  return {
    overall,
    slices: slices
      .map((s, i) => ({ ...s, q: q[i] }))
      .sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference)),
  };
}

/**
 * Replicates of each slice's mean difference from resampleBuckets' rows (slice_0 the slice;
 * `rows` and `sum_d` weighted), keyed as readPairedScores reads them; the totals are overall.
 */
export function meanDifferenceReplicates(resampled: {
  slices: readonly Row[];
  totals: readonly Row[];
}): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (key: string, r: Row) => {
    const list = out.get(key) ?? [];
    list.push(Number(r.sum_d) / Number(r.rows));
    out.set(key, list);
  };
  for (const r of resampled.slices) add(JSON.stringify(r.slice_0 ?? null), r);
  for (const r of resampled.totals) add('*', r);
  return out;
}
