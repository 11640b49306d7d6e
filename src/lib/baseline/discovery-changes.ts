/** A slice that slice discovery found in one run and not the other. */
export interface DiscoveryChange {
  cell: string;
  change: 'new' | 'vanished';
  /** The slice as the discover cell names it (`region = rural AND age_group = 65+`). */
  slice: string;
  /** Its size and error in the run that found it. */
  n: number;
  error: number | null;
  /** The error is a rate (right or wrong), not a mean error. */
  rate: boolean;
}

type Row = Record<string, unknown>;

/**
 * The failure slices a discover cell found on the candidate and not on the baseline (new), and
 * those found on the baseline and no longer on the candidate (vanished), matched by their label.
 * Rows are the cells' `slices` tables; the error is `error_rate` or `mean_error`.
 */
export function discoveryChanges(
  cell: string,
  candidate: Row[],
  baseline: Row[],
): DiscoveryChange[] {
  const labels = (rows: Row[]) => new Set(rows.map((r) => String(r.slice)));
  const [inCandidate, inBaseline] = [labels(candidate), labels(baseline)];
  const change = (r: Row, kind: DiscoveryChange['change']): DiscoveryChange => {
    const error = r.error_rate ?? r.mean_error;
    return {
      cell,
      change: kind,
      slice: String(r.slice),
      n: Number(r.n),
      error: typeof error === 'number' ? error : null,
      rate: 'error_rate' in r,
    };
  };
  return [
    ...candidate.filter((r) => !inBaseline.has(String(r.slice))).map((r) => change(r, 'new')),
    ...baseline.filter((r) => !inCandidate.has(String(r.slice))).map((r) => change(r, 'vanished')),
  ];
}
