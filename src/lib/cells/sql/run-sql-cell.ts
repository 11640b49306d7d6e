import { PAGE_SIZE, readPage, type ResultColumn } from '../../notebook/row-pages';
import { messageOf, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { ident } from '../../sql/quote';
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

/** A SQL cell's result is stored as a table named after the cell, so later cells can read it. */
export function sqlCellStatement(cell: SqlCell): string {
  const body = cell.sql.trim().replace(/;+\s*$/, '');
  return `CREATE OR REPLACE TABLE ${ident(cell.name)} AS (\n${body}\n)`;
}

export async function runSql(cell: SqlCell, ctx: RunContext): Promise<RunOutcome<TableResult>> {
  if (cell.sql.trim() === '')
    return { status: 'missing', message: 'Write a query, then press Shift+Enter to run it.' };
  const started = ctx.now();
  const statement = sqlCellStatement(cell);
  try {
    await ctx.engine.query(statement, ctx.signal);
  } catch (e) {
    return { status: 'error', message: messageOf(e), sql: cell.sql };
  }
  const page = await readPage(ctx.engine, cell.name, 0, PAGE_SIZE);
  return { status: 'table', ...page, offset: 0, seconds: (ctx.now() - started) / 1000 };
}
