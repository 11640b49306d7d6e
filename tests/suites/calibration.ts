import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calibrationBootstrapSql,
  calibrationProblem,
  calibrationSql,
  type CalibrationOptions,
} from '../../src/lib/cells/calibration/build-calibration';
import { readCalibration } from '../../src/lib/cells/calibration/read-calibration';
import { buildMetricQuery, readMetric } from '../../src/lib/metrics/metrics';
import type { Engine } from '../../src/lib/engine/engine';
import { ident } from '../../src/lib/sql/quote';
import { poissonWeightSql } from '../../src/lib/metrics/bootstrap-sql';
import {
  calibrationDefaults,
  type CalibrationCell,
} from '../../src/lib/cells/calibration/calibration-cell';
import { runCalibrationCell } from '../../src/lib/cells/calibration/run-calibration-cell';
import { classOfColumn, matchClassColumns } from '../../src/lib/metrics/class-columns';
import { datasetOf, guessedDataset, runContext } from '../helpers/run-cell';
import type { EngineFactory } from '../engines';
import { MULTIPLE_CHOICE_COLUMNS, multipleChoiceDump } from '../helpers/multiple-choice-dump';

/** The calibration suite, run once per engine (tests/engines.ts). */
export function calibrationSuite(factory: EngineFactory): void {
  let engine: Engine;
  const rows = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  /**
   * Model A: ten scored rows, g1 the first five, g2 the rest; plus a row without a label and one
   * with a score of 1.5 (both left out). Model B: every score 0.5, half of them positive.
   */
  beforeAll(async () => {
    engine = await factory.create();
    const a = [
      [0.05, 0],
      [0.1, 1],
      [0.3, 0],
      [0.35, 1],
      [0.62, 1],
      [0.65, 0],
      [0.68, 1],
      [0.9, 1],
      [0.95, 1],
      [0.97, 1],
    ];
    const values = a.map(([p, y], i) => `('A', 'e${i}', '${i < 5 ? 'g1' : 'g2'}', ${y}, ${p})`);
    values.push(`('A', 'x1', 'g1', NULL, 0.5)`, `('A', 'x2', 'g2', 1, 1.5)`);
    for (let i = 0; i < 4; i++) values.push(`('B', 'e${i}', 'g1', ${i % 2}, 0.5)`);
    await engine.query(
      `CREATE TABLE scored AS SELECT * FROM (VALUES ${values.join(', ')}) t(model, id, grp, y, p)`,
    );
    // Top label: per-class probabilities and the same as one confidence column with a prediction.
    await engine.query(`CREATE TABLE classes AS SELECT * FROM (VALUES
    ('cat', 'cat', 0.7, 0.7, 0.2, 0.1), ('dog', 'cat', 0.5, 0.5, 0.4, 0.1),
    ('fox', 'fox', 0.8, 0.1, 0.1, 0.8), ('dog', 'dog', 0.61, 0.2, 0.61, 0.19)
  ) t(label, pred, confidence, prob_cat, prob_dog, prob_fox)`);
    // 4000 rows calibrated by construction: y = 1 exactly when a hashed uniform falls below p.
    await engine.query(`CREATE TABLE big AS SELECT i AS id, (i % 100) / 100 + 0.005 AS p,
    CASE WHEN (hash(i * 7919) % 10000) / 10000 < (i % 100) / 100 + 0.005 THEN 1 ELSE 0 END AS y
    FROM range(4000) r(i)`);
  });
  afterAll(() => engine.close());

  const binary: CalibrationOptions = {
    source: 'scored',
    mode: 'binary',
    label: 'y',
    score: 'p',
    model: 'model',
    feature: 'grp',
    binning: 'width',
    bins: 15,
    id: 'id',
  };

  async function calibrate(o: CalibrationOptions, bySlice = false, replicates?: number) {
    const main = await rows(calibrationSql(o, bySlice));
    const reps = replicates ? await rows(calibrationBootstrapSql(o, bySlice, replicates)) : [];
    return readCalibration(main, o.model !== undefined, bySlice, reps);
  }

  describe('calibration of a binary score', () => {
    it('15 equal-width bins: ECE, MCE and Brier worked out by hand', async () => {
      // Bins floor(15 p): 0.05 -> 0, 0.10 -> 1, 0.30 -> 4, 0.35 -> 5, 0.62 and 0.65 -> 9,
      // 0.68 -> 10, 0.90 -> 13, 0.95 and 0.97 -> 14. |positives - sum of p| per bin:
      // 0.05, 0.90, 0.30, 0.65, |1 - 1.27| = 0.27, 0.32, 0.10, |2 - 1.92| = 0.08: sum 2.67.
      const [a, b] = await calibrate(binary);
      expect(a.model).toBe('A');
      expect(a.n).toBe(10);
      expect(a.excluded).toBe(2);
      expect(a.bins.map((x) => x.bin)).toEqual([0, 1, 4, 5, 9, 10, 13, 14]);
      expect(a.bins.map((x) => x.n)).toEqual([1, 1, 1, 1, 2, 1, 1, 2]);
      expect(a.ece).toBeCloseTo(0.267, 12);
      // The largest per-bin gap is bin 1: |1 - 0.10|.
      expect(a.mce).toBeCloseTo(0.9, 12);
      // (p - y)^2: .0025 + .81 + .09 + .4225 + .1444 + .4225 + .1024 + .01 + .0025 + .0009 = 2.0077.
      expect(a.brier).toBeCloseTo(0.20077, 12);
      expect(a.bins[4]).toMatchObject({ confidence: 0.635, accuracy: 0.5, low: 0.62, high: 0.65 });
      // Model B: all at 0.5, 2 of 4 positive: perfectly calibrated, Brier 0.25.
      expect(b).toMatchObject({ model: 'B', n: 4, ece: 0, mce: 0, brier: 0.25 });
    });

    it('Brier agrees with the slice table metric of the same name', async () => {
      const query = buildMetricQuery('brier', {
        source: 'scored',
        columns: { label: 'y', score: 'p' },
        groupBy: [ident('model')],
      });
      const [a] = await rows(query.sql);
      const [mine] = await calibrate(binary);
      expect(mine.brier).toBeCloseTo(readMetric('brier', a).value, 12);
    });

    it('per slice: g1 and g2 by hand', async () => {
      const groups = await calibrate(binary, true);
      const g = (model: string, slice: string) =>
        groups.find((x) => x.model === model && x.slice === slice)!;
      // g1: 0.05, 0.90, 0.30, 0.65, |1 - 0.62| = 0.38 -> 2.28 / 5. g2: 0.65, 0.32, 0.10, 0.08 -> 1.15 / 5.
      expect(g('A', 'g1').ece).toBeCloseTo(0.456, 12);
      expect(g('A', 'g2').ece).toBeCloseTo(0.23, 12);
      expect(g('A', 'g2').mce).toBeCloseTo(0.65, 12);
      expect(groups).toHaveLength(3);
    });

    it('equal-mass bins: two examples per bin out of five', async () => {
      // Sorted: {.05,.10}: |1 - .15| = .85; {.30,.35}: .35; {.62,.65}: .27; {.68,.90}: |2 - 1.58| = .42;
      // {.95,.97}: .08. ECE 1.97 / 10; MCE .85 / 2.
      const [a] = await calibrate({ ...binary, binning: 'mass', bins: 5 });
      expect(a.bins.map((x) => x.n)).toEqual([2, 2, 2, 2, 2]);
      expect(a.ece).toBeCloseTo(0.197, 12);
      expect(a.mce).toBeCloseTo(0.425, 12);
    });

    it('the positive class chosen by the user: 0 turns every event around', async () => {
      // With positive 0 the event is y = 0, so each |positives - sum p| becomes |(m - k) - sum p|.
      // Bins: 0.05 y0 -> |1 - .05| = .95; .10 y1 -> .10; .30 y0 -> .70; .35 y1 -> .35;
      // {.62 y1, .65 y0} -> |1 - 1.27| = .27; .68 y1 -> .68; .90 -> .90; {.95, .97} -> 1.92. Sum 5.87.
      const [a] = await calibrate({ ...binary, positive: '0' });
      expect(a.ece).toBeCloseTo(0.587, 12);
    });

    it('bootstrap intervals hold the estimate, and a calibrated score has a small ECE', async () => {
      const o: CalibrationOptions = {
        ...binary,
        source: 'big',
        model: undefined,
        feature: undefined,
      };
      const [g] = await calibrate(o, false, 200);
      expect(g.n).toBe(4000);
      expect(g.ece).toBeLessThan(0.04);
      for (const k of ['ece', 'mce', 'brier'] as const) {
        expect(g.intervals[k].low).toBeLessThanOrEqual(g[k] + 1e-9);
        expect(g.intervals[k].high).toBeGreaterThan(g.intervals[k].low);
      }
      // Without an id, on a view (which has no rowid), the rows' positions stand in.
      await engine.query('CREATE OR REPLACE VIEW big_view AS SELECT p, y FROM big');
      const [v] = await calibrate({ ...o, source: 'big_view', id: undefined }, false, 50);
      expect(v.ece).toBeCloseTo(g.ece, 12);
      expect(v.intervals.ece.high).toBeGreaterThan(v.intervals.ece.low);
      // Brier of a calibrated uniform score: E[p(1 - p)] = 1/6; the interval holds it.
      expect(g.intervals.brier.low).toBeLessThan(1 / 6);
      expect(g.intervals.brier.high).toBeGreaterThan(1 / 6);
    });
  });

  describe('bootstrap replicates', () => {
    it('summed per bucket first, they equal weighting every row by its bucket and replicate', async () => {
      const bootstrap = await rows(
        calibrationBootstrapSql({ ...binary, feature: undefined }, false, 30),
      );
      // Every readable row weighted on its own, written out without the per-bucket sums.
      const weight = poissonWeightSql('(hash(id) % 1000)::BIGINT', 'r.range');
      const direct = await rows(`SELECT model AS slice_0, r.range AS replicate,
        least(floor(p * 15), 14) AS bin, sum(${weight})::DOUBLE AS n,
        sum(${weight} * p) AS conf_sum, sum(${weight} * y) AS hit_sum
      FROM scored, range(30) r WHERE y IS NOT NULL AND p BETWEEN 0 AND 1
      GROUP BY ALL HAVING sum(${weight}) > 0 ORDER BY ALL`);
      expect(bootstrap.length).toBe(direct.length);
      expect(bootstrap.length).toBeGreaterThan(100);
      bootstrap.forEach((b, i) => {
        const d = direct[i];
        expect([b.slice_0, Number(b.replicate), Number(b.bin), b.n]).toEqual([
          d.slice_0,
          Number(d.replicate),
          Number(d.bin),
          d.n,
        ]);
        expect(Number(b.conf_sum)).toBeCloseTo(Number(d.conf_sum), 9);
        expect(Number(b.hit_sum)).toBeCloseTo(Number(d.hit_sum), 9);
      });
    });
  });

  describe('top-label calibration (multiclass)', () => {
    // Confidences .7 (right), .5 (wrong: dog called cat), .8 (right), .61 (right), in bins 10, 7,
    // 12, 9. ECE (.3 + .5 + .2 + .39) / 4 = .3475; MCE .5; Brier (.09 + .25 + .04 + .1521) / 4.
    const expected = { n: 4, ece: 0.3475, mce: 0.5, brier: 0.133025 };
    const base: CalibrationOptions = {
      source: 'classes',
      mode: 'top-label',
      label: 'label',
      binning: 'width',
      bins: 15,
    };

    it('from a confidence column and the prediction', async () => {
      const [g] = await calibrate({ ...base, score: 'confidence', prediction: 'pred' });
      expect(g.n).toBe(expected.n);
      for (const k of ['ece', 'mce', 'brier'] as const) expect(g[k]).toBeCloseTo(expected[k], 12);
    });

    it('from per-class probability columns, each named by the label value its name ends with', async () => {
      const columns = ['prob_cat', 'prob_dog', 'prob_fox'];
      const matched = matchClassColumns(columns, ['cat', 'dog', 'fox']);
      expect(matched).toEqual({
        columns: [
          { column: 'prob_cat', value: 'cat' },
          { column: 'prob_dog', value: 'dog' },
          { column: 'prob_fox', value: 'fox' },
        ],
      });
      const [g] = await calibrate({
        ...base,
        classColumns: 'columns' in matched ? matched.columns : [],
      });
      for (const k of ['ece', 'mce', 'brier'] as const) expect(g[k]).toBeCloseTo(expected[k], 12);
    });

    it('matches class names after a separator, the longest first, numbers by value', () => {
      expect(classOfColumn('p_11', ['1', '11'])).toBe('11');
      expect(classOfColumn('prob.New York', ['York', 'New York'])).toBe('New York');
      expect(classOfColumn('score_class_2', ['1.0', '2.0'])).toBe('2.0');
      expect(classOfColumn('proba', ['a'])).toBeUndefined();
      expect(matchClassColumns(['p_a', 'prob_a'], ['a', 'b'])).toEqual({
        problem: 'p_a and prob_a both name a; b has no column',
      });
    });

    it('says what is missing', () => {
      expect(calibrationProblem({ ...base, score: 'confidence' })).toMatch(/prediction/);
      expect(calibrationProblem({ ...binary, bins: 1 })).toMatch(/bins/);
      expect(calibrationProblem({ ...binary, score: undefined })).toMatch(/score/);
    });
  });

  describe('which columns the confidence comes from', () => {
    const cell = (patch: Partial<CalibrationCell>): CalibrationCell => ({
      id: 'c1',
      name: 'calibration_1',
      collapsed: false,
      kind: 'calibration',
      ...calibrationDefaults(),
      replicates: 0,
      ...patch,
    });

    it('issue 16 case 3: per-class columns are named by splitting on separators and matching the label', async () => {
      // Fully correct: the largest probability is the label's class in every row, with
      // confidences .6, .7, .8, .8 in bins 9, 10, 12, 12: ECE = (.4 + .3 + .2 + .2) / 4 = .275.
      await engine.query(`CREATE TABLE pets3 AS SELECT * FROM (VALUES
      ('cat', 0.6, 0.3, 0.1), ('car', 0.2, 0.7, 0.1), ('cow', 0.1, 0.1, 0.8), ('cat', 0.8, 0.1, 0.1)
    ) t(label, prob_cat, prob_car, prob_cow)`);
      const roles = { label: 'label', prob_cat: 'score', prob_car: 'score', prob_cow: 'score' };
      const dataset = await datasetOf(engine, 'pets3', roles as never, 'multiclass');
      const run = (patch: Partial<CalibrationCell>) =>
        runCalibrationCell(cell({ dataset: 'pets3', ...patch }), runContext(engine, [dataset]));
      const result = await run({});
      if (result.status !== 'calibration') throw new Error(JSON.stringify(result));
      const [g] = result.overall;
      expect(g.accuracy).toBe(1);
      expect(g.ece).toBeCloseTo(0.275, 12);
      expect(result.confidence).toBe('max(prob_cat, prob_car, prob_cow)');
      // Columns that name no class of the label are named back, with the classes.
      const wrong = await run({ classScores: ['prob_cat', 'prob_dog', 'prob_car'] });
      expect(wrong).toEqual({
        status: 'missing',
        message:
          'The per-class columns must match the classes of label one to one: prob_dog matches none of car, cat, cow; cow has no column. Pick the columns again, or one confidence column.',
      });
    });

    it("issue 16 case 2: unrelated score columns are not per-class; picked, the confidence's accuracy is the overview's", async () => {
      const values = multipleChoiceDump(200).map(
        ([model, id, answer, pred, ...scores]) =>
          `('${model}', '${id}', '${answer}', '${pred}', ${scores.join(', ')})`,
      );
      await engine.query(
        `CREATE TABLE mcq AS SELECT * FROM (VALUES ${values.join(', ')}) t(${MULTIPLE_CHOICE_COLUMNS.join(', ')})`,
      );
      const dataset = await guessedDataset(engine, 'ds_mcq', 'mcq');
      expect(Object.keys(dataset.roles).filter((c) => dataset.roles[c] === 'score')).toEqual([
        'prob_correct',
        'top_prob',
        'prob_correct_raw',
        'top_prob_raw',
      ]);
      const run = (patch: Partial<CalibrationCell>) =>
        runCalibrationCell(cell({ dataset: 'ds_mcq', ...patch }), runContext(engine, [dataset]));
      expect(await run({})).toEqual({
        status: 'missing',
        message:
          'Pick the confidence column: prob_correct, top_prob, prob_correct_raw, top_prob_raw do not match the classes of answer (A, B, C, D) one to one, so they are not per-class probabilities.',
      });
      const picked = await run({ score: 'top_prob' });
      if (picked.status !== 'calibration') throw new Error(JSON.stringify(picked));
      if (dataset.overview.status !== 'ok') throw new Error('no overview');
      for (const row of dataset.overview.rows) {
        const group = picked.overall.find((g) => g.model === row.model)!;
        expect(group.n).toBe(row.n);
        expect(group.accuracy).toBeCloseTo(row.estimate, 12);
      }
    });
  });
}
