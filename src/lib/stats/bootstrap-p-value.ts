/** A two-sided bootstrap p-value and the smallest value it can take with this many replicates. */
export interface BootstrapPValue {
  p: number;
  /** 2 / (B + 1): no p below it can be told from the replicates. */
  resolution: number;
  /** B: the replicates where the difference is defined. */
  replicates: number;
}

/**
 * The two-sided p-value of "no difference" from bootstrap replicates of a difference: with k the
 * replicates on the far side of 0 (the fewer of those <= 0 and those >= 0) out of B,
 * p = min(1, 2 (1 + k) / (B + 1)). Counting the observed data as one more replicate keeps p off
 * 0, which B replicates cannot show (Phipson & Smyth 2010, "Permutation p-values should never
 * be zero", Stat Appl Genet Mol Biol 9(1), article 39; Davison & Hinkley 1997, section 4.2).
 * Undefined replicates (NaN) are left out of B.
 */
export function bootstrapPValue(differences: readonly number[]): BootstrapPValue {
  const finite = differences.filter(Number.isFinite);
  const b = finite.length;
  if (b === 0) return { p: NaN, resolution: NaN, replicates: 0 };
  const below = finite.filter((d) => d <= 0).length;
  const above = finite.filter((d) => d >= 0).length;
  return {
    p: Math.min(1, (2 * (1 + Math.min(below, above))) / (b + 1)),
    resolution: Math.min(1, 2 / (b + 1)),
    replicates: b,
  };
}
