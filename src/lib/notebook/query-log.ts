import type { Table } from 'apache-arrow';
import { CancelledError, type Engine } from '../engine/engine';
import type { QueryCache } from './query-cache';

/**
 * Runs a cell's queries one after another and keeps their SQL, so a failing cell can show
 * every statement it ran. `readShared` answers from `cache` where another run read the same
 * query on the same data.
 */
export function queryLog(engine: Engine, signal?: AbortSignal, cache?: QueryCache) {
  const sql: string[] = [];
  /** The result as Arrow, for results too long to read row by row. */
  const readTable = (query: string): Promise<Table> => {
    sql.push(query);
    return engine.query(query, signal);
  };
  const rowsOf = (table: Table) =>
    table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  const read = async (query: string): Promise<Record<string, unknown>[]> =>
    rowsOf(await readTable(query));
  const readShared = async (query: string): Promise<Record<string, unknown>[]> => {
    if (!cache) return read(query);
    sql.push(query);
    const own = async (q: string) => rowsOf(await engine.query(q, signal));
    try {
      return [...(await cache.rows(query, own))];
    } catch (e) {
      // The run that started the shared read was cancelled, not this one.
      if (e instanceof CancelledError && !signal?.aborted) return own(query);
      throw e;
    }
  };
  /** Every statement run so far, as one text. */
  const statements = () => sql.join(';\n\n');
  /** The result of a cell whose query failed: the message and the SQL it ran. */
  const failure = (e: unknown) => ({
    status: 'error' as const,
    message: e instanceof Error ? e.message : String(e),
    sql: statements(),
  });
  return { read, readShared, readTable, statements, failure };
}
