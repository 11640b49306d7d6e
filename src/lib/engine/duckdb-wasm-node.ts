import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { CancelledError, QueryError, SETUP_SQL, type Engine } from './engine';

/**
 * DuckDB-WASM in Node, for tests: the wasm build the browser runs (the EH bundle), through
 * duckdb-wasm's blocking Node bindings, so that the analyses are also checked where users
 * compute: its hash(), its row order, and its Arrow IPC decoded by this app's apache-arrow 21
 * (forced under a package built for 17), as the browser's AsyncDuckDBConnection.query decodes the
 * bindings' bytes. Extension autoload is off before the first query (SETUP_SQL), else a query
 * that wants an extension waits forever for a download (ENGINE-NOTES.md).
 *
 * Instantiating the wasm takes seconds, so the engines of one process share one database: each
 * gets its own connection and its own in-memory catalog (SETUP_SQL's workspace under its own
 * name), so their tables do not meet. Registered files are shared; tests name them apart.
 */
export async function createWasmNodeEngine(): Promise<Engine> {
  const db = await sharedDatabase();
  const conn = db.connect().useUnsafe((_, id) => id);
  const catalog = `ws_${++engines}`;
  const engine = new WasmNodeEngine(db, conn, catalog);
  for (const statement of SETUP_SQL) await engine.query(statement.replace(/\bws\b/, catalog));
  return engine;
}

let engines = 0;
let database: Promise<duckdb.DuckDBBindings> | undefined;

function sharedDatabase(): Promise<duckdb.DuckDBBindings> {
  database ??= (async () => {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const bundles: duckdb.DuckDBBundles = {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    };
    const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate();
    db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    return db;
  })();
  return database;
}

class WasmNodeEngine implements Engine {
  constructor(
    private readonly db: duckdb.DuckDBBindings,
    private readonly conn: number,
    private readonly catalog: string,
  ) {}

  async query(sql: string, signal?: AbortSignal): Promise<Table> {
    if (signal?.aborted) throw new CancelledError();
    try {
      return tableFromIPC(this.db.runQuery(this.conn, sql));
    } catch (cause) {
      throw new QueryError(sql, cause);
    }
  }

  async registerFile(name: string, source: Blob | Uint8Array): Promise<void> {
    const bytes =
      source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
    this.db.registerFileBuffer(name, bytes);
  }

  async dropFile(name: string): Promise<void> {
    this.db.dropFile(name);
  }

  async insertArrowStream(table: string, ipcStream: Uint8Array, create: boolean): Promise<void> {
    try {
      this.db.insertArrowFromIPCStream(this.conn, ipcStream, { name: table, create });
    } catch (cause) {
      throw new QueryError(`-- insert Arrow batch into ${table}`, cause);
    }
  }

  async close(): Promise<void> {
    this.db.runQuery(this.conn, `USE memory; DETACH ${this.catalog}`);
    this.db.disconnect(this.conn);
  }
}
