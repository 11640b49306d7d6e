import type { CellKinds } from './cell-kind';
import type { Cell, Notebook } from './notebook';

/**
 * The cells of a notebook that came from someone else (a link or a file) that run SQL its author
 * wrote, with that SQL as it arrived. They do not run until the user has seen where the notebook
 * came from and pressed Run (as Jupyter does not run an untrusted notebook's code); a cell the
 * user edits is theirs from then on.
 */
export interface ForeignSql {
  /** Where the notebook came from, in words: "a link", "the file x.slicebook.json". */
  from: string;
  /** Each such cell's SQL as it arrived, by cell id. */
  cells: Record<string, string>;
}

/** The record of a foreign notebook's SQL; null when it has none. */
export function foreignSqlOf(
  notebook: Notebook,
  kinds: CellKinds,
  from: string,
): ForeignSql | null {
  const cells: Record<string, string> = {};
  for (const cell of notebook.cells) {
    const sql = kinds[cell.kind]?.sql?.(cell);
    if (sql !== undefined) cells[cell.id] = sql;
  }
  return Object.keys(cells).length > 0 ? { from, cells } : null;
}

/** True when `cell` holds foreign SQL the user has neither run nor changed. */
export function isUnreviewed(foreign: ForeignSql | null, kinds: CellKinds, cell: Cell): boolean {
  const sql = kinds[cell.kind]?.sql?.(cell);
  return sql !== undefined && foreign?.cells[cell.id] === sql;
}

export function waitingMessage(foreign: ForeignSql): string {
  return `Not run yet: this notebook came from ${foreign.from}. Read its SQL, then press “Run its SQL cells” above.`;
}
