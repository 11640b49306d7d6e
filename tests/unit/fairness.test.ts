import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFairnessQuery } from '../../src/lib/cells/fairness/build-fairness';
import { distinctValuesSql } from '../../src/lib/slicing/distinct-values';
import {
  disparityAgainst,
  disparityRange,
  referenceGroup,
} from '../../src/lib/cells/fairness/disparity';
import { fairnessCsv } from '../../src/lib/cells/fairness/fairness-csv';
import { readFairnessGroups } from '../../src/lib/cells/fairness/read-fairness';
import { fairnessChartSpec } from '../../src/lib/cells/fairness/fairness-chart';
import { parseChartSpec } from '../../src/lib/charts/chart-spec';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { ratioInterval } from '../../src/lib/stats/ratio-interval';

let engine: Engine;
const rows = (t: import('apache-arrow').Table) =>
  t.toArray().map((r) => r.toJSON() as Record<string, unknown>);

/**
 * Model m1, group x: tp 8, fp 2, fn 2, tn 8, and one unlabelled row predicted positive (21 rows).
 * Group y: tp 3, fp 6, fn 3, tn 18 (30 rows). Model m2's rows (all positive) must not count.
 * Scores: 0.7 where predicted positive, 0.3 elsewhere. Worked by hand (python, formulas of
 * Wilson 1927, Newcombe 1998 method 10, Katz et al. 1978): selection x = 11/21, Wilson
 * 0.323695-0.716560; FPR y = 6/24, Wilson 0.119994-0.448994; x vs y (the reference, the largest
 * group): parity difference 11/21 - 9/30 = 0.223810, Newcombe -0.044519-0.458193; parity ratio
 * 1.746032, Katz 0.882832-3.453234; FPR ratio 0.2/0.25 = 0.8, Katz 0.193346-3.310123; FNR ratio
 * 0.2/0.5 = 0.4, Katz 0.091474-1.749127; equalized odds max(|0.8 - 0.5|, |0.2 - 0.25|) = 0.3, the
 * gaps at z = 2.241403 (97.5%): TPR -0.188003-0.670104, FPR -0.324374-0.329975, so 0-0.670104.
 */
beforeAll(async () => {
  engine = await createNodeEngine();
  const values: string[] = [];
  let id = 0;
  const add = (group: string, label: string, prediction: number, count: number, model = 'm1') => {
    for (let i = 0; i < count; i++)
      values.push(
        `(${id++}, '${model}', '${group}', ${label}, ${prediction}, ${prediction ? 0.7 : 0.3})`,
      );
  };
  add('x', '1', 1, 8);
  add('x', '0', 1, 2);
  add('x', '1', 0, 2);
  add('x', '0', 0, 8);
  add('x', 'NULL', 1, 1);
  add('y', '1', 1, 3);
  add('y', '0', 1, 6);
  add('y', '1', 0, 3);
  add('y', '0', 0, 18);
  add('x', '0', 1, 5, 'm2');
  await engine.query(
    `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, "race group", label, prediction, score)`,
  );
});
afterAll(() => engine.close());

const base = { source: 't', label: 'label', features: ['race group'] };
const model = { column: 'model', value: 'm1' };

