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

/** The metrics scores suite, run once per engine (tests/engines.ts). */
export function metricsScoresSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
    // Group a: positives score 0.9, 0.4, 0.7; negatives 0.7, 0.2, 0.4 (two positive-negative ties).
    // Group b: a positive at 0.8 and 0.3, a negative at 0.6; a row without a label and a NaN score.
    await engine.query(`CREATE TABLE scored AS SELECT * FROM (VALUES
    ('a', 1, 0.9), ('a', 1, 0.4), ('a', 1, 0.7), ('a', 0, 0.7), ('a', 0, 0.2), ('a', 0, 0.4),
    ('b', 1, 0.8), ('b', 0, 0.6), ('b', 1, 0.3), ('b', NULL, 0.1), ('b', 0, 'NaN'::DOUBLE)
  ) t(grp, y, p)`);
  });
  afterAll(async () => {
    await engine.close();
  });

  async function metric(
    id: MetricId,
    options: Partial<MetricQueryOptions> = {},
  ): Promise<MetricValue[]> {
    const query = buildMetricQuery(id, {
      source: 'scored',
      columns: { label: 'y', score: 'p' },
      ...options,
    });
    expect(query.missing).toBeUndefined();
    return (await engine.query(query.sql)).toArray().map((r) => readMetric(id, r.toJSON()));
  }

  const bySlice = { groupBy: [ident('grp')] };

  describe('ROC-AUC', () => {
    it('counts ties as half a pair: 7/9 in group a, 1/2 in group b', async () => {
      // a, by hand: 0.9 beats all three (3); 0.4 beats 0.2, ties 0.4 (1.5); 0.7 ties 0.7, beats 0.2
      // and 0.4 (2.5): 7 of 9 pairs. b: 0.8 > 0.6, 0.3 < 0.6: 1 of 2. (scipy's Mann-Whitney U
      // divided by 3 x 3 gives the same 0.7778.)
      const [a, b] = await metric('roc-auc', bySlice);
      expect(a.value).toBeCloseTo(7 / 9, 12);
      expect(a).toMatchObject({ n: 6, excluded: 0 });
      expect(b.value).toBeCloseTo(1 / 2, 12);
      expect(b).toMatchObject({ n: 3, excluded: 2 });
    });

    it('pools the pairs over the whole table: 14/20', async () => {
      // Positives 0.9, 0.4, 0.7, 0.8, 0.3 against negatives 0.7, 0.2, 0.4, 0.6:
      // 4 + 1.5 + 3.5 + 4 + 1 = 14 of 20 pairs.
      const [all] = await metric('roc-auc');
      expect(all.value).toBeCloseTo(0.7, 12);
      expect(all).toMatchObject({ n: 9, excluded: 2 });
    });

    it('is 1/2 when every score is tied, and flips with the positive class', async () => {
      await engine.query(
        `CREATE TABLE flat AS SELECT * FROM (VALUES (1, 0.5), (0, 0.5), (1, 0.5)) t(y, p)`,
      );
      const query = buildMetricQuery('roc-auc', {
        source: 'flat',
        columns: { label: 'y', score: 'p' },
      });
      const [flat] = (await engine.query(query.sql))
        .toArray()
        .map((r) => readMetric('roc-auc', r.toJSON()));
      expect(flat.value).toBeCloseTo(0.5, 12);
      const [flipped] = await metric('roc-auc', { ...bySlice, positive: 0 });
      expect(flipped.value).toBeCloseTo(2 / 9, 12);
    });

    it('is undefined in a slice with no negatives', async () => {
      const [onlyPositives] = await metric('roc-auc', { where: `${ident('y')} = 1` });
      expect(onlyPositives.value).toBeNaN();
      expect(onlyPositives.n).toBe(5);
    });
  });

  describe('log loss and Brier score', () => {
    // python3: a: -(ln .9 + ln .4 + ln .7 + ln .3 + ln .8 + ln .6)/6 = 0.5527113618;
    // b: -(ln .8 + ln .4 + ln .3)/3 = 0.7811356958. Brier a: (.01+.36+.09+.49+.04+.16)/6 = 1.15/6;
    // b: (.04 + .36 + .49)/3 = 0.89/3.
    it('per slice', async () => {
      const [a, b] = await metric('log-loss', bySlice);
      expect(a.value).toBeCloseTo(0.5527113618128082, 12);
      expect(b.value).toBeCloseTo(0.7811356958381003, 12);
      expect(b).toMatchObject({ n: 3, excluded: 2 });
      const [brierA, brierB] = await metric('brier', bySlice);
      expect(brierA.value).toBeCloseTo(1.15 / 6, 12);
      expect(brierB.value).toBeCloseTo(0.89 / 3, 12);
    });

    it('over the whole table', async () => {
      const [logLoss] = await metric('log-loss');
      expect(logLoss.value).toBeCloseTo(0.6288528064879055, 12);
      const [brier] = await metric('brier');
      expect(brier.value).toBeCloseTo(2.04 / 9, 12);
    });

    it('clips certain mistakes at 1e-15 instead of returning infinity', async () => {
      await engine.query(
        `CREATE TABLE certain AS SELECT * FROM (VALUES (1, 0.0), (0, 0.0), (1, 1.5)) t(y, p)`,
      );
      const query = buildMetricQuery('log-loss', {
        source: 'certain',
        columns: { label: 'y', score: 'p' },
      });
      const [row] = (await engine.query(query.sql))
        .toArray()
        .map((r) => readMetric('log-loss', r.toJSON()));
      // -ln(1e-15) = 34.538776; the score 1.5 is not a probability and is left out.
      expect(row.value).toBeCloseTo(34.538776394910684 / 2, 9);
      expect(row).toMatchObject({ n: 2, excluded: 1 });
    });
  });
}
