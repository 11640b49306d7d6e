import { sqlDatasetName } from '../datasets/sql-datasets';
import type { Cell, Notebook } from './notebook';

/**
 * One rule for every name a cell gets (typed, from a file, a link, a report, undo, a duplicate, a
 * file loaded later, the runner): it never names what a loaded table, a dataset's view or another
 * cell already holds in DuckDB's catalog. A SQL cell stores its result as a table under its name,
 * and its result becomes the dataset `ds_<name>`, so a cell named like a table would replace the
 * user's rows with its own, and every analysis would show its numbers with no warning.
 *
 * Typed names are refused (nameProblem). Anywhere else the cell is renamed, visibly: the data keeps
 * its name, so the cells that read it keep reading the user's rows, and refusing a whole notebook
 * (or a file loaded after it) for one name would leave the user nothing to correct it in.
 */

/** Who holds each name, by its lower-case spelling (SQL identifiers ignore case): in words. */
export type NameHolders = Map<string, string>;

/** What the workspace holds: its tables and the datasets built from files. */
export interface HeldData {
  tables: readonly string[];
  datasets: readonly string[];
}

/** A loaded table or a cell holds its name and its dataset's (`ds_<name>`). */
function hold(holders: NameHolders, name: string, what: string): void {
  holders.set(name.toLowerCase(), `${what} ${name}`);
  const dataset = sqlDatasetName(name);
  holders.set(dataset.toLowerCase(), `the dataset ${dataset}`);
}

export function holdersOf(data: HeldData, cells: readonly string[] = []): NameHolders {
  const holders: NameHolders = new Map();
  for (const t of data.tables) hold(holders, t, 'the loaded table');
  for (const d of data.datasets) holders.set(d.toLowerCase(), `the dataset ${d}`);
  for (const c of cells) hold(holders, c, 'the cell');
  return holders;
}

/** Why `name` (or its dataset's name) is held already, in words; undefined when it is free. */
export function clashOf(name: string, holders: NameHolders): string | undefined {
  const own = holders.get(name.toLowerCase());
  if (own) return `${name} is the name of ${own}`;
  const dataset = sqlDatasetName(name);
  const its = holders.get(dataset.toLowerCase());
  return its ? `${name}'s result would be the dataset ${dataset}, the name of ${its}` : undefined;
}

/** The first free `base_N`. */
export function firstFreeName(base: string, holders: NameHolders): string {
  for (let k = 1; ; k++) if (!clashOf(`${base}_${k}`, holders)) return `${base}_${k}`;
}

/** A cell renamed because its name was held: its old and new names, and by what. */
export interface Renamed {
  id: string;
  from: string;
  to: string;
  clash: string;
}

/**
 * The notebook with every cell whose name is held (by `data`, or by a cell above it) renamed to a
 * free name. Only the cell's own name changes: what reads the old name keeps reading what holds
 * it (the user's table, the cell above).
 */
export function withFreeNames(
  notebook: Notebook,
  data: HeldData,
): { notebook: Notebook; renamed: Renamed[] } {
  const renamed: Renamed[] = [];
  const kept: string[] = [];
  const cells = notebook.cells.map((cell): Cell => {
    const clash = clashOf(cell.name, holdersOf(data, kept));
    if (!clash) {
      kept.push(cell.name);
      return cell;
    }
    const others = notebook.cells.filter((c) => c !== cell).map((c) => c.name);
    const to = firstFreeName(cell.name, holdersOf(data, [...kept, ...others]));
    kept.push(to);
    renamed.push({ id: cell.id, from: cell.name, to, clash });
    return { ...cell, name: to };
  });
  return renamed.length > 0 ? { notebook: { ...notebook, cells }, renamed } : { notebook, renamed };
}

/** The renames in words, for the page and the runner. */
export function renamedText(renamed: readonly Renamed[]): string {
  return renamed
    .map((r) => `The cell ${r.from} is now ${r.to}: ${r.clash}, which keeps it.`)
    .join(' ');
}