describe('fairness', () => {
  it('counts each group and gives its rates with Wilson intervals', async () => {
    const query = buildFairnessQuery({ ...base, decision: { column: 'prediction' }, model });
    const groups = readFairnessGroups(rows(await engine.query(query)), 1);
    expect(groups.map((g) => [g.values[0], g.rows, g.n])).toEqual([
      ['x', 21, 20],
      ['y', 30, 30],
    ]);
    const [x, y] = groups;
    expect(x.tooSmall).toBe(true);
    expect(y.tooSmall).toBe(false);
    expect(x.rates.selection.value).toBeCloseTo(11 / 21, 12);
    expect(x.rates.selection.interval.low).toBeCloseTo(0.323695, 5);
    expect(x.rates.selection.interval.high).toBeCloseTo(0.71656, 5);
    expect(
      [x.rates.base, x.rates.tpr, x.rates.fpr, x.rates.fnr, x.rates.ppv, x.rates.accuracy].map(
        (r) => r.value,
      ),
    ).toEqual([0.5, 0.8, 0.2, 0.2, 0.8, 0.8]);
    expect(y.rates.fpr.value).toBe(0.25);
    expect(y.rates.fpr.interval.low).toBeCloseTo(0.119994, 5);
    expect(y.rates.fpr.interval.high).toBeCloseTo(0.448994, 5);
    expect(y.rates.ppv.value).toBeCloseTo(3 / 9, 12);
  });

  it('crosses two sensitive features into intersections', async () => {
    const query = buildFairnessQuery({
      ...base,
      features: ['race group', 'model'],
      decision: { column: 'prediction' },
    });
    const groups = readFairnessGroups(rows(await engine.query(query)), 2);
    expect(groups.map((g) => [...g.values, g.rows])).toEqual([
      ['x', 'm1', 21],
      ['x', 'm2', 5],
      ['y', 'm1', 30],
    ]);
  });

  it('reads a score against a threshold, and a chosen positive class', async () => {
    const at = (threshold: number) =>
      buildFairnessQuery({ ...base, decision: { column: 'score', threshold }, model });
    const half = readFairnessGroups(rows(await engine.query(at(0.5))), 1);
    expect(half.map((g) => g.rates.selection.successes)).toEqual([11, 9]);
    const high = readFairnessGroups(rows(await engine.query(at(0.8))), 1);
    expect(high.map((g) => g.rates.selection.successes)).toEqual([0, 0]);
    // Class 0 as the positive one: x's positives are its 10 rows labelled 0, 8 of them predicted 0.
    const query = buildFairnessQuery({
      ...base,
      decision: { column: 'prediction' },
      model,
      positive: '0',
    });
    const [x] = readFairnessGroups(rows(await engine.query(query)), 1);
    expect([x.rates.base.successes, x.rates.tpr.successes, x.rates.tpr.trials]).toEqual([
      10, 8, 10,
    ]);
    const classes = rows(await engine.query(distinctValuesSql('t', 'label', true)));
    expect(classes.map((r) => r.value)).toEqual(['0.0', '1.0']);
  });

  it('gives disparities against the largest group and max − min, with intervals', async () => {
    const query = buildFairnessQuery({ ...base, decision: { column: 'prediction' }, model });
    const groups = readFairnessGroups(rows(await engine.query(query)), 1);
    const reference = referenceGroup(groups, '')!;
    expect(reference.values).toEqual(['y']);
    const d = disparityAgainst(groups[0], reference);
    expect(d.parityDifference.value).toBeCloseTo(0.22381, 5);
    expect(d.parityDifference.interval.low).toBeCloseTo(-0.044519, 5);
    expect(d.parityDifference.interval.high).toBeCloseTo(0.458193, 5);
    expect(d.parityRatio.value).toBeCloseTo(1.746032, 5);
    expect(d.parityRatio.interval.low).toBeCloseTo(0.882832, 5);
    expect(d.parityRatio.interval.high).toBeCloseTo(3.453234, 5);
    expect(d.fourFifths).toBe(false);
    expect(d.fprRatio.value).toBeCloseTo(0.8, 12);
    expect(d.fprRatio.interval.low).toBeCloseTo(0.193346, 5);
    expect(d.fnrRatio.interval.high).toBeCloseTo(1.749127, 5);
    expect(d.equalizedOdds.value).toBeCloseTo(0.3, 12);
    expect(d.equalizedOdds.interval.low).toBe(0);
    expect(d.equalizedOdds.interval.high).toBeCloseTo(0.670104, 5);
    // x is too small (20 labelled rows), so max − min has a single group to go on.
    expect(disparityRange(groups)).toBeNull();
    expect(referenceGroup(groups, 'x')?.values).toEqual(['x']);
  });

  it('exports the table as CSV and charts it with a valid Vega-Lite spec', async () => {
    const query = buildFairnessQuery({ ...base, decision: { column: 'prediction' }, model });
    const groups = readFairnessGroups(rows(await engine.query(query)), 1);
    const csv = fairnessCsv(groups, ['race group'], [disparityAgainst(groups[0], groups[1])]);
    const lines = csv.trim().split('\n');
    expect(lines[0].startsWith('race group,rows,n,too_small,base_rate,')).toBe(true);
    expect(lines[1].startsWith('x,21,20,true,0.5,10,20,')).toBe(true);
    expect(lines[5].startsWith('x,0.2238095238')).toBe(true);
    const spec = fairnessChartSpec(groups, ['fpr', 'fnr'], 'race group');
    expect('error' in parseChartSpec(JSON.stringify(spec))).toBe(false);
  });

  it('Katz interval adds one half to each count when a side has no events', () => {
    // ln((0.5/10.5)/(3.5/10.5)) +- z sqrt(1/0.5 - 1/10.5 + 1/3.5 - 1/10.5), worked in python.
    const r = ratioInterval(0, 10, 3, 10);
    expect(r.low).toBeCloseTo(0.008371, 5);
    expect(r.high).toBeCloseTo(2.437872, 5);
  });
});
