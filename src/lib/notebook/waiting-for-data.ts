import type { DataRef } from './notebook';
import type { CellResult } from './run-context';

const UNKNOWN_TABLE = /^(?:Catalog Error: )?Table with name (.+?) does not exist!/;

/**
 * A SQL cell that failed only because a table it reads is not there while some of the notebook's
 * files are not loaded (after a reload, or a notebook opened before its data) waits for them as
 * the other cells do, rather than showing DuckDB's catalog error and its "Did you mean" guess.
 */
export function waitingForData(result: CellResult, missing: DataRef[]): CellResult {
  if (result.status !== 'error' || missing.length === 0) return result;
  const table = UNKNOWN_TABLE.exec((result as { message: string }).message)?.[1];
  if (table === undefined) return result;
  const files = missing.map((d) => d.name).join(', ');
  return {
    status: 'missing',
    message: `Load the data of ${table} to run this query (open ${files}).`,
  };
}
