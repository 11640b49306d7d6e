import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctValuesSql } from '../../src/lib/slicing/distinct-values';
import {
  matchingSql,
  pairwiseSql,
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
import { previousPairsSql } from '../helpers/compare-previous-sql';
import { repeatedIdsSql } from '../../src/lib/slicing/repeated-ids';
import type { Engine } from '../../src/lib/engine/engine';
import { ident, literal } from '../../src/lib/sql/quote';
import { seeded } from '../unit/discover-helpers';
import type { EngineFactory } from '../engines';

/** The compare pivot suite, run once per engine (tests/engines.ts). */
export function comparePivotSuite(factory: EngineFactory): void {
  let engine: Engine;
  const read = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
  /** The matching pass's counts per slice, with every pair of `pairs`. */
  const counted = async (o: CompareOptions, pairs: readonly string[] = []) =>
    countsPerSlice(await read(matchingSql(o, pairs)), o, pairs);

  /**
   * Five models whose names sort differently as bytes and as letters ('B' < 'a' < 'z' < 'é'), ids
   * missing or held by some models only, labels missing or differing between models, missing
   * predictions and slices; with `repeats`, also ids repeated within a model (in different slices),
   * which the cell refuses (the same draws, so the other rows are the same).
   */
  const MODELS = ['a', 'B', 'z', 'é', "o'k"];
  type Example = [number | null, string, string | null, number | null, number | null, number];

  function examples(repeats: boolean): Example[] {
    const random = seeded(20261129);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    const out: Example[] = [];
    for (let id = 0; id < 600; id++) {
      const label = random() < 0.05 ? null : pick([0, 1, 2]);
      const slice = random() < 0.08 ? null : pick(['n', 's', 'e', 'w']);
      for (const model of MODELS) {
        if (random() < 0.1) continue;
        const copies = random() < 0.04 ? 3 : 1;
        for (let k = 0; k < copies; k++) {
          const own = random() < 0.03 ? pick([0, 1, 2]) : label;
          const right = random() < 0.5 + 0.1 * MODELS.indexOf(model);
          const prediction = random() < 0.04 ? null : right ? own : pick([0, 1, 2]);
          const rowSlice = k > 0 && random() < 0.5 ? pick(['n', 's']) : slice;
          const rowId = random() < 0.02 ? null : id;
          const age = Math.floor(random() * 100);
          if (k === 0 || repeats) out.push([rowId, model, rowSlice, own, prediction, age]);
        }
      }
    }
    return out;
  }

  const rows = examples(false);

  beforeAll(async () => {
    engine = await factory.create();
    for (const [table, examplesOf] of [
      ['t', rows],
      ['t_repeated', examples(true)],
    ] as const) {
      const values = examplesOf.map((r) => `(${r.map((v) => literal(v)).join(', ')})`).join(', ');
      await engine.query(
        `CREATE TABLE ${table} AS SELECT * FROM (VALUES ${values}) v(id, model, region, label, prediction, age)`,
      );
    }
  });
  afterAll(() => engine.close());

  /** The SQL of matchingSql before it counted the pairs, kept as the reference. */
  function previousMatchingSql(o: CompareOptions): string {
    const ID = '__slicebook_id';
    const correct = `CASE WHEN ${ident(o.label)} IS NOT NULL THEN coalesce(TRY_CAST(${ident(o.prediction)} AS DOUBLE) = TRY_CAST(${ident(o.label)} AS DOUBLE), false) END`;
    const side = (model: string) => {
      const where = [`CAST(${ident(o.model)} AS VARCHAR) = ${literal(model)}`];
      if (o.filter?.trim()) where.push(`(${o.filter})`);
      return `SELECT ${ident(o.id)} AS ${ID}, ${ident(o.label)} AS __y, ${correct} AS __correct FROM ${ident(o.source)} WHERE ${where.join(' AND ')}`;
    };
    const sum = (value: string, condition?: string) =>
      `coalesce(sum(${value})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::DOUBLE`;
    return [
      `WITH a AS (${side(o.modelA)}), b AS (${side(o.modelB)}),`,
      `rows AS (SELECT ${ID}, __y, true AS in_a FROM a UNION ALL SELECT ${ID}, __y, false FROM b),`,
      `ids AS (SELECT ${ID}, count(*) FILTER (WHERE in_a) AS na, count(*) FILTER (WHERE NOT in_a) AS nb,`,
      `    count(__y) FILTER (WHERE in_a) AS la, count(__y) FILTER (WHERE NOT in_a) AS lb,`,
      `    min(__y) FILTER (WHERE in_a) AS ya, min(__y) FILTER (WHERE NOT in_a) AS yb`,
      `  FROM rows GROUP BY ${ID})`,
      `SELECT ${sum('na')} AS rows_a, ${sum('nb')} AS rows_b,`,
      `  ${sum('na', `${ID} IS NULL`)} AS no_id_a, ${sum('nb', `${ID} IS NULL`)} AS no_id_b,`,
      `  ${sum('na', `${ID} IS NOT NULL AND nb = 0`)} AS only_a,`,
      `  ${sum('nb', `${ID} IS NOT NULL AND na = 0`)} AS only_b,`,
      `  ${sum('na - 1', `${ID} IS NOT NULL AND na > 0`)} AS repeated_a,`,
      `  ${sum('nb - 1', `${ID} IS NOT NULL AND nb > 0`)} AS repeated_b,`,
      `  ${sum('na * nb', `${ID} IS NOT NULL`)} AS matched,`,
      `  ${sum('na * nb - la * lb', `${ID} IS NOT NULL`)} AS unlabelled,`,
      `  ${sum('1', `${ID} IS NOT NULL AND la = 1 AND lb = 1 AND ya <> yb`)} AS labels_disagree`,
      `FROM ids`,
    ].join('\n');
  }

  /** Every pair's paired counts, worked out from the rows in TypeScript: the join, pair by pair. */
  function pairsByHand(filter: (r: Example) => boolean) {
    const out: Record<string, number[]> = {};
    const kept = rows.filter((r) => filter(r) && r[0] !== null && r[3] !== null);
    for (const x of kept)
      for (const y of kept) {
        if (x[0] !== y[0] || x[1] === y[1]) continue;
        const key = `${x[1]}|${y[1]}`;
        const [rx, ry] = [x[4] === x[3], y[4] === y[3]];
        const counts = (out[key] ??= [0, 0, 0, 0, 0]);
        counts[0]++;
        counts[rx && ry ? 1 : rx ? 2 : ry ? 3 : 4]++;
      }
    return out;
  }

  /** How many numbers an object holds (its leaves), to say how much was compared. */
  function countNumbers(value: unknown): number {
    if (typeof value === 'number') return 1;
    if (value && typeof value === 'object')
      return Object.values(value)
        .map(countNumbers)
        .reduce((a, b) => a + b, 0);
    return 0;
  }

  const cases: { name: string; filter?: string; keep: (r: Example) => boolean }[] = [
    { name: 'all rows', keep: () => true },
    { name: 'a global filter', filter: '"age" < 60', keep: (r) => r[5] < 60 },
  ];

  describe('model vs model from one row per example (the previous SQL as the reference)', () => {
    it.each(cases)(
      'gives the same matching and pairs of models: $name',
      async ({ filter, keep }) => {
        const models = (await read(distinctValuesSql('t', 'model'))).map((r) => String(r.value));
        // DuckDB orders the names as bytes: the pivot's pairs follow that order.
        expect(models).toEqual(['B', 'a', "o'k", 'z', 'é']);
        const base = {
          source: 't',
          id: 'id',
          model: 'model',
          label: 'label',
          prediction: 'prediction',
          feature: 'region',
          filter,
          compareAs: 'number' as const,
        };
        const byHand = pairsByHand(keep);
        let numbers = 0;
        for (const [modelA, modelB] of [
          ['a', 'B'],
          ['é', 'z'],
          ["o'k", 'a'],
        ]) {
          const o: CompareOptions = { ...base, modelA, modelB };
          const perSlice = await counted(o, models);
          const totals = sumSlices(perSlice);
          const previous = readMatching((await read(previousMatchingSql(o)))[0]);
          expect(readMatching(totals)).toEqual(previous);
          expect(readMatching(sumSlices(await counted(o)))).toEqual(previous);
          numbers += countNumbers(previous);
          // The sample has what the matching reports: ids missing or on one side only.
          expect(previous.noIdA * previous.onlyA).toBeGreaterThan(0);
          expect(previous.unlabelled * previous.labelsDisagree).toBeGreaterThan(0);

          const pivot = readPairwise(pairwiseRows(totals, models));
          const joined = readPairwise(await read(pairwiseSql(o)));
          expect(pivot).toEqual(joined);
          expect(pivot).toHaveLength(10);
          numbers += countNumbers(pivot);
          for (const cell of pivot) {
            const counts = byHand[`${cell.modelA}|${cell.modelB}`];
            expect([cell.n, cell.bothRight, cell.b, cell.c, cell.neither]).toEqual(counts);
          }
          const pairs = readPairs(pairRows(perSlice, true));
          expect(pairs).toEqual(readPairs(await read(previousPairsSql(o))));
          expect(pairs.slices.length).toBe(5);
        }
        // 3 pairs (A, B) x (9 matching counts + 10 model pairs x 16 numbers: 5 counts, 2 accuracies
        // with their intervals, the difference with its interval, p, q).
        expect(numbers).toBe(3 * (9 + 10 * 16));
      },
    );

    it.each(cases)(
      'counts the rows of ids repeated within a model as the repeated-ids query does: $name',
      async ({ filter }) => {
        const models = MODELS;
        const o: CompareOptions = {
          source: 't_repeated',
          id: 'id',
          model: 'model',
          label: 'label',
          prediction: 'prediction',
          feature: 'region',
          filter,
          modelA: 'a',
          modelB: 'B',
        };
        const repeats = await read(repeatedIdsSql({ ...o, models }));
        const extraRows = repeats.reduce((s, r) => s + Number(r.rows) - Number(r.ids), 0);
        expect(extraRows).toBeGreaterThan(20);
        expect(sumSlices(await counted(o, models)).repeated).toBe(extraRows);
        // The two models alone: only their repeats.
        const ofTwo = await read(repeatedIdsSql({ ...o, models: ['a', 'B'] }));
        const twoExtra = ofTwo.reduce((s, r) => s + Number(r.rows) - Number(r.ids), 0);
        expect(twoExtra).toBeLessThan(extraRows);
        expect(sumSlices(await counted(o)).repeated).toBe(twoExtra);
      },
    );

    it('leaves out pairs of models without a shared example, as the join does', async () => {
      await engine.query(
        `CREATE TABLE apart AS SELECT * FROM (VALUES (1, 'x', 1, 1), (1, 'y', 1, 0), (2, 'w', 1, 1))
        v(id, model, label, prediction)`,
      );
      const o: CompareOptions = {
        source: 'apart',
        id: 'id',
        model: 'model',
        label: 'label',
        prediction: 'prediction',
        modelA: 'x',
        modelB: 'y',
      };
      const models = ['w', 'x', 'y'];
      const pivot = readPairwise(pairwiseRows(sumSlices(await counted(o, models)), models));
      expect(pivot).toEqual(readPairwise(await read(pairwiseSql(o))));
      expect(pivot.map((c) => [c.modelA, c.modelB, c.n, c.b])).toEqual([['x', 'y', 1, 1]]);
    });
  });
}
