import { CancelledError } from '../engine/engine';
import { openInputs } from '../ingest/inputs/open-inputs';
import type { InputFile } from '../ingest/inputs/input-file';
import { contentHash } from '../ingest/content-hash';
import { loadFile, type LoadSource } from '../ingest/load-file';
import { ident } from '../sql/quote';
import { tableNameFor } from '../ingest/names';
import { dropDataset } from '../datasets/dataset';
import type { LoadJob } from './load-queue.svelte';
import { fileNameOf, urlSource } from './url-source';
import { replaceTable } from './replace-table';
import { WorkspaceState } from './workspace-state.svelte';

/** Loading files and addresses into tables, one after another, each with its progress; removing them. */
export class WorkspaceLoads extends WorkspaceState {
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
      await this.settings?.yieldTo(table);
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
}
