import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binsFor, parseEdges, quantileEdgesSql, readEdges } from '../../src/lib/slicing/binning';
import { buildSliceTable } from '../../src/lib/cells/slice/build-slice-table';
import { readSliceTable } from '../../src/lib/cells/slice/read-slice-table';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { profileTable } from '../../src/lib/ingest/profile';
import type { Role } from '../../src/lib/ingest/roles';

let engine: Engine;
const rows = (t: import('apache-arrow').Table) =>
  t.toArray().map((r) => r.toJSON() as Record<string, unknown>);

/**
 * Model a: north 3/4 right, south 3/6. Model b: north 4/4, south 5/6. Worked by hand:
 * Wilson 3/4 = 0.30064-0.95441 and Newcombe (3/4 - 3/6) = -0.29727-0.62332 (python, formulas of
 * Newcombe 1998 methods 3 and 10); Fisher two-sided for a's north vs south: the hypergeometric
 * probabilities of 0..4 successes in 4 draws from 6 of 10 are 1, 24, 90, 80, 15 (/210), so
 * p = (1 + 24 + 80 + 15)/210 = 0.571429; for b: 84, 126 (/210) for 3, 4, so p = 1.
 */
beforeAll(async () => {
  engine = await createNodeEngine();
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
    // Four right out of four: the rule of three bounds the error rate by 3/4.
    expect(bNorth.ruleOfThree).toBeCloseTo(0.75, 12);
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
    expect(first[0].method).toBe('bootstrap (50 replicates)');
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
