import { afterEach, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { nodeDecode } from '../../src/cli/node-decode';
import { NotebookModel } from '../../src/lib/notebook/notebook-model.svelte';
import type { KeyValueStore } from '../../src/lib/notebook/storage';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * The toolbar says "saving…" while an autosave is in flight, so that neither a user nor a test
 * reloads the tab before the last change has landed in the store.
 */
const workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
afterEach(async () => (await workspace.engine).close());

it('counts a save as pending until the store has written it', async () => {
  const writes: Array<() => void> = [];
  const store: KeyValueStore = {
    get: async () => undefined,
    set: () => new Promise<void>((resolve) => writes.push(resolve)),
    delete: async () => undefined,
  };
  const notebook = new NotebookModel({ workspace, kinds: CELL_KINDS, store, now: () => 1 });

  notebook.addCell('markdown');
  expect(notebook.savesPending).toBe(1);
  expect(notebook.lastSavedAt).toBeNull();

  writes.splice(0).forEach((done) => done());
  await Promise.resolve();
  await Promise.resolve();
  expect(notebook.savesPending).toBe(0);
  expect(notebook.lastSavedAt).toBe(1);
});
