import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../helpers/rows';
import { binsFor, parseEdges, quantileEdgesSql, readEdges } from '../../src/lib/slicing/binning';
import { buildSliceTable } from '../../src/lib/cells/slice/build-slice-table';
import { readSliceTable } from '../../src/lib/cells/slice/read-slice-table';
import { metricById } from '../../src/lib/metrics/metrics';
import type { Engine } from '../../src/lib/engine/engine';
import { profileTable } from '../../src/lib/ingest/profile';
import type { Role } from '../../src/lib/ingest/roles';
import type { EngineFactory } from '../engines';

/** The slice table suite, run once per engine (tests/engines.ts). */
export function sliceTableSuite(factory: EngineFactory): void {
  let engine: Engine;
  /**
   * Model a: north 3/4 right, south 3/6. Model b: north 4/4, south 5/6. Worked by hand:
   * Wilson 3/4 = 0.30064-0.95441 and Newcombe (3/4 - 3/6) = -0.29727-0.62332 (python, formulas of
   * Newcombe 1998 methods 3 and 10); Fisher two-sided for a's north vs south: the hypergeometric
   * probabilities of 0..4 successes in 4 draws from 6 of 10 are 1, 24, 90, 80, 15 (/210), so
   * p = (1 + 24 + 80 + 15)/210 = 0.571429; for b: 84, 126 (/210) for 3, 4, so p = 1.
   */
  beforeAll(async () => {
    engine = await factory.create();
    const values: string[] = [];
    const add = (model: string, region: string, right: number, total: number) => {
      for (let i = 0; i < total; i++)
        values.push(
          `('${model}${region}${i}', '${model}', '${region}', 1, ${i < right ? 1 : 0}, ${i * 10})`,
        );
    };
    add('a', 'north', 3, 4);
    add('a', 'south', 3, 6);
    add('b', 'north', 4, 4);
    add('b', 'south', 5, 6);
    await engine.query(
      `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, region, label, prediction, income)`,
    );
  });
  afterAll(() => engine.close());

  const roles: Record<string, Role> = {
    id: 'id',
    model: 'model',
    region: 'group',
    label: 'label',
    prediction: 'prediction',
    income: 'group',
  };

  describe('slice table', () => {
    it('gives per model and slice the rate, Wilson interval, Newcombe difference to the rest, Fisher p and BH q', async () => {
      const { columns } = await profileTable(engine, 't');
      const queries = buildSliceTable({
        source: 't',
        columns,
        roles,
        metric: 'accuracy',
        features: [{ column: 'region' }],
        replicates: 0,
        edges: {},
      });
      expect(queries.bootstrap).toBeUndefined();
      const table = readSliceTable(
        'accuracy',
        1,
        true,
        rows(await engine.query(queries.slices)),
        rows(await engine.query(queries.totals)),
      );
      expect(table.map((r) => [r.model, r.values[0], r.n, r.value])).toEqual([
        ['a', 'north', 4, 0.75],
        ['a', 'south', 6, 0.5],
        ['b', 'north', 4, 1],
        ['b', 'south', 6, 5 / 6],
      ]);
      const [aNorth, aSouth, bNorth] = table;
      expect(aNorth.interval.low).toBeCloseTo(0.300642, 5);
      expect(aNorth.interval.high).toBeCloseTo(0.954413, 5);
      expect(aNorth.difference).toBeCloseTo(0.25, 12);
      expect(aNorth.differenceInterval.low).toBeCloseTo(-0.297272, 5);
      expect(aNorth.differenceInterval.high).toBeCloseTo(0.62332, 5);
      expect(aSouth.differenceInterval.low).toBeCloseTo(-0.62332, 5);
      expect(aNorth.method).toBe('Fisher exact');
      expect(aNorth.p).toBeCloseTo(120 / 210, 6);
      expect(bNorth.p).toBeCloseTo(1, 6);
      // BH: p = (4/7, 4/7, 1, 1): q = min over later ranks of p m / rank, capped at 1, all 1 here.
      expect(table.map((r) => r.q)).toEqual([1, 1, 1, 1]);
      // Four right out of four: too few for the rule of three (case 9 below).
      expect(bNorth.ruleOfThree).toBeNull();
      expect(aNorth.ruleOfThree).toBeNull();
    });

    it('differences a mean outcome to the mean of the rest (regression: the centre was subtracted as a sum)', async () => {
      // Judge scores: north 0.2, 0.4 (mean 0.3); south 0.6, 0.8, 1.0 (mean 0.8). Whole mean 0.6.
      await engine.query(`CREATE TABLE judged AS SELECT * FROM (VALUES
      ('n1', 'north', 0.2), ('n2', 'north', 0.4), ('s1', 'south', 0.6), ('s2', 'south', 0.8),
      ('s3', 'south', 1.0)) v(id, region, judge_score)`);
      const { columns } = await profileTable(engine, 'judged');
      const queries = buildSliceTable({
        source: 'judged',
        columns,
        roles: { id: 'id', region: 'group', judge_score: 'outcome' },
        metric: 'mean-outcome',
        features: [{ column: 'region' }],
        replicates: 20,
        edges: {},
      });
      const table = readSliceTable(
        'mean-outcome',
        1,
        false,
        rows(await engine.query(queries.slices)),
        rows(await engine.query(queries.totals)),
      );
      expect(table.map((r) => [r.values[0], r.n])).toEqual([
        ['north', 2],
        ['south', 3],
      ]);
      expect(table[0].value).toBeCloseTo(0.3, 12);
      expect(table[0].difference).toBeCloseTo(0.3 - 0.8, 12);
      expect(table[1].difference).toBeCloseTo(0.8 - 0.3, 12);
    });

    it('bins a numeric feature at its quantiles and labels the bins', async () => {
      // income is 0,10,20,30 (north) and 0..50 (south) per model: 20 values; median 20.
      expect(readEdges(rows(await engine.query(quantileEdgesSql('t', 'income', 2)))[0])).toEqual([
        20,
      ]);
      const { columns } = await profileTable(engine, 't');
      const queries = buildSliceTable({
        source: 't',
        columns,
        roles,
        metric: 'accuracy',
        replicates: 0,
        features: [{ column: 'income', binning: { kind: 'quantile', bins: 2 } }],
        edges: { income: [20] },
      });
      const table = readSliceTable(
        'accuracy',
        1,
        true,
        rows(await engine.query(queries.slices)),
        rows(await engine.query(queries.totals)),
      );
      // Model a below 20: ids 0,1 of north (both right) and 0,1 of south (both right): 4/4.
      const aLow = table.find((r) => r.model === 'a' && r.values[0] === '< 20')!;
      expect([aLow.n, aLow.value]).toEqual([4, 1]);
      const aHigh = table.find((r) => r.model === 'a' && r.values[0] === '≥ 20')!;
      expect([aHigh.n, aHigh.value]).toEqual([6, 2 / 6]);
    });

    it('issue 16 case 11: bins whose edges round to the same text stay distinct', async () => {
      // Cut at 1.00001, 1.00002, 1.00003: at four significant digits every edge reads "1".
      const xs = [1.00001, 1.00001, 1.00001, 1.000015, 1.000015, 1.00002, 1.00002, 1.00002];
      const values = [...xs, 1.00002, 1.00003].map((x, i) => `('e${i}', 1, 1, ${x})`);
      await engine.query(
        `CREATE TABLE close_bins AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, label, prediction, x)`,
      );
      const { columns } = await profileTable(engine, 'close_bins');
      const edges = [1.00001, 1.00002, 1.00003];
      const queries = buildSliceTable({
        source: 'close_bins',
        columns,
        roles: { id: 'id', label: 'label', prediction: 'prediction', x: 'group' },
        metric: 'accuracy',
        replicates: 0,
        features: [{ column: 'x', binning: { kind: 'edges', edges } }],
        edges: { x: edges },
      });
      const table = readSliceTable(
        'accuracy',
        1,
        false,
        rows(await engine.query(queries.slices)),
        rows(await engine.query(queries.totals)),
      );
      // By hand: [1.00001, 1.00002) holds 3 + 2 rows, [1.00002, 1.00003) 4, >= 1.00003 one.
      expect(table.map((r) => [r.values[0], r.n])).toEqual([
        ['[1.00001, 1.00002)', 5],
        ['[1.00002, 1.00003)', 4],
        ['≥ 1.00003', 1],
      ]);
      const labels = binsFor(edges).map((b) => b.label);
      expect(new Set(labels).size).toBe(labels.length);
    });

    it('issue 16 case 9: the rule of three only where ruleOfThreeApplies (no events, n >= 30)', () => {
      const slice = (value: string, n: number, correct: number) => ({
        slice_0: value,
        rows: n,
        n,
        correct,
      });
      const slices = [slice('small', 10, 10), slice('large', 40, 40), slice('none right', 40, 0)];
      const totals = [{ rows: 90, n: 90, correct: 50 }];
      const table = readSliceTable('accuracy', 1, false, slices, totals);
      // 10 of 10 right: 3/10 would overstate the exact bound 1 - 0.05^(1/10) = 0.259 by 16%.
      expect(table.map((r) => [r.values[0], r.ruleOfThree])).toEqual([
        ['small', null],
        ['large', 3 / 40],
        ['none right', 3 / 40],
      ]);
    });

    it('issue 16 case 8: a bootstrap p-value is (1 + k) / (B + 1), never 0, and says its resolution', () => {
      // Slice "x" has F1 1 in every replicate and the rest of the data 0.5: no replicate has a
      // difference <= 0 (k = 0), so with B = 200 the two-sided p is 2 (0 + 1) / 201.
      const slice = { slice_0: 'x', rows: 20, tp: 10, fp: 0, fn: 0, tn: 10 };
      const total = { rows: 40, tp: 15, fp: 5, fn: 5, tn: 15 };
      const replicates = Array.from({ length: 200 }, (_, r) => r);
      const table = readSliceTable('f1', 1, false, [slice], [total], {
        slices: replicates.map((replicate) => ({ ...slice, replicate })),
        totals: replicates.map((replicate) => ({ ...total, replicate })),
        replicates: 200,
      });
      expect(table[0].p).toBeCloseTo(2 / 201, 15);
      expect(table[0].pResolution).toBeCloseTo(2 / 201, 15);
      expect(table[0].method).toBe('bootstrap (200 replicates; p is at least 2/201 = 0.00995)');
      // Rates are tested exactly: no resolution to state.
      const rate = readSliceTable(
        'accuracy',
        1,
        false,
        [{ slice_0: 'x', rows: 20, n: 20, correct: 20 }],
        [{ rows: 40, n: 40, correct: 25 }],
      );
      expect(rate[0].pResolution).toBeNaN();
    });

    it("issue 16 case 7: a rate's n is its denominator (negatives for FPR, positives for FNR)", async () => {
      // Region p: 3 positives (predicted 1, 1, 0) and 2 negatives (predicted 1, 0); region q: 1
      // positive (predicted 1) and 4 negatives (predicted 0, 0, 0, 1).
      const values = [
        ['p', 1, 1],
        ['p', 1, 1],
        ['p', 1, 0],
        ['p', 0, 1],
        ['p', 0, 0],
        ['q', 1, 1],
        ['q', 0, 0],
        ['q', 0, 0],
        ['q', 0, 0],
        ['q', 0, 1],
      ].map(([region, label, prediction], i) => `('r${i}', '${region}', ${label}, ${prediction})`);
      await engine.query(
        `CREATE TABLE rates AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, region, label, prediction)`,
      );
      const { columns } = await profileTable(engine, 'rates');
      const table = async (metric: 'fpr' | 'fnr' | 'precision' | 'accuracy') => {
        const queries = buildSliceTable({
          source: 'rates',
          columns,
          roles: { id: 'id', region: 'group', label: 'label', prediction: 'prediction' },
          metric,
          replicates: 0,
          features: [{ column: 'region' }],
          edges: {},
        });
        const read = readSliceTable(
          metric,
          1,
          false,
          rows(await engine.query(queries.slices)),
          rows(await engine.query(queries.totals)),
        );
        return read.map((r) => [r.values[0], r.n, r.value]);
      };
      expect(await table('fpr')).toEqual([
        ['p', 2, 1 / 2],
        ['q', 4, 1 / 4],
      ]);
      expect(await table('fnr')).toEqual([
        ['p', 3, 1 / 3],
        ['q', 1, 0],
      ]);
      expect(await table('precision')).toEqual([
        ['p', 3, 2 / 3],
        ['q', 2, 1 / 2],
      ]);
      expect(await table('accuracy')).toEqual([
        ['p', 5, 3 / 5],
        ['q', 5, 4 / 5],
      ]);
      expect(metricById('fpr').denominator).toBe('negatives');
    });

    it('issue 16 case 10: a cell of an aggregated table is one value: no interval, p or q, and why', async () => {
      // One accuracy per model x condition x severity, computed elsewhere (as RobustBench's tables).
      const values = [
        ['a', 'fog', 1, 0.859],
        ['a', 'fog', 2, 0.8],
        ['a', 'snow', 1, 0.7],
        ['a', 'snow', 2, 0.61],
        ['b', 'fog', 1, 0.9],
        ['b', 'fog', 2, 0.88],
        ['b', 'snow', 1, 0.75],
        ['b', 'snow', 2, 0.7],
      ].map(([m, c, s, v]) => `('${m}', '${c}', ${s}, ${v})`);
      await engine.query(
        `CREATE TABLE aggregated AS SELECT * FROM (VALUES ${values.join(', ')}) v(model, condition, severity, accuracy)`,
      );
      const { columns } = await profileTable(engine, 'aggregated');
      const queries = buildSliceTable({
        source: 'aggregated',
        columns,
        roles: {
          model: 'model',
          condition: 'condition',
          severity: 'severity',
          accuracy: 'outcome',
        },
        metric: 'mean-outcome',
        replicates: 200,
        features: [{ column: 'condition' }, { column: 'severity' }],
        edges: {},
      });
      const table = readSliceTable(
        'mean-outcome',
        2,
        true,
        rows(await engine.query(queries.slices)),
        rows(await engine.query(queries.totals)),
        {
          slices: rows(await engine.query(queries.bootstrap!.slices)),
          totals: rows(await engine.query(queries.bootstrap!.totals)),
          replicates: 200,
        },
      );
      expect(table).toHaveLength(8);
      const first = table.find((r) => r.model === 'a' && r.values.join() === 'fog,1')!;
      expect([first.n, first.value]).toEqual([1, 0.859]);
      for (const r of table) {
        expect(r.n).toBe(1);
        expect([r.interval.low, r.interval.high, r.p, r.q]).toEqual([NaN, NaN, NaN, NaN]);
        expect([r.differenceInterval.low, r.differenceInterval.high]).toEqual([NaN, NaN]);
        expect(r.method).toBe(
          'one value: no per-example interval or test (a value computed elsewhere, such as a cell of an aggregated table)',
        );
      }
    });

    it('reads cut points typed by a user', () => {
      expect(parseEdges('50, 10 20;10')).toEqual([10, 20, 50]);
      expect(parseEdges('10, ten')).toEqual({ error: '"ten" is not a number' });
      expect(binsFor([10, 20]).map((b) => b.label)).toEqual(['< 10', '[10, 20)', '≥ 20']);
    });

    it('bootstraps a metric that is not a rate, deterministically', async () => {
      const { columns } = await profileTable(engine, 't');
      const queries = buildSliceTable({
        source: 't',
        columns,
        roles,
        metric: 'count',
        features: [{ column: 'region' }],
        replicates: 50,
        edges: {},
      });
      expect(queries.bootstrap).toBeUndefined();
      const f1 = buildSliceTable({
        source: 't',
        columns,
        roles,
        metric: 'f1',
        features: [{ column: 'region' }],
        replicates: 50,
        edges: {},
      });
      const run = async () => {
        const b = {
          slices: rows(await engine.query(f1.bootstrap!.slices)),
          totals: rows(await engine.query(f1.bootstrap!.totals)),
          replicates: 50,
        };
        return readSliceTable(
          'f1',
          1,
          true,
          rows(await engine.query(f1.slices)),
          rows(await engine.query(f1.totals)),
          b,
        );
      };
      const first = await run();
      // F1 of a north: precision 3/3... every row has label 1: tp = right ones, fn = wrong ones: F1 = 2*3/(2*3+1) = 6/7.
      expect(first[0].value).toBeCloseTo(6 / 7, 12);
      expect(first[0].method).toBe(
        'bootstrap (50 replicates, 48 defined; p is at least 2/49 = 0.0408)',
      );
      expect(first[0].interval.low).toBeLessThanOrEqual(first[0].value);
      expect(await run()).toEqual(first);
    });

    it('bootstraps a dataset that is a view without an example id (regression: a view has no rowid)', async () => {
      await engine.query('CREATE VIEW t_no_id AS SELECT * EXCLUDE (id) FROM t');
      const { columns } = await profileTable(engine, 't_no_id');
      const withoutId = Object.fromEntries(Object.entries(roles).filter(([c]) => c !== 'id'));
      const f1 = buildSliceTable({
        source: 't_no_id',
        columns,
        roles: withoutId,
        metric: 'f1',
        features: [{ column: 'region' }],
        replicates: 20,
        edges: {},
      });
      const slices = rows(await engine.query(f1.bootstrap!.slices));
      // 20 replicates x 2 models x 2 regions, each present unless all its rows drew weight 0.
      expect(slices.length).toBeGreaterThan(70);
      expect(new Set(slices.map((r) => r.replicate)).size).toBe(20);
    });
  });
}
