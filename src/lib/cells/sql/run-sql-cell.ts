import { PAGE_SIZE, readPage, type ResultColumn } from '../../notebook/row-pages';
import { messageOf, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { storeQuery } from '../../sql/one-query';
import type { SqlCell } from './sql-cell';

/** A SQL cell's result: a page of its rows (the whole result is stored as a table). */
export interface TableResult {
  status: 'table';
  columns: ResultColumn[];
  rows: Record<string, unknown>[];
  total: number;
  offset: number;
  seconds: number;
}

/**
 * A SQL cell's result is stored as a table named after the cell, so later cells can read it; its
 * text runs only if DuckDB's parser reads it as one query (sql/one-query.ts).
 */
export async function runSql(cell: SqlCell, ctx: RunContext): Promise<RunOutcome<TableResult>> {
  if (cell.sql.trim() === '')
    return { status: 'missing', message: 'Write a query, then press Shift+Enter to run it.' };
  const started = ctx.now();
  try {
    await storeQuery(ctx.engine, cell.name, cell.sql, ctx.signal);
  } catch (e) {
    return { status: 'error', message: messageOf(e), sql: cell.sql };
  }
  const page = await readPage(ctx.engine, cell.name, 0, PAGE_SIZE);
  return { status: 'table', ...page, offset: 0, seconds: (ctx.now() - started) / 1000 };
}
