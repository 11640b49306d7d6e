import { parseNotebook, serializeNotebook } from './file-format';
import type { Cell, DataRef, Notebook } from './notebook';
import { decodeShare, encodeShare } from './share';
import { foreignSqlOf, isUnreviewed, type ForeignSql } from './foreign-sql';
import { keepRecent, recentNotebooks, removeRecent, type RecentNotebook } from './recent-notebooks';
import { renamedText, withFreeNames } from './cell-names';
import { NotebookEditor } from './notebook-editor.svelte';
import { STORAGE_KEY, type Notice } from './notebook-state.svelte';

/**
 * The notebook being edited: its cells, their results, undo/redo, autosave and runs
 * (NotebookEditor, NotebookRuns, NotebookState), and here what opens in its place: files, links,
 * examples, reports and Recent.
 */
export class NotebookModel extends NotebookEditor {
  /** Records the loaded files as the notebook's data (not an undoable edit). */
  recordData(data: DataRef[]): void {
    if (JSON.stringify(data) === JSON.stringify(this.notebook.data)) return;
    this.apply({ ...this.notebook, data });
  }

  /** The notice as the page shows it: a request to open the data is gone once the data is here. */
  shownNotice(): Notice | null {
    const notice = this.notice;
    return notice?.untilDataLoaded && this.missingData().length === 0 ? null : notice;
  }

  async restore(): Promise<boolean> {
    this.recent = await recentNotebooks(this.deps.store);
    const saved = await this.deps.store
      .get<{ notebook: Notebook; foreign?: ForeignSql | null }>(STORAGE_KEY)
      .catch(() => undefined);
    if (!saved) return false;
    this.foreign = saved.foreign ?? null;
    const parsed = parseNotebook(serializeNotebook(saved.notebook));
    if ('error' in parsed) {
      this.notice = {
        kind: 'error',
        text: `The autosaved notebook could not be restored: ${parsed.error}`,
      };
      return false;
    }
    this.open(
      parsed.notebook,
      'Restored your notebook from the last session.',
      this.foreign,
      'reset',
    );
    return true;
  }

  /** A notebook file the user picked: it takes the place of theirs (kept in Recent; Undo). */
  async openFile(text: string, fileName: string): Promise<boolean> {
    const parsed = parseNotebook(text);
    if ('error' in parsed) {
      this.notice = { kind: 'error', text: `${fileName}: ${parsed.error}` };
      return false;
    }
    await this.putAside(`replaced by ${fileName}`);
    const from = `the file ${fileName}`;
    this.open(
      parsed.notebook,
      `Opened ${fileName}.`,
      foreignSqlOf(parsed.notebook, this.deps.kinds, from),
    );
    return true;
  }

  /**
   * A built-in sample's example notebook (example-notebook.ts): the app's own, so its SQL runs
   * without review. A notebook of the user's that it replaces goes to Recent; Undo brings it back.
   */
  async openExample(example: Notebook, message: string): Promise<void> {
    this.offeredExample = null;
    if (this.notebook.cells.length > 0) await this.putAside(`replaced by “${example.title}”`);
    const text = this.open(example, message, null);
    // While its data loads, the note goes with the request to open the data; else it stays.
    this.notice = { kind: 'info', text, untilDataLoaded: this.missingData().length > 0 };
  }

  /** A published report's notebook: read-only, in its own store, over the report's own data. */
  openReport(notebook: Notebook): void {
    // A reader's changes (filter, settings) are theirs for the visit: nothing is saved.
    this.readOnly = true;
    this.open(notebook, '', null, 'reset');
    this.notice = null;
  }

  /**
   * A notebook from a link. It opens at once where the user has no notebook of their own yet;
   * otherwise it waits in `pendingLink` for their yes (acceptLink) or no (declineLink).
   */
  async openShared(fragment: string): Promise<boolean> {
    const parsed = await decodeShare(fragment);
    if ('error' in parsed) {
      this.notice = { kind: 'error', text: parsed.error };
      return false;
    }
    if (this.notebook.cells.length > 0) this.pendingLink = parsed.notebook;
    else await this.acceptLink(parsed.notebook);
    return true;
  }

  async acceptLink(notebook = this.pendingLink): Promise<void> {
    if (!notebook) return;
    this.pendingLink = null;
    await this.putAside('replaced by the notebook from a link');
    this.open(
      notebook,
      'Opened the notebook from the link. Its data stay on your machine: open the files it names.',
      foreignSqlOf(notebook, this.deps.kinds, 'a link'),
    );
  }

  declineLink(): void {
    this.pendingLink = null;
    this.notice = { kind: 'info', text: 'Kept your notebook; the link’s notebook was not opened.' };
  }

  /** The foreign SQL waiting for the user's Run, cell by cell, in notebook order. */
  unreviewed(): { cell: Cell; sql: string }[] {
    const foreign = this.foreign;
    if (!foreign) return [];
    return this.notebook.cells
      .filter((c) => isUnreviewed(foreign, this.deps.kinds, c))
      .map((cell) => ({ cell, sql: foreign.cells[cell.id] }));
  }

  /** Runs the foreign notebook's SQL cells, and all that read them: the user has read them. */
  trustForeign(): Promise<void> {
    const waited = new Set(this.unreviewed().map((u) => u.cell.id));
    this.foreign = null;
    this.results = Object.fromEntries(
      Object.entries(this.results).filter(([id]) => !waited.has(id)),
    );
    void this.save();
    return this.runAll();
  }

  /** Opens a notebook from Recent in place of the current one (which goes to Recent). */
  async openRecent(entry: RecentNotebook): Promise<void> {
    await this.putAside(`replaced by “${entry.notebook.title}” from Recent`);
    this.recent = await removeRecent(this.deps.store, entry.id);
    this.open(entry.notebook, `Opened “${entry.notebook.title}” from Recent.`, entry.foreign);
  }

  /** Keeps the current notebook in Recent before another takes its place. */
  private async putAside(reason: string): Promise<void> {
    this.recent = await keepRecent(this.deps.store, {
      id: crypto.randomUUID(),
      notebook: $state.snapshot(this.notebook),
      foreign: this.foreign,
      reason,
      keptAt: this.now(),
    });
  }

  fileText(): string {
    return serializeNotebook(this.notebook);
  }

  shareFragment(): Promise<string> {
    return encodeShare(this.notebook);
  }

  /**
   * Shows `notebook`, a step of the history (or its start: `reset`), with every cell whose name
   * the data holds renamed (cell-names.ts), and runs it; returns the message with the renames.
   */
  private open(
    opened: Notebook,
    message: string,
    foreign: ForeignSql | null,
    history: 'push' | 'reset' = 'push',
  ): string {
    const { notebook, renamed } = withFreeNames(opened, this.heldData());
    if (history === 'push') this.history.push(notebook);
    else this.history.reset(notebook);
    this.foreign = foreign;
    this.results = {};
    this.apply(notebook);
    const text = renamed.length > 0 ? `${message} ${renamedText(renamed)}` : message;
    const missing = this.missingData();
    const names = missing.map((d) => d.name).join(', ');
    this.notice = missing.length
      ? {
          kind: 'info',
          text: `${text} Open its data to run it: ${names}.`,
          untilDataLoaded: true,
        }
      : { kind: 'info', text };
    void this.runAll();
    // Over data already loaded, the notebook's saved roles and task replace the ones in force.
    void this.deps.workspace.applySavedSettings();
    return text;
  }
}
