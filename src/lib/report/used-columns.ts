import type { SqlCell } from '../cells/sql/sql-cell';
import type { Role } from '../ingest/roles';
import type { Cell, Notebook } from '../notebook/notebook';
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

/** Roles that only matter where a cell names the column. */
const FEATURE_ROLES: readonly Role[] = ['group', 'ignore'];

/**
 * The columns of each table a report must carry. A column stays when the notebook can read it: it
 * has a role other than a plain feature (label, prediction, model...), a cell's setting names it,
 * or a word of the SQL, a chart spec or the filter matches it. A table read through anything but a
 * plain view (stacked, joined, reshaped), or by a SQL `*`, keeps every column: its dataset is
 * rebuilt from the columns as they were.
 */
export function usedColumns(
  notebook: Notebook,
  tables: TableColumns[],
  datasets: DatasetUse[],
): Map<string, string[]> {
  const words = wordsOf(notebook);
  const starred = starredNames(notebook);
  const kept = new Map<string, string[]>();
  for (const t of tables) {
    const readers = datasets.filter((d) => d.sources.includes(t.table));
    const plain =
      readers.length > 0 && readers.every((d) => isPlainView(d) && !starred.has(d.name));
    if (!plain || starred.has(t.table)) {
      kept.set(t.table, t.columns);
      continue;
    }
    const needed = (column: string) =>
      words.has(column.toLowerCase()) ||
      readers.some(
        (d) => d.roles[column] !== undefined && !FEATURE_ROLES.includes(d.roles[column]),
      );
    kept.set(t.table, t.columns.filter(needed));
  }
  return kept;
}

/** A dataset that is its one table as it is: its columns are the table's. */
export function isPlainView(d: DatasetUse): boolean {
  return d.sources.length === 1 && d.select === `SELECT * FROM ${ident(d.sources[0])}`;
}

/** Every identifier-like word, quoted name and setting value the notebook holds, lower-cased. */
function wordsOf(notebook: Notebook): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const m of text.matchAll(/"((?:[^"]|"")*)"|[A-Za-z_][A-Za-z0-9_]*/g))
      words.add((m[1] !== undefined ? m[1].replaceAll('""', '"') : m[0]).toLowerCase());
  };
  add(notebook.filter);
  for (const cell of notebook.cells) for (const text of cellTexts(cell)) add(text);
  return words;
}

/** The SQL of a SQL cell; every setting of an analysis or chart cell (cell kinds added later too). */
function cellTexts(cell: Cell): string[] {
  if (cell.kind === 'sql') return [(cell as SqlCell).sql];
  if (cell.kind === 'markdown') return [];
  const { id: _id, name: _name, kind: _kind, ...settings } = cell;
  const texts: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') texts.push(JSON.stringify(value), value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(settings);
  return texts;
}

/** Names (tables, datasets) a SQL cell reads with `*`, where every column may matter. */
function starredNames(notebook: Notebook): Set<string> {
  const names = new Set<string>();
  for (const cell of notebook.cells) {
    if (cell.kind !== 'sql') continue;
    const sql = (cell as SqlCell).sql.replace(/count\s*\(\s*\*\s*\)/gi, '');
    if (!sql.includes('*')) continue;
    for (const m of sql.matchAll(/"((?:[^"]|"")*)"|[A-Za-z_][A-Za-z0-9_]*/g))
      names.add(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[0]);
  }
  return names;
}
