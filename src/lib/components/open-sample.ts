import {
  exampleNotebook,
  isFromExample,
  replacesWithoutAsking,
} from '../notebook/example-notebook';
import type { Notebook } from '../notebook/notebook';
import type { NotebookModel } from '../notebook/notebook-model.svelte';
import type { Workspace } from '../notebook/workspace.svelte';
import { SAMPLES, type Sample } from '../samples';

/** A sample's example notebook (a small file: parsed and checked against the schema each time). */
export function exampleOf(sample: Sample): Notebook {
  return exampleNotebook(sample.notebook, sample.id);
}

/**
 * Opens a sample from the start screen with its example notebook, where that loses nothing: the
 * notebook is empty, or another sample's example as it opened. A notebook that began as this
 * sample's example is kept (the user's edits to it included); any other notebook is kept too, and
 * the page offers the example in its place (ExampleOffer.svelte).
 */
export async function openSample(
  sample: Sample,
  notebook: NotebookModel,
  workspace: Workspace,
): Promise<void> {
  const example = exampleOf(sample);
  const current = notebook.notebook;
  if (isFromExample(current, example)) notebook.offeredExample = null;
  else if (replacesWithoutAsking(current, SAMPLES.map(exampleOf)))
    await notebook.openExample(
      example,
      `Opened the example notebook of the sample “${sample.title}”: its cells run as its data loads.`,
    );
  else notebook.offeredExample = example;
  await workspace.loadUrls(sample.files);
}
