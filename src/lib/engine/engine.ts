import type { Table } from 'apache-arrow';

/**
 * The database as the rest of Slicebook sees it. Two implementations run the same SQL:
 * DuckDB-WASM in a Web Worker (the browser) and native DuckDB (Node tests and the CLI).
 */
export interface Engine {
  /** Runs SQL (one or more statements) and returns the last statement's result. */
  query(sql: string, signal?: AbortSignal): Promise<Table>;
  /**
   * Parses and binds one statement without running it; DuckDB refuses text with more than one.
   * How text from a user is checked before it runs (src/lib/sql/user-sql.ts).
   */
  prepare(sql: string): Promise<void>;
  /**
   * Makes bytes or a browser file readable from SQL; returns the path SQL reads it by, e.g.
   * `read_csv(path)`. Registered files are the only files the engine can read (engine-lockdown.ts).
   */
  registerFile(name: string, source: Blob | Uint8Array): Promise<string>;
  dropFile(name: string): Promise<void>;
  /**
   * Another connection to the same database (its tables, its lockdown): temporary views it makes
   * are its own, so work that shadows a table (publishing's column check) cannot change what the
   * notebook's queries see. Closing it leaves the database open.
   */
  connect(): Promise<Engine>;
  /** Appends the batches of an Arrow IPC stream to `table`; `create` makes the table first. */
  insertArrowStream(table: string, ipcStream: Uint8Array, create: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A failed query, with the SQL that failed so the user (and the developer) can see it. */
export class QueryError extends Error {
  readonly sql: string;
  /** DuckDB's kind of error, e.g. `Parser`, `Binder`, `Catalog`, `Permission` (when it names one). */
  readonly type: string | undefined;
  constructor(sql: string, cause: unknown) {
    super(cleanMessage(cause), { cause });
    this.name = 'QueryError';
    this.sql = sql;
    this.type = errorType(this.message);
  }
}

/** DuckDB starts a message with its error type (`Parser Error: ...`), or sends it as JSON. */
function errorType(message: string): string | undefined {
  return (
    /^\s*\{"exception_type":"([^"]+)"/.exec(message)?.[1] ??
    /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?) Error: /.exec(message)?.[1]
  );
}

/** The user stopped the work; not an error to report. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

function cleanMessage(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s+$/, '');
}

/**
 * Statements every connection runs first: nothing is ever downloaded, tables are compressed. The
 * engine is then locked (engine-lockdown.ts).
 */
export const SETUP_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  "ATTACH ':memory:' AS ws (COMPRESS)",
];

/** Where the tables are, for every connection (the first, and those of Engine.connect). */
export const USE_WORKSPACE = 'USE ws';
