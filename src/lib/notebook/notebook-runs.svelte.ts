import { sqlDatasetName, sqlResultOf } from '../datasets/sql-datasets';
import { datasetOf, downstreamOf } from './dependencies';
import type { Cell } from './notebook';
import { PAGE_SIZE, readPage, rowsWhere, type RowPage } from './row-pages';
import { ident } from '../sql/quote';
import { runCell } from './run-cell';
import { isRunProblem, messageOf, type CellResult, type KindResult } from './run-context';
import { mixNamed } from './target-mix';
import { isUnreviewed, waitingMessage } from './foreign-sql';
import { PendingWork } from './pending-work.svelte';
import { RunQueue } from './run-queue.svelte';
import { renamedText, withFreeNames } from './cell-names';
import { waitingForData } from './waiting-for-data';
import { NotebookState, type NotebookDeps } from './notebook-state.svelte';

const isEngineFailure = (result: CellResult | undefined) =>
  isRunProblem(result) &&
  result.status === 'error' &&
  result.message.includes('The engine was restarted');

/** Running the notebook's cells: the queue, one cell's run, and what a cell's result needs. */
export class NotebookRuns extends NotebookState {
  /** The cells waiting to run, shown on the page with a Cancel. */
  readonly queue = new RunQueue({
    run: (id) => this.runOne(id),
    stop: (id) => this.cancel(id),
    order: () => this.notebook.cells.map((c) => c.id),
  });

  /** Runs started outside the queue (an edit's, the Run button's) and the cells below them. */
  private readonly runs = new PendingWork();
  private readonly controllers = new Map<string, AbortController>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(deps: NotebookDeps) {
    super(deps);
    // After the engine was replaced, results must be made again, except where that failed it.
    deps.workspace.onEngineRecycled = () =>
      void this.runAll((c) => !isEngineFailure(this.results[c.id]));
  }

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

  /** Runs one cell; `running` holds the run until it ends (yieldTo waits for it). */
  private runOne(id: string): Promise<void> {
    const run = this.runNow(id);
    this.running.set(id, run);
    return run.finally(() => {
      if (this.running.get(id) === run) this.running.delete(id);
    });
  }

  private async runNow(id: string): Promise<void> {
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

  protected async dropResult(name: string): Promise<void> {
    const engine = await this.deps.workspace.engine;
    await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`).catch(() => undefined);
  }

  /**
   * A file is about to load as `table`: the data keeps its name, and a cell that holds it (or
   * `ds_<table>`) is renamed. A run of that cell under its old name ends first, and what it stored
   * goes, so nothing of the cell's takes the table's place.
   */
  protected async yieldTo(table: string): Promise<void> {
    const held = this.heldData();
    const data = { ...held, tables: [...held.tables, table] };
    const { notebook, renamed } = withFreeNames(this.notebook, data);
    if (renamed.length === 0) return;
    this.commit(notebook);
    for (const r of renamed) this.controllers.get(r.id)?.abort();
    await Promise.all(renamed.map((r) => this.running.get(r.id)));
    const text = renamedText(renamed);
    for (const r of renamed) {
      const cell = this.cell(r.id);
      if (!cell || !this.kindOf(cell)?.storesTable) continue;
      await this.deps.workspace.dropSqlDataset(r.from);
      await this.dropResult(r.from);
      const message = `${text} Run it again to store its result as ${r.to}.`;
      this.setResult(r.id, { status: 'missing', message });
    }
    this.notice = { kind: 'info', text };
  }
}
