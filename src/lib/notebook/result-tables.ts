import type { CellKind } from './cell-kind';
import { isRunProblem, type CellResult } from './run-context';
import { columnName, plainValue, type FlatRow, type ResultTables } from './result-values';

export {
  columnName,
  plainRow,
  plainValue,
  type FlatRow,
  type ResultTables,
  type Value,
} from './result-values';

/**
 * Every number a cell shows, as flat tables: what the headless runner writes as CSV and JSON and
 * what assertions are checked against (docs/notebook-format.md lists the columns). Each kind lays
 * out its own (its `tables`); `full` holds all the rows of a stored result (a SQL cell's, whose
 * result itself only has the first page).
 */
export function resultTables(kind: CellKind, result: CellResult, full?: FlatRow[]): ResultTables {
  if (isRunProblem(result) || result.status === 'running' || result.status === 'cancelled')
    return {};
  return kind.tables ? kind.tables(result, full) : genericTables(result);
}

/**
 * A result whose kind lays out no tables: each list of objects it holds becomes a table, nested
 * objects spread into `parent_child` columns (an interval into `interval_low`, `interval_high`).
 */
function genericTables(result: object): ResultTables {
  const tables: ResultTables = {};
  for (const [key, value] of Object.entries(result)) {
    if (!Array.isArray(value) || !value.every((v) => v !== null && typeof v === 'object')) continue;
    if (value.length > 0) tables[columnName(key)] = value.map((v) => flatten(v));
  }
  return tables;
}

function flatten(v: object, prefix = ''): FlatRow {
  const out: FlatRow = {};
  for (const [key, x] of Object.entries(v)) {
    const name = prefix + columnName(key.replace(/[A-Z]/g, (c) => `_${c}`));
    if (x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date))
      Object.assign(out, flatten(x, `${name}_`));
    else out[name] = plainValue(x);
  }
  return out;
}
