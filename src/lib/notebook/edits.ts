import { sqlDatasetName } from '../datasets/sql-datasets';
import type { CellKind, CellKinds } from './cell-kind';
import { datasetOf } from './dependencies';
import { renameMixTables } from './mix-edits';
import { CELL_NAME, type Cell, type Notebook } from './notebook';
import { clashOf, firstFreeName, holdersOf, type HeldData } from './cell-names';

/** Pure edits of a notebook: each returns a new notebook and leaves the old one as it was. */

export function newCellId(): string {
  return crypto.randomUUID();
}

/** The first free `base_N` name: no cell's, and none of `reserved` (names the data holds). */
export function freeName(
  notebook: Notebook,
  base: string,
  reserved: ReadonlySet<string> = new Set(),
): string {
  const data = { tables: [...reserved], datasets: [] };
  return firstFreeName(
    base,
    holdersOf(
      data,
      notebook.cells.map((c) => c.name),
    ),
  );
}

/** A new cell of `kind`: a free name, the kind's default settings, then `init`. */
export function createCell(
  notebook: Notebook,
  kind: CellKind,
  init: Partial<Cell> & Record<string, unknown> = {},
  reserved?: ReadonlySet<string>,
): Cell {
  return {
    id: newCellId(),
    name: freeName(notebook, kind.defaultName, reserved),
    collapsed: false,
    kind: kind.kind,
    ...kind.defaults(),
    ...init,
  };
}

export function insertCell(
  notebook: Notebook,
  cell: Cell,
  index = notebook.cells.length,
): Notebook {
  const cells = [...notebook.cells];
  cells.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return { ...notebook, cells };
}

export function deleteCell(notebook: Notebook, id: string): Notebook {
  return { ...notebook, cells: notebook.cells.filter((c) => c.id !== id) };
}

/** Moves a cell up (delta -1) or down (+1); a move past either end changes nothing. */
export function moveCell(notebook: Notebook, id: string, delta: number): Notebook {
  const from = notebook.cells.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= notebook.cells.length) return notebook;
  const cells = [...notebook.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell);
  return { ...notebook, cells };
}

export function duplicateCell(
  notebook: Notebook,
  id: string,
  reserved?: ReadonlySet<string>,
): Notebook {
  const index = notebook.cells.findIndex((c) => c.id === id);
  if (index < 0) return notebook;
  const original = notebook.cells[index];
  const base = original.name.replace(/_copy(_\d+)?$/, '');
  const copy = { ...original, id: newCellId(), name: freeName(notebook, `${base}_copy`, reserved) };
  return insertCell(notebook, copy, index + 1);
}

export function updateCell<K extends Cell>(
  notebook: Notebook,
  id: string,
  patch: Partial<Omit<K, 'id' | 'kind'>>,
): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((c) => (c.id === id ? ({ ...c, ...patch } as Cell) : c)),
  };
}

/** Why `name` cannot name cell `id` (cell-names.ts), or null when it can. */
export function nameProblem(
  notebook: Notebook,
  id: string,
  name: string,
  data: HeldData = { tables: [], datasets: [] },
): string | null {
  if (!CELL_NAME.test(name))
    return 'use letters, digits and _ (not starting with a digit), at most 63 characters';
  const others = notebook.cells.filter((c) => c.id !== id).map((c) => c.name);
  const clash = clashOf(name, holdersOf(data, others));
  return clash ? `${clash}; pick another name` : null;
}

/**
 * Renames a cell and the references to it in later cells (their kind's `renamed`) and mixes; a SQL
 * cell's result used as a dataset (`ds_<name>`) is renamed with it, in the cells and the saved
 * settings.
 */
export function renameCell(
  notebook: Notebook,
  id: string,
  name: string,
  kinds: CellKinds,
): Notebook {
  const cell = notebook.cells.find((c) => c.id === id);
  if (!cell) return notebook;
  const from = cell.name;
  const [oldDataset, newDataset] = [sqlDatasetName(from), sqlDatasetName(name)];
  const stores = kinds[cell.kind]?.storesTable === true;
  const { [oldDataset]: settings, ...otherDatasets } = notebook.datasets;
  return renameMixTables(
    {
      ...notebook,
      cells: notebook.cells.map((c) => {
        if (c.id === id) return { ...c, name };
        const renamed = kinds[c.kind]?.renamed?.(c, from, name) ?? c;
        return stores && datasetOf(renamed) === oldDataset
          ? ({ ...renamed, dataset: newDataset } as Cell)
          : renamed;
      }),
      datasets:
        stores && settings ? { ...otherDatasets, [newDataset]: settings } : notebook.datasets,
    },
    from,
    name,
  );
}
