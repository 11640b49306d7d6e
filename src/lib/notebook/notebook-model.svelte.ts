import { downstreamOf, renameInSql } from './dependencies';
import * as edits from './edits';
import { parseNotebook, serializeNotebook } from './file-format';
import { History } from './history';
import {
  ANALYSIS_KINDS,
  emptyNotebook,
  type Cell,
  type CellKind,
  type DataRef,
  type DatasetSettings,
  type Notebook,
} from './notebook';
import type { Flip } from '../analyses/compare/build-compare';
import type { SliceRow } from '../analyses/slice-table/read-slice-table';
import { flipPage, rowsWhere, sliceDrillDown, type DrillDown, type RowPage } from './row-pages';
import type { Engine } from '../engine/engine';
import { checkFilter } from '../sql/one-expression';
import { ident } from '../sql/quote';
import { runCell, readPage, type CellResult, PAGE_SIZE } from './run-cell';
import { decodeShare, encodeShare } from './share';
import type { KeyValueStore } from './storage';
import { foreignSqlOf, isUnreviewed, waitingMessage, type ForeignSql } from './foreign-sql';
import { keepRecent, recentNotebooks, removeRecent, type RecentNotebook } from './recent-notebooks';
import { RunQueue } from './run-queue.svelte';
import type { Workspace } from './workspace.svelte';

const STORAGE_KEY = 'notebook';

const isEngineFailure = (result: CellResult | undefined) =>
  result?.status === 'error' && result.message.includes('The engine was restarted');

export interface NotebookDeps {
  workspace: Workspace;
  store: KeyValueStore;
  now?: () => number;
}

/** The notebook being edited: its cells, their results, undo/redo, autosave and runs. */
export class NotebookModel {
  notebook = $state.raw<Notebook>(emptyNotebook());
  results = $state.raw<Record<string, CellResult>>({});
  canUndo = $state(false);
  canRedo = $state(false);
  /** A message about the last open/restore (bad file, newer version, data to re-open). */
  notice = $state<{ kind: 'info' | 'error'; text: string } | null>(null);
  lastSavedAt = $state<number | null>(null);
  /** SQL cells of a notebook from someone else that wait for the user's Run (foreign-sql.ts). */
  foreign = $state.raw<ForeignSql | null>(null);
  /** A notebook from a link, waiting for the user's yes before it takes the place of theirs. */
  pendingLink = $state.raw<Notebook | null>(null);
  /** Notebooks put aside (recent-notebooks.ts). */
  recent = $state.raw<RecentNotebook[]>([]);
  /** The cells waiting to run, shown on the page with a Cancel. */
  readonly queue = new RunQueue({
    run: (id) => this.runOne(id),
    stop: (id) => this.cancel(id),
    order: () => this.notebook.cells.map((c) => c.id),
  });

  private readonly history: History<Notebook>;
  private readonly controllers = new Map<string, AbortController>();
  private readonly now: () => number;

  constructor(private readonly deps: NotebookDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.history = new History(this.notebook, this.now);
    // After the engine was replaced, results must be made again, except where that failed it.
    deps.workspace.onEngineRecycled = () =>
      void this.runAll((c) => !isEngineFailure(this.results[c.id]));
  }

  /** Names later cells may not take: the loaded tables and datasets. */
  private reserved(): Set<string> {
    const w = this.deps.workspace;
    return new Set([...w.tables.map((t) => t.table), ...w.datasets.map((d) => d.plan.name)]);
  }

  // ---- editing -----------------------------------------------------------------------------

  private commit(next: Notebook, key: string | null = null): void {
    if (next === this.notebook) return;
    this.history.push(next, key);
    this.apply(next);
  }

  private apply(next: Notebook): void {
    this.notebook = next;
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
    void this.save();
  }

  addCell(kind: CellKind, index?: number, init: Partial<Cell> = {}): Cell {
    const cell = edits.createCell(this.notebook, kind, init, this.reserved());
    this.commit(edits.insertCell(this.notebook, cell, index));
    if (kind !== 'markdown' && kind !== 'sql') void this.run(cell.id);
    return cell;
  }

  deleteCell(id: string): void {
    const cell = this.cell(id);
    this.commit(edits.deleteCell(this.notebook, id));
    if (cell?.kind === 'sql') void this.dropResult(cell.name);
    const { [id]: _gone, ...rest } = this.results;
    this.results = rest;
  }

  moveCell(id: string, delta: number): void {
    this.commit(edits.moveCell(this.notebook, id, delta));
  }

