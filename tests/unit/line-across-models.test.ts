import { describe, expect, it } from 'vitest';
import { leaveOneOutResiduals, lineAcrossModels } from '../../src/lib/stats/line-across-models';

const models = [
  { model: 'a', x: 0.61, y: 0.42 },
  { model: 'b', x: 0.7, y: 0.5 },
  { model: 'c', x: 0.76, y: 0.58 },
  { model: 'd', x: 0.8, y: 0.71 },
  { model: 'e', x: 0.85, y: 0.66 },
];

describe('lineAcrossModels', () => {
  it('on linear axes is the least-squares line of the values as given', () => {
    const fit = lineAcrossModels(models, 'linear');
    if (fit.status !== 'ok') throw new Error(fit.status);
    // By hand: mean x 0.744, mean y 0.574; Sxy = 0.04072, Sxx = 0.03452, Syy = 0.05512.
    expect(fit.slope).toBeCloseTo(0.04072 / 0.03452, 10);
    expect(fit.intercept).toBeCloseTo(0.574 - (0.04072 / 0.03452) * 0.744, 10);
    expect(fit.r).toBeCloseTo(0.04072 / Math.sqrt(0.03452 * 0.05512), 10);
    expect(fit.points[3].residual).toBeCloseTo(0.71 - (fit.slope * 0.8 + fit.intercept), 12);
    expect(fit.points[3].effective).toBeCloseTo(fit.points[3].residual, 12);
  });
});

describe('leaveOneOutResiduals', () => {
  it('equal the PRESS residuals e_i / (1 - h_ii) of the fit to all points', () => {
    for (const scale of ['linear', 'probit'] as const) {
      const fit = lineAcrossModels(models, scale);
      if (fit.status !== 'ok') throw new Error(fit.status);
      const xs = fit.points.map((p) => p.linkX);
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      const sxx = xs.reduce((s, v) => s + (v - mean) ** 2, 0);
      const loo = leaveOneOutResiduals(fit.points);
      fit.points.forEach((p, i) => {
        const leverage = 1 / xs.length + (p.linkX - mean) ** 2 / sxx;
        expect(loo[i]).toBeCloseTo(p.residual / (1 - leverage), 10);
      });
    }
  });

  it('is undefined where the other points have one x', () => {
    const loo = leaveOneOutResiduals([
      { linkX: 1, linkY: 1 },
      { linkX: 1, linkY: 2 },
      { linkX: 2, linkY: 3 },
    ]);
    expect(loo[2]).toBeNaN();
    // Without the first point the line is y = x + 1, which puts it at 2, not 1.
    expect(loo[0]).toBeCloseTo(-1, 12);
  });
});
