import { CancelledError, type Engine } from '../engine/engine';
import { guardEngine, type EngineFailureKind } from '../engine/engine-errors';
import type { Decode, OpenInputs } from '../ingest/decoder-client';
import { openInputs } from '../ingest/inputs/open-inputs';
import type { InputFile } from '../ingest/inputs/input-file';
import { contentHash } from '../ingest/content-hash';
import { loadFile, type LoadSource, type LoadedTable } from '../ingest/load-file';
import { ident } from '../sql/quote';
import { tableNameFor } from '../ingest/names';
import type { Role, TaskKind } from '../ingest/roles';
import type { DatasetSettings } from '../datasets/dataset-settings';
import { buildDatasets } from '../datasets/build-datasets';
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
import { planDatasets } from '../datasets/plan-datasets';
import { stackRefusal, type StackChoice } from '../datasets/stack-groups';
import { findOffers, withChoice, type StackOffer } from '../datasets/stacking';
import { inferRoles } from '../ingest/infer-roles';
import { LoadQueue, type LoadJob } from './load-queue.svelte';
import { PendingWork } from './pending-work.svelte';
import { fileNameOf, urlSource } from './url-source';
import { QueryCache } from './query-cache';
import { replaceTable } from './replace-table';

/**
 * Where what the user chose for the datasets is kept (the notebook), so a reload keeps it: each
 * dataset's settings, which files stack; and what the notebook knows that decides an offer.
 */
export interface DatasetSettingsStore {
  get(dataset: string): DatasetSettings | undefined;
  set(dataset: string, settings: DatasetSettings): void;
  stacking(): StackChoice[];
  setStacking(choices: StackChoice[]): void;
  /** The names of the cells that use a dataset. */
  users(dataset: string): string[];
  /** The files the notebook was built on (its data list): a file among them is not new. */
  knownFiles(): string[];
}

export interface WorkspaceDeps {
  createEngine: () => Promise<Engine>;
  decode: Decode;
  /** Expands zips and reads harness logs; in the page's thread when not given (tests). */
  open?: OpenInputs;
  now?: () => number;
  fetch?: typeof fetch;
}

/** The loaded data and what the app understood of it; shared with components through context. */
export class Workspace {
  engineStatus = $state<'starting' | 'ready' | 'failed'>('starting');
  engineError = $state<string | null>(null);
  tables = $state.raw<LoadedTable[]>([]);
  datasets = $state.raw<Dataset[]>([]);
  /** Datasets that could not be built, with the reason. */
  datasetErrors = $state.raw<string[]>([]);
  /** New files that would join a dataset cells use, kept apart: the ones still to answer. */
  offers = $state.raw<StackOffer[]>([]);
  /** Every such file since it was loaded: apart unless a stacking choice says otherwise. */
  private held: StackOffer[] = [];

  /** Replaced by a fresh one when a query runs out of memory or crashes it (see recycleEngine). */
  engine: Promise<Engine>;
  /** What happened when the engine was last replaced, for the page. */
  engineNotice = $state<string | null>(null);
  /** Called after the engine was replaced and the files re-loaded (the notebook re-runs its cells). */
  onEngineRecycled: (() => void) | null = null;
  /** Each loaded table's file (or address), so a replaced engine can load it again. */
  private readonly sources = new Map<string, LoadSource>();
  private recycling = false;
  /** Set by the notebook: saved roles are applied to rebuilt datasets, and changes are saved. */
  settings: DatasetSettingsStore | null = null;
  /** Called after the datasets change (a file loaded or removed). */
  onDatasetsChanged: (() => void) | null = null;
  /** Tables a file opened again replaced: their datasets are built again from the new rows. */
  private readonly replaced = new Set<string>();
  /** Called when loaded files got their SHA-256 (after their overview is on screen). */
  onTablesHashed: (() => void) | null = null;
  /** Loaded files whose bytes are still to be hashed, by table. */
  private readonly unhashed = new Map<string, Blob>();
  /** The files waiting and loading, one after another. */
  private readonly loads = new LoadQueue(() => this.now());
  /** Dataset edits asked for and not yet done (`settled`). */
  private readonly pending = new PendingWork();

  /**
   * Rows of read-only queries, kept while no table changes: every change below (loads, removals,
   * role and dataset edits, SQL results as datasets, a new engine) empties it before and after,
   * and the notebook does around each SQL cell's run.
   */
  readonly cache = new QueryCache();

  constructor(private readonly deps: WorkspaceDeps) {
    this.engine = this.startEngine();
  }

  /** A change to the tables: the loads' queue runs it, the cache is emptied around it. */
  private changeTables(work: () => Promise<void>): Promise<void> {
    return this.loads.enqueue(() => this.changing(work));
  }

  private changing<T>(work: () => Promise<T>): Promise<T> {
    return this.pending.track(async () => {
      this.cache.invalidate();
      try {
        return await work();
      } finally {
        this.cache.invalidate();
      }
    });
  }

