import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { withFreeNames } from '../../src/lib/notebook/cell-names';
import { serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook, type Cell, type Notebook } from '../../src/lib/notebook/notebook';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import { encodeShare } from '../../src/lib/notebook/share';
import { memoryStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';
import { FAKE_ROWS, RENAMED, namedLikeTheTable } from '../helpers/named-like-the-table';

const hostile = namedLikeTheTable as unknown as Notebook;
const sqlCell = (id: string, name: string, sql: string): Cell =>
  ({ id, name, kind: 'sql', collapsed: false, sql }) as Cell;

const loan = JSON.parse(await readFile('samples/expected.json', 'utf8')).files[
  'loan-approval.parquet'
];

describe('a cell never takes a name the data or another cell holds', () => {
  it('renames the cells whose name, or whose dataset`s, is held; the first of two alike keeps it', () => {
    const notebook = {
      ...emptyNotebook(),
      cells: [
        sqlCell('1', 'Loan_Approval', 'SELECT 1'),
        sqlCell('2', 'ds_loan_approval', 'SELECT 1'),
        sqlCell('3', 'errors', 'SELECT 1'),
        sqlCell('4', 'ERRORS', 'SELECT 1'),
        sqlCell('5', 'ds_errors', 'SELECT 1'),
        sqlCell('6', 'Loan_Approval_1', 'SELECT 1'),
      ],
    };
    const data = { tables: ['loan_approval'], datasets: ['ds_loan_approval'] };
    const { notebook: named, renamed } = withFreeNames(notebook, data);
    expect(named.cells.map((c) => c.name)).toEqual([
      'Loan_Approval_2',
      'ds_loan_approval_3', // _1 and _2 are the datasets of Loan_Approval_1 and _2
      'errors',
      'ERRORS_1',
      'ds_errors_2', // _1 is ERRORS_1's dataset
      'Loan_Approval_1',
    ]);
    expect(renamed.map((r) => r.clash)).toEqual([
      'Loan_Approval is the name of the loaded table loan_approval',
      'ds_loan_approval is the name of the dataset ds_loan_approval',
      'ERRORS is the name of the cell errors',
      'ds_errors is the name of the dataset ds_errors',
    ]);
    expect(notebook.cells[0].name).toBe('Loan_Approval'); // the input is left as it was
    expect(withFreeNames(named, data).renamed).toEqual([]);
  });
});

describe('a hostile notebook cannot put its rows in place of a loaded table', () => {
  let workspace: Workspace | undefined;
  let model: NotebookModel | undefined;
  afterEach(async () => {
    await model?.queue.idle();
    await (await workspace?.engine)?.close();
  });

  function setUp() {
    workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
    model = new NotebookModel({ workspace, kinds: CELL_KINDS, store: memoryStore() });
    workspace.settings = model.datasetStore();
    return { workspace, model };
  }

  const loadSample = async (w: Workspace) =>
    w.loadFiles([
      { name: 'loan-approval.parquet', blob: await openAsBlob('samples/loan-approval.parquet') },
    ]);

  /** What the page shows: the table's rows, the SQL cell's count and the overview, all the file's. */
  async function expectTheFilesNumbers(w: Workspace, m: NotebookModel) {
    await m.queue.idle();
    const engine = await w.engine;
    expect(Number((await engine.query('SELECT count(*) AS n FROM loan_approval')).get(0)?.n)).toBe(
      loan.rows,
    );
    expect(w.tables.map((t) => t.table)).toEqual(['loan_approval']);
    expect(m.results.count).toMatchObject({ status: 'table', rows: [{ n: loan.rows }] });
    const overview = m.results.overview as unknown as {
      status: string;
      rows: { model: string; n: number; estimate: number }[];
    };
    expect(overview.status).toBe('overview');
    for (const [model, counts] of Object.entries(
      loan.models as Record<string, { n: number; correct: number }>,
    )) {
      const row = overview.rows.find((r) => r.model === model);
      expect(row).toMatchObject({ n: counts.n });
      expect(row?.estimate).toBeCloseTo(counts.correct / counts.n, 12);
    }
    // The hostile cell ran under its new name, with its own rows.
    const fake = m.cell('fake');
    expect(fake?.name).toBe('loan_approval_1');
    expect(m.results.fake).toMatchObject({ status: 'table', total: FAKE_ROWS });
  }

  it('a notebook file opened over the loaded sample: its cell is renamed, and stays so once its SQL runs', async () => {
    const { workspace: w, model: m } = setUp();
    await loadSample(w);
    await m.openFile(serializeNotebook(hostile), 'loans.slicebook.json');
    expect(m.notebook.cells.map((c) => c.name)).toEqual(['loan_approval_1', 'counted', 'overview']);
    expect(m.notice?.text).toContain(RENAMED);
    expect(m.unreviewed().map((u) => u.cell.name)).toEqual(['loan_approval_1', 'counted']);
    await m.trustForeign(); // the user read the SQL and agreed to run it
    await expectTheFilesNumbers(w, m);
  });

  it('a link opened over the loaded sample: the same', async () => {
    const { workspace: w, model: m } = setUp();
    await loadSample(w);
    expect(await m.openShared(await encodeShare(hostile))).toBe(true);
    expect(m.notebook.cells[0].name).toBe('loan_approval_1');
    await m.trustForeign();
    await expectTheFilesNumbers(w, m);
  });

  it('the sample loaded after the notebook ran: the cell yields its name, and its stored rows go', async () => {
    const { workspace: w, model: m } = setUp();
    await m.openFile(serializeNotebook(hostile), 'loans.slicebook.json');
    await m.trustForeign();
    await m.queue.idle();
    // Before the file, the cell's table is the only `loan_approval`.
    expect(m.results.count).toMatchObject({ status: 'table', rows: [{ n: FAKE_ROWS }] });
    await loadSample(w);
    expect(m.notebook.cells[0].name).toBe('loan_approval_1');
    expect(m.notice?.text).toBe(RENAMED);
    expect(m.results.fake).toMatchObject({ status: 'missing' });
    await m.runAll();
    await expectTheFilesNumbers(w, m);
  });

  it('undo, redo, a new cell and a duplicate never bring a held name back', async () => {
    const { workspace: w, model: m } = setUp();
    const summary = m.addCell('sql', undefined, {
      name: 'summary',
      sql: 'SELECT 1 AS one',
    } as never);
    m.renameCell(summary.id, 'by_model');
    await w.loadFiles([{ name: 'summary.csv', blob: new Blob(['a,b\n1,2\n']) }]);
    expect(m.renameCell(summary.id, 'Summary')).toBe(
      'Summary is the name of the loaded table summary; pick another name',
    );
    m.undo(); // back to the cell's first name, which the table holds now
    expect(m.cell(summary.id)?.name).toBe('summary_1');
    expect(m.notice?.text).toContain('The cell summary is now summary_1');
    m.redo();
    expect(m.cell(summary.id)?.name).toBe('by_model');
    const added = m.addCell('sql', undefined, { name: 'ds_summary', sql: 'SELECT 2' } as never);
    expect(added.name).toBe('ds_summary_1');
    m.renameCell(added.id, 'summary_copy');
    m.duplicateCell(added.id);
    expect(m.notebook.cells.map((c) => c.name)).toEqual([
      'by_model',
      'summary_copy',
      'summary_copy_1',
    ]);
    await m.queue.idle();
    const engine = await w.engine;
    expect((await engine.query('SELECT * FROM summary')).toArray().map((r) => r.toJSON())).toEqual([
      { a: 1, b: 2 },
    ]);
  });
});
