import { lineAcrossModels, type LineAcrossModels } from '../../stats/line-across-models';
import type { RobustnessCurves } from './robustness-curves';

/** The axes of the effective-robustness fit. */
export type Link = 'logit' | 'probit';

export type { ModelPoint } from '../../stats/line-across-models';
export type EffectiveRobustness = LineAcrossModels;

/**
 * Effective robustness (Taori et al., "Measuring Robustness to Natural Distribution Shifts in
 * Image Classification", NeurIPS 2020): fit link(acc_shift) = a link(acc_id) + b by least squares
 * across models, with the logit link; each model's distance from that line is its effective
 * robustness. The probit link gives accuracy-on-the-line (Miller et al., ICML 2021).
 */
export function effectiveRobustness(
  models: readonly { model: string; x: number; y: number }[],
  link: Link,
): EffectiveRobustness {
  return lineAcrossModels(models, link);
}

/** Which accuracy of a model an axis reads: clean, all shifted cells, one level, or one condition. */
export type Selection = string;

export function selectionOptions(c: RobustnessCurves): { value: Selection; label: string }[] {
  return [
    ...(c.cleanLevel !== null ? [{ value: 'clean', label: `clean (${c.cleanLevel})` }] : []),
    { value: 'shifted', label: 'every shifted condition and level' },
    ...c.order.map((l) => ({ value: `level:${l}`, label: `level ${l}, every condition` })),
    ...c.conditions.map((x) => ({ value: `condition:${x}`, label: `${x}, every level` })),
    ...c.sets
      .filter((x) => !c.conditions.includes(x))
      .map((x) => ({ value: `condition:${x}`, label: x })),
  ];
}

export function defaultSelections(c: RobustnessCurves): { id: Selection; shift: Selection } {
  return c.cleanLevel !== null
    ? { id: 'clean', shift: 'shifted' }
    : { id: `level:${c.order[0]}`, shift: `level:${c.order[c.order.length - 1]}` };
}

/** A model's accuracy on a selection: the mean over its cells (NaN when it has none). */
export function selectionValue(c: RobustnessCurves, model: string, selection: Selection): number {
  if (selection === 'clean') return c.summary.find((s) => s.model === model)?.clean?.value ?? NaN;
  const [kind, ...rest] = selection.split(':');
  const what = rest.join(':');
  const picked = c.points.filter(
    (p) =>
      p.model === model &&
      !p.clean &&
      (kind === 'shifted' || (kind === 'level' ? p.level === what : p.condition === what)),
  );
  if (kind === 'level' && what === c.cleanLevel) return selectionValue(c, model, 'clean');
  if (kind === 'condition' && picked.length === 0) {
    const own = c.unleveled.filter((s) => s.model === model && s.condition === what);
    return own.length === 0 ? NaN : own.reduce((s, p) => s + p.value, 0) / own.length;
  }
  return picked.length === 0 ? NaN : picked.reduce((s, p) => s + p.value, 0) / picked.length;
}
