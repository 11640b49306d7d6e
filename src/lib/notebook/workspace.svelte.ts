import type { Engine } from '../engine/engine';
import type { Role, TaskKind } from '../ingest/roles';
import {
  buildDataset,
  changeRoles,
  dropDataset,
  withRole,
  type Dataset,
} from '../datasets/dataset';
import {
  addDerivedColumn,
  removeDerivedColumn,
  setExampleId,
  setReshape,
  settingsOf,
} from '../datasets/dataset-edits';
import type { DerivedColumn } from '../datasets/derived-columns';
import { sqlDatasetName, sqlDatasetPlan } from '../datasets/sql-datasets';
import { stackRefusal, type StackChoice } from '../datasets/stack-groups';
import { withChoice, type StackOffer } from '../datasets/stacking';
import { inferRoles } from '../ingest/infer-roles';
import { WorkspaceLoads } from './workspace-loads.svelte';

/**
 * The loaded data and what the app understood of it (WorkspaceState, WorkspaceLoads), and here
 * the edits of the datasets: roles, task, derived columns, ids, reshapes, stacking and SQL
 * results as datasets. Shared with components through context.
 */
export class Workspace extends WorkspaceLoads {
  /**
   * Edits of a dataset, one after another: each reads the dataset as the one before left it. Two
   * role changes picked in quick succession once rebuilt from the same dataset, and the second
   * undid the first (seen in e2e under load: a label chosen, then a score, left no label).
   */
  private edits: Promise<unknown> = Promise.resolve();

  private serially<T>(edit: () => Promise<T>): Promise<T> {
    return this.pending.track(() => {
      const changing = () => this.changing(edit);
      const next = this.edits.then(changing, changing);
      this.edits = next.catch(() => undefined);
      return next;
    });
  }

  setRole(datasetName: string, column: string, role: Role): Promise<void> {
    return this.serially(async () => {
      const dataset = this.dataset(datasetName);
      if (!dataset) return;
      this.replaceDataset(
        await changeRoles(await this.engine, dataset, withRole(dataset.roles, column, role)),
      );
    });
  }

  setTaskKind(datasetName: string, taskKind: TaskKind): Promise<void> {
    return this.serially(async () => {
      const dataset = this.dataset(datasetName);
      if (!dataset) return;
      this.replaceDataset(await changeRoles(await this.engine, dataset, dataset.roles, taskKind));
    });
  }

  /**
   * Adds a derived column (an expression or a threshold) with a role; returns why not, and then
   * nothing changes.
   */
  async addDerived(datasetName: string, column: DerivedColumn, role: Role): Promise<string | null> {
    return this.editDataset(datasetName, (engine, d) => addDerivedColumn(engine, d, column, role));
  }

  /** Makes the example id of one column, or composite of several (file + example_id); or why not. */
  async setExampleId(datasetName: string, columns: string[]): Promise<string | null> {
    return this.editDataset(datasetName, (engine, d) => setExampleId(engine, d, columns));
  }

  /** Reads a wide table by other patterns (none: keeps it wide); or why not, and nothing changes. */
  async setReshape(datasetName: string, patterns: string[]): Promise<string | null> {
    return this.editDataset(datasetName, (engine, d) => setReshape(engine, d, patterns));
  }

  /** The dataset rebuilt by `edit`; or why not (no such dataset, or the edit's reason). */
  private async editDataset(
    name: string,
    edit: (engine: Engine, dataset: Dataset) => Promise<Dataset | { error: string }>,
  ): Promise<string | null> {
    return this.serially(async () => {
      const dataset = this.dataset(name);
      if (!dataset) return `There is no dataset ${name}.`;
      const next = await edit(await this.engine, dataset);
      if ('error' in next) return next.error;
      this.replaceDataset(next);
      return null;
    });
  }

  removeDerived(datasetName: string, column: string): Promise<void> {
    return this.serially(async () => {
      const dataset = this.dataset(datasetName);
      if (!dataset) return;
      this.replaceDataset(await removeDerivedColumn(await this.engine, dataset, column));
    });
  }

