import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { CancelledError, QueryError, SETUP_SQL, type Engine } from './engine';
import { lockdownSql } from './engine-lockdown';

/** The engines' files, as in the browser: nothing else is readable (engine-lockdown.ts). */
const FILES = '/slicebook/files/';

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
 * name), so their tables do not meet. Registered files are shared; tests name them apart. The
 * database is locked as the browser's is (engine-lockdown.ts) once, when it opens: settings are
 * the database's, and a locked one takes no further SET, so each engine only attaches its catalog.
 */
export async function createWasmNodeEngine(): Promise<Engine> {
  const db = await sharedDatabase();
  const catalog = `ws_${++engines}`;
  const attach = SETUP_SQL.filter((s) => s.startsWith('ATTACH'));
  for (const statement of attach)
    db.runQuery(setupConnection, statement.replace(/\bws\b/, catalog));
  return connectTo(db, catalog, true);
}

function connectTo(db: duckdb.DuckDBBindings, catalog: string, owner: boolean): WasmNodeEngine {
  const conn = db.connect().useUnsafe((_, id) => id);
  db.runQuery(conn, `USE ${catalog}`);
  return new WasmNodeEngine(db, conn, catalog, owner);
}

let engines = 0;
/** The connection that set the shared database up, and attaches each engine's catalog. */
let setupConnection = -1;
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
    setupConnection = db.connect().useUnsafe((_, id) => id);
    const settings = SETUP_SQL.filter((s) => s.startsWith('SET'));
    for (const statement of [...settings, ...lockdownSql([FILES])])
      db.runQuery(setupConnection, statement);
    return db;
  })();
  return database;
}

class WasmNodeEngine implements Engine {
  constructor(
    private readonly db: duckdb.DuckDBBindings,
    private readonly conn: number,
    private readonly catalog: string,
    /** The first connection owns its catalog; those of connect() only their connection. */
    private readonly owner: boolean,
  ) {}

  async query(sql: string, signal?: AbortSignal): Promise<Table> {
    if (signal?.aborted) throw new CancelledError();
    try {
      return tableFromIPC(this.db.runQuery(this.conn, sql));
    } catch (cause) {
      throw new QueryError(sql, cause);
    }
  }

  async prepare(sql: string): Promise<void> {
    try {
      this.db.closePrepared(this.conn, this.db.createPrepared(this.conn, sql));
    } catch (cause) {
      throw new QueryError(sql, cause);
    }
  }

  async registerFile(name: string, source: Blob | Uint8Array): Promise<string> {
    const bytes =
      source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
    this.db.registerFileBuffer(FILES + name, bytes);
    return FILES + name;
  }

  async dropFile(name: string): Promise<void> {
    this.db.dropFile(FILES + name);
  }

  async connect(): Promise<Engine> {
    return connectTo(this.db, this.catalog, false);
  }

  async insertArrowStream(table: string, ipcStream: Uint8Array, create: boolean): Promise<void> {
    try {
      this.db.insertArrowFromIPCStream(this.conn, ipcStream, { name: table, create });
    } catch (cause) {
      throw new QueryError(`-- insert Arrow batch into ${table}`, cause);
    }
  }

  async close(): Promise<void> {
    if (this.owner) this.db.runQuery(this.conn, `USE memory; DETACH ${this.catalog}`);
    this.db.disconnect(this.conn);
  }
}
