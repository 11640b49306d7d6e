import { normalCdf, normalQuantile } from '../../stats/normal';
import type { RobustnessCurves } from './robustness-curves';

export type Link = 'logit' | 'probit';

/** Accuracies are kept this far from 0 and 1, where the links are infinite. */
const EDGE = 1e-4;
const clamp = (p: number) => Math.min(1 - EDGE, Math.max(EDGE, p));

export const LINKS: Record<
  Link,
  { forward: (p: number) => number; inverse: (x: number) => number }
> = {
  logit: {
    forward: (p) => Math.log(clamp(p) / (1 - clamp(p))),
    inverse: (x) => 1 / (1 + Math.exp(-x)),
  },
  probit: { forward: (p) => normalQuantile(clamp(p)), inverse: normalCdf },
};

/** Ordinary least squares y = slope x + intercept, in closed form from centred sums. */
export function leastSquares(xs: readonly number[], ys: readonly number[]) {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? NaN : (sxy * sxy) / (sxx * syy) };
}

export interface ModelPoint {
  model: string;
  /** Accuracy in distribution and under the shift. */
  x: number;
  y: number;
  /** Both on the link's scale. */
  linkX: number;
  linkY: number;
  /** The fit's prediction of the shifted accuracy from x. */
  predicted: number;
  /** linkY − fitted, on the link's scale. */
  residual: number;
  /** Effective robustness in accuracy: y − predicted (Taori et al. 2020, eq. 1). */
  effective: number;
}

export type EffectiveRobustness =
  | { status: 'ok'; link: Link; slope: number; intercept: number; r2: number; points: ModelPoint[] }
  | { status: 'too-few'; message: string; points: { model: string; x: number; y: number }[] };

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
  const usable = models.filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y));
  const { forward, inverse } = LINKS[link];
  const xs = usable.map((m) => forward(m.x));
  if (usable.length < 3 || new Set(xs).size < 2)
    return {
      status: 'too-few',
      message: `A line across models needs at least 3 models with different in-distribution accuracies; there ${usable.length === 1 ? 'is' : 'are'} ${usable.length}.`,
      points: usable,
    };
  const ys = usable.map((m) => forward(m.y));
  const { slope, intercept, r2 } = leastSquares(xs, ys);
  const points = usable.map((m, i) => {
    const fitted = slope * xs[i] + intercept;
    const predicted = inverse(fitted);
    return {
      ...m,
      linkX: xs[i],
      linkY: ys[i],
      predicted,
      residual: ys[i] - fitted,
      effective: m.y - predicted,
    };
  });
  return { status: 'ok', link, slope, intercept, r2, points };
}

/** Which accuracy of a model an axis reads: clean, all shifted cells, one level, or one condition. */
export type Selection = string;

export function selectionOptions(c: RobustnessCurves): { value: Selection; label: string }[] {
  return [
    ...(c.cleanLevel !== null ? [{ value: 'clean', label: `clean (${c.cleanLevel})` }] : []),
    { value: 'shifted', label: 'every shifted condition and level' },
    ...c.order.map((l) => ({ value: `level:${l}`, label: `level ${l}, every condition` })),
    ...c.conditions.map((x) => ({ value: `condition:${x}`, label: `${x}, every level` })),
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
  return picked.length === 0 ? NaN : picked.reduce((s, p) => s + p.value, 0) / picked.length;
}
