import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { CompareCell } from '../../src/lib/cells/compare/compare-cell';
import { runCompareCell } from '../../src/lib/cells/compare/run-compare-cell';
import { compositeIdSql } from '../../src/lib/datasets/composite-id';
import { buildDataset, type Dataset } from '../../src/lib/datasets/dataset';
import { MAX_ID_COLUMNS, setExampleId } from '../../src/lib/datasets/dataset-edits';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { fixtureRows, loadFixtures } from '../helpers/load-fixtures';

// bbq/{age,gender,race}.csv: two models' answers per file; example_id restarts at 0 in each file.
const FILES = ['age', 'gender', 'race'].map((c) => `bbq/${c}.csv`);
let engine: Engine;
let stacked: Dataset;

beforeAll(async () => {
  engine = await createNodeEngine();
  const plans = planDatasets(await loadFixtures(engine, FILES));
  expect(plans).toHaveLength(1);
  stacked = await buildDataset(engine, plans[0]);
});
afterAll(() => engine.close());

describe('a composite example id', () => {
  it('the stacked files name each row’s file; the id repeats once per file within a model', () => {
    expect(stacked.plan.stack?.column).toBe('file');
    expect(stacked.roles.example_id).toBe('id');
    expect(stacked.roles.model).toBe('model');
    // 20 ids per file, 3 files: each id appears 3 times per model.
    expect(stacked.idRepeats).toEqual({ id: 'example_id', within: ['model'], ids: 40, rows: 120 });
  });

  it('file + example_id is unique within each model, and the compare cell pairs on it (counted by hand)', async () => {
    const next = await setExampleId(engine, stacked, ['file', 'example_id']);
    if ('error' in next) throw new Error(next.error);
    expect(next.roles['file+example_id']).toBe('id');
    expect(next.roles.example_id).toBe('group');
    expect(next.settings.id).toEqual(['file', 'example_id']);
    expect(next.idRepeats).toMatchObject({ id: 'file+example_id', ids: 0, rows: 0 });

    const cell = createCell(emptyNotebook(), CELL_KINDS.compare, {
      dataset: next.plan.name,
      modelA: 'unifiedqa-large',
      modelB: 'unifiedqa-small',
    }) as CompareCell;
    const result = await runCompareCell(cell, {
      engine,
      dataset: (n) => (n === next.plan.name ? next : undefined),
      filter: '',
      now: () => 0,
    });
    if (result.status !== 'compare') throw new Error(JSON.stringify(result));
    let [b, c, both] = [0, 0, 0];
    for (const file of FILES) {
      const rows = fixtureRows(file);
      for (const large of rows.filter((r) => r.model === 'unifiedqa-large')) {
        const small = rows.find(
          (r) => r.model === 'unifiedqa-small' && r.example_id === large.example_id,
        )!;
        const [l, s] = [large.prediction === large.label, small.prediction === small.label];
        if (l && !s) b++;
        else if (!l && s) c++;
        else if (l && s) both++;
      }
    }
    expect(result.overall).toMatchObject({ n: 60, b, c, bothRight: both });
  });

  it('keeps different combinations apart even when a value holds the separator', async () => {
    const result = await engine.query(
      `SELECT ${compositeIdSql(['a', 'b'])} AS id FROM (VALUES ('x/y', 'z'), ('x', 'y/z'), ('x\\', '/z'), (NULL, 'z')) t(a, b)`,
    );
    const ids = result.toArray().map((r) => r.id);
    expect(ids.slice(0, 3)).toEqual(['x\\/y/z', 'x/y\\/z', 'x\\\\/\\/z']);
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    expect(ids[3]).toBeNull();
  });

  it('a column the dataset lacks is refused', async () => {
    expect(await setExampleId(engine, stacked, ['file', 'question_id'])).toEqual({
      error: 'The dataset has no column question_id.',
    });
  });

  it('more columns than the notebook file keeps are refused before anything changes', async () => {
    const nine = Array.from({ length: MAX_ID_COLUMNS + 1 }, (_, i) => `c${i}`);
    expect(await setExampleId(engine, stacked, nine)).toEqual({
      error: 'An example id of 9 columns is more than a notebook keeps (8): pick fewer.',
    });
  });
});
