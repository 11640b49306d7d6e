import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { RobustnessCell } from '../../src/lib/cells/robustness/robustness-cell';
import { runRobustnessCell } from '../../src/lib/cells/robustness/run-robustness-cell';
import type { SliceCell } from '../../src/lib/cells/slice/slice-cell';
import { runSliceCell } from '../../src/lib/cells/slice/run-slice-cell';
import { buildDataset, type Dataset } from '../../src/lib/datasets/dataset';
import { MAX_PATTERN_LENGTH, MAX_PATTERNS, setReshape } from '../../src/lib/datasets/dataset-edits';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { detectWide, parsePattern, planReshape } from '../../src/lib/datasets/reshape-wide';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import type { RunContext } from '../../src/lib/notebook/run-context';
import { fixtureRows, loadFixtures } from '../helpers/load-fixtures';

let engine: Engine;
let testbed: Dataset;
let card: Dataset;
beforeAll(async () => {
  engine = await createNodeEngine();
  const plans = planDatasets(await loadFixtures(engine, ['testbed.csv', 'model-card.csv']));
  // As a user does: the suggested patterns, applied.
  [testbed, card] = await Promise.all(
    plans.map((p) => buildDataset(engine, p, { roles: {}, reshape: p.reshape })),
  );
});
afterAll(() => engine.close());

const ctx = (d: Dataset): RunContext => ({
  engine,
  dataset: (n) => (n === d.plan.name ? d : undefined),
  filter: '',
  now: () => 0,
});

describe('name patterns', () => {
  it('read fields between literal text, a severity as a number', () => {
    const p = parsePattern('<set>.<condition>.<severity>_<variant>');
    if ('error' in p) throw new Error(p.error);
    expect(p.fields).toEqual(['set', 'condition', 'severity', 'variant']);
    expect(p.regex.exec('imagenet-c.fog.3_a')?.slice(1)).toEqual(['imagenet-c', 'fog', '3', 'a']);
    expect(p.regex.test('imagenet-c.fog.high_a')).toBe(false);
  });
  it('refuse what cannot be read, saying why', () => {
    expect(parsePattern('<condition><severity>')).toEqual({
      error:
        'The pattern <condition><severity> has two fields with nothing between them: put the text that separates them.',
    });
    expect(parsePattern('<a>.<a>')).toEqual({ error: 'The pattern <a>.<a> names <a> twice.' });
    expect(parsePattern('acc@v1')).toEqual({
      error: 'The pattern acc@v1 has no field: name the parts as <condition>.',
    });
    expect(parsePattern('<1x>.<y>')).toMatchObject({
      error: expect.stringContaining('not a field'),
    });
  });
});