  duplicateCell(id: string): void {
    this.commit(edits.duplicateCell(this.notebook, id, this.reserved()));
  }

  toggleCollapsed(id: string): void {
    const cell = this.cell(id);
    if (cell) this.commit(edits.updateCell(this.notebook, id, { collapsed: !cell.collapsed }));
  }

  /** Text edits (SQL, markdown, spec) merge into one undo step while typing. */
  updateCell(id: string, patch: Partial<Cell>, rerun = false): void {
    const key = Object.keys(patch).length === 1 ? `${Object.keys(patch)[0]}:${id}` : null;
    this.commit(edits.updateCell(this.notebook, id, patch as never), key);
    if (rerun) void this.run(id);
  }

  /** Renames a cell and the references to it; returns why not when the name cannot be used. */
  renameCell(id: string, name: string): string | null {
    const problem = edits.nameProblem(this.notebook, id, name, this.reserved());
    if (problem) return problem;
    const old = this.cell(id);
    this.commit(edits.renameCell(this.notebook, id, name, renameInSql));
    if (old?.kind === 'sql') {
      void this.dropResult(old.name);
      void this.run(id);
    }
    return null;
  }

  setTitle(title: string): void {
    this.commit({ ...this.notebook, title }, 'title');
  }

  setFilter(filter: string): void {
    this.commit({ ...this.notebook, filter });
    void this.runAll((c) => ANALYSIS_KINDS.includes(c.kind));
  }

  setDatasetSettings(name: string, settings: DatasetSettings): void {
    this.commit({ ...this.notebook, datasets: { ...this.notebook.datasets, [name]: settings } });
  }

  /** Undo and redo change the cells, never the record of which files are loaded. */
  undo(): void {
    this.apply({ ...this.history.undo(), data: this.notebook.data });
    void this.runAll();
  }

  redo(): void {
    this.apply({ ...this.history.redo(), data: this.notebook.data });
    void this.runAll();
  }

  // ---- running -----------------------------------------------------------------------------

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  /** Runs a cell, then the cells that read from it, in order. */
  async run(id: string): Promise<void> {
    for (const target of downstreamOf(this.notebook.cells, id)) await this.runOne(target);
  }

  /** Queues the cells (in notebook order); resolves when the queue is empty. */
  runAll(which: (cell: Cell) => boolean = () => true): Promise<void> {
    return this.queue.add(this.notebook.cells.filter(which).map((c) => c.id));
  }

  cancel(id: string): void {
    this.controllers.get(id)?.abort();
  }

  async page(id: string, offset: number): Promise<void> {
    const cell = this.cell(id);
    const current = this.results[id];
    if (!cell || current?.status !== 'table') return;
    const engine = await this.deps.workspace.engine;
    const page = await readPage(engine, cell.name, offset, PAGE_SIZE);
    this.setResult(id, { ...current, ...page, offset });
  }

  /** A slice's rows (a page) and, for classification, its confusion matrix. */
  async drillDown(id: string, row: SliceRow, offset = 0): Promise<DrillDown | null> {
    const cell = this.cell(id);
    const result = this.results[id];
    if (cell?.kind !== 'slice' || result?.status !== 'slices') return null;
    const dataset = this.deps.workspace.dataset(cell.dataset);
    if (!dataset) return null;
    const engine = await this.deps.workspace.engine;
    const filter = await this.filterFor(engine, dataset.plan.name);
    return sliceDrillDown(engine, dataset, result, row, filter, offset);
  }

  /** A page of the examples model A gets right and B wrong (flip "b") or the reverse ("c"). */
  async compareFlips(
    id: string,
    flip: Flip,
    slice: { value: string | null } | undefined,
    offset = 0,
  ): Promise<RowPage | null> {
    const result = this.results[id];
    if (result?.status !== 'compare') return null;
    return flipPage(await this.deps.workspace.engine, result.options, flip, slice, offset);
  }

  /** A page of `source`'s rows meeting `condition` and the global filter (a discovered slice's). */
  async rowsWhere(source: string, condition: string, offset = 0): Promise<RowPage> {
    const engine = await this.deps.workspace.engine;
    return rowsWhere(engine, source, condition, await this.filterFor(engine, source), offset);
  }

  /** The global filter checked for `source` (sql/one-expression.ts); throws when it cannot be used. */
  private async filterFor(engine: Engine, source: string): Promise<string> {
    const checked = await checkFilter(engine, this.notebook.filter, source);
    if ('error' in checked) throw new Error(checked.error);
    return checked.sql;
  }

