import { plainValue, withInterval, type ResultTables } from '../../notebook/result-values';
import type { CalibrationResult } from './run-calibration-cell';

/** A calibration cell's tables: ECE, MCE and Brier per model (and slice), and each bin. */
export function calibrationTables(result: CalibrationResult): ResultTables {
  const groups = [...result.overall, ...result.slices];
  const key = (g: (typeof groups)[number]) => ({
    model: g.model,
    feature: result.feature,
    slice: g.slice,
  });
  return {
    calibration: groups.map((g) => ({
      ...key(g),
      n: g.n,
      excluded: g.excluded,
      confidence: plainValue(g.confidence),
      ...withInterval('accuracy', g.accuracy, g.accuracyInterval),
      ...withInterval('ece', g.ece, g.intervals.ece),
      ...withInterval('mce', g.mce, g.intervals.mce),
      ...withInterval('brier', g.brier, g.intervals.brier),
    })),
    bins: groups.flatMap((g) =>
      g.bins.map((b) => ({
        ...key(g),
        bin: b.bin,
        low: plainValue(b.low),
        high: plainValue(b.high),
        n: b.n,
        confidence: plainValue(b.confidence),
        ...withInterval('observed', b.accuracy, b.interval),
      })),
    ),
  };
}
