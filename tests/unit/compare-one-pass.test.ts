import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  matchingSql,
  PIVOT_MODELS,
  type CompareOptions,
} from '../../src/lib/cells/compare/build-compare';
import {
  countsPerSlice,
  pairRows,
  pairwiseRows,
  readMatching,
  readPairs,
  readPairwise,
  sumSlices,
} from '../../src/lib/cells/compare/read-compare';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { repeatedIdsSql } from '../../src/lib/slicing/repeated-ids';
import { distinctValuesSql } from '../../src/lib/slicing/distinct-values';
import { literal } from '../../src/lib/sql/quote';
import { previousMatchingSql, previousPairsSql } from '../helpers/compare-previous-sql';

const MMLU = '../shared/datasets/mmlu-pro/mmlu_pro_4models_long.csv';
let engine: Engine;
const read = async (sql: string) =>
  (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
/** The one pass's counts per slice, with every pair of `pairs`. */
const counted = async (o: CompareOptions, pairs: readonly string[] = [], everyModel = false) =>
  countsPerSlice(await read(matchingSql(o, pairs, everyModel)), o, pairs);

beforeAll(async () => {
  engine = await createNodeEngine({ readable: ['../shared/datasets', 'samples'] });
});
afterAll(() => engine.close());

/**
 * The compare cell's one pass (matching, repeated rows, every pair and the per-slice pairs of A
 * and B from one GROUP BY of the ids, each id's rows as one state) against the queries it
 * replaced: the previous matching pass, the join of A's and B's rows per slice, and the
 * repeated-ids query. Returns how many slices and pairs were compared, so a case that compared
 * nothing fails.
 */
async function expectSameAsBefore(o: CompareOptions, models: string[]) {
  const pivot = models.length > 2 ? models : [];
  const perSlice = await counted(o, pivot);
  // Unfiltered by model, as the cell runs it when the pass has every model: the same counts, even
  // where it has not (rows of the other models count for nothing).
  expect(await counted(o, pivot, true)).toEqual(perSlice);
  const totals = sumSlices(perSlice);
  const before = (await read(previousMatchingSql(o, pivot)))[0];
  expect(readMatching(totals)).toEqual(readMatching(before));
  expect(readPairwise(pairwiseRows(totals, pivot))).toEqual(
    readPairwise(pairwiseRows(before, pivot)),
  );
  const pairs = readPairs(pairRows(perSlice, o.feature !== undefined));
  expect(pairs).toEqual(readPairs(await read(previousPairsSql(o))));
  const repeats = await read(repeatedIdsSql({ ...o, models }));
  const extraRows = repeats.reduce((s, r) => s + Number(r.rows) - Number(r.ids), 0);
  expect(totals.repeated).toBe(extraRows);
  return { slices: pairs.slices.length, pairs: pivot.length, n: pairs.overall?.n ?? 0 };
}

describe('model vs model in one pass gives what the previous queries gave', () => {
  it('on the panel`s shape made small: 5 models, ids missing or held by some models, labels missing, a NULL slice, under a filter', async () => {
    // The bench panel's columns (example_id, model, label, prediction, region), 4,000 examples.
    await engine.query(`CREATE TABLE panel AS SELECT
        CASE WHEN hash(i) % 97 = 0 THEN NULL ELSE i // 5 END AS example_id,
        ['baseline', 'large', 'distilled', 'tuned', 'tiny'][(i % 5) + 1] AS model,
        CASE WHEN hash(i, 1) % 50 = 0 THEN NULL ELSE (hash(i // 5) % 2)::BIGINT END AS label,
        CASE WHEN (hash(i, 2) % 100) < 70 + 5 * (i % 5) THEN (hash(i // 5) % 2)::BIGINT
          ELSE 1 - (hash(i // 5) % 2)::BIGINT END AS prediction,
        CASE WHEN hash(i // 5, 3) % 30 = 0 THEN NULL ELSE 'r' || (hash(i // 5, 4) % 8) END AS region,
        (hash(i, 5) % 100)::BIGINT AS age
      FROM range(20000) t(i) WHERE hash(i, 6) % 40 <> 0`);
    const models = (await read(distinctValuesSql('panel', 'model'))).map((r) => String(r.value));
    const base = {
      source: 'panel',
      id: 'example_id',
      model: 'model',
      label: 'label',
      prediction: 'prediction',
      compareAs: 'number' as const,
    };
    for (const [modelA, modelB, feature, filter] of [
      ['large', 'tuned', 'region', ''],
      ['tiny', 'baseline', 'region', '"age" < 60'],
      ['distilled', 'large', undefined, ''],
    ] as const) {
      const seen = await expectSameAsBefore({ ...base, modelA, modelB, feature, filter }, models);
      expect(seen.pairs).toBe(5);
      expect(seen.slices).toBe(feature ? 9 : 0);
      expect(seen.n).toBeGreaterThan(1000);
    }
    // Two models alone: the pass covers both, and counts their pairs without a pivot.
    const two = await expectSameAsBefore(
      { ...base, modelA: 'large', modelB: 'tiny', feature: 'region' },
      ['large', 'tiny'],
    );
    expect(two.slices).toBe(9);
  });

  it('with twelve models, the most one pass pairs: every pair, the last models` states in the highest bits', async () => {
    await engine.query(`CREATE TABLE twelve AS SELECT
        CASE WHEN hash(i, 8) % 89 = 0 THEN NULL ELSE i // 12 END AS example_id,
        'm' || lpad(((i % 12) + 1)::VARCHAR, 2, '0') AS model,
        CASE WHEN hash(i, 9) % 40 = 0 THEN NULL ELSE (hash(i // 12) % 3)::BIGINT END AS label,
        CASE WHEN (hash(i, 10) % 100) < 40 + 5 * (i % 12) THEN (hash(i // 12) % 3)::BIGINT
          ELSE (hash(i, 11) % 3)::BIGINT END AS prediction,
        CASE WHEN hash(i // 12, 12) % 25 = 0 THEN NULL ELSE 's' || (hash(i // 12, 13) % 4) END AS region
      FROM range(6000) t(i) WHERE hash(i, 14) % 30 <> 0`);
    const models = (await read(distinctValuesSql('twelve', 'model'))).map((r) => String(r.value));
    expect(models).toHaveLength(PIVOT_MODELS);
    const base = {
      source: 'twelve',
      id: 'example_id',
      model: 'model',
      label: 'label',
      prediction: 'prediction',
      compareAs: 'number' as const,
      feature: 'region',
    };
    // Codes follow A, B, then the others: the pivot's last models hold the state's highest bits.
    const seen = await expectSameAsBefore({ ...base, modelA: 'm12', modelB: 'm01' }, models);
    expect(seen.pairs).toBe(12);
    expect(seen.slices).toBe(5);
    expect(seen.n).toBeGreaterThan(350);
  });

  it('counts the rows of repeated ids as the repeated-ids query does (the cell then refuses and names them)', async () => {
    await engine.query(`CREATE TABLE repeated AS SELECT * FROM panel
      UNION ALL SELECT * FROM panel WHERE hash(example_id, 7) % 50 = 0 AND model = 'tuned'`);
    const o = {
      source: 'repeated',
      id: 'example_id',
      model: 'model',
      label: 'label',
      prediction: 'prediction',
      compareAs: 'number' as const,
      modelA: 'large',
      modelB: 'tuned',
      feature: 'region',
    };
    const extraRows = async (models: string[]) =>
      (await read(repeatedIdsSql({ ...o, models }))).reduce(
        (s, r) => s + Number(r.rows) - Number(r.ids),
        0,
      );
    const models = ['baseline', 'distilled', 'large', 'tiny', 'tuned'];
    const repeated = sumSlices(await counted(o, models)).repeated;
    expect(repeated).toBe(await extraRows(models));
    expect(repeated).toBeGreaterThan(50);
    // Without the repeating model, none.
    const apart = { ...o, modelB: 'tiny' };
    expect(sumSlices(await counted(apart)).repeated).toBe(0);
    expect(await extraRows(['large', 'tiny'])).toBe(0);
  });

  it('on the samples: five models` 0/1 outcomes by topic, and multiple-choice letters by subject', async () => {
    await engine.query(`CREATE TABLE qa AS SELECT * FROM read_csv('samples/qa-five-models.csv')`);
    const qaModels = (await read(distinctValuesSql('qa', 'model'))).map((r) => String(r.value));
    expect(qaModels).toHaveLength(5);
    const [modelA, modelB] = qaModels;
    const qa = await expectSameAsBefore(
      {
        source: 'qa',
        id: 'question_id',
        model: 'model',
        label: 'correct',
        prediction: 'correct',
        outcome: 'correct',
        modelA,
        modelB,
        feature: 'topic',
      },
      qaModels,
    );
    expect(qa.slices).toBeGreaterThan(2);

    await engine.query(`CREATE TABLE mcq AS SELECT * FROM read_csv('samples/mcq-audit.csv')`);
    const mcqModels = (await read(distinctValuesSql('mcq', 'model'))).map((r) => String(r.value));
    const mcq = await expectSameAsBefore(
      {
        source: 'mcq',
        id: 'item_id',
        model: 'model',
        label: 'gold',
        prediction: 'pred',
        compareAs: 'text',
        modelA: mcqModels[1],
        modelB: mcqModels[0],
        feature: 'subject',
      },
      mcqModels,
    );
    expect(mcq.slices).toBeGreaterThan(2);
  });

  it.skipIf(!existsSync(MMLU))(
    'on the MMLU-Pro dump: 4 models x 12,032 questions by category, gold answers that differ between files, unparsable answers',
    async () => {
      await engine.query(`CREATE TABLE mmlu AS SELECT * FROM read_csv(${literal(MMLU)})`);
      const models = (await read(distinctValuesSql('mmlu', 'model'))).map((r) => String(r.value));
      expect(models).toHaveLength(4);
      const base = {
        source: 'mmlu',
        id: 'question_id',
        model: 'model',
        label: 'answer',
        prediction: 'pred',
      };
      for (const [modelA, modelB, compareAs, filter] of [
        [models[0], models[3], 'text', ''],
        [models[2], models[1], undefined, `"src" LIKE 'ori%'`],
      ] as const) {
        const o = { ...base, modelA, modelB, compareAs, filter, feature: 'category' };
        const seen = await expectSameAsBefore(o, models);
        expect(seen.slices).toBe(14);
        expect(seen.pairs).toBe(4);
        const matching = readMatching(sumSlices(await counted(o, models)));
        if (!filter) expect(matching.matched).toBe(12032);
      }
    },
  );
});
