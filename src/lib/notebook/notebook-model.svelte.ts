import { sqlDatasetName, sqlResultOf } from '../datasets/sql-datasets';
import { datasetOf, downstreamOf } from './dependencies';
import * as edits from './edits';
import * as mixEdits from './mix-edits';
import { parseNotebook, serializeNotebook } from './file-format';
import { History } from './history';
import type { CellKind, CellKinds } from './cell-kind';
import type { DatasetSettings } from '../datasets/dataset-settings';
import { emptyNotebook, type Cell, type DataRef, type Notebook } from './notebook';
import { PAGE_SIZE, readPage, rowsWhere, type RowPage } from './row-pages';
import { filterSyntaxError } from '../sql/one-expression';
import { ident } from '../sql/quote';
import { runCell } from './run-cell';
import { isRunProblem, messageOf, type CellResult, type KindResult } from './run-context';
import { decodeShare, encodeShare } from './share';
import { mixNamed, type TargetMix } from './target-mix';
import type { KeyValueStore } from './storage';
import { foreignSqlOf, isUnreviewed, waitingMessage, type ForeignSql } from './foreign-sql';
import { keepRecent, recentNotebooks, removeRecent, type RecentNotebook } from './recent-notebooks';
import { PendingWork } from './pending-work.svelte';
import { RunQueue } from './run-queue.svelte';
import { waitingForData } from './waiting-for-data';
import type { DatasetSettingsStore, Workspace } from './workspace.svelte';
import type { StackChoice } from '../datasets/stack-groups';

const STORAGE_KEY = 'notebook';

const isEngineFailure = (result: CellResult | undefined) =>
  isRunProblem(result) &&
  result.status === 'error' &&
  result.message.includes('The engine was restarted');

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

/** The notebook being edited: its cells, their results, undo/redo, autosave and runs. */
export class NotebookModel {
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
  private readOnly = false;
  /** The cells waiting to run, shown on the page with a Cancel. */
  readonly queue = new RunQueue({
    run: (id) => this.runOne(id),
    stop: (id) => this.cancel(id),
    order: () => this.notebook.cells.map((c) => c.id),
  });

  /** Runs started outside the queue (an edit's, the Run button's) and the cells below them. */
  private readonly runs = new PendingWork();
  private readonly history: History<Notebook>;
  /** The dataset last picked in a cell: where the next new analysis cell starts. */
  private lastPicked: string | undefined;
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

  /** The kind of a cell, from the registry the notebook was handed. */
  kindOf(cell: Cell): CellKind | undefined {
    return this.deps.kinds[cell.kind];
  }

  addCell(kind: string, index?: number, init: Partial<Cell> & Record<string, unknown> = {}): Cell {
    const definition = this.deps.kinds[kind];
    if (!definition) throw new Error(`There is no cell kind "${kind}".`);
    const dataset = 'dataset' in definition.defaults() && !('dataset' in init);
    const preselected = dataset ? { dataset: this.datasetForNewCell(), ...init } : init;
    const cell = edits.createCell(this.notebook, definition, preselected, this.reserved());
    this.commit(edits.insertCell(this.notebook, cell, index));
    if (definition.run && definition.runOnAdd !== false) void this.run(cell.id);
    return cell;
  }

  /**
   * The dataset a new analysis cell starts on: the only one there is, else the one last picked in
   * a cell (or, after a reload, the bottom-most cell's), else none (the user picks).
   */
  private datasetForNewCell(): string {
    const names = this.deps.workspace.datasets.map((d) => d.plan.name);
    if (names.length === 1) return names[0];
    const used = this.notebook.cells.map(datasetOf).filter((d) => d !== undefined);
    const candidates = [this.lastPicked, ...used.reverse()];
    return candidates.find((d) => d !== undefined && names.includes(d)) ?? '';
  }