  /**
   * Builds (again) the dataset of a SQL cell's result, with its saved settings: when a cell first
   * uses it, and after the SQL cell ran again (its columns may have changed).
   */
  buildSqlDataset(cell: string): Promise<void> {
    return this.changing(() => this.buildSqlDatasetNow(cell));
  }

  private async buildSqlDatasetNow(cell: string): Promise<void> {
    const engine = await this.engine;
    const name = sqlDatasetName(cell);
    const dataset = await buildDataset(engine, sqlDatasetPlan(cell), this.settings?.get(name));
    const others = this.datasets.filter((d) => d.plan.name !== name);
    this.datasets = [...others, dataset];
  }

  /** Forgets a SQL cell's dataset (the cell was deleted or renamed). */
  dropSqlDataset(cell: string): Promise<void> {
    const name = sqlDatasetName(cell);
    if (!this.dataset(name)) return Promise.resolve();
    return this.changing(async () => {
      this.datasets = this.datasets.filter((d) => d.plan.name !== name);
      await dropDataset(await this.engine, name).catch(() => undefined);
    });
  }

  /**
   * Builds again the datasets whose settings differ from those the notebook saved for them: a
   * notebook opened over data already loaded brings its own roles and task. Nothing is rebuilt
   * (and no cell re-run) when they agree.
   */
  applySavedSettings(): Promise<void> {
    const saved = (d: Dataset) => this.settings?.get(d.plan.name);
    const differs = (d: Dataset) =>
      saved(d) !== undefined && JSON.stringify(saved(d)) !== JSON.stringify(settingsOf(d));
    return this.changeTables(async () => {
      if (this.datasets.some(differs)) await this.rebuildDatasets((d) => !differs(d));
    });
  }

  /** Plans and builds the datasets again (the stacking choices changed, e.g. by undo). */
  replan(): Promise<void> {
    return this.changeTables(() => this.rebuildDatasets());
  }

  /** Stacks a new file into the dataset it fits (the notebook's undo takes it back out). */
  acceptOffer(offer: StackOffer): Promise<void> {
    return this.choose({ files: [...offer.stackedWith, ...offer.files], stack: true });
  }

  /** Keeps a new file apart from the dataset it fits: a dataset of its own. */
  declineOffer(offer: StackOffer): Promise<void> {
    return this.choose({ files: offer.files, stack: false });
  }

  /** Makes each file of a stacked dataset a dataset of its own. */
  splitDataset(name: string): Promise<void> {
    const files = this.dataset(name)?.plan.files ?? [];
    return this.choose({ files, stack: false });
  }

  /**
   * Stacks the files of a dataset with more files (another dataset's, or single ones); returns
   * why not, naming the files, when they share no label, prediction, outcome, id or model column.
   */
  async stackFiles(name: string, files: string[]): Promise<string | null> {
    const dataset = this.dataset(name);
    if (!dataset) return `There is no dataset ${name}.`;
    const all = [
      ...(dataset.plan.files ?? []),
      ...files.filter((f) => !dataset.plan.files?.includes(f)),
    ];
    const tables = all
      .map((f) => this.tables.find((t) => t.fileName === f))
      .filter((t) => t !== undefined);
    const roles = new Map(tables.map((t) => [t.table, inferRoles(t.profile).roles]));
    const refusal = stackRefusal(tables, roles);
    if (refusal) return refusal;
    await this.choose({ files: all, stack: true });
    return null;
  }

  private choose(choice: StackChoice): Promise<void> {
    this.settings?.setStacking(withChoice(this.settings.stacking(), choice));
    return this.replan();
  }

  private replaceDataset(next: Dataset): void {
    this.datasets = this.datasets.map((d) => (d.plan.name === next.plan.name ? next : d));
    this.settings?.set(next.plan.name, settingsOf(next));
    this.onDatasetsChanged?.();
  }
}
