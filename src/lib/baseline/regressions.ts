import type { SliceComparison } from './read-comparison';

/** The defaults of the gate: q below 0.05 and a move of more than one point. */
export const GATE_DEFAULTS = { maxQ: 0.05, minDrop: 0.01 };

export interface Regressions {
  /** Significantly worse by more than the minimum, worst first. */
  worse: SliceComparison[];
  /** Significantly better by more than the minimum, best first. */
  better: SliceComparison[];
}

/**
 * The slices that got worse or better for real: q below `maxQ` and a change larger than
 * `minDrop` in the metric's direction (a rise in an error is a drop).
 */
export function findRegressions(
  rows: readonly SliceComparison[],
  gate: { maxQ: number; minDrop: number },
): Regressions {
  const gain = (r: SliceComparison) => (r.higherIsBetter ? r.difference : -r.difference);
  const real = rows.filter((r) => r.q < gate.maxQ);
  return {
    worse: real.filter((r) => gain(r) < -gate.minDrop).sort((a, b) => gain(a) - gain(b)),
    better: real.filter((r) => gain(r) > gate.minDrop).sort((a, b) => gain(b) - gain(a)),
  };
}
