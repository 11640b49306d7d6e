import type { Engine } from '../engine/engine';
import { checkFilter } from '../sql/one-expression';
import { ident } from '../sql/quote';

/** How many of a dataset's rows the global filter keeps. */
export interface RowsKept {
  kept: number;
  total: number;
}

/** The count of `source`'s rows, and of those meeting `condition` (checked by checkFilter). */
export function rowsKeptSql(source: string, condition: string): string {
  return `SELECT count(*)::DOUBLE AS total, (count(*) FILTER (WHERE (${condition})))::DOUBLE AS kept FROM ${ident(source)}`;
}

/**
 * How many rows of `source` the filter keeps, through the same check as the analyses
 * (checked-filter.ts), or null where the filter cannot be used on it (the cells say why).
 */
export async function rowsKept(
  engine: Engine,
  source: string,
  filter: string,
): Promise<RowsKept | null> {
  const checked = await checkFilter(engine, filter, source);
  if ('error' in checked || checked.sql === '') return null;
  const row = (await engine.query(rowsKeptSql(source, checked.sql))).get(0);
  return { kept: Number(row?.kept), total: Number(row?.total) };
}
