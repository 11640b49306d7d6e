import { plainValue, withInterval, type ResultTables } from '../../notebook/result-values';
import type { CorrelationResult } from './run-correlation-cell';

/**
 * The cell's tables: `models`, a row per model (its two values, the line's prediction, the
 * residual and the leave-one-out residual on the axes' scale); `fit`, the line and Pearson's r.
 */
export function correlationTables(result: CorrelationResult): ResultTables {
  const fit = result.fit.status === 'ok' ? result.fit : null;
  const points = new Map(fit?.points.map((p, i) => [p.model, { p, loo: result.leaveOneOut[i] }]));
  return {
    models: result.values.map((v) => {
      const at = points.get(v.model);
      return {
        model: v.model,
        x: plainValue(v.x),
        y: plainValue(v.y),
        predicted: plainValue(at?.p.predicted ?? null),
        residual: plainValue(at?.p.residual ?? null),
        leave_one_out_residual: plainValue(at?.loo ?? null),
        difference: plainValue(at?.p.effective ?? null),
      };
    }),
    fit: [
      {
        x: result.xTitle,
        y: result.yTitle,
        scale: result.plan.scale,
        n: fit?.points.length ?? 0,
        slope: plainValue(fit?.slope ?? null),
        intercept: plainValue(fit?.intercept ?? null),
        ...withInterval('r', fit?.r ?? NaN, result.interval),
        r2: plainValue(fit?.r2 ?? null),
      },
    ],
  };
}
