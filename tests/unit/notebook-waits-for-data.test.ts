import { afterEach, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import { memoryStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * A notebook restored before its data (a reload): its SQL cells wait for the data as the other
 * cells do, and the notice asking for the data goes once the data is loaded. App, native DuckDB.
 */
const PEOPLE = 'name,label,prediction\nAda Lovelace,1,1\nAlan Turing,0,1\nGrace Hopper,1,1\n';

let workspace: Workspace | undefined;
let notebook: NotebookModel | undefined;
afterEach(async () => {
  await notebook?.queue.idle();
  await (await workspace?.engine)?.close();
});

const saved: Notebook = {
  ...emptyNotebook(),
  title: 'People',
  data: [{ name: 'people.csv', size: PEOPLE.length, rows: 3, sha256: null }],
  cells: [
    {
      id: 'n',
      name: 'counted',
      kind: 'sql',
      collapsed: false,
      sql: 'SELECT count(*) AS n FROM people',
    } as never,
    {
      id: 'o',
      name: 'overview_1',
      kind: 'overview',
      collapsed: false,
      dataset: 'ds_people',
    } as never,
  ],
};

it('after a reload, a SQL cell waits for its data like the other cells, and the notice goes when it is loaded', async () => {
  workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
  const store = memoryStore();
  await store.set('notebook', { notebook: saved, foreign: null });
  const model = (notebook = new NotebookModel({ workspace, kinds: CELL_KINDS, store }));
  workspace.onDatasetsChanged = () => void model.runAll();
  workspace.settings = model.datasetStore();

  expect(await model.restore()).toBe(true);
  await model.queue.idle();
  expect(model.results.n).toEqual({
    status: 'missing',
    message: 'Load the data of people to run this query (open people.csv).',
  });
  expect(model.results.o).toEqual({
    status: 'missing',
    message: 'Load the data of ds_people to compute this overview.',
  });
  expect(model.shownNotice()?.text).toBe(
    'Restored your notebook from the last session. Open its data to run it: people.csv.',
  );

  await workspace.loadFiles([{ name: 'people.csv', blob: new Blob([PEOPLE]) }]);
  await model.queue.idle();
  expect(model.results.n).toMatchObject({ status: 'table', rows: [{ n: 3 }] });
  expect(model.shownNotice()).toBeNull();
});

it('a SQL cell that names a table nobody loads still says so in DuckDB’s words', async () => {
  workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
  const model = (notebook = new NotebookModel({
    workspace,
    kinds: CELL_KINDS,
    store: memoryStore(),
  }));
  const cell = model.addCell('sql', undefined, {
    name: 'typo',
    sql: 'SELECT * FROM peple',
  } as never);
  await model.run(cell.id);
  expect(model.results[cell.id]).toMatchObject({
    status: 'error',
    message: expect.stringMatching(/^Table with name peple does not exist!/),
  });
});
