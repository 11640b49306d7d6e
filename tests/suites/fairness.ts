import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../helpers/rows';
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
import type { Engine } from '../../src/lib/engine/engine';
import { ratioInterval } from '../../src/lib/stats/ratio-interval';
import { newcombeDifference } from '../../src/lib/stats/newcombe';
import { normalQuantile } from '../../src/lib/stats/normal';
import { seeded } from '../unit/discover-helpers';
import { fairnessDefaults, type FairnessCell } from '../../src/lib/cells/fairness/fairness-cell';
import { runFairnessCell } from '../../src/lib/cells/fairness/run-fairness-cell';
import { datasetOf, runContext } from '../helpers/run-cell';
import type { EngineFactory } from '../engines';

/** The fairness suite, run once per engine (tests/engines.ts). */
export function fairnessSuite(factory: EngineFactory): void {
  let engine: Engine;
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
    engine = await factory.create();
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

    it('with no events on a side: the adjusted log interval, one half added to each count and each n', () => {
      // ln((0.5/10.5)/(3.5/10.5)) +- z sqrt(1/0.5 - 1/10.5 + 1/3.5 - 1/10.5), worked in python.
      const r = ratioInterval(0, 10, 3, 10);
      expect(r.low).toBeCloseTo(0.008371, 5);
      expect(r.high).toBeCloseTo(2.437872, 5);
      // Written again from Fagerland, Lydersen & Laake's adjusted log interval, on their CHRNA4
      // genotype table (0 of 16 vs 15 of 72); Haldane's correction (0.5 in each of the four cells,
      // so n + 1) gives a different interval.
      const adjusted = (
        x1: number,
        n1: number,
        x2: number,
        n2: number,
        add: number,
        addN: number,
      ) => {
        const estimate = (x1 + add) / (n1 + addN) / ((x2 + add) / (n2 + addN));
        const se = Math.sqrt(1 / (x1 + add) + 1 / (x2 + add) - 1 / (n1 + addN) - 1 / (n2 + addN));
        return [
          estimate * Math.exp(-1.959963984540054 * se),
          estimate * Math.exp(1.959963984540054 * se),
        ];
      };
      const chrna4 = ratioInterval(0, 16, 15, 72);
      const [low, high] = adjusted(0, 16, 15, 72, 0.5, 0.5);
      expect(chrna4.low).toBeCloseTo(low, 12);
      expect(chrna4.high).toBeCloseTo(high, 12);
      const [haldaneLow, haldaneHigh] = adjusted(0, 16, 15, 72, 0.5, 1);
      expect(Math.abs(haldaneLow / chrna4.low - 1)).toBeGreaterThan(0.01);
      expect(Math.abs(haldaneHigh / chrna4.high - 1)).toBeGreaterThan(0.01);
    });
  });

  describe('which decisions count as positive', () => {
    it('issue 16 case 5: a decision column with more than two values asks which values are positive', async () => {
      // A 1-10 risk decile beside a 0/1 label: read as a class, "positive" was decile = 1.
      const deciles = [
        ['a', 1, 9],
        ['a', 0, 2],
        ['a', 1, 7],
        ['a', 0, 1],
        ['a', 0, 8],
        ['a', 1, 4],
        ['b', 1, 10],
        ['b', 0, 1],
        ['b', 0, 1],
        ['b', 1, 6],
        ['b', 0, 3],
        ['b', 1, 1],
      ];
      const values = deciles.map(
        ([g, y, d], i) => `(${i}, '${g}', ${y}, ${d}, '${Number(d) >= 5 ? 'approve' : 'deny'}')`,
      );
      await engine.query(
        `CREATE TABLE deciles AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, grp, label, decile, verdict)`,
      );
      const roles = {
        id: 'id',
        grp: 'group',
        label: 'label',
        decile: 'prediction',
        verdict: 'group',
      } as const;
      const dataset = await datasetOf(engine, 'deciles', roles, 'binary');
      const run = (patch: Partial<FairnessCell>) =>
        runFairnessCell(
          {
            id: 'f',
            name: 'fairness_1',
            collapsed: false,
            kind: 'fairness',
            ...fairnessDefaults(),
            dataset: 'deciles',
            features: ['grp'],
            ...patch,
          },
          runContext(engine, [dataset]),
        );
      expect(await run({})).toEqual({
        status: 'missing',
        message:
          'The decision column decile holds 9 values, not the classes of label: pick the values that mean a positive decision, or read it as a score with a threshold.',
        decisionValues: ['1', '2', '3', '4', '6', '7', '8', '9', '10'],
      });
      const picked = await run({ positiveDecisions: ['7', '8', '9', '10'] });
      if (picked.status !== 'fairness') throw new Error(JSON.stringify(picked));
      // By hand: a has deciles 9, 7, 8 of 6 at 7 or above; b has 10 of 6.
      expect(
        picked.groups.map((g) => [
          g.values[0],
          g.rates.selection.successes,
          g.rates.selection.trials,
        ]),
      ).toEqual([
        ['a', 3, 6],
        ['b', 1, 6],
      ]);
      // a's positives (labels 1: deciles 9, 7, 4): 2 selected.
      expect(picked.groups[0].rates.tpr.successes).toBe(2);
      expect(picked.decisionValues).toEqual(['1', '2', '3', '4', '6', '7', '8', '9', '10']);
      // Two values, neither a class of the label: which one is positive is asked too.
      const verdict = await run({ decision: 'verdict' });
      expect(verdict).toMatchObject({ status: 'missing', decisionValues: ['approve', 'deny'] });
      const approve = await run({ decision: 'verdict', positiveDecisions: ['approve'] });
      if (approve.status !== 'fairness') throw new Error(JSON.stringify(approve));
      expect(approve.groups.map((g) => g.rates.selection.successes)).toEqual([3, 2]);
      // A prediction of the label's own classes needs no choice.
      const plain = await run({ decision: 'label' });
      expect(plain.status).toBe('fairness');
    });
  });

  describe('max − min across groups', () => {
    /** A group from its counts: every row labelled and decided, `selected` of them positive. */
    const group = (name: string, selected: number, n: number, tp = selected, fn = 0) =>
      readFairnessGroups(
        [
          {
            group_0: name,
            rows: n,
            decided: n,
            selected,
            tp,
            fp: selected - tp,
            fn,
            tn: n - selected - fn,
          },
        ],
        1,
      )[0];

    it('issue 16: the extremes are picked after looking, so the interval covers every pair at once (Bonferroni)', () => {
      const groups = [group('a', 20, 50), group('b', 35, 60), group('c', 10, 40)];
      const range = disparityRange(groups)!;
      // Worked again here: z for 95% over the 3 pairs, each ordered pair's interval, then the
      // largest lower and upper ends for max − min, the smallest for min / max.
      const z = normalQuantile(1 - 0.05 / (2 * 3));
      const rates = groups.map((g) => g.rates.selection);
      const pairs = rates.flatMap((p, i) => rates.filter((_, j) => j !== i).map((q) => [p, q]));
      const differences = pairs.map(([p, q]) =>
        newcombeDifference(p.successes, p.trials, q.successes, q.trials, z),
      );
      const ratios = pairs.map(([p, q]) =>
        ratioInterval(p.successes, p.trials, q.successes, q.trials, z),
      );
      expect(range.parityDifference.value).toBeCloseTo(35 / 60 - 10 / 40, 12);
      expect(range.parityDifference.interval.low).toBeCloseTo(
        Math.max(0, ...differences.map((d) => d.low)),
        12,
      );
      expect(range.parityDifference.interval.high).toBeCloseTo(
        Math.max(...differences.map((d) => d.high)),
        12,
      );
      expect(range.parityRatio.value).toBeCloseTo(10 / 40 / (35 / 60), 12);
      expect(range.parityRatio.interval.low).toBeCloseTo(Math.min(...ratios.map((r) => r.low)), 12);
      expect(range.parityRatio.interval.high).toBeCloseTo(
        Math.min(1, ...ratios.map((r) => r.high)),
        12,
      );
    });

    it('issue 16: with equal rates, the max − min interval holds the true 0 at least 95% of the time', () => {
      // Five groups of 60 with the same selection rate 0.3: the true max − min is 0. The interval
      // of the two extreme groups alone (picked after looking) holds it far less often.
      const random = seeded(5);
      const binomial = (n: number, p: number) => {
        let k = 0;
        for (let i = 0; i < n; i++) if (random() < p) k++;
        return k;
      };
      const runs = 2000;
      let held = 0;
      for (let run = 0; run < runs; run++) {
        const groups = ['a', 'b', 'c', 'd', 'e'].map((name) => group(name, binomial(60, 0.3), 60));
        if (disparityRange(groups)!.parityDifference.interval.low <= 0) held++;
      }
      expect(held / runs).toBeGreaterThanOrEqual(0.95);
    });
  });
}
