import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/engine';

/**
 * Runs a cell's queries one after another and keeps their SQL, so a failing cell can show
 * every statement it ran.
 */
export function queryLog(engine: Engine, signal?: AbortSignal) {
  const sql: string[] = [];
  /** The result as Arrow, for results too long to read row by row. */
  const readTable = (query: string): Promise<Table> => {
    sql.push(query);
    return engine.query(query, signal);
  };
  const read = async (query: string): Promise<Record<string, unknown>[]> =>
    (await readTable(query)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
  /** Every statement run so far, as one text. */
  const statements = () => sql.join(';\n\n');
  /** The result of a cell whose query failed: the message and the SQL it ran. */
  const failure = (e: unknown) => ({
    status: 'error' as const,
    message: e instanceof Error ? e.message : String(e),
    sql: statements(),
  });
  return { read, readTable, statements, failure };
}
