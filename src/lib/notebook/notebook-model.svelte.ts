import { downstreamOf } from './dependencies';
import * as edits from './edits';
import * as mixEdits from './mix-edits';
import { parseNotebook, serializeNotebook } from './file-format';
import { History } from './history';
import type { CellKind, CellKinds } from './cell-kind';
import {
  emptyNotebook,
  type Cell,
  type DataRef,
  type DatasetSettings,
  type Notebook,
} from './notebook';
import { PAGE_SIZE, readPage, rowsWhere, type RowPage } from './row-pages';
import { ident } from '../sql/quote';
import { runCell } from './run-cell';
import { isRunProblem, messageOf, type CellResult, type KindResult } from './run-context';
import { decodeShare, encodeShare } from './share';
import { mixNamed, type TargetMix } from './target-mix';
import type { KeyValueStore } from './storage';
import type { Workspace } from './workspace.svelte';

const STORAGE_KEY = 'notebook';

const isEngineFailure = (result: CellResult | undefined) =>
  isRunProblem(result) &&
  result.status === 'error' &&
  result.message.includes('The engine was restarted');

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
  notice = $state<{ kind: 'info' | 'error'; text: string } | null>(null);
  lastSavedAt = $state<number | null>(null);

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

  /** The kind of a cell, from the registry the notebook was handed. */
  kindOf(cell: Cell): CellKind | undefined {
    return this.deps.kinds[cell.kind];
  }

  addCell(kind: string, index?: number, init: Partial<Cell> & Record<string, unknown> = {}): Cell {
    const definition = this.deps.kinds[kind];
    if (!definition) throw new Error(`There is no cell kind "${kind}".`);
    const cell = edits.createCell(this.notebook, definition, init, this.reserved());
    this.commit(edits.insertCell(this.notebook, cell, index));
    if (definition.run && definition.runOnAdd !== false) void this.run(cell.id);
    return cell;
  }

  deleteCell(id: string): void {
    const cell = this.cell(id);
    this.commit(edits.deleteCell(this.notebook, id));
    if (cell && this.kindOf(cell)?.storesTable) void this.dropResult(cell.name);
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

  /** A cell's result, typed as its kind's (`R`): the kind's view knows which it gets. */
  resultOf<R extends KindResult>(id: string): CellResult<R> | undefined {
    return this.results[id] as CellResult<R> | undefined;
  }

  cell(id: string): Cell | undefined {
    return this.notebook.cells.find((c) => c.id === id);
  }

  /** Runs a cell, then the cells that read from it, in order. */
  async run(id: string): Promise<void> {
    const { cells, mixes } = this.notebook;
    for (const target of downstreamOf(cells, id, this.deps.kinds, mixes)) await this.runOne(target);
  }

  async runAll(which: (cell: Cell) => boolean = () => true): Promise<void> {
    for (const cell of this.notebook.cells) if (which(cell)) await this.runOne(cell.id);
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
    this.controllers.get(id)?.abort();
    const controller = new AbortController();
    this.controllers.set(id, controller);
    this.setResult(id, { status: 'running' });
    const workspace = this.deps.workspace;
    const result = await runCell(this.deps.kinds, cell, {
      engine: await workspace.engine,
      dataset: (name) => workspace.dataset(name),
      mix: (name) => mixNamed(this.notebook.mixes, name),
      filter: this.notebook.filter,
      signal: controller.signal,
      progress: (partial) => {
        if (this.controllers.get(id) === controller) this.setResult(id, partial);
      },
      now: this.now,
    }).catch((e): CellResult => ({ status: 'error', message: messageOf(e) }));
    if (this.controllers.get(id) !== controller) return;
    this.controllers.delete(id);
    // A cancelled discovery keeps the slices it found so far.
    const partial = this.kindOf(cell)?.keepsPartial && result && !isRunProblem(result);
    if (controller.signal.aborted && !partial) this.setResult(id, { status: 'cancelled' });
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
    const saved = await this.deps.store
      .get<{ notebook: Notebook }>(STORAGE_KEY)
      .catch(() => undefined);
    if (!saved) return false;
    const parsed = parseNotebook(serializeNotebook(saved.notebook));
    if ('error' in parsed) {
      this.notice = {
        kind: 'error',
        text: `The autosaved notebook could not be restored: ${parsed.error}`,
      };
      return false;
    }
    this.open(parsed.notebook, 'Restored your notebook from the last session.');
    return true;
  }

  openFile(text: string, fileName: string): boolean {
    const parsed = parseNotebook(text);
    if ('error' in parsed) {
      this.notice = { kind: 'error', text: `${fileName}: ${parsed.error}` };
      return false;
    }
    this.open(parsed.notebook, `Opened ${fileName}.`);
    return true;
  }

  async openShared(fragment: string): Promise<boolean> {
    const parsed = await decodeShare(fragment);
    if ('error' in parsed) {
      this.notice = { kind: 'error', text: parsed.error };
      return false;
    }
    this.open(
      parsed.notebook,
      'Opened the notebook from the link. Its data stay on your machine: open the files it names.',
    );
    return true;
  }

  fileText(): string {
    return serializeNotebook(this.notebook);
  }

  shareFragment(): Promise<string> {
    return encodeShare(this.notebook);
  }

  private open(notebook: Notebook, message: string): void {
    this.history.reset(notebook);
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
      savedAt: this.now(),
    });
    this.lastSavedAt = this.now();
  }
}
