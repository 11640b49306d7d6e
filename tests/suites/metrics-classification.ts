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

/** The metrics classification suite, run once per engine (tests/engines.ts). */
export function metricsClassificationSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
    // Group a: 3 positives, 3 negatives; group b: a row without a prediction (9), one without a
    // label (10), one with a NaN score (11).
    await engine.query(`CREATE TABLE binary_eval AS SELECT * FROM (VALUES
    (1, 'a', 1, 1, 0.9), (2, 'a', 1, 0, 0.4), (3, 'a', 1, 1, 0.7), (4, 'a', 0, 1, 0.7),
    (5, 'a', 0, 0, 0.2), (6, 'a', 0, 0, 0.4), (7, 'b', 1, 1, 0.8), (8, 'b', 0, 1, 0.6),
    (9, 'b', 1, NULL, 0.3), (10, 'b', NULL, 0, 0.1), (11, 'b', 0, 0, 'NaN'::DOUBLE)
  ) t(id, grp, y, yhat, p)`);
    await engine.query(`CREATE TABLE pets AS SELECT * FROM (VALUES
    ('x', 'cat', 'cat'), ('x', 'cat', 'cat'), ('x', 'cat', 'dog'), ('x', 'dog', 'dog'),
    ('x', 'dog', 'cat'), ('x', 'bird', 'bird'), ('x', 'bird', 'cat'), ('x', 'bird', NULL),
    ('x', NULL, 'cat'), ('x', 'dog', 'fish'), ('y', 'cat', 'cat'), ('y', 'dog', 'cat')
  ) t(grp, gold, guess)`);
  });
  afterAll(async () => {
    await engine.close();
  });

  async function metric(id: MetricId, options: MetricQueryOptions): Promise<MetricValue[]> {
    const query = buildMetricQuery(id, options);
    expect(query.missing).toBeUndefined();
    return (await engine.query(query.sql)).toArray().map((r) => readMetric(id, r.toJSON()));
  }

  const withPrediction = { source: 'binary_eval', columns: { label: 'y', prediction: 'yhat' } };
  const withScore = { source: 'binary_eval', columns: { label: 'y', score: 'p' } };

  describe('binary metrics from a prediction column', () => {
    // All rows, by hand: labelled and predicted rows 1-8 and 11. TP = {1, 3, 7}, FP = {4, 8},
    // FN = {2}, TN = {5, 6, 11}: n = 9, rows 9 and 10 excluded.
    it.each([
      ['precision', 3, 5],
      ['recall', 3, 4],
      ['tpr', 3, 4],
      ['fnr', 1, 4],
      ['fpr', 2, 5],
      ['tnr', 3, 5],
      ['selection-rate', 5, 9],
    ] as const)('%s is %i/%i over the whole table', async (id, successes, trials) => {
      const [all] = await metric(id, withPrediction);
      // A rate's n is its denominator (issue 16 case 7); rows 9 and 10 are left out of all.
      expect(all).toMatchObject({ n: trials, excluded: 2, successes, trials });
      expect(all.value).toBeCloseTo(successes / trials, 12);
    });

    it('F1 is 2TP / (2TP + FP + FN) = 6/9, with no successes count (it is not a rate)', async () => {
      const [all] = await metric('f1', withPrediction);
      expect(all.value).toBeCloseTo(6 / 9, 12);
      expect(all.successes).toBeUndefined();
    });

    it('accuracy counts a labelled row without a prediction as wrong: 6/10', async () => {
      // Correct: 1, 3, 5, 6, 7, 11; labelled: all but row 10.
      const [all] = await metric('accuracy', withPrediction);
      expect(all).toMatchObject({ n: 10, excluded: 1, successes: 6, trials: 10 });
      const [error] = await metric('error-rate', withPrediction);
      expect(error).toMatchObject({ successes: 4, trials: 10 });
    });

    it('per slice: a has TP 2, FP 1, FN 1, TN 2; b has TP 1, FP 1, TN 1', async () => {
      const options = { ...withPrediction, groupBy: [ident('grp')] };
      const [a, b] = await metric('precision', options);
      expect(a).toMatchObject({ n: 3, excluded: 0, successes: 2, trials: 3 });
      expect(b).toMatchObject({ n: 2, excluded: 2, successes: 1, trials: 2 });
      const [accuracyA, accuracyB] = await metric('accuracy', options);
      expect(accuracyA).toMatchObject({ successes: 4, trials: 6 });
      expect(accuracyB).toMatchObject({ successes: 2, trials: 4, excluded: 1 });
      const [, recallB] = await metric('recall', options);
      expect(recallB).toMatchObject({ successes: 1, trials: 1 });
      const [, fprB] = await metric('fpr', options);
      expect(fprB.value).toBeCloseTo(1 / 2, 12);
    });

    it('takes another positive class: with 0 positive, precision is TN/(TN + FN) = 3/4', async () => {
      const [all] = await metric('precision', { ...withPrediction, positive: 0 });
      expect(all).toMatchObject({ successes: 3, trials: 4 });
    });
  });

  describe('binary metrics from a score thresholded at 0.5', () => {
    // Decisions 1,0,1,1,0,0,1,1,0 for rows 1-9; row 11 (NaN) has none. TP {1,3,7}, FP {4,8},
    // FN {2,9}, TN {5,6}.
    it('builds the confusion matrix from the score', async () => {
      const [all] = await metric('recall', withScore);
      expect(all).toMatchObject({ n: 5, excluded: 2, successes: 3, trials: 5 });
      const [precision] = await metric('precision', withScore);
      expect(precision).toMatchObject({ successes: 3, trials: 5 });
    });

    it('accuracy: 5 right of 10 labelled; a NaN score is no decision, so wrong', async () => {
      const [all] = await metric('accuracy', withScore);
      expect(all).toMatchObject({ n: 10, excluded: 1, successes: 5 });
    });

    it('moves with the threshold', async () => {
      // At 0.75 only rows 1 and 7 are positive: TP 2, FP 0.
      const [all] = await metric('precision', { ...withScore, threshold: 0.75 });
      expect(all).toMatchObject({ successes: 2, trials: 2 });
    });
  });

  describe('labels of other types', () => {
    it('text labels: the positive class defaults to the larger value, "yes"', async () => {
      await engine.query(`CREATE TABLE yes_no AS SELECT * FROM (VALUES
      ('yes', 'yes'), ('yes', 'no'), ('no', 'no'), ('no', 'yes '), ('no', 'no')) t(answer, guess)`);
      const columns = { label: 'answer', prediction: 'guess' };
      // TP 1, FN 1, FP 1 ('yes ' trimmed), TN 2.
      const [recall] = await metric('recall', { source: 'yes_no', columns });
      expect(recall).toMatchObject({ successes: 1, trials: 2 });
      const [accuracy] = await metric('accuracy', { source: 'yes_no', columns });
      expect(accuracy).toMatchObject({ successes: 3, trials: 5 });
      const [recallNo] = await metric('recall', { source: 'yes_no', columns, positive: 'no' });
      expect(recallNo).toMatchObject({ successes: 2, trials: 3 });
    });

    it('a boolean label matches 0/1 predictions, and 1 matches 1.0', async () => {
      await engine.query(`CREATE TABLE flags AS SELECT * FROM (VALUES
      (true, 1, 1.0), (false, 0, 0.0), (true, 0, 1.0)) t(flag, guess, guess_double)`);
      const [recall] = await metric('recall', {
        source: 'flags',
        columns: { label: 'flag', prediction: 'guess' },
      });
      expect(recall).toMatchObject({ successes: 1, trials: 2 });
      const columns = { label: 'guess', prediction: 'guess_double' };
      const [accuracy] = await metric('accuracy', { source: 'flags', columns });
      expect(accuracy).toMatchObject({ successes: 2, trials: 3 });
    });
  });

  describe('multiclass metrics', () => {
    const pets = { source: 'pets', columns: { label: 'gold', prediction: 'guess' } };

    // Slice x by hand (9 labelled rows): cat TP 2 FP 2 FN 1 (P 1/2, R 2/3, F1 4/7); dog TP 1 FP 1
    // FN 2 (P 1/2, R 1/3, F1 2/5); bird TP 1 FP 0 FN 2 (P 1, R 1/3, F1 1/2); fish, only predicted,
    // TP 0 FP 1 (P 0, R 0, F1 0). Slice y: cat TP 1 FP 1 (P 1/2, R 1, F1 2/3); dog FN 1 (0, 0, 0).
    it.each([
      ['macro-precision', (0.5 + 0.5 + 1 + 0) / 4, (0.5 + 0) / 2],
      ['macro-recall', (2 / 3 + 1 / 3 + 1 / 3 + 0) / 4, (1 + 0) / 2],
      ['macro-f1', (4 / 7 + 2 / 5 + 1 / 2 + 0) / 4, (2 / 3 + 0) / 2],
    ] as const)('%s per slice', async (id, x, y) => {
      const [sliceX, sliceY] = await metric(id, { ...pets, groupBy: [ident('grp')] });
      expect(sliceX).toMatchObject({ n: 9, excluded: 1 });
      expect(sliceX.value).toBeCloseTo(x, 12);
      expect(sliceY.value).toBeCloseTo(y, 12);
    });

    it('micro F1: a missing prediction is a miss, not a false alarm', async () => {
      // x: TP 4 (right), FP 4 (wrong answers), FN 4 + 1 (no answer): 8/17. y: 2/4.
      const [x, y] = await metric('micro-f1', { ...pets, groupBy: [ident('grp')] });
      expect(x.value).toBeCloseTo(8 / 17, 12);
      expect(y.value).toBeCloseTo(0.5, 12);
    });

    it('over the whole table, classes are pooled across slices', async () => {
      // cat TP 3 FP 3 FN 1; dog TP 1 FP 1 FN 3; bird TP 1 FN 2; fish FP 1.
      const [f1] = await metric('macro-f1', pets);
      expect(f1.value).toBeCloseTo((6 / 10 + 2 / 6 + 2 / 4 + 0) / 4, 12);
      const [accuracy] = await metric('accuracy', pets);
      expect(accuracy).toMatchObject({ successes: 5, trials: 11, excluded: 1 });
    });
  });

  describe('with the column kinds of the profile (the faster comparisons)', () => {
    it('gives the same answers for numeric and for text columns', async () => {
      const kinds = { y: 'integer', yhat: 'integer', p: 'number' } as const;
      const [precision] = await metric('precision', { ...withPrediction, kinds });
      expect(precision).toMatchObject({ n: 5, successes: 3, trials: 5 });
      const [fromScore] = await metric('accuracy', { ...withScore, kinds });
      expect(fromScore).toMatchObject({ n: 10, successes: 5 });
      const [zero] = await metric('precision', { ...withPrediction, kinds, positive: 0 });
      expect(zero).toMatchObject({ successes: 3, trials: 4 });

      const pets = { source: 'pets', columns: { label: 'gold', prediction: 'guess' } };
      const textKinds = { gold: 'text', guess: 'text' } as const;
      const [x] = await metric('macro-f1', { ...pets, groupBy: [ident('grp')], kinds: textKinds });
      expect(x.value).toBeCloseTo((4 / 7 + 2 / 5 + 1 / 2 + 0) / 4, 12);
      const [recallNo] = await metric('recall', {
        source: 'yes_no',
        columns: { label: 'answer', prediction: 'guess' },
        positive: 'no',
        kinds: { answer: 'text', guess: 'text' },
      });
      expect(recallNo).toMatchObject({ successes: 2, trials: 3 });
    });
  });
}
