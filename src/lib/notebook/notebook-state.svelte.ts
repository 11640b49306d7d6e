import { History } from './history';
import type { CellKind, CellKinds } from './cell-kind';
import { emptyNotebook, type Cell, type DataRef, type Notebook } from './notebook';
import type { CellResult } from './run-context';
import type { KeyValueStore } from './storage';
import type { ForeignSql } from './foreign-sql';
import type { RecentNotebook } from './recent-notebooks';
import type { HeldData } from './cell-names';
import type { Workspace } from './workspace.svelte';

export const STORAGE_KEY = 'notebook';

/** A message above the notebook; one that asks for the notebook's data goes once it is loaded. */
export interface Notice {
  kind: 'info' | 'error';
  text: string;
  untilDataLoaded?: boolean;
}

export interface NotebookDeps {
  workspace: Workspace;
  /** The cell kinds (src/lib/cells/registry.ts): how to create, run and rename each. */
  kinds: CellKinds;
  store: KeyValueStore;
  now?: () => number;
}

/**
 * The notebook's state (cells, results, notices), its undo history and its autosave: what the
 * runs, the edits and the opening of files and links (NotebookModel) all work on.
 */
export class NotebookState {
  notebook = $state.raw<Notebook>(emptyNotebook());
  results = $state.raw<Record<string, CellResult>>({});
  canUndo = $state(false);
  canRedo = $state(false);
  /** A message about the last open/restore (bad file, newer version, data to re-open). */
  notice = $state<Notice | null>(null);
  lastSavedAt = $state<number | null>(null);
  /** Writes to the store still in flight; a reload before they land would lose the last change. */
  savesPending = $state(0);
  /** SQL cells of a notebook from someone else that wait for the user's Run (foreign-sql.ts). */
  foreign = $state.raw<ForeignSql | null>(null);
  /** A notebook from a link, waiting for the user's yes before it takes the place of theirs. */
  pendingLink = $state.raw<Notebook | null>(null);
  /** An example notebook the page offers in place of the user's (a sample's), until opened or declined. */
  offeredExample = $state.raw<Notebook | null>(null);
  /** Notebooks put aside (recent-notebooks.ts). */
  recent = $state.raw<RecentNotebook[]>([]);
  /** A published report: it is never saved over the reader's own notebook. */
  protected readOnly = false;
  protected readonly history: History<Notebook>;
  protected readonly now: () => number;

  constructor(protected readonly deps: NotebookDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.history = new History(this.notebook, this.now);
  }

  /** The names the data holds, which no cell may take (cell-names.ts); a SQL cell's dataset is its cell's. */
  protected heldData(): HeldData {
    const w = this.deps.workspace;
    return {
      tables: w.tables.map((t) => t.table),
      datasets: w.datasets.filter((d) => d.plan.origin !== 'sql').map((d) => d.plan.name),
    };
  }

  protected commit(next: Notebook, key: string | null = null): void {
    if (next === this.notebook) return;
    this.history.push(next, key);
    this.apply(next);
  }

  protected apply(next: Notebook): void {
    this.notebook = next;
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
    void this.save();
  }

  /** The kind of a cell, from the registry the notebook was handed. */
  kindOf(cell: Cell): CellKind | undefined {
    return this.deps.kinds[cell.kind];
  }

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  protected setResult(id: string, result: CellResult): void {
    this.results = { ...this.results, [id]: result };
  }

  /** The notebook's files that are not loaded now, by name. */
  missingData(): DataRef[] {
    const loaded = new Set(this.deps.workspace.tables.map((t) => t.fileName));
    return this.notebook.data.filter((d) => !loaded.has(d.name));
  }

  protected async save(): Promise<void> {
    if (this.readOnly) return;
    this.savesPending += 1;
    try {
      await this.deps.store.set(STORAGE_KEY, {
        notebook: $state.snapshot(this.notebook),
        foreign: this.foreign,
        savedAt: this.now(),
      });
      this.lastSavedAt = this.now();
    } finally {
      this.savesPending -= 1;
    }
  }
}
