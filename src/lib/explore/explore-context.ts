import { getContext, setContext } from 'svelte';
import type { ExploreModel } from './explore-model.svelte';

const KEY = Symbol('explore');

export function provideExplore(model: ExploreModel): void {
  setContext(KEY, model);
}

export function useExplore(): ExploreModel {
  return getContext<ExploreModel>(KEY);
}
