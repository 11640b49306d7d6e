import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMetricQuery,
  METRICS,
  metricColumns,
  metricsFor,
  readMetric,
  type MetricId,
  type MetricQueryOptions,
  type MetricValue,
} from '../../src/lib/metrics/metrics';
import type { Engine } from '../../src/lib/engine/engine';
import { ident } from '../../src/lib/sql/quote';
import { percentileInterval } from '../../src/lib/stats/bootstrap';
import type { EngineFactory } from '../engines';

/** The metrics suite, run once per engine (tests/engines.ts). */
export function metricsSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
    // 400 examples, 280 right (every id with id % 10 < 7), in two halves by id.
    await engine.query(`CREATE TABLE answers AS SELECT id, CASE WHEN id < 200 THEN 'first' ELSE 'second' END AS half,
      1 AS gold, CASE WHEN id % 10 < 7 THEN 1 ELSE 0 END AS guess, (id % 10) / 10.0 AS p
    FROM range(400) t(id)`);
  });
  afterAll(async () => {
    await engine.close();
  });

  async function run(
    id: MetricId,
    options: MetricQueryOptions,
  ): Promise<Record<string, unknown>[]> {
    const query = buildMetricQuery(id, options);
    expect(query.missing).toBeUndefined();
    return (await engine.query(query.sql)).toArray().map((r) => r.toJSON());
  }

  async function metric(id: MetricId, options: MetricQueryOptions): Promise<MetricValue[]> {
    return (await run(id, options)).map((row) => readMetric(id, row));
  }

  const answers = { source: 'answers', columns: { label: 'gold', prediction: 'guess' } };

  describe('the metric registry', () => {
    it('offers metrics by task kind, each with a direction', () => {
      expect(metricsFor('regression').map((m) => m.id)).toEqual(['mae', 'rmse', 'r2', 'count']);
      expect(metricsFor('multiclass').map((m) => m.id)).toContain('macro-f1');
      expect(metricsFor('multiclass').map((m) => m.id)).not.toContain('roc-auc');
      expect(METRICS.find((m) => m.id === 'fpr')).toMatchObject({
        direction: 'lower',
        kind: 'rate',
      });
      expect(METRICS.find((m) => m.id === 'roc-auc')).toMatchObject({
        direction: 'higher',
        kind: 'other',
      });
    });

    it('reads the columns from the roles', () => {
      expect(metricColumns({ g: 'label', s1: 'score', s2: 'score', m: 'model' })).toEqual({
        label: 'g',
        prediction: undefined,
        score: 's1',
        outcome: undefined,
      });
    });

    it('says what a metric needs when a column is missing', () => {
      const query = buildMetricQuery('roc-auc', {
        source: 't',
        columns: { label: 'y', prediction: 'yhat' },
      });
      expect(query).toEqual({ sql: '', missing: 'The ROC-AUC needs a label and a score.' });
      expect(
        buildMetricQuery('macro-f1', { source: 't', columns: { label: 'y', score: 'p' } }).missing,
      ).toMatch(/F1 \(macro\) needs a label and a prediction/);
    });
  });

  describe('slices', () => {
    it('count gives the rows of each slice', async () => {
      const values = await metric('count', { ...answers, groupBy: [ident('half')] });
      expect(values.map((v) => v.value)).toEqual([200, 200]);
    });

    it('two slice expressions give one row per combination, named slice_0 and slice_1', async () => {
      const rows = await run('accuracy', {
        ...answers,
        groupBy: [ident('half'), `${ident('id')} % 2`],
      });
      expect(rows.map((r) => [r.slice_0, r.slice_1])).toEqual([
        ['first', 0],
        ['first', 1],
        ['second', 0],
        ['second', 1],
      ]);
      // Even ids end in 0, 2, 4, 6, 8: 4 of 5 right; odd ids 1, 3, 5, 7, 9: 3 of 5.
      expect(readMetric('accuracy', rows[0]).value).toBeCloseTo(0.8, 12);
      expect(readMetric('accuracy', rows[1]).value).toBeCloseTo(0.6, 12);
    });

    it('a slice that is the whole table gives the whole-table value', async () => {
      const [whole] = await metric('roc-auc', {
        ...answers,
        columns: { label: 'guess', score: 'p' },
      });
      const [slice] = await metric('roc-auc', {
        ...answers,
        columns: { label: 'guess', score: 'p' },
        groupBy: ['TRUE'],
      });
      expect(slice).toEqual(whole);
      // Positives score 0.0-0.6, negatives 0.7-0.9: every pair lost.
      expect(whole.value).toBe(0);
    });

    it('an empty table gives n = 0 and an undefined value, not an error', async () => {
      for (const id of ['accuracy', 'precision', 'macro-f1', 'roc-auc', 'log-loss'] as const) {
        const columns = { label: 'gold', prediction: 'guess', score: 'p' };
        const [empty] = await metric(id, { source: 'answers', columns, where: 'FALSE' });
        expect(empty.n).toBe(0);
        expect(empty.value).toBeNaN();
      }
    });

    it('quotes hostile column names', async () => {
      await engine.query(
        `CREATE TABLE "odd""table" AS SELECT 'a' AS "sl'ice", 1 AS "la""bel", 1 AS "pre; DROP"`,
      );
      const columns = { label: 'la"bel', prediction: 'pre; DROP' };
      const [row] = await metric('accuracy', {
        source: 'odd"table',
        columns,
        groupBy: [ident("sl'ice")],
      });
      expect(row).toMatchObject({ n: 1, successes: 1 });
    });
  });

  describe('Poisson bootstrap of a metric', () => {
    const bootstrap = { replicates: 1000, id: ident('id') };

    it('gives one row per replicate, the same on every run', async () => {
      const first = await run('accuracy', {
        ...answers,
        bootstrap: { replicates: 50, id: ident('id') },
      });
      expect(first.map((r) => r.replicate)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      const second = await run('accuracy', {
        ...answers,
        bootstrap: { replicates: 50, id: ident('id') },
      });
      expect(second).toEqual(first);
    });

    it("accuracy's percentile interval is close to Wilson's for 280/400", async () => {
      const values = await metric('accuracy', { ...answers, bootstrap });
      const interval = percentileInterval(values.map((v) => v.value));
      // Wilson 95% for 280/400 (python3): 0.653363 to 0.742832.
      expect(Math.abs(interval.low - 0.653363)).toBeLessThan(0.01);
      expect(Math.abs(interval.high - 0.742832)).toBeLessThan(0.01);
    });

    it('with buckets (50 of about 8 examples each), the interval is still close to Wilson', async () => {
      const values = await metric('accuracy', {
        ...answers,
        bootstrap: { ...bootstrap, buckets: 50 },
      });
      const interval = percentileInterval(values.map((v) => v.value));
      expect(Math.abs(interval.low - 0.653363)).toBeLessThan(0.01);
      expect(Math.abs(interval.high - 0.742832)).toBeLessThan(0.01);
    });

    it('rejects a bucket count that is not a whole number', () => {
      const options = { ...answers, bootstrap: { ...bootstrap, buckets: 0 } };
      expect(() => buildMetricQuery('accuracy', options)).toThrow(/whole number >= 1, not 0/);
    });

    it('bootstraps each slice separately', async () => {
      const rows = await run('accuracy', {
        ...answers,
        groupBy: [ident('half')],
        bootstrap: { replicates: 20, id: ident('id') },
      });
      expect(rows).toHaveLength(40);
      expect(rows.filter((r) => r.slice_0 === 'first')).toHaveLength(20);
      // A replicate's weights add up to about the slice's size (Poisson(1) mean 1).
      const sizes = rows.map((r) => Number(r.rows));
      expect(Math.abs(sizes.reduce((a, b) => a + b, 0) / 40 - 200)).toBeLessThan(10);
    });
  });
}
