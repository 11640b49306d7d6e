import type { CellKinds } from './cell-kind';
import { CELL_NAME, type Notebook } from './notebook';
import type { TargetMix } from './target-mix';

/** Pure edits of a notebook's target mixes, like edits.ts for cells. */

/** Why `name` cannot name a mix (other than the one called `replacing`), or null when it can. */
export function mixNameProblem(
  notebook: Notebook,
  name: string,
  replacing?: string,
): string | null {
  if (!CELL_NAME.test(name))
    return `"${name}" cannot name a mix: use letters, digits and _ (not starting with a digit), at most 63 characters`;
  const lower = name.toLowerCase();
  if ((notebook.mixes ?? []).some((m) => m.name !== replacing && m.name.toLowerCase() === lower))
    return `another mix is named ${name}`;
  return null;
}

/**
 * The notebook with `mix` saved: in place of the mix called `replacing` (default: its own name),
 * else added. A renamed mix is renamed in the cells that use it (their kind's `renamedMix`).
 */
export function saveMix(
  notebook: Notebook,
  mix: TargetMix,
  kinds: CellKinds,
  replacing = mix.name,
): Notebook {
  const mixes = notebook.mixes ?? [];
  const at = mixes.findIndex((m) => m.name === replacing);
  const next = at < 0 ? [...mixes, mix] : mixes.map((m, i) => (i === at ? mix : m));
  const cells =
    at >= 0 && replacing !== mix.name
      ? notebook.cells.map((c) => kinds[c.kind]?.renamedMix?.(c, replacing, mix.name) ?? c)
      : notebook.cells;
  return { ...notebook, mixes: next, cells };
}

export function deleteMix(notebook: Notebook, name: string): Notebook {
  return { ...notebook, mixes: (notebook.mixes ?? []).filter((m) => m.name !== name) };
}

/** The mixes after the table (a cell's result) they count was renamed from `from` to `to`. */
export function renameMixTables(notebook: Notebook, from: string, to: string): Notebook {
  if (!notebook.mixes?.some((m) => m.table === from)) return notebook;
  return {
    ...notebook,
    mixes: notebook.mixes.map((m) => (m.table === from ? { ...m, table: to } : m)),
  };
}