  private startEngine(): Promise<Engine> {
    this.cache.invalidate();
    this.engineStatus = 'starting';
    const engine = this.deps
      .createEngine()
      .then((e) => guardEngine(e, (kind) => void this.recycleEngine(kind)));
    engine.then(
      () => (this.engineStatus = 'ready'),
      (e) => {
        this.engineStatus = 'failed';
        this.engineError = e instanceof Error ? e.message : String(e);
      },
    );
    return engine;
  }

  /**
   * Replaces an engine that ran out of memory or crashed with a fresh worker, and loads the files
   * the old one held again (their roles come back from the notebook's settings).
   */
  private async recycleEngine(kind: Exclude<EngineFailureKind, 'query'>): Promise<void> {
    if (this.recycling) return;
    this.recycling = true;
    const old = this.engine;
    this.engine = this.startEngine();
    void old.then((e) => e.close()).catch(() => undefined);
    const lost = this.tables;
    try {
      await this.changeTables(async () => {
        const engine = await this.engine;
        const restored: LoadedTable[] = [];
        for (const t of lost) {
          const file = this.sources.get(t.table);
          if (!file) continue;
          const deps = { engine, decode: this.deps.decode };
          await loadFile(deps, file, t.table, () => undefined).then(
            (loaded) => restored.push({ ...loaded, sha256: t.sha256 }),
            () => this.sources.delete(t.table),
          );
        }
        this.tables = [...restored, ...this.tables.filter((t) => !lost.includes(t))];
        this.datasets = [];
        const notify = this.onDatasetsChanged;
        this.onDatasetsChanged = null;
        try {
          await this.rebuildDatasets();
        } finally {
          this.onDatasetsChanged = notify;
        }
        const what = kind === 'out-of-memory' ? 'ran out of memory' : 'stopped working';
        this.engineNotice = `DuckDB ${what} and was restarted: ${restored.length} of ${lost.length} loaded file${lost.length === 1 ? '' : 's'} re-loaded.`;
      });
    } finally {
      this.recycling = false;
    }
    this.onEngineRecycled?.();
  }

  private now(): number {
    return (this.deps.now ?? performance.now.bind(performance))();
  }

  /**
   * Queues files for loading; each gets its own progress row and can be cancelled. Zips are
   * opened and harness logs read first (inputs/open-inputs.ts): each file found gets a row, and
   * so does each file skipped or archive refused, saying why. Picked before DuckDB is ready, they
   * wait for it. Their SHA-256 is taken once their overview is shown.
   */
  loadFiles(files: InputFile[]): Promise<void> {
    // Pending until the files are hashed too: the notebook records the hashes it saves.
    return this.pending.track(() => this.loadFilesNow(files));
  }

  private async loadFilesNow(files: InputFile[]): Promise<void> {
    await this.changeTables(async () => {
      let opened;
      try {
        opened = await (this.deps.open ?? ((f) => openInputs(f)))(files);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        for (const f of files) this.loads.ended(f.name, f.blob.size, 'failed', message);
        return;
      }
      for (const r of opened.refused) this.loads.ended(r.name, null, 'failed', r.message);
      for (const s of opened.skipped) this.loads.ended(s.name, null, 'skipped', s.reason);
      const jobs = opened.files.map((f) => this.loads.add(f.name, f.blob.size));
      for (let i = 0; i < jobs.length; i++) await this.runJob(jobs[i], async () => opened.files[i]);
      await this.rebuildDatasets();
    });
    await this.hashLoaded();
  }

  /**
   * Loads files by URL (relative to the page); the name defaults to the URL's. A Parquet file on a
   * host that answers range requests is read in place, and only `columns` of it when given.
   */
  loadUrls(sources: { url: string; name?: string; columns?: string[] }[]): Promise<void> {
    return this.pending.track(() => this.loadUrlsNow(sources));
  }

  private async loadUrlsNow(
    sources: { url: string; name?: string; columns?: string[] }[],
  ): Promise<void> {
    const jobs = sources.map((s) => this.loads.add(s.name ?? fileNameOf(s.url), null));
    await this.changeTables(async () => {
      for (let i = 0; i < sources.length; i++)
        await this.runJob(
          jobs[i],
          (signal) => urlSource(jobs[i], sources[i], signal, this.deps.fetch ?? fetch),
          fileNameOf(sources[i].url),
        );
      await this.rebuildDatasets();
    });
    await this.hashLoaded();
  }

  /**
   * Hashes the files loaded since the last call, after their datasets were built: the digest of a
   * 76 MiB CSV takes about 0.7 s, which the first answer does not wait for.
   */
  private async hashLoaded(): Promise<void> {
    const pending = [...this.unhashed];
    this.unhashed.clear();
    if (pending.length === 0) return;
    const hashes = new Map<string, string | null>();
    for (const [table, blob] of pending) hashes.set(table, await contentHash(blob));
    this.tables = this.tables.map((t) =>
      hashes.has(t.table) ? { ...t, sha256: hashes.get(t.table) ?? null } : t,
    );
    this.onTablesHashed?.();
  }

