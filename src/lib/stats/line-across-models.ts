import { AXIS_SCALES, type AxisScale } from './axis-scales';
import { leastSquares } from './least-squares';

/** A model's two values and where the line across the models puts it. */
export interface ModelPoint {
  model: string;
  x: number;
  y: number;
  /** Both on the axes' scale. */
  linkX: number;
  linkY: number;
  /** The line's prediction of y from x, back on y's own scale. */
  predicted: number;
  /** linkY − fitted, on the axes' scale. */
  residual: number;
  /** y − predicted on y's own scale (effective robustness when y is a shifted accuracy). */
  effective: number;
  /**
   * y − the prediction of the line fitted to the other models, on y's own scale: the line is
   * fitted to the same models it scores, so a model pulls it towards itself and `effective`
   * understates how far off the line it is. NaN where the others do not make a line.
   */
  leaveOneOut: number;
}

export type LineAcrossModels =
  | {
      status: 'ok';
      link: AxisScale;
      slope: number;
      intercept: number;
      /** Pearson's correlation of the two on the axes' scale, and its square. */
      r: number;
      r2: number;
      points: ModelPoint[];
    }
  | { status: 'too-few'; message: string; points: { model: string; x: number; y: number }[] };

/**
 * A least-squares line across models: link(y) = a link(x) + b, each model's residual from it.
 * With accuracies in and under a shift on logit axes this is effective robustness (Taori et al.,
 * "Measuring Robustness to Natural Distribution Shifts in Image Classification", NeurIPS 2020,
 * eq. 1); on probit axes, accuracy on the line (Miller et al., ICML 2021).
 */
export function lineAcrossModels(
  models: readonly { model: string; x: number; y: number }[],
  link: AxisScale,
): LineAcrossModels {
  const usable = models.filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y));
  const { forward, inverse } = AXIS_SCALES[link];
  const xs = usable.map((m) => forward(m.x));
  if (usable.length < 3 || new Set(xs).size < 2)
    return {
      status: 'too-few',
      message: `A line across models needs at least 3 models with different values on the x axis; there ${usable.length === 1 ? 'is' : 'are'} ${usable.length}.`,
      points: usable,
    };
  const ys = usable.map((m) => forward(m.y));
  const { slope, intercept, r, r2 } = leastSquares(xs, ys);
  const loo = leaveOneOutResiduals(xs.map((linkX, i) => ({ linkX, linkY: ys[i] })));
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
      leaveOneOut: m.y - inverse(ys[i] - loo[i]),
    };
  });
  return { status: 'ok', link, slope, intercept, r, r2, points };
}

/**
 * Each point's leave-one-out residual: its distance (on the axes' scale) from the line fitted to
 * the other points, so a model far off the line does not pull the line towards itself. NaN where
 * the others have fewer than 2 distinct x. (Equal to the PRESS residual e_i / (1 − h_ii).)
 */
export function leaveOneOutResiduals(
  points: readonly { linkX: number; linkY: number }[],
): number[] {
  return points.map((p, i) => {
    const others = points.filter((_, j) => j !== i);
    if (new Set(others.map((o) => o.linkX)).size < 2) return NaN;
    const fit = leastSquares(
      others.map((o) => o.linkX),
      others.map((o) => o.linkY),
    );
    return p.linkY - (fit.slope * p.linkX + fit.intercept);
  });
}
