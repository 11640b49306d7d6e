import {
  columnName,
  plainValue,
  withInterval,
  type ResultTables,
} from '../../notebook/result-values';
import type { RobustnessResult } from './run-robustness-cell';

/**
 * A robustness cell's tables: a row per model, per (model, level) pooled over the conditions (and
 * the models pooled), per (model, condition, level), per corruption.
 */
export function robustnessTables(result: RobustnessResult): ResultTables {
  const metric = columnName(result.metric) || 'value';
  const { curves, corruption, effective } = result.analysis;
  const ce = new Map(corruption.map((c) => [c.model, c]));
  const fit = effective.status === 'ok' ? new Map(effective.points.map((p) => [p.model, p])) : null;
  return {
    models: curves.summary.map((s) => ({
      model: s.model,
      clean: plainValue(s.clean?.value ?? null),
      start_level: s.startLevel,
      start: plainValue(s.start?.value ?? null),
      worst_level: s.worstLevel,
      worst: plainValue(s.worst?.value ?? null),
      ...withInterval('drop', s.drop, s.dropInterval),
      auc: plainValue(s.auc),
      mean_shifted: plainValue(s.meanShifted),
      mce: plainValue(ce.get(s.model)?.mce ?? null),
      relative_mce: plainValue(ce.get(s.model)?.relativeMce ?? null),
      effective_robustness: plainValue(fit?.get(s.model)?.effective ?? null),
      effective_robustness_left_out: plainValue(fit?.get(s.model)?.leaveOneOut ?? null),
    })),
    by_level: [...curves.summary, ...(curves.pooled ? [curves.pooled.summary] : [])].flatMap((s) =>
      curves.levels.map((level, i) => ({
        model: s.model,
        level,
        n: s.byLevel[i]?.n ?? null,
        ...withInterval(metric, s.byLevel[i]?.value ?? NaN, s.byLevel[i]?.interval ?? null),
      })),
    ),
    levels: result.stats.map((s) => ({
      model: s.model,
      condition: s.condition,
      level: s.level,
      n: s.n,
      ...withInterval(metric, s.value, s.interval),
      successes: plainValue(s.successes),
    })),
    corruption_errors: corruption.flatMap((c) =>
      Object.keys(c.byCondition).map((condition) => ({
        model: c.model,
        reference: result.analysis.reference,
        condition,
        ce: plainValue(c.byCondition[condition]),
        relative_ce: plainValue(c.relativeByCondition[condition] ?? null),
      })),
    ),
  };
}