  /** The load jobs, for the page's progress list. */
  get jobs(): LoadJob[] {
    return this.loads.jobs;
  }

  /** True while files load or datasets are rebuilt. */
  get busy(): boolean {
    return this.loads.busy;
  }

  /** Nothing loads and no dataset edit is under way (each counted from the moment it was asked). */
  get settled(): boolean {
    return !this.loads.busy && this.pending.idle;
  }

  cancel(jobId: number): void {
    this.loads.cancel(jobId);
  }

  dismiss(jobId: number): void {
    this.loads.dismiss(jobId);
  }

  /** The dataset named `name` (its SQL name), if it is loaded. */
  dataset(name: string): Dataset | undefined {
    return this.datasets.find((d) => d.plan.name === name);
  }

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

  async removeTable(table: string): Promise<void> {
    await this.changeTables(async () => {
      const engine = await this.engine;
      for (const d of this.datasets.filter((x) => x.plan.sources.includes(table)))
        await dropDataset(engine, d.plan.name);
      await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`);
      this.tables = this.tables.filter((t) => t.table !== table);
      this.sources.delete(table);
      this.unhashed.delete(table);
      await this.rebuildDatasets();
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

  /** `readFrom`: the name of the file read, where it is not the one the notebook knows it by. */
  private async runJob(
    job: LoadJob,
    getSource: (signal: AbortSignal) => Promise<LoadSource>,
    readFrom?: string,
  ): Promise<void> {
    const signal = this.loads.signalOf(job);
    try {
      const engine = await this.engine;
      if (signal.aborted) throw new CancelledError();
      const source = await getSource(signal);
      job.bytes = 'blob' in source ? source.blob.size : source.bytes;
      const taken = new Set(this.tables.map((t) => t.table));
      const table = tableNameFor(job.fileName, taken);
      job.startedAt = this.now();
      const loaded = await loadFile(
        { engine, decode: this.deps.decode },
        source,
        table,
        (step) => (job.step = step),
        signal,
      );
      const again = this.tables.find((t) => t.fileName === loaded.fileName);
      const read = readFrom && readFrom !== loaded.fileName ? { ...loaded, readFrom } : loaded;
      const kept = again ? await replaceTable(engine, again.table, read) : read;
      if (again) this.replaced.add(again.table);
      job.replaced = again !== undefined;
      this.tables = [...this.tables.filter((t) => t !== again), kept];
      this.sources.set(kept.table, source);
      if ('blob' in source) this.unhashed.set(kept.table, source.blob);
      job.status = 'done';
    } catch (e) {
      if (e instanceof CancelledError || signal.aborted) job.status = 'cancelled';
      else {
        job.status = 'failed';
        job.error = e instanceof Error ? e.message : String(e);
      }
    } finally {
      job.seconds = (this.now() - job.startedAt) / 1000;
      this.loads.done(job);
    }
  }

  /**
   * Re-plans datasets from the loaded tables with the notebook's stacking choices; a dataset whose
   * plan did not change keeps its roles. A file new to the notebook that would join a dataset
   * cells use is held apart (`held`) and offered (`offers`) until a choice in the notebook stacks
   * it or keeps it apart; undoing that choice holds it apart and offers it again.
   */
  private async rebuildDatasets(keep: (d: Dataset) => boolean = () => true): Promise<void> {
    const store = this.settings;
    const choices = store?.stacking() ?? [];
    const plan = () => {
      const apart = this.held.flatMap((o) => o.files);
      return planDatasets(this.tables, [
        ...(apart.length > 0 ? [{ files: apart, stack: false }] : []),
        ...choices,
      ]);
    };
    let plans = plan();
    const loaded = new Set(this.tables.map((t) => t.fileName));
    this.held = this.held.filter((o) => o.files.every((f) => loaded.has(f)));
    if (store) {
      const known = new Set(store.knownFiles());
      const fresh = findOffers(plans, known, (d) => (this.dataset(d) ? store.users(d) : []));
      if (fresh.length > 0) {
        this.held = [...this.held, ...fresh];
        plans = plan();
      }
    }
    const decided = new Set(choices.flatMap((c) => c.files));
    this.offers = this.held.filter((o) => !o.files.every((f) => decided.has(f)));
    const { datasets, errors } = await buildDatasets(
      await this.engine,
      plans,
      this.datasets.filter((d) => keep(d) && !d.plan.sources.some((t) => this.replaced.has(t))),
      (name) => this.settings?.get(name),
    );
    this.replaced.clear();
    this.datasets = [...datasets, ...this.datasets.filter((d) => d.plan.origin === 'sql')];
    this.datasetErrors = errors;
    this.onDatasetsChanged?.();
  }
}
