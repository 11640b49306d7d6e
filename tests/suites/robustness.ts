import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseRobustness } from '../../src/lib/cells/robustness/analyse-robustness';
import { robustnessSql } from '../../src/lib/cells/robustness/build-robustness';
import { corruptionErrors } from '../../src/lib/cells/robustness/corruption-error';
import { effectiveRobustness } from '../../src/lib/cells/robustness/effective-robustness';
import { leastSquares } from '../../src/lib/stats/least-squares';
import { readLevelStats } from '../../src/lib/cells/robustness/read-robustness';
import {
  applyStoredOrder,
  inferSeverityOrder,
} from '../../src/lib/cells/robustness/severity-order';
import type { Engine } from '../../src/lib/engine/engine';
import { normalQuantile } from '../../src/lib/stats/normal';
import type { EngineFactory } from '../engines';

/** The robustness suite, run once per engine (tests/engines.ts). */
export function robustnessSuite(factory: EngineFactory): void {
  describe('severity order', () => {
    it('orders plain numbers ascending, whatever their text order', () => {
      const r = inferSeverityOrder(['0.1', '0.03', '0.3', '0.0', '0.01']);
      expect(r.order).toEqual(['0.0', '0.01', '0.03', '0.1', '0.3']);
    });
    it('orders numbers inside names by the way the metric falls (c100 is the mildest)', () => {
      const levels = ['c01', 'c05', 'c10', 'c100', 'c30', 'c50'];
      // Accuracy rises with the number: c100 ~ clean, c01 hardest.
      const acc = new Map(levels.map((l) => [l, 0.2 + Number(l.slice(1)) / 200]));
      const r = inferSeverityOrder(levels, acc);
      expect(r.order).toEqual(['c100', 'c50', 'c30', 'c10', 'c05', 'c01']);
      expect(r.reason).toMatch(/descending/);
      // With the metric the other way, or none, they ascend.
      const rising = new Map(levels.map((l) => [l, 1 - Number(l.slice(1)) / 200]));
      expect(inferSeverityOrder(levels, rising).order[0]).toBe('c01');
      expect(inferSeverityOrder(levels).order).toEqual(['c01', 'c05', 'c10', 'c30', 'c50', 'c100']);
    });
    it('puts a clean level first and reads words', () => {
      expect(inferSeverityOrder(['3', 'clean', '1', '10']).order).toEqual([
        'clean',
        '1',
        '3',
        '10',
      ]);
      expect(inferSeverityOrder(['high', 'low', 'medium', 'none']).order).toEqual([
        'none',
        'low',
        'medium',
        'high',
      ]);
    });
    it('names without order follow the metric, best first, else the alphabet', () => {
      const acc = new Map([
        ['b', 0.5],
        ['a', 0.9],
        ['c', 0.7],
      ]);
      expect(inferSeverityOrder(['a', 'b', 'c'], acc).order).toEqual(['a', 'c', 'b']);
      expect(inferSeverityOrder(['z', 'y']).reason).toMatch(/by hand/);
    });
    it("keeps the user's order, drops levels gone and appends new ones", () => {
      expect(applyStoredOrder(['3', '1', 'gone'], ['1', '2', '3'])).toEqual(['3', '1', '2']);
      expect(applyStoredOrder([], ['1', '2'])).toBeNull();
    });
  });

  describe('corruption error', () => {
    /**
     * Reference R and model M on conditions noise and blur at levels 1-3; M lacks blur at 3, so
     * blur sums over levels 1-2 only.
     *   noise: E_R = .2 .4 .6 (sum 1.2), E_M = .1 .2 .3 (sum .6)  -> CE = .5
     *   blur:  E_R = .3 .5 (sum .8),     E_M = .4 .6 (sum 1.0)    -> CE = 1.25
     *   mCE_M = (.5 + 1.25) / 2 = .875; mCE_R = 1.
     * Clean errors R .1, M .05:
     *   noise: Σ(E_M − .05) = .05+.15+.25 = .45; Σ(E_R − .1) = .1+.3+.5 = .9  -> .5
     *   blur:  Σ(E_M − .05) = .35+.55 = .9;      Σ(E_R − .1) = .2+.4 = .6     -> 1.5
     *   relative mCE_M = (.5 + 1.5) / 2 = 1.
     */
    const cells = [
      ...[0.2, 0.4, 0.6].map((e, i) => ({
        model: 'R',
        condition: 'noise',
        level: `${i + 1}`,
        error: e,
      })),
      ...[0.3, 0.5, 0.7].map((e, i) => ({
        model: 'R',
        condition: 'blur',
        level: `${i + 1}`,
        error: e,
      })),
      ...[0.1, 0.2, 0.3].map((e, i) => ({
        model: 'M',
        condition: 'noise',
        level: `${i + 1}`,
        error: e,
      })),
      ...[0.4, 0.6].map((e, i) => ({ model: 'M', condition: 'blur', level: `${i + 1}`, error: e })),
    ];
    const clean = new Map([
      ['R', 0.1],
      ['M', 0.05],
    ]);
    const result = corruptionErrors(cells, 'R', clean);
    const m = result.find((r) => r.model === 'M')!;
    const r = result.find((x) => x.model === 'R')!;
    it('CE per condition and mCE, worked out by hand', () => {
      expect(m.byCondition.noise).toBeCloseTo(0.5, 12);
      expect(m.byCondition.blur).toBeCloseTo(1.25, 12);
      expect(m.mce).toBeCloseTo(0.875, 12);
      expect(r.mce).toBeCloseTo(1, 12);
    });
    it('relative CE with the clean error subtracted', () => {
      expect(m.relativeByCondition.noise).toBeCloseTo(0.5, 12);
      expect(m.relativeByCondition.blur).toBeCloseTo(1.5, 12);
      expect(m.relativeMce).toBeCloseTo(1, 12);
    });
    it('no clean errors: no relative mCE', () => {
      expect(corruptionErrors(cells, 'R').find((x) => x.model === 'M')!.relativeMce).toBeNaN();
    });
  });

  /** Least squares again, from the normal equations [n Σx; Σx Σx²][b a]' = [Σy Σxy]' by Cramer's rule. */
  function normalEquations(xs: number[], ys: number[]) {
    const n = xs.length;
    const sx = xs.reduce((s, v) => s + v, 0);
    const sy = ys.reduce((s, v) => s + v, 0);
    const sxx = xs.reduce((s, v) => s + v * v, 0);
    const sxy = xs.reduce((s, v, i) => s + v * ys[i], 0);
    const det = n * sxx - sx * sx;
    return { a: (n * sxy - sx * sy) / det, b: (sxx * sy - sx * sxy) / det };
  }

  describe('effective robustness', () => {
    const models = [
      { model: 'm1', x: 0.62, y: 0.41 },
      { model: 'm2', x: 0.71, y: 0.5 },
      { model: 'm3', x: 0.76, y: 0.52 },
      { model: 'm4', x: 0.8, y: 0.63 },
      { model: 'm5', x: 0.88, y: 0.69 },
    ];
    const logit = (p: number) => Math.log(p / (1 - p));
    it('logit fit and residuals agree with the normal equations', () => {
      const er = effectiveRobustness(models, 'logit');
      if (er.status !== 'ok') throw new Error(er.status);
      const { a, b } = normalEquations(
        models.map((m) => logit(m.x)),
        models.map((m) => logit(m.y)),
      );
      expect(er.slope).toBeCloseTo(a, 12);
      expect(er.intercept).toBeCloseTo(b, 12);
      for (const p of er.points) {
        const fitted = a * logit(p.x) + b;
        expect(p.residual).toBeCloseTo(logit(p.y) - fitted, 12);
        expect(p.effective).toBeCloseTo(p.y - 1 / (1 + Math.exp(-fitted)), 12);
      }
    });
    it('offers a leave-one-out effective robustness: the line fitted without the model', () => {
      const er = effectiveRobustness(models, 'logit');
      if (er.status !== 'ok') throw new Error(er.status);
      for (const [i, p] of er.points.entries()) {
        const others = models.filter((_, j) => j !== i);
        const { a, b } = normalEquations(
          others.map((m) => logit(m.x)),
          others.map((m) => logit(m.y)),
        );
        expect(p.leaveOneOut).toBeCloseTo(p.y - 1 / (1 + Math.exp(-(a * logit(p.x) + b))), 12);
      }
      // The model farthest above the line pulls the full fit towards itself: left out, it is
      // farther still.
      const top = [...er.points].sort((x, y) => y.effective - x.effective)[0];
      expect(top.leaveOneOut).toBeGreaterThan(top.effective);
    });

    it('probit variant fits on the normal quantiles', () => {
      const er = effectiveRobustness(models, 'probit');
      if (er.status !== 'ok') throw new Error(er.status);
      const { a, b } = normalEquations(
        models.map((m) => normalQuantile(m.x)),
        models.map((m) => normalQuantile(m.y)),
      );
      expect(er.slope).toBeCloseTo(a, 12);
      expect(er.intercept).toBeCloseTo(b, 12);
    });
    it('points exactly on a line have zero residuals and R² 1', () => {
      const fit = leastSquares([1, 2, 3, 4], [3, 5, 7, 9]);
      expect(fit.slope).toBeCloseTo(2, 12);
      expect(fit.intercept).toBeCloseTo(1, 12);
      expect(fit.r2).toBeCloseTo(1, 12);
    });
    it('fewer than 3 models: no line', () => {
      expect(effectiveRobustness(models.slice(0, 2), 'logit').status).toBe('too-few');
    });
  });

  describe('robustness SQL on native DuckDB', () => {
    let engine: Engine;
    /**
     * Models A and B, 10 examples per cell: a clean condition at severity 0 and conditions noise
     * and blur at severities 1 and 2. Right answers per cell:
     *   A: clean 9, noise 8 5, blur 7 6;    B: clean 8, noise 8 7, blur 8 7.
     * Plus one row of A under noise 1 without a label (left out).
     */
    beforeAll(async () => {
      engine = await factory.create();
      const right: Record<string, Record<string, number>> = {
        A: { 'clean/0': 9, 'noise/1': 8, 'noise/2': 5, 'blur/1': 7, 'blur/2': 6 },
        B: { 'clean/0': 8, 'noise/1': 8, 'noise/2': 7, 'blur/1': 8, 'blur/2': 7 },
      };
      const values: string[] = [];
      for (const [model, cells] of Object.entries(right))
        for (const [key, k] of Object.entries(cells)) {
          const [condition, severity] = key.split('/');
          for (let i = 0; i < 10; i++)
            values.push(`('${model}', '${condition}', ${severity}, 3, ${i < k ? 3 : 4})`);
        }
      values.push(`('A', 'noise', 1, NULL, 3)`);
      await engine.query(
        `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(model, corruption, sev, label, pred)`,
      );
    });
    afterAll(() => engine.close());

    const run = async (sql: string) =>
      (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
    const settings = {
      severityOrder: [],
      reference: 'A',
      inDistribution: '',
      shifted: '',
      link: 'logit' as const,
    };

    it('per-cell counts, curves, drop, area and mCE match the hand counts', async () => {
      const rows = await run(
        robustnessSql({
          source: 't',
          model: 'model',
          condition: 'corruption',
          severity: 'sev',
          measure: { kind: 'accuracy', label: 'label', prediction: 'pred', compareAs: 'number' },
        }),
      );
      const { stats, perExample } = readLevelStats(rows);
      expect(perExample).toBe(true);
      expect(stats).toHaveLength(10);
      const noise1 = stats.find(
        (s) => s.model === 'A' && s.condition === 'noise' && s.level === '1',
      )!;
      expect([noise1.n, noise1.successes]).toEqual([10, 8]);

      const a = analyseRobustness(stats, perExample, settings);
      const c = a.curves;
      expect(c.cleanCondition).toBe('clean');
      expect(c.levels).toEqual(['0', '1', '2']);
      expect(c.conditions.sort()).toEqual(['blur', 'noise']);
      // Each condition's curve starts at the clean point.
      expect(
        c.points.filter((p) => p.model === 'A' && p.condition === 'blur').map((p) => p.value),
      ).toEqual([0.9, 0.7, 0.6]);
      const A = c.summary.find((s) => s.model === 'A')!;
      const B = c.summary.find((s) => s.model === 'B')!;
      // Drop: clean 9/10 to level 2 pooled (5 + 6)/20 = 0.55 -> 0.35; B: 0.8 - 14/20 = 0.1.
      expect(A.drop).toBeCloseTo(0.35, 12);
      expect(B.drop).toBeCloseTo(0.1, 12);
      // Areas: A noise (0.85 + 0.65)/2 = 0.75, blur (0.8 + 0.65)/2 = 0.725, mean 0.7375; B 0.775.
      expect(A.auc).toBeCloseTo(0.7375, 12);
      expect(B.auc).toBeCloseTo(0.775, 12);
      // Wilson 95% for 11/20, from the published formula: centre (p + z²/2n)/(1 + z²/n).
      const z2 = 1.959963984540054 ** 2;
      const centre = (0.55 + z2 / 40) / (1 + z2 / 20);
      const half = (Math.sqrt(z2) * Math.sqrt((0.55 * 0.45) / 20 + z2 / 1600)) / (1 + z2 / 20);
      expect(A.worst!.interval!.low).toBeCloseTo(centre - half, 12);
      // mCE against A: B noise errors .2+.3 over .2+.5, blur .2+.3 over .3+.4: both 5/7.
      const ceB = a.corruption.find((x) => x.model === 'B')!;
      expect(ceB.mce).toBeCloseTo(5 / 7, 12);
      // Relative, clean errors A .1, B .2: noise (0 + .1)/(.1 + .4) = .2, blur (0 + .1)/(.2 + .3) = .2.
      expect(ceB.relativeMce).toBeCloseTo(0.2, 12);
    });

    it('an aggregated table (one accuracy per cell) has no per-example interval', async () => {
      await engine.query(
        `CREATE TABLE agg AS SELECT * FROM (VALUES ('m', 'fog', 1, 0.91), ('m', 'fog', 2, 0.82), ('m', 'snow', 1, 0.88), ('m', 'snow', 2, 0.7)) v(model, condition, severity, value)`,
      );
      const rows = await run(
        robustnessSql({
          source: 'agg',
          model: 'model',
          condition: 'condition',
          severity: 'severity',
          measure: { kind: 'outcome', outcome: 'value' },
          filter: "condition <> 'snow' OR severity = 2",
        }),
      );
      const { stats, perExample } = readLevelStats(rows);
      expect(perExample).toBe(false);
      expect(stats).toHaveLength(3);
      expect(stats.every((s) => s.interval === null && s.successes === null)).toBe(true);
      const c = analyseRobustness(stats, perExample, settings).curves;
      expect(c.cleanLevel).toBeNull();
      // No clean level: the drop runs from level 1 (fog only: 0.91) to level 2 (mean of .82 and .7).
      expect(c.summary[0].startLevel).toBe('1');
      expect(c.summary[0].drop).toBeCloseTo(0.91 - (0.82 + 0.7) / 2, 12);
    });
  });
}
