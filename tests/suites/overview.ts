import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOverviewQuery, readOverview, type OverviewRow } from '../../src/lib/metrics/overview';
import type { Engine } from '../../src/lib/engine/engine';
import { profileTable } from '../../src/lib/ingest/profile';
import type { Role, TaskKind } from '../../src/lib/ingest/roles';
import type { EngineFactory } from '../engines';

/** The overview suite, run once per engine (tests/engines.ts). */
export function overviewSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
  });
  afterAll(async () => {
    await engine.close();
  });

  async function overview(
    source: string,
    roles: Record<string, Role>,
    taskKind: TaskKind,
  ): Promise<OverviewRow[]> {
    const { columns } = await profileTable(engine, source);
    const query = buildOverviewQuery({ source, columns, roles, taskKind });
    expect(query.missing).toBeUndefined();
    return readOverview(await engine.query(query.sql), query.metric);
  }

  function expectInterval(row: OverviewRow, low: number, high: number) {
    expect(row.interval.low).toBeCloseTo(low, 6);
    expect(row.interval.high).toBeCloseTo(high, 6);
  }

  // Intervals below: Wilson (z = 1.959964) and t (scipy.stats.t.ppf) worked out in python3.
  describe('overview: accuracy', () => {
    it('counts matches per model; a missing label excludes the row, a missing prediction is wrong', async () => {
      await engine.query(`CREATE TABLE animals (model VARCHAR, gold VARCHAR, guess VARCHAR);
      INSERT INTO animals VALUES
        ('a', 'cat', 'cat'), ('a', 'dog', 'dog '), ('a', 'bird', 'bird'), ('a', 'cat', 'dog'),
        ('a', 'dog', 'dog'), ('a', 'bird', 'cat'), ('a', 'cat', NULL), ('a', NULL, 'cat'),
        ('a', 'dog', 'dog'), ('a', 'bird', 'bird'),
        ('b', 'cat', 'cat'), ('b', 'dog', 'dog'), ('b', 'bird', 'bird'), ('b', 'cat', 'cat'),
        ('b', 'dog', 'dog'), ('b', 'bird', 'bird'), ('b', 'cat', 'cat'), ('b', 'dog', 'cat'),
        ('b', 'bird', 'dog'), ('b', 'cat', 'bird')`);
      const roles: Record<string, Role> = { model: 'model', gold: 'label', guess: 'prediction' };
      const [a, b] = await overview('animals', roles, 'multiclass');

      // a: 9 labelled rows, 6 right ('dog ' matches 'dog' after trimming), 1 without a prediction.
      expect(a).toMatchObject({
        model: 'a',
        metric: 'accuracy',
        n: 9,
        excluded: 1,
        method: 'Wilson',
      });
      expect(a.missingPredictions).toBe(1);
      expect(a.estimate).toBeCloseTo(6 / 9, 12);
      expectInterval(a, 0.354202, 0.879416);
      // b: 10 labelled rows, 7 right.
      expect(b).toMatchObject({ model: 'b', n: 10, excluded: 0, missingPredictions: 0 });
      expect(b.estimate).toBeCloseTo(0.7, 12);
      expectInterval(b, 0.396778, 0.892209);
    });

    it('compares numeric labels and predictions as numbers (1 = 1.0), one row without a model', async () => {
      await engine.query(`CREATE TABLE numeric_binary AS
      SELECT * FROM (VALUES (1, 1.0), (0, 0.0), (1, 0.0), (0, 0.0), (1, 1.0), (0, 1.0)) t(y, yhat)`);
      const [all] = await overview('numeric_binary', { y: 'label', yhat: 'prediction' }, 'binary');
      expect(all).toMatchObject({ model: 'all rows', n: 6, excluded: 0 });
      expect(all.estimate).toBeCloseTo(4 / 6, 12);
      expectInterval(all, 0.299993, 0.903229);
    });

    it('thresholds a score at 0.5 when there is no prediction', async () => {
      await engine.query(`CREATE TABLE scored AS
      SELECT * FROM (VALUES (1, 0.9), (0, 0.2), (1, 0.4), (0, 0.6), (1, 0.5), (0, 0.49)) t(y, p)`);
      const [all] = await overview('scored', { y: 'label', p: 'score' }, 'binary');
      // Predicted 1,0,0,1,1,0 against 1,0,1,0,1,0: 4 of 6 right.
      expect(all.n).toBe(6);
      expect(all.estimate).toBeCloseTo(4 / 6, 12);
    });
  });

  describe('overview: regression', () => {
    it('gives the MAE with a t interval, excluding rows without a prediction', async () => {
      await engine.query(`CREATE TABLE houses AS SELECT * FROM (VALUES
      (10.0, 11.0), (20.0, 18.0), (30.0, 32.0), (40.0, 37.0), (50.0, 43.0), (60.0, NULL)) t(y, yhat)`);
      const [all] = await overview('houses', { y: 'label', yhat: 'prediction' }, 'regression');
      // Absolute errors 1, 2, 2, 3, 7: mean 3, sd sqrt(22/4) = 2.345208; t(0.975, 4) = 2.776445.
      expect(all).toMatchObject({
        model: 'all rows',
        metric: 'MAE',
        n: 5,
        excluded: 1,
        method: 't',
      });
      expect(all.estimate).toBeCloseTo(3, 12);
      expectInterval(all, 0.08804, 5.91196);
    });
  });

  describe('overview: per-example score', () => {
    it('uses Wilson for 0/1 outcomes and t for other values', async () => {
      await engine.query(`CREATE TABLE judged AS SELECT * FROM (VALUES
      ('x', 1.0), ('x', 1.0), ('x', 0.0), ('x', 1.0), ('x', NULL),
      ('y', 0.5), ('y', 1.0), ('y', 0.0), ('y', 0.25)) t(model, judge_score)`);
      const roles: Record<string, Role> = { model: 'model', judge_score: 'outcome' };
      const [x, y] = await overview('judged', roles, 'score');

      expect(x).toMatchObject({
        model: 'x',
        metric: 'mean outcome',
        n: 4,
        excluded: 1,
        method: 'Wilson',
      });
      expect(x.estimate).toBeCloseTo(0.75, 12);
      expectInterval(x, 0.300642, 0.954413);
      // y: mean 0.4375, sd 0.426956, t(0.975, 3) = 3.182446.
      expect(y).toMatchObject({ model: 'y', n: 4, excluded: 0, method: 't' });
      expect(y.estimate).toBeCloseTo(0.4375, 12);
      expectInterval(y, -0.241883, 1.116883);
    });
  });

  describe('buildOverviewQuery without the columns it needs', () => {
    // BUG: inferRoles calls a text label ('yes'/'no') with a probability score a binary task, but
    // the query casts the label to DOUBLE and DuckDB fails with "Could not convert string 'yes'".
    // It should say what is missing (which value is positive) instead. Flip to `it` once fixed.
    it('explains rather than fails for a text label with only a score', async () => {
      await engine.query(`CREATE TABLE yes_no AS
      SELECT * FROM (VALUES ('yes', 0.9), ('no', 0.2), ('yes', 0.4)) t(answer, prob)`);
      const { columns } = await profileTable(engine, 'yes_no');
      const roles: Record<string, Role> = { answer: 'label', prob: 'score' };
      const query = buildOverviewQuery({ source: 'yes_no', columns, roles, taskKind: 'binary' });
      if (query.missing === undefined) await engine.query(query.sql);
    });

    it('says what to pick', () => {
      const query = buildOverviewQuery({
        source: 't',
        columns: [],
        roles: { m: 'model' },
        taskKind: 'unknown',
      });
      expect(query.sql).toBe('');
      expect(query.missing).toMatch(/Pick a label and a prediction/);
    });
  });
}
