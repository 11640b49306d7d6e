import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepresentCell } from '../../src/lib/cells/represent/represent-cell';
import { representTables } from '../../src/lib/cells/represent/represent-tables';
import {
  runRepresentCell,
  type RepresentResult,
} from '../../src/lib/cells/represent/run-represent-cell';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import type { Dataset } from '../../src/lib/datasets/dataset';
import type { TargetMix } from '../../src/lib/notebook/target-mix';
import { datasetOf, runContext } from '../helpers/run-cell';

/**
 * The cell on native DuckDB over a fixture built to the three-slice example worked on paper in
 * tests/unit/post-stratified.test.ts: model m1 right on 90 of 100 examples in A, 30 of 50 in B,
 * 5 of 10 in C; m2 on 70, 40 and 9. Target A 20%, B 50%, C 30%.
 *   m1: test 125/160 = 0.78125, target 0.63 (interval 0.50553 to 0.739296).
 *   m2: test 119/160 = 0.74375, target 0.2·0.7 + 0.5·0.8 + 0.3·0.9 = 0.81: the order flips.
 */
const FIXTURE = `
  CREATE TABLE t AS
  SELECT r.region || '-' || i AS id, m.model, r.region, 1 AS label,
    CASE WHEN i < (CASE m.model WHEN 'm1' THEN r.c1 ELSE r.c2 END) THEN 1 ELSE 0 END AS prediction,
    (i * 7) % 100 AS age, 'cam-' || (i % 60) AS camera
  FROM (VALUES ('A', 100, 90, 70), ('B', 50, 30, 40), ('C', 10, 5, 9)) r(region, n, c1, c2),
    (VALUES ('m1'), ('m2')) m(model), range(100) x(i)
  WHERE i < r.n`;
// A production log: 1,000 rows, A 200, B 500, C 300, and ages for binning; no labels.
const PRODUCTION = `
  CREATE TABLE prod AS
  SELECT r.region, (i * 13) % 100 AS age
  FROM (VALUES ('A', 200), ('B', 500), ('C', 300)) r(region, n), range(500) x(i)
  WHERE i < r.n`;

let engine: Engine;
let dataset: Dataset;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(FIXTURE);
  await engine.query(PRODUCTION);
  await engine.query('CREATE TABLE prod_no_region AS SELECT age FROM prod');
  dataset = await datasetOf(
    engine,
    't',
    {
      id: 'id',
      model: 'model',
      label: 'label',
      prediction: 'prediction',
      region: 'group',
      age: 'group',
      camera: 'group',
    },
    'binary',
  );
}, 60_000);
afterAll(() => engine.close());

const typed = (shares: [string, number][], extra: Partial<TargetMix> = {}): TargetMix => ({
  name: 'q3_traffic',
  features: [{ column: 'region' }],
  source: 'shares',
  shares: shares.map(([v, share]) => ({ values: [v], share })),
  table: '',
  ...extra,
});

async function run(mix: TargetMix, cell: Partial<RepresentCell> = {}) {
  return runRepresentCell(
    {
      id: 'c',
      name: 'under_target',
      collapsed: false,
      kind: 'represent',
      dataset: 't',
      mix: mix.name,
      metric: '',
      models: [],
      replicates: 200,
      ...cell,
    },
    runContext(engine, [dataset], { mix: (name) => (name === mix.name ? mix : undefined) }),
  );
}

async function result(mix: TargetMix, cell: Partial<RepresentCell> = {}) {
  const r = await run(mix, cell);
  if (r.status !== 'represent') throw new Error(`${r.status}: ${'message' in r ? r.message : ''}`);
  return r as RepresentResult;
}

const model = (r: RepresentResult, name: string) => r.models.find((m) => m.model === name)!;