describe('a table of models x evaluation sets', () => {
  it('is found and read by its column names: corruptions by one pattern, the shift variants by another, val on its own', async () => {
    // Suggested, not applied: as loaded, the table stays one row per model.
    const wide = await buildDataset(engine, { ...testbed.plan, name: 'ds_testbed_as_loaded' });
    expect(wide.profile.rows).toBe(6);
    expect(testbed.plan.reshape).toEqual([
      '<set>.<condition>.<severity>_<variant>',
      '<condition>-<variant>',
    ]);
    expect(testbed.reshape?.unmatched).toEqual(['val']);
    // 6 models x 15 value columns.
    expect(testbed.profile.rows).toBe(90);
    expect(testbed.roles).toMatchObject({
      model: 'model',
      condition: 'condition',
      severity: 'severity',
      variant: 'group',
      set: 'group',
      value: 'outcome',
    });
  });

  it('gives effective robustness against the chosen in-distribution column (a second least squares by hand)', async () => {
    const cell = createCell(emptyNotebook(), CELL_KINDS.robustness, {
      dataset: testbed.plan.name,
      inDistribution: 'condition:val',
      shifted: 'condition:v2',
    }) as RobustnessCell;
    const result = await runRobustnessCell(cell, ctx(testbed));
    if (result.status !== 'robustness') throw new Error(JSON.stringify(result));
    expect(result.analysis.curves.conditions).toEqual(['fog', 'noise']);
    expect(result.analysis.curves.order).toEqual(['1', '3', '5']);
    const effective = result.analysis.effective;
    if (effective.status !== 'ok') throw new Error(JSON.stringify(effective));
    const logit = (p: number) => Math.log(p / (1 - p));
    const rows = fixtureRows('testbed.csv');
    const xs = rows.map((r) => logit(Number(r.val)));
    const ys = rows.map((r) => logit((Number(r['v2-matched']) + Number(r['v2-threshold'])) / 2));
    const [mx, my] = [xs, ys].map((v) => v.reduce((s, x) => s + x, 0) / v.length);
    const slope =
      xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) /
      xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const intercept = my - slope * mx;
    expect(effective.slope).toBeCloseTo(slope, 10);
    for (const [i, r] of rows.entries()) {
      const point = effective.points.find((p) => p.model === r.model)!;
      expect(point.residual).toBeCloseTo(ys[i] - (slope * xs[i] + intercept), 10);
    }
  });

  it('a pattern that matches no column is refused, and nothing changes; one of two unused is said', async () => {
    expect(await setReshape(engine, testbed, ['<benchmark>:<corruption>'])).toEqual({
      error:
        'No column name matches <benchmark>:<corruption> (the columns are val, v2-matched, v2-threshold, imagenet-c.fog.1_a, imagenet-c.fog.1_b, ...).',
    });
    const next = await setReshape(engine, testbed, [
      '<set>.<condition>.<severity>_<variant>',
      '<a>:<b>',
    ]);
    if ('error' in next) throw new Error(next.error);
    expect(next.warnings).toContain('The pattern <a>:<b> matches no column.');
    expect(next.reshape?.unmatched).toEqual(['val', 'v2-matched', 'v2-threshold']);
    const wide = await setReshape(engine, testbed, []);
    if ('error' in wide) throw new Error(wide.error);
    expect(wide.profile.rows).toBe(6);
    await buildDataset(engine, testbed.plan, testbed.settings);
  });

  it('more or longer patterns than the notebook file keeps are refused', async () => {
    const many = Array.from({ length: MAX_PATTERNS + 1 }, (_, i) => `<set>.<condition>.${i}`);
    expect(await setReshape(engine, testbed, many)).toEqual({
      error: '21 patterns are more than a notebook keeps (20): merge some.',
    });
    const long = `<set>.${'x'.repeat(MAX_PATTERN_LENGTH)}`;
    expect(await setReshape(engine, testbed, [long])).toMatchObject({
      error: expect.stringContaining('is longer than 500 characters'),
    });
  });
});

describe('a model card of subgroups x <metric>@<version>', () => {
  it('becomes a row per subgroup x version with a column per metric, for the slice table', async () => {
    expect(
      detectWide(card.plan.profile ?? (await buildDataset(engine, card.plan)).profile),
    ).toEqual(['<metric>@<version>']);
    expect(card.profile.columns.map((c) => c.name)).toEqual([
      'subgroup',
      'version',
      'accuracy',
      'f1',
    ]);
    expect(card.profile.rows).toBe(10);
    expect(card.roles).toMatchObject({ subgroup: 'group', version: 'group', accuracy: 'outcome' });
    const cell = createCell(emptyNotebook(), CELL_KINDS.slice, {
      dataset: card.plan.name,
      features: [{ column: 'subgroup' }, { column: 'version' }],
      replicates: 20,
    }) as SliceCell;
    const result = await runSliceCell(cell, ctx(card));
    if (result.status !== 'slices') throw new Error(JSON.stringify(result));
    for (const r of fixtureRows('model-card.csv'))
      for (const version of ['v1', 'v2']) {
        const row = result.rows.find((x) => x.values[0] === r.subgroup && x.values[1] === version)!;
        expect(row.value).toBeCloseTo(Number(r[`accuracy@${version}`]), 12);
        expect(row.n).toBe(1);
      }
  });

  it('planReshape keeps the text columns on every row', () => {
    const r = planReshape(
      {
        rows: 2,
        columns: [
          {
            name: 'subgroup',
            sqlType: 'VARCHAR',
            kind: 'text',
            distinct: 2,
            nonNull: 2,
            min: null,
            max: null,
            wholeNumbers: false,
            meanLength: 3,
          },
          {
            name: 'acc@v1',
            sqlType: 'DOUBLE',
            kind: 'number',
            distinct: 2,
            nonNull: 2,
            min: 0.1,
            max: 0.9,
            wholeNumbers: false,
            meanLength: null,
          },
        ],
      },
      ['<metric>@<version>'],
    );
    expect(r).toMatchObject({ keep: ['subgroup'], fields: ['metric', 'version'], unmatched: [] });
  });
});
