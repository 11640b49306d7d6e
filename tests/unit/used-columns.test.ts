import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KINDS, type KnownCell } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import { usedColumns, type DatasetUse } from '../../src/lib/report/used-columns';

/**
 * Which columns a report ships, decided by what DuckDB binds (issue 15): a column named only as a
 * word (in a chart spec, a string, a comment, or the SQL keyword END) does not go with the report.
 */
const columns = [
  ...['model', 'question_id', 'category', 'src', 'answer', 'pred', 'correct'],
  ...['notes', 'name', 'end'],
];
const tables = [{ table: 'mmlu', columns }];
const plain: DatasetUse = {
  name: 'ds_mmlu',
  select: 'SELECT * FROM "mmlu"',
  sources: ['mmlu'],
  roles: {
    model: 'model',
    question_id: 'id',
    category: 'group',
    src: 'group',
    answer: 'label',
    pred: 'prediction',
    correct: 'outcome',
    notes: 'ignore',
    name: 'group',
    end: 'group',
  },
};

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(
    `CREATE TABLE mmlu AS SELECT 'm' AS model, 1 AS question_id, 'law' AS category, 'ori' AS src,
       'A' AS answer, 'A' AS pred, 1 AS correct, 'n' AS notes, 'Ada Lovelace' AS name, 3 AS "end"`,
  );
  await engine.query('CREATE VIEW ds_mmlu AS SELECT * FROM "mmlu"');
});
afterAll(() => engine.close());

let nextId = 0;
const cell = (kind: string, name: string, settings: object) =>
  ({ id: `c${nextId++}`, name, kind, collapsed: false, ...settings }) as unknown as KnownCell;
const sql = (name: string, text: string) => cell('sql', name, { sql: text });
const notebookWith = (cells: KnownCell[], filter = ''): Notebook => ({
  ...emptyNotebook(),
  cells,
  filter,
});

async function shipped(notebook: Notebook, datasets = [plain]): Promise<string[]> {
  const use = await usedColumns(engine, notebook, CELL_KINDS, tables, datasets);
  return columns.filter((c) => use.readers.get('mmlu')?.has(c));
}

describe('usedColumns', () => {
  it('ships the role columns and the features a cell names; no feature nothing reads', async () => {
    const slice = cell('slice', 's', {
      dataset: 'ds_mmlu',
      metric: '',
      features: [{ column: 'category' }],
      replicates: 200,
    });
    // By hand: five role columns and category; src, notes, name and end go.
    expect(await shipped(notebookWith([slice]))).toEqual([
      ...['model', 'question_id', 'category', 'answer', 'pred', 'correct'],
    ]);
  });

  it('ships what the global filter binds, for the datasets the analyses read', async () => {
    const overview = cell('overview', 'o', { dataset: 'ds_mmlu' });
    expect(await shipped(notebookWith([overview], `"SRC" LIKE 'ori%'`))).toContain('src');
  });

  it('does not ship a column named only in a chart spec, a string, a comment or as END', async () => {
    const query = sql(
      'by_notes',
      [
        "-- group by name? no: by notes, and 'src' is only a string",
        "SELECT notes, 'src' AS label, CASE WHEN correct = 1 THEN 'right' ELSE 'wrong' END AS result",
        'FROM ds_mmlu',
      ].join('\n'),
    );
    await engine.query(
      `CREATE TABLE by_notes AS SELECT 'n' AS notes, 'x' AS label, 'right' AS result`,
    );
    const chart = cell('chart', 'chart_1', {
      source: 'by_notes',
      spec: JSON.stringify({
        data: { name: 'result' },
        mark: 'bar',
        encoding: { x: { field: 'name' } },
      }),
    });
    const note = cell('markdown', 'm', { text: 'notes on src, name and end' });
    const found = await shipped(notebookWith([note, query, chart]));
    expect(found).toEqual(['model', 'question_id', 'answer', 'pred', 'correct', 'notes']);
    expect(found).not.toContain('end');
    expect(found).not.toContain('name');
    expect(found).not.toContain('src');
  });

  it('ships the column "end" when a query reads it', async () => {
    expect(
      await shipped(notebookWith([sql('q', 'SELECT max("end") AS last FROM mmlu')])),
    ).toContain('end');
  });

  it('ships every column of a table read with * or through a stacked dataset', async () => {
    expect(
      await shipped(notebookWith([sql('q', 'SELECT * FROM ds_mmlu WHERE correct = 1')])),
    ).toEqual(columns);
    const stacked = {
      ...plain,
      select: 'SELECT * FROM mmlu UNION ALL BY NAME SELECT * FROM other',
    };
    expect(await shipped(notebookWith([]), [stacked])).toEqual(columns);
  });

  it('says which cells it could not read, and leaves the notebook’s tables as they were', async () => {
    const use = await usedColumns(
      engine,
      notebookWith([sql('broken', 'SELECT nope FROM mmlu'), sql('q', 'SELECT src FROM mmlu')]),
      CELL_KINDS,
      tables,
      [plain],
    );
    expect(use.unreadable).toEqual(['broken']);
    expect(use.readers.get('mmlu')?.get('src')).toEqual(['q']);
    const all = await engine.query('SELECT * FROM mmlu');
    expect(all.schema.fields.map((f) => f.name)).toEqual(columns);
  });

  it('ships the features of a baseline cell from the baseline run’s table too', async () => {
    await engine.query('CREATE TABLE mmlu_old AS SELECT * FROM mmlu');
    const old: DatasetUse = {
      ...plain,
      name: 'ds_mmlu_old',
      select: 'SELECT * FROM "mmlu_old"',
      sources: ['mmlu_old'],
    };
    const compared = cell('baseline', 'against', {
      dataset: 'ds_mmlu',
      baseline: 'ds_mmlu_old',
      run: '',
      candidateRun: '',
      baselineRun: '',
      features: [{ column: 'category' }],
      maxQ: 0.05,
      minDrop: 0.01,
    });
    const use = await usedColumns(
      engine,
      notebookWith([compared]),
      CELL_KINDS,
      [...tables, { table: 'mmlu_old', columns }],
      [plain, old],
    );
    for (const table of ['mmlu', 'mmlu_old'])
      expect(use.readers.get(table)?.get('category'), table).toEqual(['against']);
    expect(use.readers.get('mmlu_old')?.has('src')).toBe(false);
  });
});
