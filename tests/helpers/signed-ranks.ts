import type { SignedRanks } from '../../src/lib/stats/wilcoxon-signed-rank';

/** The test's inputs from the differences, by plain ranking (a second implementation). */
export function signedRanks(d: number[]): SignedRanks {
  const nonzero = d.filter((x) => x !== 0);
  const sorted = [...nonzero].sort((a, b) => Math.abs(a) - Math.abs(b));
  let positiveRankSum = 0;
  let tieCorrection = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && Math.abs(sorted[j]) === Math.abs(sorted[i])) j++;
    const t = j - i;
    const midrank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k] > 0) positiveRankSum += midrank;
    tieCorrection += t ** 3 - t;
    i = j;
  }
  return { n: nonzero.length, positiveRankSum, tieCorrection, zeros: d.length - nonzero.length };
}
