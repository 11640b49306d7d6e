import {
  chiSquareGoodnessOfFit,
  chiSquareHomogeneity,
  type ChiSquareTest,
} from '../../stats/chi-square';
import { populationStabilityIndex, psiReading } from '../../stats/population-stability-index';
import type { SliceValues } from './slice-key';

/** One slice of the mix: the test set's share beside the target's. */
export interface MixSlice extends SliceValues {
  /** Rows of the test set in the slice (per model: the mean over the models). */
  testRows: number;
  testShare: number;
  /** Rows of the target table in the slice, for a mix counted from one. */
  targetRows: number | null;
  targetShare: number;
  /** targetShare / testShare: how much more the target weighs the slice (Infinity without test rows). */
  ratio: number;
}

export interface MixComparison {
  slices: MixSlice[];
  /** The target's share in slices with no test row: no number of the test set speaks for it. */
  unrepresented: number;
  testRows: number;
  /** Rows counted in the target table; null for typed shares. */
  targetRows: number | null;
  /** Goodness of fit of the test counts to typed shares; homogeneity against counted ones. */
  test: 'goodness of fit' | 'homogeneity';
  chiSquare: ChiSquareTest;
  psi: number;
  psiReading: ReturnType<typeof psiReading>;
}

/**
 * The test set's mix against the target's, slice by slice (in `slices`' order: the test's and the
 * target's together): shares, their ratio, the unrepresented share, a chi-square test and the
 * population stability index.
 */
export function compareMixes(
  slices: readonly (SliceValues & {
    testRows: number;
    targetRows: number | null;
    targetShare: number;
  })[],
): MixComparison {
  const testRows = slices.reduce((s, x) => s + x.testRows, 0);
  const counted = slices.every((s) => s.targetRows !== null);
  const targetRows = counted ? slices.reduce((s, x) => s + (x.targetRows ?? 0), 0) : null;
  const rows = slices.map((s) => {
    const testShare = testRows > 0 ? s.testRows / testRows : 0;
    return {
      ...s,
      testShare,
      ratio: testShare > 0 ? s.targetShare / testShare : s.targetShare > 0 ? Infinity : NaN,
    };
  });
  const chiSquare = counted
    ? chiSquareHomogeneity(
        rows.map((r) => r.testRows),
        rows.map((r) => r.targetRows ?? 0),
      )
    : chiSquareGoodnessOfFit(
        rows.map((r) => r.testRows),
        rows.map((r) => r.targetShare),
      );
  const psi = populationStabilityIndex(
    rows.map((r) => r.testShare),
    rows.map((r) => r.targetShare),
  );
  return {
    slices: rows,
    unrepresented: rows.reduce((s, r) => s + (r.testRows > 0 ? 0 : r.targetShare), 0),
    testRows,
    targetRows,
    test: counted ? 'homogeneity' : 'goodness of fit',
    chiSquare,
    psi,
    psiReading: psiReading(psi),
  };
}
