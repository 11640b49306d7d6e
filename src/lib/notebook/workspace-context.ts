import { getContext, setContext } from 'svelte';
import type { Workspace } from './workspace.svelte';

const KEY = Symbol('workspace');

export function provideWorkspace(workspace: Workspace): void {
  setContext(KEY, workspace);
}

export function useWorkspace(): Workspace {
  return getContext<Workspace>(KEY);
}
