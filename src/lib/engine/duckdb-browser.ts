import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { startWorker } from '../start-worker';
import { tableFromBatches } from './arrow-batches';
import { CancelledError, QueryError, SETUP_SQL, USE_WORKSPACE, type Engine } from './engine';
import { lockdownSql } from './engine-lockdown';

/** The engine's files: only what the user loads is registered here, and nothing else is readable. */
const FILES = '/slicebook/files/';

/**
 * DuckDB-WASM in a Web Worker. Only the exception-handling (EH) bundle is shipped: every browser
 * Slicebook supports has wasm exceptions, and each bundle is ~34 MB. Both files come from this
 * origin; extension autoload is off, the engine is locked (engine-lockdown.ts) and its worker runs
 * under the page's Content-Security-Policy (start-worker.ts), so nothing is fetched from elsewhere.
 */
export async function createBrowserEngine(): Promise<Engine> {
  const worker = startWorker(ehWorkerUrl, 'classic');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // Absolute: a blob: worker has no address to resolve a relative one against.
  await db.instantiate(new URL(ehWasmUrl, location.href).href);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  for (const statement of [...SETUP_SQL, USE_WORKSPACE, ...lockdownSql([FILES])])
    await conn.query(statement);
  return new BrowserEngine(db, conn, worker);
}

class BrowserEngine implements Engine {
  /**
   * One statement at a time: the connection is shared, and a streamed result is invalidated by a
   * second query sent while it is read. Cancelling goes around the queue.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  constructor(
    private readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    private readonly worker: Worker,
    /** The first connection owns the database and its worker; others only their connection. */
    private readonly owner = true,
  ) {}

  query(sql: string, signal?: AbortSignal): Promise<Table> {
    return this.exclusive(() => this.run(sql, signal));
  }

  private async run(sql: string, signal?: AbortSignal): Promise<Table> {
    if (signal?.aborted) throw new CancelledError();
    try {
      if (!signal) return await this.conn.query(sql);
      const onAbort = () => void this.conn.cancelSent();
      signal.addEventListener('abort', onAbort);
      try {
        const reader = await this.conn.send(sql, true);
        return await tableFromBatches(reader, signal);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    } catch (cause) {
      if (signal?.aborted) throw new CancelledError();
      throw new QueryError(sql, cause);
    }
  }

  prepare(sql: string): Promise<void> {
    return this.exclusive(async () => {
      try {
        await (await this.conn.prepare(sql)).close();
      } catch (cause) {
        throw new QueryError(sql, cause);
      }
    });
  }

  async registerFile(name: string, source: Blob | Uint8Array): Promise<string> {
    const path = FILES + name;
    if (source instanceof Uint8Array) await this.db.registerFileBuffer(path, source);
    else
      await this.db.registerFileHandle(
        path,
        source,
        duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
        true,
      );
    return path;
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(FILES + name);
  }

  insertArrowStream(table: string, ipcStream: Uint8Array, create: boolean): Promise<void> {
    return this.exclusive(async () => {
      try {
        await this.conn.insertArrowFromIPCStream(ipcStream, { name: table, create });
      } catch (cause) {
        throw new QueryError(`-- insert Arrow batch into ${table}`, cause);
      }
    });
  }

  async connect(): Promise<Engine> {
    const conn = await this.db.connect();
    await conn.query(USE_WORKSPACE);
    return new BrowserEngine(this.db, conn, this.worker, false);
  }

  async close(): Promise<void> {
    await this.conn.close();
    if (!this.owner) return;
    await this.db.terminate();
    this.worker.terminate();
  }
}
