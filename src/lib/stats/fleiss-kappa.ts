import { jackknifeInterval } from './jackknife';
import type { Interval } from './wilson';

/** Subjects that got the same ratings: `ratings[j]` raters put each of them in category j. */
export interface RatedSubjects {
  ratings: readonly number[];
  /** How many subjects are rated so. */
  count: number;
}

export interface Kappa {
  kappa: number;
  /** Observed agreement P-bar and agreement expected by chance P-bar_e. */
  observed: number;
  chance: number;
  subjects: number;
}

/**
 * Fleiss' kappa for m raters per subject and k categories (Fleiss 1971, "Measuring nominal scale
 * agreement among many raters", Psychological Bulletin 76:378-382, eqs. 2-9): with n_ij raters
 * putting subject i in category j,
 *   P_i = (sum_j n_ij^2 - m) / (m (m - 1)),  P-bar = mean_i P_i,
 *   p_j = sum_i n_ij / (N m),  P-bar_e = sum_j p_j^2,
 *   kappa = (P-bar - P-bar_e) / (1 - P-bar_e).
 * Every subject must have the same number of raters. NaN when chance agreement is 1 (all
 * ratings in one category).
 */
export function fleissKappa(subjects: readonly RatedSubjects[]): Kappa {
  const used = subjects.filter((s) => s.count > 0);
  const n = used.reduce((s, x) => s + x.count, 0);
  if (n === 0) return { kappa: NaN, observed: NaN, chance: NaN, subjects: 0 };
  const m = used[0].ratings.reduce((s, r) => s + r, 0);
  const categories = Math.max(...used.map((s) => s.ratings.length));
  const totals = new Array<number>(categories).fill(0);
  let agreement = 0;
  for (const { ratings, count } of used) {
    const raters = ratings.reduce((s, r) => s + r, 0);
    if (raters !== m)
      throw new Error(`every subject needs the same number of raters: ${raters}, not ${m}`);
    ratings.forEach((r, j) => (totals[j] += count * r));
    agreement += (count * (ratings.reduce((s, r) => s + r * r, 0) - m)) / (m * (m - 1));
  }
  const observed = agreement / n;
  const chance = totals.reduce((s, t) => s + (t / (n * m)) ** 2, 0);
  const kappa = chance < 1 ? (observed - chance) / (1 - chance) : NaN;
  return { kappa, observed, chance, subjects: n };
}

/**
 * Fleiss' kappa with a 95% interval from the jackknife over subjects (Fleiss & Davies 1982),
 * computed from the groups of alike subjects: leaving out one subject of a group changes only
 * that group's count.
 */
export function fleissKappaInterval(subjects: readonly RatedSubjects[]): Kappa & Interval {
  const whole = fleissKappa(subjects);
  const groups = subjects.flatMap((s, i) =>
    s.count > 0
      ? [
          {
            count: s.count,
            value: fleissKappa(subjects.map((t, j) => (j === i ? { ...t, count: t.count - 1 } : t)))
              .kappa,
          },
        ]
      : [],
  );
  return { ...whole, ...jackknifeInterval(whole.kappa, groups) };
}
