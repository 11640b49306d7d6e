import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { SqlCell } from '../../src/lib/cells/sql/sql-cell';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { nodeDecode } from '../../src/cli/node-decode';
import { emptyNotebook, type Cell, type Notebook } from '../../src/lib/notebook/notebook';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import { encodeShare, LINK_LIMITS } from '../../src/lib/notebook/share';
import { memoryStore, type KeyValueStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * A notebook from someone else (a link, a file) never silently replaces the user's, and its SQL
 * cells wait for the user's Run. Runs on native DuckDB with the app's own workspace and model.
 */
let workspace: Workspace;
let store: KeyValueStore;

beforeEach(async () => {
  workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
  store = memoryStore();
  await workspace.loadFiles([
    {
      name: 'people.csv',
      blob: new Blob(['name,label,prediction\nAda Lovelace,1,1\nAlan Turing,0,1\n']),
    },
  ]);
});
afterEach(async () => {
  // A query still running on a closed native engine crashes the test process.
  await Promise.all(models.splice(0).map((m) => m.queue.idle()));
  await (await workspace.engine).close();
});

const models: NotebookModel[] = [];

function model(): NotebookModel {
  const notebook = new NotebookModel({
    workspace,
    kinds: CELL_KINDS,
    store,
    now: () => 1_700_000_000_000,
  });
  workspace.onDatasetsChanged = () => void notebook.runAll();
  models.push(notebook);
  return notebook;
}

const sql = (id: string, text: string): SqlCell => ({
  id,
  name: id,
  kind: 'sql',
  collapsed: false,
  sql: text,
});

function notebookOf(title: string, cells: Cell[]): Notebook {
  return { ...emptyNotebook(), title, cells };
}

const hostile = notebookOf('Quarterly numbers', [
  sql(
    'leak',
    "SELECT 1 AS x); SET VARIABLE leak = (SELECT string_agg(name, '|') FROM people); SELECT (1",
  ),
  sql('drop', 'SELECT 1; DROP TABLE people'),
  sql('counted', 'SELECT count(*) AS n FROM people'),
]);

async function mine(): Promise<NotebookModel> {
  const notebook = model();
  notebook.setTitle('My analysis');
  notebook.addCell('sql', undefined, { name: 'mine', sql: 'SELECT name FROM people' } as never);
  await notebook.runAll();
  return notebook;
}

/** The user's notebook, then the hostile link opened in its place (the user said yes). */
async function openedLink(): Promise<NotebookModel> {
  const notebook = await mine();
  await notebook.openShared(`#${await encodeShare(hostile)}`);
  await notebook.acceptLink();
  return notebook;
}

async function peopleRows(): Promise<number> {
  const engine = await workspace.engine;
  return Number((await engine.query('SELECT count(*)::DOUBLE AS n FROM people')).get(0)?.n);
}

describe('a notebook from a link', () => {
  it('waits for a yes before it takes the place of the user’s notebook', async () => {
    const notebook = await mine();
    await notebook.openShared(`#${await encodeShare(hostile)}`);
    expect(notebook.notebook.title).toBe('My analysis');
    expect(notebook.pendingLink?.title).toBe('Quarterly numbers');

    notebook.declineLink();
    expect(notebook.pendingLink).toBeNull();
    expect(notebook.notebook.title).toBe('My analysis');
  });

  it('once opened, runs no SQL cell until Run; the user’s notebook is in Recent and Undo', async () => {
    const notebook = await openedLink();
    await notebook.runAll();
    expect(notebook.notebook.title).toBe('Quarterly numbers');
    for (const id of ['leak', 'drop', 'counted'])
      expect(notebook.results[id]).toEqual({
        status: 'missing',
        message:
          'Not run yet: this notebook came from a link. Read its SQL, then press “Run its SQL cells” above.',
      });
    expect(notebook.recent.map((r) => [r.notebook.title, r.reason])).toEqual([
      ['My analysis', 'replaced by the notebook from a link'],
    ]);

    notebook.undo();
    expect(notebook.notebook.title).toBe('My analysis');
    notebook.redo();
    expect(notebook.notebook.title).toBe('Quarterly numbers');
  });

  it('after Run, each hostile cell ends in a plain message and the table survives', async () => {
    const notebook = await openedLink();
    await notebook.trustForeign();
    const message = (id: string) => {
      const r = notebook.results[id];
      return r && 'message' in r ? r.message : r?.status;
    };
    expect(message('leak')).toBe(
      'A SQL cell runs one query (SELECT or WITH); DuckDB cannot read it: syntax error at or near ")" (line 1 of the cell).',
    );
    expect(message('drop')).toBe(
      'A SQL cell runs one query (SELECT or WITH); this cell has more than one statement. Keep one query, and put any other query in a cell of its own.',
    );
    expect(message('counted')).toBe('table');
    expect(await peopleRows()).toBe(2);
    const engine = await workspace.engine;
    expect((await engine.query("SELECT getvariable('leak') AS v")).get(0)?.toJSON()).toEqual({
      v: null,
    });
  });

  it('still waits after a reload: the autosave remembers the SQL was not run', async () => {
    await openedLink();
    const reloaded = model();
    await reloaded.restore();
    await reloaded.runAll();
    expect(reloaded.notebook.title).toBe('Quarterly numbers');
    expect(reloaded.results.counted?.status).toBe('missing');
    expect(reloaded.recent).toHaveLength(1);
  });

  it('opens at once where the user has no notebook yet, still waiting for Run', async () => {
    const notebook = model();
    await notebook.openShared(`#${await encodeShare(hostile)}`);
    await notebook.runAll();
    expect(notebook.notebook.title).toBe('Quarterly numbers');
    expect(notebook.results.counted?.status).toBe('missing');
  });

  it('refuses a link with more than 100 cells', async () => {
    // The cap README.md and docs/security.md state.
    expect(LINK_LIMITS.cells).toBe(100);
    const notebook = await mine();
    const many = notebookOf(
      'Many',
      Array.from({ length: LINK_LIMITS.cells + 1 }, (_, i) => sql(`c${i}`, 'SELECT 1')),
    );
    await notebook.openShared(`#${await encodeShare(many)}`);
    expect(notebook.pendingLink).toBeNull();
    expect(notebook.notice).toEqual({
      kind: 'error',
      text: `The notebook in this link has ${LINK_LIMITS.cells + 1} cells; a link may carry at most ${LINK_LIMITS.cells}. Ask for the .slicebook.json file instead, and open it with “Open notebook…”.`,
    });
  });

  it('stops inflating a link past its size limit (a deflate bomb)', async () => {
    const notebook = model();
    const huge = notebookOf('Huge', [sql('big', `SELECT '${'x'.repeat(LINK_LIMITS.bytes)}'`)]);
    await notebook.openShared(`#${await encodeShare(huge)}`);
    expect(notebook.notice?.text).toMatch(
      /^The notebook in this link is larger than a link may carry \(1 MiB of text\)/,
    );
    expect(notebook.notebook.cells).toEqual([]);
  });
});

describe('a notebook file', () => {
  it('takes the place of the user’s (kept in Recent), its SQL waiting for Run', async () => {
    const notebook = await mine();
    await notebook.openFile(
      JSON.stringify({ ...hostile, format: 'slicebook', version: 1 }),
      'q3.slicebook.json',
    );
    await notebook.runAll();
    expect(notebook.notebook.title).toBe('Quarterly numbers');
    expect(notebook.results.counted).toEqual({
      status: 'missing',
      message:
        'Not run yet: this notebook came from the file q3.slicebook.json. Read its SQL, then press “Run its SQL cells” above.',
    });
    expect(notebook.recent[0].notebook.title).toBe('My analysis');

    await notebook.openRecent(notebook.recent[0]);
    expect(notebook.notebook.title).toBe('My analysis');
    expect(notebook.recent.map((r) => r.notebook.title)).toEqual(['Quarterly numbers']);
  });

  it('a cell the user edits is theirs: it runs', async () => {
    const notebook = await mine();
    await notebook.openFile(
      JSON.stringify({ ...hostile, format: 'slicebook', version: 1 }),
      'q3.slicebook.json',
    );
    notebook.updateCell('counted', { sql: 'SELECT count(*) AS n FROM people WHERE label = 1' });
    await notebook.runAll();
    expect(notebook.results.counted?.status).toBe('table');
  });
});

describe('a report', () => {
  it('never writes over the reader’s autosaved notebook', async () => {
    const own = await mine();
    await own.runAll();
    const saved = JSON.stringify(await store.get('notebook'));
    const reader = model();
    reader.openReport(hostile);
    reader.setFilter('true');
    reader.setTitle('Changed by the reader');
    await reader.runAll();
    expect(JSON.stringify(await store.get('notebook'))).toBe(saved);
  });
});

describe('the run queue', () => {
  it('runs cells in order, and Cancel all stops the rest', async () => {
    const notebook = model();
    for (let i = 0; i < 40; i++)
      notebook.addCell('sql', undefined, { name: `q${i}`, sql: `SELECT ${i} AS i` } as never);
    const ran: string[] = [];
    const all = notebook.runAll();
    expect(notebook.queue.total).toBe(40);
    const ids = notebook.notebook.cells.map((c) => c.id);
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (notebook.queue.done >= 3) {
          notebook.queue.cancel();
          resolve();
        } else setTimeout(tick, 1);
      };
      tick();
    });
    await all;
    for (const id of ids) if (notebook.results[id]?.status === 'table') ran.push(id);
    expect(ran.length).toBeGreaterThanOrEqual(3);
    expect(ran.length).toBeLessThan(10);
    expect(ran).toEqual(ids.slice(0, ran.length));
    expect(notebook.queue.waiting).toEqual([]);
    expect(notebook.queue.running).toBeNull();
  });
});
