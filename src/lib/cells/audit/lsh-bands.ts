/** Bins of the one-permutation MinHash signature of each text (Li, Owen & Zhang 2012). */
export const SIGNATURE_BINS = 64;

/** Fewer rows per band than this make too many chance candidates among unrelated texts. */
const MIN_ROWS = 4;

/** The recall wanted at the threshold, when the band shape allows it. */
const WANTED_RECALL = 0.98;

/**
 * The chance that two texts of Jaccard similarity `similarity` share at least one of `bands`
 * bands of `rows` signature bins: 1 - (1 - s^r)^b, the LSH S-curve (Leskovec, Rajaraman &
 * Ullman, "Mining of Massive Datasets", ch. 3.4).
 */
export function bandRecall(similarity: number, rows: number, bands: number): number {
  return 1 - (1 - similarity ** rows) ** bands;
}

/**
 * The band shape for a threshold: the most rows per band (the fewest chance candidates) that
 * still find a pair at the threshold with probability WANTED_RECALL, and never fewer than
 * MIN_ROWS; with the recall it gives at the threshold (below WANTED_RECALL for low thresholds).
 */
export function bandShape(threshold: number): { rows: number; bands: number; recall: number } {
  let rows = MIN_ROWS;
  for (let r = MIN_ROWS; r <= SIGNATURE_BINS / 2; r++)
    if (bandRecall(threshold, r, Math.floor(SIGNATURE_BINS / r)) >= WANTED_RECALL) rows = r;
  const bands = Math.floor(SIGNATURE_BINS / rows);
  return { rows, bands, recall: bandRecall(threshold, rows, bands) };
}
