import { corruptionErrors, type CorruptionError } from './corruption-error';
import {
  defaultSelections,
  effectiveRobustness,
  selectionOptions,
  selectionValue,
  type EffectiveRobustness,
  type Link,
} from './effective-robustness';
import type { LevelStat } from './read-robustness';
import { robustnessCurves, type RobustnessCurves } from './robustness-curves';

export interface RobustnessSettings {
  severityOrder: string[];
  reference: string;
  inDistribution: string;
  shifted: string;
  link: Link;
}

export interface RobustnessAnalysis {
  curves: RobustnessCurves;
  /** The metric lies in [0, 1] (an accuracy), so error = 1 − metric and the links apply. */
  isRate: boolean;
  reference: string;
  corruption: CorruptionError[];
  inDistribution: string;
  shifted: string;
  effective: EffectiveRobustness;
}

/** Everything the cell shows, from the per-cell statistics and the cell's settings. */
export function analyseRobustness(
  stats: readonly LevelStat[],
  perExample: boolean,
  settings: RobustnessSettings,
): RobustnessAnalysis {
  const curves = robustnessCurves(stats, perExample, settings.severityOrder);
  const isRate = stats.every((s) => s.value >= 0 && s.value <= 1);
  const reference = curves.models.includes(settings.reference)
    ? settings.reference
    : curves.models[0];
  const cleanError = new Map(
    curves.summary.filter((s) => s.clean).map((s) => [s.model, 1 - s.clean!.value]),
  );
  const corruption = isRate
    ? corruptionErrors(
        curves.points
          .filter((p) => !p.clean)
          .map((p) => ({
            model: p.model,
            condition: p.condition,
            level: p.level,
            error: 1 - p.value,
          })),
        reference,
        cleanError,
      )
    : [];
  const options = new Set(selectionOptions(curves).map((o) => o.value));
  const defaults = defaultSelections(curves);
  const inDistribution = options.has(settings.inDistribution)
    ? settings.inDistribution
    : defaults.id;
  const shifted = options.has(settings.shifted) ? settings.shifted : defaults.shift;
  const effective = effectiveRobustness(
    curves.models.map((model) => ({
      model,
      x: selectionValue(curves, model, inDistribution),
      y: selectionValue(curves, model, shifted),
    })),
    settings.link,
  );
  return { curves, isRate, reference, corruption, inDistribution, shifted, effective };
}
