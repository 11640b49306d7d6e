/**
 * A share of 0 stands for this much in the population stability index, whose log ratio would
 * otherwise be infinite: the common practice, so a slice one side lacks counts as a large shift
 * instead of being dropped.
 */
export const PSI_FLOOR = 1e-4;

/**
 * The population stability index of `actual` against `expected` (counts or shares of the same
 * categories, each normalised here): Σ (a_i − e_i) ln(a_i / e_i), the symmetrised Kullback-Leibler
 * divergence (Jeffreys 1946), with shares floored at PSI_FLOOR. Symmetric in its two arguments.
 */
export function populationStabilityIndex(
  expected: readonly number[],
  actual: readonly number[],
  floor = PSI_FLOOR,
): number {
  if (expected.length !== actual.length)
    throw new Error(
      `PSI needs the same categories on both sides, not ${expected.length} and ${actual.length}`,
    );
  const e = shares(expected);
  const a = shares(actual);
  let psi = 0;
  for (let i = 0; i < e.length; i++) {
    const [ei, ai] = [Math.max(e[i], floor), Math.max(a[i], floor)];
    psi += (ai - ei) * Math.log(ai / ei);
  }
  return psi;
}

/**
 * The rule of thumb PSI is read by in credit scoring (Siddiqi 2006, "Credit Risk Scorecards"):
 * below 0.1 little change, 0.1 to 0.25 a moderate shift, above 0.25 a large one. It ignores the
 * sample sizes (Yurdakul & Naranjo 2020), so the chi-square test is shown beside it.
 */
export function psiReading(psi: number): 'little' | 'moderate' | 'large' | 'none' {
  if (!Number.isFinite(psi)) return 'none';
  return psi < 0.1 ? 'little' : psi <= 0.25 ? 'moderate' : 'large';
}

function shares(xs: readonly number[]): number[] {
  const total = xs.reduce((s, x) => s + x, 0);
  if (!(total > 0)) throw new Error('PSI needs some mass on each side');
  return xs.map((x) => x / total);
}
