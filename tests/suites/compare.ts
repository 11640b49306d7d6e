import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../helpers/rows';
import {
  flipRowsSql,
  matchingSql,
  pairwiseSql,
  type CompareOptions,
} from '../../src/lib/cells/compare/build-compare';
import {
  countsPerSlice,
  pairRows,
  readMatching,
  readPairs,
  readPairwise,
  sumSlices,
} from '../../src/lib/cells/compare/read-compare';
import type { Engine } from '../../src/lib/engine/engine';
import { mcnemarTest } from '../../src/lib/stats/mcnemar';
import { pairedDifference } from '../../src/lib/stats/paired-difference';
import type { EngineFactory } from '../engines';

/** The compare suite, run once per engine (tests/engines.ts). */
export function compareSuite(factory: EngineFactory): void {
  let engine: Engine;
  /**
   * Models A and B on the same ids. Slice p: both right 5, b (A right, B wrong) 3, c 1, neither 1;
   * one of the b pairs has B's row labelled 0 (labels disagree). Slice q: both 10, b 0, c 6,
   * neither 4. Also: an id only A has, one only B has, and a pair where A's label is missing.
   * Model C is a copy of A. Overall n = 30, b = 3, c = 7.
   */
  beforeAll(async () => {
    engine = await factory.create();
    const values: string[] = [];
    let id = 0;
    const row = (i: string, model: string, region: string, label: string, prediction: number) =>
      values.push(`('${i}', '${model}', '${region}', ${label}, ${prediction})`);
    const pairs = (region: string, a: number, b: number, count: number, disagree = false) => {
      for (let k = 0; k < count; k++) {
        const i = `e${id++}`;
        row(i, 'A', region, '1', a);
        row(i, 'C', region, '1', a);
        row(i, 'B', region, disagree && k === 0 ? '0' : '1', b);
      }
    };
    pairs('p', 1, 1, 5);
    pairs('p', 1, 0, 2);
    pairs('p', 1, 1, 1, true); // B labelled 0, predicts 1: wrong; A right.
    pairs('p', 0, 1, 1);
    pairs('p', 0, 0, 1);
    pairs('q', 1, 1, 10);
    pairs('q', 0, 1, 6);
    pairs('q', 0, 0, 4);
    row('onlyA', 'A', 'p', '1', 1);
    row('onlyB', 'B', 'p', '1', 1);
    row('nolabel', 'A', 'q', 'NULL', 1);
    row('nolabel', 'B', 'q', '1', 1);
    await engine.query(
      `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, region, label, prediction)`,
    );
  });
  afterAll(() => engine.close());

  const options: CompareOptions = {
    source: 't',
    id: 'id',
    model: 'model',
    label: 'label',
    prediction: 'prediction',
    modelA: 'A',
    modelB: 'B',
    feature: 'region',
  };

  /** Wilson limits as the roots of (p - x)^2 = z^2 x (1 - x) / n, solved as a quadratic in x. */
  function wilsonRoots(s: number, n: number): [number, number] {
    const z2 = 1.959963984540054 ** 2;
    const p = s / n;
    const [a, b, c] = [1 + z2 / n, -(2 * p + z2 / n), p * p];
    const root = Math.sqrt(b * b - 4 * a * c);
    return [(-b - root) / (2 * a), (-b + root) / (2 * a)];
  }

  /** Newcombe (1998) method 10 for paired data, written out again from the paper's definitions. */
  function newcombePaired(a: number, b: number, c: number, d: number): [number, number] {
    const n = a + b + c + d;
    const [l1, u1] = wilsonRoots(a + b, n);
    const [l2, u2] = wilsonRoots(a + c, n);
    const [p1, p2] = [(a + b) / n, (a + c) / n];
    const denominator = (a + b) * (c + d) * (a + c) * (b + d);
    const phi = denominator === 0 ? 0 : (a * d - b * c) / Math.sqrt(denominator);
    const delta = Math.sqrt((p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2);
    const epsilon = Math.sqrt((u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2);
    return [p1 - p2 - delta, p1 - p2 + epsilon];
  }

  describe('McNemar test', () => {
    it('exact: Fagerland et al. 2013 (BMC Med Res Methodol 13:91), b = 1, c = 7: p = 0.0703', () => {
      // 2 (C(8,0) + C(8,1)) / 2^8 = 18/256 = 0.0703125.
      expect(mcnemarTest(1, 7)).toEqual({ p: 0.0703125, method: 'exact binomial' });
      expect(mcnemarTest(7, 1).p).toBe(0.0703125);
      expect(mcnemarTest(0, 0).p).toBe(1);
    });

    it("chi-square with continuity correction: R's mcnemar.test Performance example", () => {
      // Agresti (1990) presidential approval, 794/150/86/570: McNemar's chi-squared = 16.818,
      // p-value = 4.115e-05 (R documentation); (|150 - 86| - 1)^2 / 236 = 3969/236.
      const test = mcnemarTest(150, 86);
      expect(test.method).toBe('chi-square, continuity corrected');
      expect(test.statistic).toBeCloseTo(16.818, 3);
      expect(test.p).toBeCloseTo(4.1146e-5, 8);
      // b + c = 25 is the first count tested asymptotically: (|20 - 5| - 1)^2 / 25 = 7.84.
      expect(mcnemarTest(20, 5).statistic).toBeCloseTo(7.84, 12);
      // As R: no correction when b = c (mcnemar.test corrects only where x differs from t(x)).
      expect(mcnemarTest(30, 30)).toMatchObject({ statistic: 0, p: 1 });
    });
  });

  describe('paired difference interval', () => {
    it('matches a second implementation of Newcombe method 10', () => {
      for (const [a, b, c, d] of [
        [1, 1, 7, 12],
        [5, 3, 1, 1],
        [10, 0, 6, 4],
        [794, 150, 86, 570],
        [0, 0, 0, 9],
      ]) {
        const [low, high] = newcombePaired(a, b, c, d);
        const interval = pairedDifference(a, b, c, d);
        expect(interval.low).toBeCloseTo(low, 10);
        expect(interval.high).toBeCloseTo(high, 10);
      }
      // Fagerland, Lydersen & Laake 2014, AHR example (1, 1, 7, 12): worked in python, -0.50166..-0.03605.
      const ahr = pairedDifference(1, 1, 7, 12);
      expect(ahr.low).toBeCloseTo(-0.501663, 5);
      expect(ahr.high).toBeCloseTo(-0.036053, 5);
    });
  });

  describe('model vs model', () => {
    /** The matching pass's counts per slice. */
    const counted = async (o: CompareOptions) =>
      countsPerSlice(rows(await engine.query(matchingSql(o))), o);

    it('says how the rows matched on the example id', async () => {
      const matching = readMatching(sumSlices(await counted(options)));
      expect(matching).toEqual({
        rowsA: 32,
        rowsB: 32,
        noIdA: 0,
        noIdB: 0,
        onlyA: 1,
        onlyB: 1,
        matched: 31,
        unlabelled: 1,
        labelsDisagree: 1,
      });
    });

    it('gives per slice the flips, McNemar p, paired interval and BH q, sorted by |difference|', async () => {
      const { overall, slices } = readPairs(pairRows(await counted(options), true));
      expect(overall).toMatchObject({ n: 30, bothRight: 15, b: 3, c: 7, neither: 5 });
      expect(overall!.accuracyA).toBeCloseTo(18 / 30, 12);
      expect(overall!.accuracyB).toBeCloseTo(22 / 30, 12);
      // 2 (1 + 10 + 45 + 120) / 1024.
      expect(overall!.p).toBeCloseTo(352 / 1024, 12);
      expect(slices.map((s) => [s.slice, s.b, s.c, s.difference])).toEqual([
        ['q', 0, 6, -0.3],
        ['p', 3, 1, 0.2],
      ]);
      // p: 2/64 and 2 (1 + 4)/16; BH over two: 0.03125 * 2 = 0.0625, and 0.625.
      expect(slices.map((s) => s.p)).toEqual([0.03125, 0.625]);
      expect(slices[0].q).toBeCloseTo(0.0625, 12);
      expect(slices[1].q).toBeCloseTo(0.625, 12);
      const [low, high] = newcombePaired(10, 0, 6, 4);
      expect(slices[0].differenceInterval.low).toBeCloseTo(low, 10);
      expect(slices[0].differenceInterval.high).toBeCloseTo(high, 10);
    });

    it('without a feature gives the overall row only', async () => {
      const { overall, slices } = readPairs(
        pairRows(await counted({ ...options, feature: undefined }), false),
      );
      expect(slices).toEqual([]);
      expect(overall).toMatchObject({ n: 30, b: 3, c: 7 });
    });

    it('opens the examples of a flip set, a page at a time, with B’s prediction beside A’s row', async () => {
      const q = flipRowsSql(options, 'c', { value: 'q' }, 0, 4);
      expect(Number(rows(await engine.query(q.count))[0].n)).toBe(6);
      const page = rows(await engine.query(q.rows));
      expect(page).toHaveLength(4);
      expect(Object.keys(page[0])).toEqual([
        'id',
        'model',
        'region',
        'label',
        'prediction',
        'prediction of B',
      ]);
      expect(
        page.every((r) => r.model === 'A' && r.prediction === 0 && r['prediction of B'] === 1),
      ).toBe(true);
      const all = flipRowsSql(options, 'b', undefined, 0, 50);
      expect(Number(rows(await engine.query(all.count))[0].n)).toBe(3);
    });

    it('counts the rows without an id, and the rows of an id repeated within a model (which the cell refuses)', async () => {
      await engine.query(
        `CREATE TABLE r AS SELECT * FROM (VALUES ('x', 'A', 1, 1), ('x', 'B', 1, 1), (NULL, 'A', 1, 1),
        ('y', 'A', 1, 1), ('y', 'B', 0, 1), ('z', 'B', NULL, 1)) v(id, model, label, prediction)`,
      );
      const matching = async (source: string) =>
        sumSlices(await counted({ ...options, source, feature: undefined }));
      const once = await matching('r');
      // x pairs; y pairs with labels that disagree (1 vs 0); z is B's alone; one row of A has no id.
      expect(readMatching(once)).toEqual({
        rowsA: 3,
        rowsB: 3,
        noIdA: 1,
        noIdB: 0,
        onlyA: 0,
        onlyB: 1,
        matched: 2,
        unlabelled: 0,
        labelsDisagree: 1,
      });
      expect(once.repeated).toBe(0);
      // A second row of x for A and two more of z for B: 3 rows beyond an id's first in its model.
      await engine.query(
        `CREATE TABLE r2 AS FROM r UNION ALL FROM (VALUES ('x', 'A', 1, 0), ('z', 'B', 1, 1), ('z', 'B', 0, 1)) v(id, model, label, prediction)`,
      );
      expect((await matching('r2')).repeated).toBe(3);
    });

    it('compares every pair of models', async () => {
      const cells = readPairwise(rows(await engine.query(pairwiseSql(options))));
      expect(cells.map((c) => [c.modelA, c.modelB, c.n, c.b, c.c])).toEqual([
        ['A', 'B', 30, 3, 7],
        ['A', 'C', 30, 0, 0],
        ['B', 'C', 30, 7, 3],
      ]);
      expect(cells[1].p).toBe(1);
    });
  });
}
