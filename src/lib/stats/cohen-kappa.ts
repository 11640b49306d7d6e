import { jackknifeInterval } from './jackknife';
import type { Interval } from './wilson';

/**
 * Cohen's kappa of two raters on a square table of counts, `table[i][j]` subjects put in category
 * i by the first and j by the second (Cohen 1960, "A coefficient of agreement for nominal scales",
 * Educational and Psychological Measurement 20:37-46): kappa = (p_o - p_e) / (1 - p_e), with p_o
 * the share on the diagonal and p_e = sum_i p_i. p_.i. NaN when p_e is 1.
 */
export function cohenKappa(table: readonly (readonly number[])[]): number {
  const k = table.length;
  let n = 0;
  let diagonal = 0;
  const rows = new Array<number>(k).fill(0);
  const columns = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const x = table[i][j];
      n += x;
      rows[i] += x;
      columns[j] += x;
      if (i === j) diagonal += x;
    }
  if (n === 0) return NaN;
  const chance = rows.reduce((s, r, i) => s + (r / n) * (columns[i] / n), 0);
  return chance < 1 ? (diagonal / n - chance) / (1 - chance) : NaN;
}

/**
 * Cohen's kappa with a 95% interval from the jackknife over subjects, one group per cell of the
 * table (Fleiss & Davies 1982).
 */
export function cohenKappaInterval(
  table: readonly (readonly number[])[],
): { kappa: number } & Interval {
  const kappa = cohenKappa(table);
  const groups = table.flatMap((row, i) =>
    row.flatMap((count, j) =>
      count > 0
        ? [
            {
              count,
              value: cohenKappa(
                table.map((r, a) => r.map((x, b) => (a === i && b === j ? x - 1 : x))),
              ),
            },
          ]
        : [],
    ),
  );
  return { kappa, ...jackknifeInterval(kappa, groups) };
}
