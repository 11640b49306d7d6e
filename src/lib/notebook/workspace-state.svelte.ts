import type { Engine } from '../engine/engine';
import { guardEngine, type EngineFailureKind } from '../engine/engine-errors';
import type { Decode, OpenInputs } from '../ingest/decoder-client';
import { loadFile, type LoadSource, type LoadedTable } from '../ingest/load-file';
import type { DatasetSettings } from '../datasets/dataset-settings';
import { buildDatasets } from '../datasets/build-datasets';
import type { Dataset } from '../datasets/dataset';
import { planDatasets } from '../datasets/plan-datasets';
import type { StackChoice } from '../datasets/stack-groups';
import { findOffers, type StackOffer } from '../datasets/stacking';
import { LoadQueue } from './load-queue.svelte';
import { PendingWork } from './pending-work.svelte';
import { QueryCache } from './query-cache';
import { plural } from '../format';

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
  /** Before a file loads as `table`: a cell named like it (or its dataset) takes another name. */
  yieldTo(table: string): Promise<void>;
}

export interface WorkspaceDeps {
  createEngine: () => Promise<Engine>;
  decode: Decode;
  /** Expands zips and reads harness logs; in the page's thread when not given (tests). */
  open?: OpenInputs;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * The engine (replaced when it runs out of memory or crashes), the loaded tables and the datasets
 * planned from them: what loading files (WorkspaceLoads) and editing datasets (Workspace) change.
 */
export class WorkspaceState {
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
  protected readonly sources = new Map<string, LoadSource>();
  private recycling = false;
  /** Set by the notebook: saved roles are applied to rebuilt datasets, and changes are saved. */
  settings: DatasetSettingsStore | null = null;
  /** Called after the datasets change (a file loaded or removed). */
  onDatasetsChanged: (() => void) | null = null;
  /** Tables a file opened again replaced: their datasets are built again from the new rows. */
  protected readonly replaced = new Set<string>();
  /** Called when loaded files got their SHA-256 (after their overview is on screen). */
  onTablesHashed: (() => void) | null = null;
  /** Loaded files whose bytes are still to be hashed, by table. */
  protected readonly unhashed = new Map<string, Blob>();
  /** The files waiting and loading, one after another. */
  protected readonly loads = new LoadQueue(() => this.now());
  /** Dataset edits asked for and not yet done (`settled`). */
  protected readonly pending = new PendingWork();

  /**
   * Rows of read-only queries, kept while no table changes: every change below (loads, removals,
   * role and dataset edits, SQL results as datasets, a new engine) empties it before and after,
   * and the notebook does around each SQL cell's run.
   */
  readonly cache = new QueryCache();

  constructor(protected readonly deps: WorkspaceDeps) {
    this.engine = this.startEngine();
  }

  /** A change to the tables: the loads' queue runs it, the cache is emptied around it. */
  protected changeTables(work: () => Promise<void>): Promise<void> {
    return this.loads.enqueue(() => this.changing(work));
  }

  protected changing<T>(work: () => Promise<T>): Promise<T> {
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
        this.engineNotice = `DuckDB ${what} and was restarted: ${restored.length} of ${lost.length} loaded ${plural(lost.length, 'file')} re-loaded.`;
      });
    } finally {
      this.recycling = false;
    }
    this.onEngineRecycled?.();
  }

  protected now(): number {
    return (this.deps.now ?? performance.now.bind(performance))();
  }

  /** The dataset named `name` (its SQL name), if it is loaded. */
  dataset(name: string): Dataset | undefined {
    return this.datasets.find((d) => d.plan.name === name);
  }

  /**
   * Re-plans datasets from the loaded tables with the notebook's stacking choices; a dataset whose
   * plan did not change keeps its roles. A file new to the notebook that would join a dataset
   * cells use is held apart (`held`) and offered (`offers`) until a choice in the notebook stacks
   * it or keeps it apart; undoing that choice holds it apart and offers it again.
   */
  protected async rebuildDatasets(keep: (d: Dataset) => boolean = () => true): Promise<void> {
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
