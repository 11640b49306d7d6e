import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/lib/datasets/dataset';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { stackRefusal } from '../../src/lib/datasets/stack-groups';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { nodeDecode } from '../../src/cli/node-decode';
import { inferRoles } from '../../src/lib/ingest/infer-roles';
import { loadFile } from '../../src/lib/ingest/load-file';
import type { LoadedTable } from '../../src/lib/ingest/load-file';
import { fixtureRows, FIXTURES, loadFixtures } from '../helpers/load-fixtures';
import { readFileSync } from 'node:fs';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(() => engine.close());

const MODELS = ['model-a', 'model-b', 'model-c'];
const HUMANS = [1, 2].flatMap((s) =>
  [1, 2].map((n) => `trials/human/contrast_subject-0${s}_session-${n}.csv`),
);
const NETWORKS = ['resnet50', 'vit-b16', 'bagnet33'].map(
  (m) => `trials/networks/contrast_${m}.csv`,
);
const roles = (tables: LoadedTable[]) =>
  new Map(tables.map((t) => [t.table, inferRoles(t.profile).roles]));

describe('stacking files', () => {
  it('three same-named files in model folders: stacked by name, the model from the folder, the optional field shown', async () => {
    const tables = await loadFixtures(
      engine,
      MODELS.map((m) => `results/${m}/default/out.json`),
    );
    const plans = planDatasets(tables);
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan.title).toBe('results/*/default/out.json (3 files)');
    expect(plan.stack?.column).toBe('model');
    expect(plan.stack?.files.map((f) => [f.label, f.lacks])).toEqual([
      ['model-a', ['meta.cached']],
      ['model-b', ['meta.cached']],
      ['model-c', []],
    ]);
    const dataset = await buildDataset(engine, plan);
    expect(dataset.roles.model).toBe('model');
    expect(dataset.guess.reasons.model).toBe(
      'the part of the file paths that differs: model-a, model-b, model-c',
    );
    // Accuracy per model by hand from each file.
    if (dataset.overview.status !== 'ok') throw new Error(JSON.stringify(dataset.overview));
    for (const model of MODELS) {
      const records = JSON.parse(
        readFileSync(`${FIXTURES}results/${model}/default/out.json`, 'utf8'),
      ) as { answer: string; prediction: string }[];
      const row = dataset.overview.rows.find((r) => r.model === model)!;
      expect(row.n).toBe(records.length);
      expect(row.estimate).toBeCloseTo(
        records.filter((r) => r.answer === r.prediction).length / records.length,
        12,
      );
    }
  });

  it('per-trial files where the observer is a column: the model is the column constant within each file', async () => {
    const tables = await loadFixtures(engine, HUMANS);
    const [plan] = planDatasets(tables);
    expect(plan.stack?.column).toBe('file');
    expect(plan.roles?.subj).toEqual({
      role: 'model',
      reason: 'constant within each file and different between them: 2 values over 4 files',
    });
    const dataset = await buildDataset(engine, plan);
    expect(dataset.roles.subj).toBe('model');
    expect(dataset.roles.file).toBe('group');
    if (dataset.overview.status !== 'ok') throw new Error(JSON.stringify(dataset.overview));
    expect(dataset.overview.rows.map((r) => r.model)).toEqual(['subject-01', 'subject-02']);
  });

  it('human and network files are not stacked on their own, the differing columns named; stacked by choice, a model per observer', async () => {
    const tables = await loadFixtures(engine, [...HUMANS, ...NETWORKS]);
    const plans = planDatasets(tables);
    expect(plans.map((p) => p.files?.length)).toEqual([4, 3]);
    const left = plans[0].leftOut ?? [];
    expect(left.map((l) => l.fileName)).toEqual(NETWORKS);
    expect(left[0].reason).toBe(
      'it has 12 columns "p_airplane", "p_bear", "p_bicycle", "p_bird", "logit_airplane", "logit_bear" and 6 more that these files lack; it lacks 2 columns "time", "rt".',
    );
    const [stacked] = planDatasets(tables, [{ files: [...HUMANS, ...NETWORKS], stack: true }]);
    const dataset = await buildDataset(engine, stacked);
    expect(dataset.roles.subj).toBe('model');
    expect(dataset.profile.rows).toBe(4 * 64 + 3 * 128);
    if (dataset.overview.status !== 'ok') throw new Error(JSON.stringify(dataset.overview));
    const rows = [...HUMANS, ...NETWORKS].flatMap((f) => fixtureRows(f));
    for (const model of ['subject-01', 'subject-02', 'resnet50', 'vit-b16', 'bagnet33']) {
      const mine = rows.filter((r) => r.subj === model);
      const row = dataset.overview.rows.find((r) => r.model === model)!;
      expect(row.n).toBe(mine.length);
      expect(row.estimate).toBeCloseTo(
        mine.filter((r) => r.object_response === r.category).length / mine.length,
        12,
      );
    }
  });

  it('a category constant within each file is noted, not taken as the model (BBQ: a file per bias category)', async () => {
    const csv = (category: string) =>
      `example_id,category,label,prediction\n${[1, 2, 3].map((i) => `${i},${category},${i % 2},1`).join('\n')}\n`;
    const tables = [];
    for (const category of ['age', 'race'])
      tables.push(
        await loadFile(
          { engine, decode: nodeDecode },
          { name: `preds_${category}.csv`, blob: new Blob([csv(category)]) },
          `preds_${category}`,
          () => {},
        ),
      );
    const [plan] = planDatasets(tables);
    expect(plan.stack?.column).toBe('model');
    expect(plan.roles?.category).toBeUndefined();
    expect(plan.notes).toContain(
      '"category" is constant within each file (2 values): give it the role "model" if it names who made the rows.',
    );
  });

  it('CSVs in per-model folders whose headers differ only in case: one column each, said, the model and config from the folders', async () => {
    const files = {
      'runs/m1/greedy/out.csv': 'example_id,Session,label,prediction\n1,1,a,a\n2,1,b,a\n',
      'runs/m2/greedy/out.csv': 'example_id,session,label,prediction\n1,2,a,a\n2,2,b,b\n',
      'runs/m2/sampled/out.csv': 'example_id,SESSION,label,prediction\n1,3,a,b\n2,3,b,b\n',
    };
    const tables = [];
    for (const [name, text] of Object.entries(files))
      tables.push(
        await loadFile(
          { engine, decode: nodeDecode },
          { name, blob: new Blob([text]) },
          `t${tables.length}`,
          () => {},
        ),
      );
    const [plan] = planDatasets(tables);
    expect(plan.notes).toContain(
      'Columns whose names differ only in case between the files were stacked as one (SQL names ignore case): "Session" / "session" / "SESSION".',
    );
    expect(plan.notes).toContain(
      'Per-model folders (runs/<model>/<config>/out.csv): path segment 2 became "model" (m1, m2), segment 3 "config" (greedy, sampled).',
    );
    const dataset = await buildDataset(engine, plan);
    expect(dataset.profile.columns.map((c) => c.name)).toEqual([
      'example_id',
      'Session',
      'label',
      'prediction',
      'model',
      'config',
    ]);
    const sessions = await engine.query(
      `SELECT model, config, sum("Session")::INTEGER AS s FROM ${plan.name} GROUP BY ALL ORDER BY ALL`,
    );
    expect(sessions.toArray().map((r) => r.toJSON())).toEqual([
      { model: 'm1', config: 'greedy', s: 2 },
      { model: 'm2', config: 'greedy', s: 4 },
      { model: 'm2', config: 'sampled', s: 6 },
    ]);
    if (dataset.overview.status !== 'ok') throw new Error(JSON.stringify(dataset.overview));
    expect(dataset.overview.rows.map((r) => [r.model, r.n, r.estimate])).toEqual([
      ['m1 · greedy', 2, 0.5],
      ['m2 · greedy', 2, 1],
      ['m2 · sampled', 2, 0.5],
    ]);
  });

  it('a choice keeps each file of a stack apart', async () => {
    const tables = await loadFixtures(engine, HUMANS);
    const plans = planDatasets(tables, [{ files: HUMANS, stack: false }]);
    expect(plans.map((p) => p.files)).toEqual(HUMANS.map((f) => [f]));
    expect(plans[0].leftOut?.[0].reason).toBe('it was kept apart by a choice in this notebook.');
  });

  it('a stack of files that share no role columns is refused, naming the files', async () => {
    const tables = await loadFixtures(engine, ['risk-scores.csv', 'testbed.csv']);
    expect(stackRefusal(tables, roles(tables))).toBe(
      'Cannot stack risk-scores.csv (id:person_id), testbed.csv (model:model): they share no label, prediction, outcome, id or model column, so their rows would measure nothing in common. Give the columns the same names and roles first.',
    );
    const humans = await loadFixtures(engine, [HUMANS[0], NETWORKS[0]]);
    expect(stackRefusal(humans, roles(humans))).toBeNull();
  });
});