  deleteCell(id: string): void {
    const cell = this.cell(id);
    this.commit(edits.deleteCell(this.notebook, id));
    if (cell && this.kindOf(cell)?.storesTable) {
      void this.deps.workspace.dropSqlDataset(cell.name);
      void this.dropResult(cell.name);
    }
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
  updateCell(id: string, patch: Partial<Cell> & Record<string, unknown>, rerun = false): void {
    if (typeof patch.dataset === 'string' && patch.dataset !== '') this.lastPicked = patch.dataset;
    const key = Object.keys(patch).length === 1 ? `${Object.keys(patch)[0]}:${id}` : null;
    this.commit(edits.updateCell(this.notebook, id, patch as never), key);
    if (rerun) void this.run(id);
  }

  /** Renames a cell and the references to it; returns why not when the name cannot be used. */
  renameCell(id: string, name: string): string | null {
    const problem = edits.nameProblem(this.notebook, id, name, this.reserved());
    if (problem) return problem;
    const old = this.cell(id);
    this.commit(edits.renameCell(this.notebook, id, name, this.deps.kinds));
    if (old && this.kindOf(old)?.storesTable) {
      void this.deps.workspace.dropSqlDataset(old.name);
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
    void this.runAll((c) => this.kindOf(c)?.filtered === true);
  }

  /**
   * Saves a target mix (in place of the one called `replacing`, renaming it in the cells that use
   * it) and re-runs those cells; returns why not when the name cannot be used.
   */
  saveMix(mix: TargetMix, replacing = mix.name): string | null {
    const problem = mixEdits.mixNameProblem(this.notebook, mix.name, replacing);
    if (problem) return problem;
    this.commit(mixEdits.saveMix(this.notebook, mix, this.deps.kinds, replacing));
    void this.runAll((c) => this.kindOf(c)?.mixes?.(c).includes(mix.name) === true);
    return null;
  }

  deleteMix(name: string): void {
    this.commit(mixEdits.deleteMix(this.notebook, name));
    void this.runAll((c) => this.kindOf(c)?.mixes?.(c).includes(name) === true);
  }

  /**
   * Why the filter is not one SQL condition, by DuckDB's parser, or null; each analysis cell also
   * checks it against its own dataset's columns when it runs (checked-filter.ts).
   */
  async filterProblem(filter = this.notebook.filter): Promise<string | null> {
    return filterSyntaxError(await this.deps.workspace.engine, filter);
  }

  setDatasetSettings(name: string, settings: DatasetSettings): void {
    this.commit({ ...this.notebook, datasets: { ...this.notebook.datasets, [name]: settings } });
  }

  /** Which files stack into one dataset: an edit of the notebook like any other (undoable). */
  setStacking(stacking: StackChoice[]): void {
    this.commit({ ...this.notebook, stacking });
  }

  /** What the workspace keeps in the notebook and asks of it (workspace.settings). */
  datasetStore(): DatasetSettingsStore {
    return {
      get: (name) => this.notebook.datasets[name],
      set: (name, settings) => this.setDatasetSettings(name, settings),
      stacking: () => this.notebook.stacking,
      setStacking: (choices) => this.setStacking(choices),
      users: (dataset) =>
        this.notebook.cells.filter((c) => datasetOf(c) === dataset).map((c) => c.name),
      knownFiles: () => this.notebook.data.map((d) => d.name),
    };
  }

  /**
   * Undo and redo change the cells, never the record of which files are loaded; a change of which
   * files stack re-plans the datasets.
   */
  undo(): void {
    this.restoreFrom(this.history.undo());
  }

  redo(): void {
    this.restoreFrom(this.history.redo());
  }

  private restoreFrom(next: Notebook): void {
    const stackingChanged =
      JSON.stringify(next.stacking) !== JSON.stringify(this.notebook.stacking);
    this.apply({ ...next, data: this.notebook.data });
    if (stackingChanged) void this.deps.workspace.replan();
    else void this.runAll();
  }

  // ---- running -----------------------------------------------------------------------------

  /** A cell's result, typed as its kind's (`R`): the kind's view knows which it gets. */
  resultOf<R extends KindResult>(id: string): CellResult<R> | undefined {
    return this.results[id] as CellResult<R> | undefined;
  }

  /**
   * The SQL cells above cell `id` (every one without an id) whose result is a table now: what it
   * may use as its dataset.
   */
  sqlResultsAbove(id?: string): string[] {
    const index = this.notebook.cells.findIndex((c) => c.id === id);
    return this.notebook.cells
      .slice(0, id === undefined ? undefined : Math.max(0, index))
      .filter((c) => this.kindOf(c)?.storesTable && this.results[c.id]?.status === 'table')
      .map((c) => c.name);
  }

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  /** Runs a cell, then the cells that read from it, in order. */
  run(id: string): Promise<void> {
    const { cells, mixes } = this.notebook;
    const targets = downstreamOf(cells, id, this.deps.kinds, mixes);
    return this.runs.track(async () => {
      for (const target of targets) await this.runOne(target);
    });
  }

  /** No cell runs or waits to run: the results on the page are the last ones asked for. */
  get settled(): boolean {
    return this.runs.idle && this.queue.running === null && this.queue.waiting.length === 0;
  }

  /**
   * Queues the cells (in notebook order); resolves when the queue is empty. A foreign notebook's
   * SQL that waits for the user's Run is marked so at once, in one update, not queued.
   */
  runAll(which: (cell: Cell) => boolean = () => true): Promise<void> {
    const cells = this.notebook.cells.filter(which);
    const foreign = this.foreign;
    const waiting = foreign ? cells.filter((c) => isUnreviewed(foreign, this.deps.kinds, c)) : [];
    if (foreign && waiting.length > 0) {
      const message = waitingMessage(foreign);
      const marked = { ...this.results };
      for (const c of waiting) marked[c.id] = { status: 'missing', message };
      this.results = marked;
    }
    return this.queue.add(cells.filter((c) => !waiting.includes(c)).map((c) => c.id));
  }

  cancel(id: string): void {
    this.controllers.get(id)?.abort();
  }

  /** Another page of a stored result (a SQL cell's table). */
  async page(id: string, offset: number): Promise<void> {
    const cell = this.cell(id);
    const current = this.results[id];
    if (!cell || !this.kindOf(cell)?.storesTable || !current || isRunProblem(current)) return;
    const engine = await this.deps.workspace.engine;
    const page = await readPage(engine, cell.name, offset, PAGE_SIZE);
    // The cell ran again (or was deleted) while the page was read: the page is of the old rows.
    if (this.results[id] !== current) return;
    const next = { ...current, ...page, offset };
    this.setResult(id, next);
  }

  /** A page of `source`'s rows meeting `condition` and the global filter (a discovered slice's). */
  async rowsWhere(source: string, condition: string, offset = 0): Promise<RowPage> {
    const engine = await this.deps.workspace.engine;
    return rowsWhere(engine, source, condition, this.notebook.filter, offset);
  }

  private async runOne(id: string): Promise<void> {
    const cell = this.cell(id);
    if (!cell) return;
    if (this.foreign && isUnreviewed(this.foreign, this.deps.kinds, cell))
      return this.setResult(id, { status: 'missing', message: waitingMessage(this.foreign) });
    this.controllers.get(id)?.abort();
    const controller = new AbortController();
    this.controllers.set(id, controller);
    this.setResult(id, { status: 'running' });
    const workspace = this.deps.workspace;
    await this.prepareSqlDataset(cell);
    // A SQL cell's statement may change any table (CREATE OR REPLACE, INSERT, DROP ...): nothing
    // read before it, or while it runs, answers from the cache.
    const changesTables = this.kindOf(cell)?.storesTable === true;
    if (changesTables) workspace.cache.invalidate();
    const result = await runCell(this.deps.kinds, cell, {
      engine: await workspace.engine,
      dataset: (name) => workspace.dataset(name),
      mix: (name) => mixNamed(this.notebook.mixes, name),
      filter: this.notebook.filter,
      cache: workspace.cache,
      signal: controller.signal,
      progress: (partial) => {
        if (this.controllers.get(id) === controller) this.setResult(id, partial);
      },
      now: this.now,
    })
      .catch((e): CellResult => ({ status: 'error', message: messageOf(e) }))
      .then((r) => (r && changesTables ? waitingForData(r, this.missingData()) : r))
      .finally(() => changesTables && workspace.cache.invalidate());
    if (this.controllers.get(id) !== controller) return;
    this.controllers.delete(id);
    if (result?.status === 'table' && workspace.dataset(sqlDatasetName(cell.name)))
      await workspace.buildSqlDataset(cell.name).catch(() => undefined);
    // A cancelled discovery keeps the slices it found so far.
    const partial = this.kindOf(cell)?.keepsPartial && result && !isRunProblem(result);
    if (controller.signal.aborted && !partial) this.setResult(id, { status: 'cancelled' });
    else if (result) this.setResult(id, result);
    else {
      const { [id]: _none, ...rest } = this.results;
      this.results = rest;
    }
  }

  /** A cell whose dataset is a SQL cell's result gets that dataset built, once the result exists. */
  private async prepareSqlDataset(cell: Cell): Promise<void> {
    const dataset = datasetOf(cell);
    const workspace = this.deps.workspace;
    if (!dataset || workspace.dataset(dataset)) return;
    const stored = this.notebook.cells.filter(
      (c) => this.kindOf(c)?.storesTable && this.results[c.id]?.status === 'table',
    );
    const source = sqlResultOf(
      dataset,
      stored.map((c) => c.name),
    );
    if (source) await workspace.buildSqlDataset(source).catch(() => undefined);
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

  /** The notice as the page shows it: a request to open the data is gone once the data is here. */
  shownNotice(): Notice | null {
    const notice = this.notice;
    return notice?.untilDataLoaded && this.missingData().length === 0 ? null : notice;
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
    this.history.push(example);
    this.open(example, message, null);
    // While its data loads, the note goes with the request to open the data; else it stays.
    this.notice = { kind: 'info', text: message, untilDataLoaded: this.missingData().length > 0 };
  }

  /** A published report's notebook: read-only, in its own store, over the report's own data. */
  openReport(notebook: Notebook): void {
    // A reader's changes (filter, settings) are theirs for the visit: nothing is saved.
    this.readOnly = true;
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
    this.notice = missing.length
      ? {
          kind: 'info',
          text: `${message} Open its data to run it: ${names}.`,
          untilDataLoaded: true,
        }
      : { kind: 'info', text: message };
    void this.runAll();
    // Over data already loaded, the notebook's saved roles and task replace the ones in force.
    void this.deps.workspace.applySavedSettings();
  }

  private async save(): Promise<void> {
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
