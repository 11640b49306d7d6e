import type { CellKind } from '../../notebook/cell-kind';
import { referencedNames, renameInSql } from '../../notebook/dependencies';
import { plainRow } from '../../notebook/result-values';
import { runSql, type TableResult } from './run-sql-cell';
import { sqlDefaults, sqlSchema, type SqlCell } from './sql-cell';

/** A query over the loaded data and earlier results; its result is a table named after the cell. */
export const sqlKind: CellKind<SqlCell, TableResult> = {
  kind: 'sql',
  label: 'SQL',
  defaultName: 'query',
  defaults: sqlDefaults,
  schema: sqlSchema,
  run: runSql,
  tables: (result, full) => ({ result: full ?? result.rows.map(plainRow) }),
  runOnAdd: false,
  storesTable: true,
  sql: (cell) => cell.sql,
  reads: (cell, earlier) => referencedNames(cell.sql, earlier),
  renamed: (cell, from, to) => ({ ...cell, sql: renameInSql(cell.sql, from, to) }),
};