describe('represent cell: the paper example through SQL', () => {
  it('reweights each model to the typed target: m1 0.63 (0.50553 to 0.739296), m2 0.81; the order flips', async () => {
    const r = await result(
      typed([
        ['A', 0.2],
        ['B', 0.5],
        ['C', 0.3],
      ]),
    );
    const m1 = model(r, 'm1');
    expect(m1.test).toBeCloseTo(0.78125, 12);
    expect(m1.target).toBeCloseTo(0.63, 12);
    expect(m1.targetInterval.low).toBeCloseTo(0.50553, 5);
    expect(m1.targetInterval.high).toBeCloseTo(0.739296, 5);
    expect(m1.difference).toBeCloseTo(-0.15125, 12);
    expect(m1.differenceInterval.low).toBeCloseTo(-0.236756, 5);
    expect(m1.effectiveN).toBeCloseTo(1 / 0.0144, 9);
    expect(m1.unrepresented).toBe(0);
    const m2 = model(r, 'm2');
    expect(m2.test).toBeCloseTo(119 / 160, 12);
    expect(m2.target).toBeCloseTo(0.81, 12);
    expect(r.ranking).toMatchObject({ changed: true, testBest: ['m1'], targetBest: ['m2'] });
    expect(r.ranking.lead).toBeCloseTo(0.18, 12);
    expect(r.ranking.leadInterval.low).toBeGreaterThan(0);
    expect(r.paired).toBe(true);
  });

  it('gives the lead a paired interval by random groups, near the stratified variance of the per-example differences', async () => {
    const r = await result(
      typed([
        ['A', 0.2],
        ['B', 0.5],
        ['C', 0.3],
      ]),
    );
    // m2 − m1 per example: A −1 on 20 of 100, B +1 on 10 of 50, C +1 on 4 of 10, else 0.
    // Σ q² s²(d) / n with s² = n/(n − 1) p(1 − p):
    const exact =
      (0.2 ** 2 * (100 / 99) * 0.2 * 0.8) / 100 +
      (0.5 ** 2 * (50 / 49) * 0.2 * 0.8) / 50 +
      (0.3 ** 2 * (10 / 9) * 0.4 * 0.6) / 10;
    const half = (r.ranking.leadInterval.high - r.ranking.leadInterval.low) / 2;
    expect((r.ranking.leadInterval.high + r.ranking.leadInterval.low) / 2).toBeCloseTo(0.18, 12);
    // 50 groups estimate the variance with 49 degrees of freedom: within [0.64, 1.43] of it 95% of
    // the time; the t quantile (2.0096) is 1.025 z.
    const ratio = (half / (2.0096 * Math.sqrt(exact))) ** 2;
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.5);
    expect(r.ranking.leadMethod).toContain('50 random groups of the examples');
  });

  it('compares the mixes: goodness of fit X² = 68²/32 + 30²/80 + 38²/48 = 185.83, PSI 0.94493', async () => {
    const r = await result(
      typed([
        ['A', 0.2],
        ['B', 0.5],
        ['C', 0.3],
      ]),
    );
    const c = r.comparison;
    expect(c.slices.map((s) => [s.values[0], s.testRows, s.targetShare])).toEqual([
      ['A', 100, 0.2],
      ['B', 50, 0.5],
      ['C', 10, 0.3],
    ]);
    expect(c.slices[0].testShare).toBeCloseTo(0.625, 12);
    expect(c.slices[2].ratio).toBeCloseTo(0.3 / 0.0625, 12);
    expect(c.test).toBe('goodness of fit');
    expect(c.chiSquare.statistic).toBeCloseTo(144.5 + 11.25 + 1444 / 48, 9);
    expect(c.chiSquare.df).toBe(2);
    // (0.2 − 0.625) ln 0.32 + (0.5 − 0.3125) ln 1.6 + (0.3 − 0.0625) ln 4.8
    expect(c.psi).toBeCloseTo(0.484259 + 0.088126 + 0.372546, 5);
    expect(c.psiReading).toBe('large');
  });

  it('counted from a production table: the same shares, plus their noise from 1,000 rows; chi-square of homogeneity', async () => {
    const mix: TargetMix = { ...typed([]), source: 'table', table: 'prod' };
    const r = await result(mix);
    const m1 = model(r, 'm1');
    expect(m1.target).toBeCloseTo(0.63, 12);
    // Variance 0.0037608534 + Σ q (a − R)² / 1000 = 0.0037608534 + 0.0000201.
    const typedRun = await result(
      typed([
        ['A', 0.2],
        ['B', 0.5],
        ['C', 0.3],
      ]),
    );
    const wider = m1.targetInterval.high - m1.targetInterval.low;
    expect(wider).toBeGreaterThan(
      model(typedRun, 'm1').targetInterval.high - model(typedRun, 'm1').targetInterval.low,
    );
    expect(r.comparison.test).toBe('homogeneity');
    expect(r.comparison.targetRows).toBe(1000);
    expect(r.comparison.slices.map((s) => s.targetRows)).toEqual([200, 500, 300]);
  });

  it('a slice of the target with no test examples: 10% unrepresented, bounds 0.567 to 0.667, said in the table', async () => {
    const r = await result(
      typed([
        ['A', 0.18],
        ['B', 0.45],
        ['C', 0.27],
        ['D', 0.1],
      ]),
    );
    const m1 = model(r, 'm1');
    expect(m1.target).toBeCloseTo(0.63, 12);
    expect(m1.unrepresented).toBeCloseTo(0.1, 12);
    expect(m1.bounds!.low).toBeCloseTo(0.567, 12);
    expect(m1.bounds!.high).toBeCloseTo(0.667, 12);
    expect(r.comparison.unrepresented).toBeCloseTo(0.1, 12);
    const tables = representTables(r);
    expect(tables.mix.find((row) => row.region === 'D')).toMatchObject({
      test_rows: 0,
      target_share: 0.1,
      no_test_examples: true,
    });
    expect(tables.reweighted.find((row) => row.model === 'm1')).toMatchObject({
      unrepresented_share: 0.1,
    });
  });

  it('normalises shares that do not sum to 1 and says so; refuses a negative share', async () => {
    const r = await result(
      typed([
        ['A', 2],
        ['B', 5],
        ['C', 3],
      ]),
    );
    expect(model(r, 'm1').target).toBeCloseTo(0.63, 12);
    expect(r.notes.join(' ')).toContain('sum to 10, not 1');
    const negative = await run(
      typed([
        ['A', 0.5],
        ['B', -0.2],
        ['C', 0.7],
      ]),
    );
    expect(negative).toMatchObject({ status: 'missing' });
    expect('message' in negative && negative.message).toContain('"B" is negative (-0.2)');
  });

  it('refuses a target table without the feature columns, naming what it has', async () => {
    const r = await run({ ...typed([]), source: 'table', table: 'prod_no_region' });
    expect(r).toMatchObject({ status: 'missing' });
    expect('message' in r && r.message).toBe(
      "The target table prod_no_region has no column region (its columns: age). A target table needs the mix's feature columns, named as in the test set.",
    );
    const absent = await run({ ...typed([]), source: 'table', table: 'nowhere' });
    expect('message' in absent && absent.message).toContain('There is no table nowhere');
  });

  it('refuses a feature with more values than a mix takes (camera: 60 > 50), suggesting to group them', async () => {
    const r = await run(typed([['cam-1', 1]], { features: [{ column: 'camera' }] }));
    expect(r).toMatchObject({ status: 'missing' });
    expect('message' in r && r.message).toContain(
      'camera has 60 values; a target mix takes at most 50 per feature',
    );
  });

  it('refuses a metric that is not a sum over examples (ROC-AUC)', async () => {
    const r = await run(typed([['A', 1]]), { metric: 'roc-auc' });
    expect('message' in r && r.message).toContain('The ROC-AUC cannot be reweighted');
  });

  it('bins a numeric feature at the test set`s quantiles and counts the target in the same bins', async () => {
    const mix: TargetMix = {
      ...typed([]),
      features: [{ column: 'age', bins: 2 }],
      source: 'table',
      table: 'prod',
    };
    const r = await result(mix);
    const edge = r.edges.age[0];
    // The median of the test set's ages (per row, both models), by DuckDB; the production's
    // rows below it counted again here.
    const [{ median }] = (
      await engine.query('SELECT quantile_cont(age::DOUBLE, 0.5) AS median FROM t')
    )
      .toArray()
      .map((x) => x.toJSON());
    expect(edge).toBeCloseTo(Number(median), 12);
    const [{ below }] = (
      await engine.query(`SELECT count(*)::DOUBLE AS below FROM prod WHERE age < ${edge}`)
    )
      .toArray()
      .map((x) => x.toJSON());
    expect(r.comparison.slices.map((s) => s.targetRows)).toEqual([
      Number(below),
      1000 - Number(below),
    ]);
    expect(r.comparison.unrepresented).toBe(0);
  });

  it('a bootstrap metric (F1) reweights the slices` confusion counts, with percentile intervals', async () => {
    const r = await result(
      typed([
        ['A', 0.2],
        ['B', 0.5],
        ['C', 0.3],
      ]),
      { metric: 'f1' },
    );
    // Every label is 1: F1 = 2 TP / (2 TP + FN). m1 in A: 180/190; B 60/80; C 10/15. Reweighted
    // sums (share × 160 / n): TP 0.2·1.6·90 + 0.5·3.2·30 + 0.3·16·5 = 28.8 + 48 + 24 = 100.8,
    // FN 0.2·1.6·10 + 0.5·3.2·20 + 0.3·16·5 = 3.2 + 32 + 24 = 59.2 -> F1 = 201.6 / 260.8.
    const m1 = model(r, 'm1');
    expect(m1.target).toBeCloseTo(201.6 / 260.8, 12);
    expect(m1.method).toContain('bootstrap');
    expect(m1.targetInterval.low).toBeLessThan(m1.target);
    expect(m1.targetInterval.high).toBeGreaterThan(m1.target);
    expect(r.asRate).toBe(false);
  });
});
