import type { Engine } from '../engine/engine';

/**
 * Runs a cell's queries one after another and keeps their SQL, so a failing cell can show
 * every statement it ran.
 */
export function queryLog(engine: Engine, signal?: AbortSignal) {
  const sql: string[] = [];
  const read = async (query: string): Promise<Record<string, unknown>[]> => {
    sql.push(query);
    return (await engine.query(query, signal))
      .toArray()
      .map((r) => r.toJSON() as Record<string, unknown>);
  };
  return { sql, read };
}
