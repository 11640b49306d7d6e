import type { Engine } from '../engine/engine';
import type { Role } from '../ingest/roles';
import type { CellKinds } from '../notebook/cell-kind';
import type { Notebook } from '../notebook/notebook';
import { filterSyntaxError } from '../sql/one-expression';
import { storeQuery } from '../sql/one-query';
import { ident } from '../sql/quote';

/** A loaded table as publishing sees it: its SQL name and columns. */
export interface TableColumns {
  table: string;
  columns: string[];
}

/** A dataset built over loaded tables, with the roles in force. */
export interface DatasetUse {
  name: string;
  select: string;
  sources: string[];
  roles: Record<string, Role>;
}

/** For each table, the columns a report must carry and what reads each one. */
export interface ColumnUse {
  readers: Map<string, Map<string, string[]>>;
  /** Cells whose query could not be read (it fails now): run them, then publish. */
  unreadable: string[];
}

/** Roles that only matter where a cell names the column. */
const FEATURE_ROLES: readonly Role[] = ['group', 'ignore'];
const PROBE = 'slicebook_probe';

/**
 * The columns of each table a report must carry, decided by what DuckDB binds, never by words:
 * - a column with a role other than a plain feature (label, prediction, model...): the analyses
 *   read it;
 * - a column an analysis cell's settings name (its features, its score column...), by value;
 * - a column a SQL cell's query or the global filter needs: on a connection of its own (its
 *   temporary views shadow nothing of the notebook's), the query is bound once as it is and once
 *   with the table (and its plain dataset) replaced by a view without some columns; a column is
 *   needed when leaving it out breaks the query or changes its result's columns (so `SELECT *`
 *   keeps them all, and a column named only in a string, a comment or as a keyword like END does
 *   not). Groups of columns are left out at once and split only where something breaks.
 * A table read through anything but a plain view (stacked, joined, reshaped) keeps every column:
 * its dataset is rebuilt from the columns as they were.
 */
export async function usedColumns(
  engine: Engine,
  notebook: Notebook,
  kinds: CellKinds,
  tables: TableColumns[],
  datasets: DatasetUse[],
): Promise<ColumnUse> {
  const readers = new Map(tables.map((t) => [t.table, new Map<string, string[]>()]));
  const add = (table: string, column: string, reader: string) => {
    const columns = readers.get(table);
    if (!columns) return;
    columns.set(column, [...(columns.get(column) ?? []), reader]);
  };
  const plainTables = new Set<string>();
  for (const t of tables) {
    const behind = datasets.filter((d) => d.sources.includes(t.table));
    if (behind.every(isPlainView)) plainTables.add(t.table);
    else for (const c of t.columns) add(t.table, c, `the dataset ${behind[0].name}`);
  }
  const plain = tables.filter((t) => plainTables.has(t.table));
  const datasetOf = new Map(datasets.filter(isPlainView).map((d) => [d.name, d]));
  for (const d of datasetOf.values())
    for (const [column, role] of Object.entries(d.roles))
      if (!FEATURE_ROLES.includes(role)) add(d.sources[0], column, `role: ${role}`);

  const filtered = new Set<string>();
  for (const cell of notebook.cells) {
    if (!kinds[cell.kind]?.filtered) continue;
    const values = settingValues(cell);
    // Every dataset the settings name: its `dataset`, and a baseline cell's baseline run too.
    for (const d of [...datasetOf.values()].filter((d) => values.includes(d.name))) {
      filtered.add(d.name);
      const table = tables.find((t) => t.table === d.sources[0])!;
      for (const value of values)
        if (table.columns.includes(value)) add(table.table, value, cell.name);
    }
  }

  const probe = await engine.connect();
  const unreadable: string[] = [];
  try {
    const shadows = (table: string) => [
      table,
      ...[...datasetOf.values()].filter((d) => d.sources[0] === table).map((d) => d.name),
    ];
    const needs = async (reader: string, define: () => Promise<unknown>) => {
      try {
        await define();
      } catch {
        unreadable.push(reader);
        return;
      }
      for (const t of plain)
        for (const c of await neededColumns(probe, t.table, t.columns, shadows(t.table)))
          add(t.table, c, reader);
    };
    for (const cell of notebook.cells) {
      const sql = kinds[cell.kind]?.sql?.(cell);
      if (sql?.trim())
        await needs(cell.name, () => storeQuery(probe, PROBE, sql, undefined, 'TEMP VIEW'));
    }
    const filter = notebook.filter.trim();
    if (filter && !(await filterSyntaxError(probe, filter)))
      for (const name of filtered)
        await needs('the filter', () =>
          probe.query(
            `CREATE OR REPLACE TEMP VIEW ${ident(PROBE)} AS SELECT (${filter}) AS f FROM ${ident(name)}`,
          ),
        );
  } finally {
    await probe.close();
  }
  return { readers, unreadable };
}

/** A dataset that is its one table as it is: its columns are the table's. */
export function isPlainView(d: DatasetUse): boolean {
  return d.sources.length === 1 && d.select === `SELECT * FROM ${ident(d.sources[0])}`;
}

/** The columns of `table` that the probe view needs (see usedColumns). */
async function neededColumns(
  probe: Engine,
  table: string,
  columns: string[],
  shadows: string[],
): Promise<string[]> {
  const shape = async () =>
    (await probe.query(`DESCRIBE ${ident(PROBE)}`))
      .toArray()
      .map((r) => `${r.column_name}:${r.column_type}`)
      .join(',');
  const baseline = await shape();
  const changedWithout = async (left: string[]): Promise<boolean> => {
    const kept =
      left.length === columns.length
        ? 'NULL AS slicebook_none'
        : `* EXCLUDE (${left.map(ident).join(', ')})`;
    for (const name of shadows)
      await probe.query(
        `CREATE OR REPLACE TEMP VIEW ${ident(name)} AS SELECT ${kept} FROM ws.main.${ident(table)}`,
      );
    try {
      return (await shape()) !== baseline;
    } catch {
      return true;
    } finally {
      for (const name of shadows) await probe.query(`DROP VIEW IF EXISTS temp.main.${ident(name)}`);
    }
  };
  const search = async (group: string[]): Promise<string[]> => {
    if (group.length === 0 || !(await changedWithout(group))) return [];
    if (group.length === 1) return group;
    const half = Math.ceil(group.length / 2);
    return [...(await search(group.slice(0, half))), ...(await search(group.slice(half)))];
  };
  return search(columns);
}

/** Every text value of a cell's settings (its features, columns, choices), however nested. */
function settingValues(cell: object): string[] {
  const {
    id: _id,
    name: _name,
    kind: _kind,
    assertions: _a,
    ...settings
  } = cell as Record<string, unknown>;
  const values: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') values.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(settings);
  return values;
}
