import type { ForeignSql } from './foreign-sql';
import type { Notebook } from './notebook';
import type { KeyValueStore } from './storage';

/**
 * Notebooks put aside when another took their place (a link, a file, a recent one reopened): kept
 * in the browser's storage beside the autosave, newest first, so none is ever lost.
 */
export interface RecentNotebook {
  id: string;
  notebook: Notebook;
  /** Its SQL cells not yet run by the user, when it came from someone else. */
  foreign: ForeignSql | null;
  /** Why it was put aside, e.g. "replaced by the notebook from a link". */
  reason: string;
  keptAt: number;
}

export const RECENT_KEY = 'recent-notebooks';
/** The oldest goes when an eleventh arrives. */
export const MAX_RECENT = 10;

export async function recentNotebooks(store: KeyValueStore): Promise<RecentNotebook[]> {
  return (await store.get<RecentNotebook[]>(RECENT_KEY).catch(() => undefined)) ?? [];
}

/**
 * Keeps `entry` first in the list; an empty notebook is not kept, nor one the same as the newest.
 * Returns the list as stored.
 */
export async function keepRecent(
  store: KeyValueStore,
  entry: RecentNotebook,
): Promise<RecentNotebook[]> {
  const list = await recentNotebooks(store);
  if (entry.notebook.cells.length === 0) return list;
  const same = (r: RecentNotebook) => JSON.stringify(r.notebook) === JSON.stringify(entry.notebook);
  const next = [entry, ...list.filter((r) => !same(r))].slice(0, MAX_RECENT);
  await store.set(RECENT_KEY, next);
  return next;
}

/** Takes one out of the list (it was reopened); returns the list as stored. */
export async function removeRecent(store: KeyValueStore, id: string): Promise<RecentNotebook[]> {
  const next = (await recentNotebooks(store)).filter((r) => r.id !== id);
  await store.set(RECENT_KEY, next);
  return next;
}
