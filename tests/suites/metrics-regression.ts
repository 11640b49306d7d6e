import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMetricQuery,
  readMetric,
  type MetricId,
  type MetricQueryOptions,
  type MetricValue,
} from '../../src/lib/metrics/metrics';
import type { Engine } from '../../src/lib/engine/engine';
import { ident } from '../../src/lib/sql/quote';
import type { EngineFactory } from '../engines';

/** The metrics regression suite, run once per engine (tests/engines.ts). */
export function metricsRegressionSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
    await engine.query(`CREATE TABLE houses AS SELECT * FROM (VALUES
    (10.0, 11.0), (20.0, 18.0), (30.0, 32.0), (40.0, 37.0), (50.0, 43.0), (60.0, NULL),
    ('NaN'::DOUBLE, 5.0)) t(y, yhat)`);
    await engine.query(`CREATE TABLE judged AS SELECT * FROM (VALUES
    ('x', 1.0), ('x', 1.0), ('x', 0.0), ('x', 1.0), ('x', NULL),
    ('y', 0.5), ('y', 1.0), ('y', 0.0), ('y', 0.25)) t(model, judge_score)`);
  });
  afterAll(async () => {
    await engine.close();
  });

  async function metric(id: MetricId, options: MetricQueryOptions): Promise<MetricValue[]> {
    const query = buildMetricQuery(id, options);
    expect(query.missing).toBeUndefined();
    return (await engine.query(query.sql)).toArray().map((r) => readMetric(id, r.toJSON()));
  }

  const houses = { source: 'houses', columns: { label: 'y', prediction: 'yhat' } };

  describe('regression metrics', () => {
    // Usable rows: errors +1, -2, +2, -3, -7 (the NULL prediction and the NaN label are left out).
    it('MAE = 15/5 = 3, with the sd of the absolute errors, sqrt(22/4)', async () => {
      const [mae] = await metric('mae', houses);
      expect(mae).toMatchObject({ n: 5, excluded: 2 });
      expect(mae.value).toBeCloseTo(3, 12);
      expect(mae.sd).toBeCloseTo(Math.sqrt(22 / 4), 12);
    });

    it('RMSE = sqrt(67/5) = 3.660601', async () => {
      const [rmse] = await metric('rmse', houses);
      expect(rmse.value).toBeCloseTo(3.6606010435446255, 12);
    });

    it('R^2 = 1 - 67/1000 (labels 10..50 about their mean 30: SST = 1000)', async () => {
      const [r2] = await metric('r2', houses);
      expect(r2.value).toBeCloseTo(0.933, 12);
    });

    it('keeps R^2 exact for labels near 1e9, where raw sums of squares lose every digit', async () => {
      await engine.query(`CREATE TABLE far AS SELECT y + 1e9 AS y, yhat + 1e9 AS yhat FROM houses`);
      const [r2] = await metric('r2', { ...houses, source: 'far' });
      expect(r2.value).toBeCloseTo(0.933, 9);
    });

    it('is undefined for a constant label (SST = 0) and without rows', async () => {
      const [constant] = await metric('r2', { ...houses, where: `${ident('y')} = 30` });
      expect(constant.n).toBe(1);
      expect(constant.value).toBeNaN();
      const [none] = await metric('mae', { ...houses, where: 'FALSE' });
      expect(none).toMatchObject({ n: 0, excluded: 0 });
      expect(none.value).toBeNaN();
    });
  });

  describe('mean outcome', () => {
    const judged = {
      source: 'judged',
      columns: { outcome: 'judge_score' },
      groupBy: [ident('model')],
    };

    it('is a rate (successes for Wilson) when every outcome is 0 or 1', async () => {
      const [x] = await metric('mean-outcome', judged);
      expect(x).toMatchObject({ n: 4, excluded: 1, successes: 3, trials: 4 });
      expect(x.value).toBeCloseTo(0.75, 12);
    });

    it('is a mean with its sd otherwise', async () => {
      // y: 0.5, 1, 0, 0.25: mean 0.4375, sd 0.426956 (as in the overview test).
      const [, y] = await metric('mean-outcome', judged);
      expect(y.successes).toBeUndefined();
      expect(y.value).toBeCloseTo(0.4375, 12);
      expect(y.sd).toBeCloseTo(0.4269563, 6);
    });
  });
}
