import { sliceRowsSql } from '../slicing/drill-down';
import type { Engine } from '../engine/engine';
import { checkedFilterSql } from '../sql/one-expression';
import { kindOf, type ValueKind } from '../ingest/profile';
import { ident } from '../sql/quote';

/** Rows shown at a time: a SQL result's page, a slice's examples. */
export const PAGE_SIZE = 50;

export interface ResultColumn {
  name: string;
  type: string;
  kind: ValueKind;
}

/** One page of a stored result (a SQL cell's table), with its columns and total row count. */
export async function readPage(engine: Engine, table: string, offset: number, limit: number) {
  const described = await engine.query(`DESCRIBE ${ident(table)}`);
  const columns: ResultColumn[] = described.toArray().map((r) => {
    const type = String(r.column_type);
    return { name: String(r.column_name), type, kind: kindOf(type) };
  });
  const total = Number(
    (await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(table)}`)).get(0)?.n ?? 0,
  );
  const result = await engine.query(
    `SELECT * FROM ${ident(table)} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
  );
  const rows = result.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  return { columns, rows, total };
}

/** A page of the examples behind a number: a slice's, a flip set's, a discovered slice's. */
export interface RowPage {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  total: number;
  offset: number;
}

/** A page of `source`'s rows meeting `condition` and the global filter (a discovered slice's). */
export async function rowsWhere(
  engine: Engine,
  source: string,
  condition: string,
  filter: string,
  offset: number,
): Promise<RowPage> {
  const checked = await checkedFilterSql(engine, filter, source);
  return readRowPage(engine, sliceRowsSql(source, condition, checked, offset, PAGE_SIZE), offset);
}

export async function readRowPage(
  engine: Engine,
  { rows: rowsSql, count: countSql }: { rows: string; count: string },
  offset: number,
): Promise<RowPage> {
  const table = await engine.query(rowsSql);
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  // DuckDB's types, as the data panel names them: Arrow's would call a BIGINT `Float64` (the
  // browser's engine reads big integers as doubles) and a DATE `Date32<DAY>`.
  const described = await engine.query(`DESCRIBE ${rowsSql}`);
  const columns = described
    .toArray()
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const total = Number((await engine.query(countSql)).get(0)?.n ?? 0);
  return { columns, rows, total, offset };
}