  private async runOne(id: string): Promise<void> {
    const cell = this.cell(id);
    if (!cell) return;
    if (this.foreign && isUnreviewed(this.foreign, cell))
      return this.setResult(id, { status: 'missing', message: waitingMessage(this.foreign) });
    this.controllers.get(id)?.abort();
    const controller = new AbortController();
    this.controllers.set(id, controller);
    this.setResult(id, { status: 'running' });
    const workspace = this.deps.workspace;
    const result = await runCell(cell, {
      engine: await workspace.engine,
      dataset: (name) => workspace.dataset(name),
      filter: this.notebook.filter,
      signal: controller.signal,
      progress: (partial) => {
        if (this.controllers.get(id) === controller) this.setResult(id, partial);
      },
      now: this.now,
    }).catch(
      (e) =>
        ({ status: 'error', message: e instanceof Error ? e.message : String(e) }) as CellResult,
    );
    if (this.controllers.get(id) !== controller) return;
    this.controllers.delete(id);
    // A cancelled discovery keeps the slices it found so far.
    if (controller.signal.aborted && result?.status !== 'discover')
      this.setResult(id, { status: 'cancelled' });
    else if (result) this.setResult(id, result);
    else {
      const { [id]: _none, ...rest } = this.results;
      this.results = rest;
    }
  }

  private setResult(id: string, result: CellResult): void {
    this.results = { ...this.results, [id]: result };
  }

  private async dropResult(name: string): Promise<void> {
    const engine = await this.deps.workspace.engine;
    await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`).catch(() => undefined);
  }

  // ---- data, files, links, storage --------------------------------------------------------

  /** Records the loaded files as the notebook's data (not an undoable edit). */
  recordData(data: DataRef[]): void {
    if (JSON.stringify(data) === JSON.stringify(this.notebook.data)) return;
    this.apply({ ...this.notebook, data });
  }

  /** The notebook's files that are not loaded now, by name. */
  missingData(): DataRef[] {
    const loaded = new Set(this.deps.workspace.tables.map((t) => t.fileName));
    return this.notebook.data.filter((d) => !loaded.has(d.name));
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
    this.history.reset(parsed.notebook);
    this.open(parsed.notebook, 'Restored your notebook from the last session.', this.foreign);
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
    this.history.push(parsed.notebook);
    this.open(parsed.notebook, `Opened ${fileName}.`, foreignSqlOf(parsed.notebook, from));
    return true;
  }

  /** A published report's notebook: read-only, in its own store, over the report's own data. */
  openReport(notebook: Notebook): void {
    this.history.reset(notebook);
    this.open(notebook, '', null);
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
    this.history.push(notebook);
    this.open(
      notebook,
      'Opened the notebook from the link. Its data stay on your machine: open the files it names.',
      foreignSqlOf(notebook, 'a link'),
    );
  }

  declineLink(): void {
    this.pendingLink = null;
    this.notice = { kind: 'info', text: 'Kept your notebook; the link’s notebook was not opened.' };
  }

  /** Runs the foreign notebook's SQL cells: the user has read them (foreign-sql.ts). */
  trustForeign(): Promise<void> {
    const ids = new Set(Object.keys(this.foreign?.cells ?? {}));
    this.foreign = null;
    void this.save();
    return this.runAll((c) => ids.has(c.id));
  }

  /** Opens a notebook from Recent in place of the current one (which goes to Recent). */
  async openRecent(entry: RecentNotebook): Promise<void> {
    await this.putAside(`replaced by “${entry.notebook.title}” from Recent`);
    this.recent = await removeRecent(this.deps.store, entry.id);
    this.history.push(entry.notebook);
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

  /** Shows `notebook` (already the history's current state) and runs it. */
  private open(notebook: Notebook, message: string, foreign: ForeignSql | null): void {
    this.foreign = foreign;
    this.results = {};
    this.apply(notebook);
    const missing = this.missingData();
    const names = missing.map((d) => d.name).join(', ');
    this.notice = {
      kind: 'info',
      text: missing.length ? `${message} Open its data to run it: ${names}.` : message,
    };
    void this.runAll();
  }

  private async save(): Promise<void> {
    await this.deps.store.set(STORAGE_KEY, {
      notebook: $state.snapshot(this.notebook),
      foreign: this.foreign,
      savedAt: this.now(),
    });
    this.lastSavedAt = this.now();
  }
}
