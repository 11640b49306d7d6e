import type { Cell, Notebook, SqlCell } from './notebook';

/**
 * The SQL cells of a notebook that came from someone else (a link or a file), as they arrived.
 * They do not run until the user has seen where the notebook came from and pressed Run (as Jupyter
 * does not run an untrusted notebook's code); a cell the user edits is theirs from then on.
 */
export interface ForeignSql {
  /** Where the notebook came from, in words: "a link", "the file x.slicebook.json". */
  from: string;
  /** Each SQL cell's text as it arrived, by cell id. */
  cells: Record<string, string>;
}

/** The record of a foreign notebook's SQL cells; null when it has none. */
export function foreignSqlOf(notebook: Notebook, from: string): ForeignSql | null {
  const cells: Record<string, string> = {};
  for (const cell of notebook.cells) if (cell.kind === 'sql') cells[cell.id] = cell.sql;
  return Object.keys(cells).length > 0 ? { from, cells } : null;
}

/** True when `cell` is a foreign SQL cell the user has neither run nor changed. */
export function isUnreviewed(foreign: ForeignSql | null, cell: Cell): cell is SqlCell {
  return cell.kind === 'sql' && foreign?.cells[cell.id] === cell.sql;
}

/** The notebook's SQL cells that wait for the user's Run. */
export function unreviewedCells(foreign: ForeignSql | null, notebook: Notebook): SqlCell[] {
  return notebook.cells.filter((c): c is SqlCell => isUnreviewed(foreign, c));
}

export function waitingMessage(foreign: ForeignSql): string {
  return `Not run yet: this notebook came from ${foreign.from}. Read its SQL, then press “Run its SQL cells” above.`;
}
