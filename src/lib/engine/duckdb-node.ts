import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import {
  Bool,
  Float64,
  Int32,
  Table,
  Utf8,
  DataType,
  Field,
  RecordBatch,
  Schema,
  Struct,
  makeData,
  tableFromIPC,
  vectorFromArray,
} from 'apache-arrow';
import { ident } from '../sql/quote';
import { CancelledError, QueryError, SETUP_SQL, USE_WORKSPACE, type Engine } from './engine';
import { lockdownSql } from './engine-lockdown';

/**
 * Native DuckDB (the same engine version as the browser's wasm build) for Node tests and the CLI.
 * `readable` adds folders the engine may read (the benchmark's data; the app and the CLI add none).
 * Results come back as Arrow tables with the browser engine's conventions: BIGINT and DECIMAL
 * become doubles. Registered files are copied into a private temporary folder, the only one the
 * locked engine can read or write (engine-lockdown.ts); it is removed on close.
 */
export async function createNodeEngine(options: { readable?: string[] } = {}): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const folder = await mkdtemp(join(tmpdir(), 'slicebook-'));
  const files = join(folder, 'files');
  await mkdir(files);
  const readable = [files, ...(options.readable ?? [])];
  const lockdown = lockdownSql(readable, join(folder, 'spill'));
  for (const statement of [...SETUP_SQL, USE_WORKSPACE, ...lockdown]) await conn.run(statement);
  return new NodeEngine(instance, conn, folder, files);
}

class NodeEngine implements Engine {
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly folder: string,
    private readonly files: string,
    /** The first connection owns the database and its folder; others only their connection. */
    private readonly owner = true,
  ) {}

  async query(sql: string, signal?: AbortSignal): Promise<Table> {
    if (signal?.aborted) throw new CancelledError();
    const onAbort = () => this.conn.interrupt();
    signal?.addEventListener('abort', onAbort);
    try {
      const reader = await this.conn.runAndReadAll(sql);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const columns = reader.getColumnsJS();
      // Built by position, not through an object keyed by name: names may repeat, look like
      // numbers (which objects reorder) or be `__proto__`.
      const fields = names.map((name, i) => new Field(name, toArrowType(types[i]), true));
      const children = fields.map((field, i) => {
        const values = (columns[i] ?? []).map((v) => toArrowValue(v, field.type));
        return vectorFromArray(values, field.type).data[0];
      });
      const length = reader.currentRowCount;
      const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
      return new Table([new RecordBatch(new Schema(fields), data)]);
    } catch (cause) {
      if (signal?.aborted) throw new CancelledError();
      throw new QueryError(sql, cause);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async prepare(sql: string): Promise<void> {
    try {
      (await this.conn.prepare(sql)).destroySync();
    } catch (cause) {
      throw new QueryError(sql, cause);
    }
  }

  async registerFile(name: string, source: Blob | Uint8Array): Promise<string> {
    const bytes =
      source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
    const path = join(this.files, basename(name));
    await writeFile(path, bytes);
    return path;
  }

  async dropFile(name: string): Promise<void> {
    await rm(join(this.files, basename(name)), { force: true });
  }

  async insertArrowStream(table: string, ipcStream: Uint8Array, create: boolean): Promise<void> {
    const data = tableFromIPC(ipcStream);
    const fields = data.schema.fields;
    if (create) {
      const columns = fields.map((f) => `${ident(f.name)} ${duckdbTypeFor(f.type)}`).join(', ');
      await this.query(`CREATE TABLE ${ident(table)} (${columns})`);
    }
    const appender = await this.conn.createAppender(table, 'main', 'ws');
    const vectors = fields.map((_, i) => data.getChildAt(i)!);
    for (let row = 0; row < data.numRows; row++) {
      fields.forEach((field, i) => appendValue(appender, field.type, vectors[i].get(row)));
      appender.endRow();
    }
    appender.closeSync();
  }

  async connect(): Promise<Engine> {
    const conn = await this.instance.connect();
    await conn.run(USE_WORKSPACE);
    return new NodeEngine(this.instance, conn, this.folder, this.files, false);
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    if (!this.owner) return;
    this.instance.closeSync();
    await rm(this.folder, { recursive: true, force: true });
  }
}

function toArrowType(type: DuckDBType): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return new Int32();
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return new Float64();
    default:
      return new Utf8();
  }
}

function toArrowValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (DataType.isFloat(type) || DataType.isInt(type)) return Number(value);
  if (DataType.isBool(type)) return Boolean(value);
  return typeof value === 'string'
    ? value
    : JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? Number(v) : v));
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function duckdbTypeFor(type: DataType): string {
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isInt(type)) return 'BIGINT';
  if (DataType.isFloat(type) || DataType.isDecimal(type)) return 'DOUBLE';
  return 'VARCHAR';
}

function appendValue(appender: Appender, type: DataType, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else if (DataType.isBool(type)) appender.appendBoolean(Boolean(value));
  else if (DataType.isInt(type)) appender.appendBigInt(BigInt(value as number | bigint));
  else if (DataType.isFloat(type) || DataType.isDecimal(type)) appender.appendDouble(Number(value));
  else appender.appendVarchar(String(value));
}
