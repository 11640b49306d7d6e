import { afterAll, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { ExploreModel } from '../../src/lib/explore/explore-model.svelte';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import { memoryStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * Clicks on slices change the filter after DuckDB has checked the filter in force, so a second
 * click (or an Undo, or a chip's ×) can come while the first is checked. Each click's chip must
 * land on the filter as it is when its check returns, and the page must say it is not settled
 * until then (App.svelte's data-settled, which the e2e tests wait on).
 */
const workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
afterAll(async () => (await workspace.engine).close());

function models() {
  const notebook = new NotebookModel({ workspace, kinds: CELL_KINDS, store: memoryStore() });
  return { notebook, explore: new ExploreModel(notebook, workspace) };
}

const REGION = `CAST("region" AS VARCHAR) = 'rural'`;
const SEX = `CAST("sex" AS VARCHAR) = 'female'`;

it('a Shift-click made while the click before it is checked adds its clause to that click’s', async () => {
  const { notebook, explore } = models();
  const first = explore.pick([{ column: 'region', value: 'rural' }], false);
  const second = explore.pick([{ column: 'sex', value: 'female' }], true);
  await Promise.all([first, second]);
  expect(notebook.notebook.filter).toBe(`${REGION} AND ${SEX}`);
});

it('a click is not settled until its check came back and the filter changed', async () => {
  const { notebook, explore } = models();
  const click = explore.pick([{ column: 'region', value: 'rural' }], false);
  expect(explore.settled).toBe(false);
  await click;
  expect(explore.settled).toBe(true);
  expect(notebook.notebook.filter).toBe(REGION);
});

it('a chip removed while a click is checked stays removed', async () => {
  const { notebook, explore } = models();
  await explore.pick([{ column: 'region', value: 'rural' }], false);
  const click = explore.pick([{ column: 'sex', value: 'female' }], true);
  explore.remove(0);
  await click;
  expect(notebook.notebook.filter).toBe(SEX);
});

it('an Undo made while a click is checked is not undone by the click', async () => {
  const { notebook, explore } = models();
  await explore.pick([{ column: 'region', value: 'rural' }], false);
  const click = explore.pick([{ column: 'sex', value: 'female' }], true);
  notebook.undo();
  await click;
  expect(notebook.notebook.filter).toBe(SEX);
});
