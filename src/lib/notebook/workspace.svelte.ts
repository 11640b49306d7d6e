import { CancelledError, type Engine } from '../engine/engine';
import { guardEngine, type EngineFailureKind } from '../engine/engine-errors';
import type { Decode } from '../ingest/decoder-client';
import { loadFile, type LoadSource, type LoadedTable } from '../ingest/load-file';
import { tableNameFor } from '../ingest/names';
import type { Role, TaskKind } from '../ingest/roles';
import type { DatasetSettings } from './notebook';
import { ident } from '../sql/quote';
import { buildDatasets } from './build-datasets';
import { changeRoles, withRole, type Dataset } from './dataset';
import { LoadQueue, type LoadJob } from './load-queue.svelte';
import { fileNameOf, urlSource } from './url-source';

/** Where the roles a user chose for a dataset are kept (the notebook), so a reload keeps them. */
export interface DatasetSettingsStore {
  get(dataset: string): DatasetSettings | undefined;
  set(dataset: string, settings: DatasetSettings): void;
}

export interface WorkspaceDeps {
  createEngine: () => Promise<Engine>;
  decode: Decode;
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
  /** The files waiting and loading, one after another. */
  private readonly loads = new LoadQueue(() => this.now());

  constructor(private readonly deps: WorkspaceDeps) {
    this.engine = this.startEngine();
  }

  private startEngine(): Promise<Engine> {
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
      await this.loads.enqueue(async () => {
        const engine = await this.engine;
        const restored: LoadedTable[] = [];
        for (const t of lost) {
          const file = this.sources.get(t.table);
          if (!file) continue;
          const deps = { engine, decode: this.deps.decode };
          await loadFile(deps, file, t.table, () => undefined).then(
            (loaded) => restored.push(loaded),
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

  /** Queues files for loading; each gets its own progress row and can be cancelled. */
  loadFiles(files: { name: string; blob: Blob }[]): Promise<void> {
    const jobs = files.map((f) => this.loads.add(f.name, f.blob.size));
    return this.loads.enqueue(async () => {
      for (let i = 0; i < files.length; i++) await this.runJob(jobs[i], async () => files[i]);
      await this.rebuildDatasets();
    });
  }

  /**
   * Loads files by URL (relative to the page); the name defaults to the URL's. A Parquet file on a
   * host that answers range requests is read in place, and only `columns` of it when given.
   */
  loadUrls(sources: { url: string; name?: string; columns?: string[] }[]): Promise<void> {
    const jobs = sources.map((s) => this.loads.add(s.name ?? fileNameOf(s.url), null));
    return this.loads.enqueue(async () => {
      for (let i = 0; i < sources.length; i++)
        await this.runJob(jobs[i], (signal) =>
          urlSource(jobs[i], sources[i], signal, this.deps.fetch ?? fetch),
        );
      await this.rebuildDatasets();
    });
  }

  /** The load jobs, for the page's progress list. */
  get jobs(): LoadJob[] {
    return this.loads.jobs;
  }

  /** True while files load or datasets are rebuilt. */
  get busy(): boolean {
    return this.loads.busy;
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

  async setRole(datasetName: string, column: string, role: Role): Promise<void> {
    const dataset = this.dataset(datasetName);
    if (!dataset) return;
    await this.replaceDataset(
      await changeRoles(await this.engine, dataset, withRole(dataset.roles, column, role)),
    );
  }

  async setTaskKind(datasetName: string, taskKind: TaskKind): Promise<void> {
    const dataset = this.dataset(datasetName);
    if (!dataset) return;
    await this.replaceDataset(
      await changeRoles(await this.engine, dataset, dataset.roles, taskKind),
    );
  }

  async removeTable(table: string): Promise<void> {
    await this.loads.enqueue(async () => {
      const engine = await this.engine;
      for (const d of this.datasets.filter((x) => x.plan.sources.includes(table))) {
        await engine.query(
          `DROP ${d.plan.reshapes ? 'TABLE' : 'VIEW'} IF EXISTS ${ident(d.plan.name)}`,
        );
      }
      await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`);
      this.tables = this.tables.filter((t) => t.table !== table);
      this.sources.delete(table);
      await this.rebuildDatasets();
    });
  }

  private replaceDataset(next: Dataset): void {
    this.datasets = this.datasets.map((d) => (d.plan.name === next.plan.name ? next : d));
    this.settings?.set(next.plan.name, {
      roles: next.roles,
      ...(next.taskKindChosen ? { taskKind: next.taskKind } : {}),
    });
    this.onDatasetsChanged?.();
  }

  private async runJob(
    job: LoadJob,
    getSource: (signal: AbortSignal) => Promise<LoadSource>,
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
      this.tables = [...this.tables, loaded];
      this.sources.set(loaded.table, source);
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

  /** Re-plans datasets from the loaded tables; a dataset whose plan did not change keeps its roles. */
  private async rebuildDatasets(): Promise<void> {
    const { datasets, errors } = await buildDatasets(
      await this.engine,
      this.tables,
      this.datasets,
      (name) => this.settings?.get(name),
    );
    this.datasets = datasets;
    this.datasetErrors = errors;
    this.onDatasetsChanged?.();
  }
}
