import { datasetOf } from './dependencies';
import * as edits from './edits';
import * as mixEdits from './mix-edits';
import type { DatasetSettings } from '../datasets/dataset-settings';
import type { Cell, Notebook } from './notebook';
import { filterSyntaxError } from '../sql/one-expression';
import type { TargetMix } from './target-mix';
import { clashOf, firstFreeName, holdersOf, renamedText, withFreeNames } from './cell-names';
import type { DatasetSettingsStore } from './workspace-state.svelte';
import type { StackChoice } from '../datasets/stack-groups';
import { NotebookRuns } from './notebook-runs.svelte';

/** Editing the notebook: cells, names, the filter, mixes and dataset settings, undo and redo. */
export class NotebookEditor extends NotebookRuns {
  /** The dataset last picked in a cell: where the next new analysis cell starts. */
  private lastPicked: string | undefined;

  private reserved(): Set<string> {
    const held = this.heldData();
    return new Set([...held.tables, ...held.datasets]);
  }

  addCell(kind: string, index?: number, init: Partial<Cell> & Record<string, unknown> = {}): Cell {
    const definition = this.deps.kinds[kind];
    if (!definition) throw new Error(`There is no cell kind "${kind}".`);
    const dataset = 'dataset' in definition.defaults() && !('dataset' in init);
    const preselected = dataset ? { dataset: this.datasetForNewCell(), ...init } : init;
    const made = edits.createCell(this.notebook, definition, preselected, this.reserved());
    const holders = holdersOf(
      this.heldData(),
      this.notebook.cells.map((c) => c.name),
    );
    const name = clashOf(made.name, holders) ? firstFreeName(made.name, holders) : made.name;
    const cell = { ...made, name };
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
    const problem = edits.nameProblem(this.notebook, id, name, this.heldData());
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
      yieldTo: (table) => this.yieldTo(table),
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
    // A file loaded since may hold a name the cells had then.
    const { notebook, renamed } = withFreeNames(
      { ...next, data: this.notebook.data },
      this.heldData(),
    );
    this.apply(notebook);
    if (renamed.length > 0) this.notice = { kind: 'info', text: renamedText(renamed) };
    if (stackingChanged) void this.deps.workspace.replan();
    else void this.runAll();
  }
}
