import { afterAll, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import { memoryStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * A cell's run, and reads that come back after it started again: the page says it is not settled
 * while a run is under way (App.svelte's data-settled, which the e2e tests wait on), and nothing
 * read for the old result lands on the new one.
 */
const workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
afterAll(async () => (await workspace.engine).close());

const models = () => ({
  notebook: new NotebookModel({ workspace, kinds: CELL_KINDS, store: memoryStore() }),
});

it('the notebook is not settled while a cell runs, counted from the moment the run is asked for', async () => {
  const { notebook } = models();
  const cell = notebook.addCell('sql', undefined, { sql: 'SELECT 42 AS answer' });
  const run = notebook.run(cell.id);
  expect(notebook.settled).toBe(false);
  await run;
  expect(notebook.settled).toBe(true);
  expect(notebook.results[cell.id]?.status).toBe('table');
});

it('a page of a SQL result read while the cell runs again does not put the old result back', async () => {
  const { notebook } = models();
  const cell = notebook.addCell('sql', undefined, { sql: 'SELECT range AS i FROM range(500)' });
  await notebook.run(cell.id);
  expect(notebook.results[cell.id]?.status).toBe('table');
  const paging = notebook.page(cell.id, 50);
  notebook.updateCell(cell.id, { sql: 'SELECT 42 AS answer' });
  const rerun = notebook.run(cell.id);
  await paging;
  // The page of the old rows came back while the new SQL runs: the cell still says it runs.
  expect(notebook.results[cell.id]?.status).toBe('running');
  await rerun;
  expect(notebook.results[cell.id]).toMatchObject({ status: 'table', total: 1 });
});
