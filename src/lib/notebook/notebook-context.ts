import { getContext, setContext } from 'svelte';
import type { NotebookModel } from './notebook-model.svelte';

const KEY = Symbol('notebook');

export function provideNotebook(model: NotebookModel): void {
  setContext(KEY, model);
}

export function useNotebook(): NotebookModel {
  return getContext<NotebookModel>(KEY);
}
