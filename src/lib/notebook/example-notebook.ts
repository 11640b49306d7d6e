import { parseNotebook } from './file-format';
import type { Notebook } from './notebook';

/**
 * A built-in sample's example notebook (samples/notebooks/), read from its file's text. The app
 * ships these files, so one that does not parse is the app's bug: it says which.
 */
export function exampleNotebook(text: string, sample: string): Notebook {
  const parsed = parseNotebook(text);
  if ('error' in parsed)
    throw new Error(`The example notebook of the sample ${sample} is invalid: ${parsed.error}`);
  return parsed.notebook;
}

/** The notebook began as `example`: it still holds one of its cells, edited or not. */
export function isFromExample(notebook: Notebook, example: Notebook): boolean {
  const ids = new Set(example.cells.map((c) => c.id));
  return notebook.cells.some((c) => ids.has(c.id));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether an example may take the notebook's place without asking: nothing of the user's would be
 * lost, because the notebook is empty or one of `examples` as it opened (its title, filter, mixes,
 * cells and dataset settings unchanged; the record of which files were loaded is not the user's
 * work).
 */
export function replacesWithoutAsking(notebook: Notebook, examples: readonly Notebook[]): boolean {
  if (notebook.cells.length === 0) return true;
  return examples.some(
    (e) =>
      e.title === notebook.title &&
      e.filter === notebook.filter &&
      same(e.mixes ?? [], notebook.mixes ?? []) &&
      same(e.cells, notebook.cells) &&
      same(e.datasets, notebook.datasets) &&
      same(e.stacking, notebook.stacking),
  );
}
