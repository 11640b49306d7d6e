import type { LoadedTable } from '../ingest/load-file';
import type { Role } from '../ingest/roles';
import { fileStem } from '../ingest/names';
import { folderColumns } from './folder-columns';

/** A user's choice about files: stack them into one dataset, or keep each apart. */
export interface StackChoice {
  /** The files, by the names the notebook knows them by (its `data` list). */
  files: string[];
  stack: boolean;
}

/** A file that looks as if it belongs to a dataset but was not stacked into it, and why. */
export interface LeftOut {
  fileName: string;
  reason: string;
}

/** Roles whose columns must agree for files to stack on their own (names, not values, decide them). */
const KEY_ROLES: readonly Role[] = ['id', 'label', 'prediction', 'outcome', 'model'];

type Roles = ReadonlyMap<string, Record<string, Role>>;

/** A table's key columns by role: `label:category`, `prediction:object_response`. */
function keyColumns(t: LoadedTable, roles: Roles): string[] {
  const r = roles.get(t.table) ?? {};
  return Object.keys(r)
    .filter((c) => KEY_ROLES.includes(r[c]))
    .map((c) => `${r[c]}:${c.toLowerCase()}`)
    .sort();
}

const names = (t: LoadedTable) => t.profile.columns.map((c) => c.name.toLowerCase());

/** Shared column names over all column names. */
function overlap(a: LoadedTable, b: LoadedTable): number {
  const [x, y] = [new Set(names(a)), new Set(names(b))];
  const shared = [...x].filter((n) => y.has(n)).length;
  return shared / new Set([...x, ...y]).size;
}

const sameColumns = (a: LoadedTable, b: LoadedTable) =>
  a.profile.columns.length === b.profile.columns.length &&
  a.profile.columns.every((c) =>
    b.profile.columns.some(
      (d) => d.name.toLowerCase() === c.name.toLowerCase() && d.sqlType === c.sqlType,
    ),
  );

/**
 * Files stack on their own when they have the same columns, or the same key columns (label,
 * prediction, outcome, id, model by name) and at least half their columns in common: then they
 * are stacked by name, a column one file lacks left empty in its rows (an optional nested field).
 * Per-model folders (`results/<model>/<config>/out.json`) stack by their layout when they share
 * a key column, whatever else differs: the union of their columns, what each lacks said.
 */
export function stacksWith(a: LoadedTable, b: LoadedTable, roles: Roles): boolean {
  if (sameColumns(a, b)) return true;
  const [ka, kb] = [keyColumns(a, roles), keyColumns(b, roles)];
  if (folderColumns([a.fileName, b.fileName]) && ka.some((k) => kb.includes(k))) return true;
  return ka.length > 0 && ka.join('|') === kb.join('|') && overlap(a, b) >= 0.5;
}

/**
 * Groups the tables into datasets: on their own first (stacksWith), then the user's choices in
 * order, each taking its files out of their groups and stacking them (or keeping each apart).
 * Files that look as if they belong to a group (the same file name, the same key columns, or half
 * their columns in common) but are not in it are listed with the reason.
 */
export function groupTables(
  tables: readonly LoadedTable[],
  roles: Roles,
  choices: readonly StackChoice[] = [],
): { groups: LoadedTable[][]; leftOut: Map<LoadedTable[], LeftOut[]> } {
  let groups: LoadedTable[][] = [];
  for (const t of tables) {
    const group = groups.find((g) => stacksWith(g[0], t, roles));
    if (group) group.push(t);
    else groups.push([t]);
  }
  for (const choice of choices) {
    const chosen = tables.filter((t) => choice.files.includes(t.fileName));
    if (chosen.length === 0) continue;
    groups = groups.map((g) => g.filter((t) => !chosen.includes(t))).filter((g) => g.length > 0);
    if (choice.stack) groups.push(chosen);
    else groups.push(...chosen.map((t) => [t]));
  }
  const order = (g: LoadedTable[]) => Math.min(...g.map((t) => tables.indexOf(t)));
  groups.sort((a, b) => order(a) - order(b));
  const leftOut = new Map<LoadedTable[], LeftOut[]>();
  for (const group of groups) {
    const near = tables.filter(
      (t) => !group.includes(t) && group.some((g) => looksAlike(g, t, roles)),
    );
    if (near.length > 0)
      leftOut.set(
        group,
        near.map((t) => ({ fileName: t.fileName, reason: difference(group, t, roles) })),
      );
  }
  return { groups, leftOut };
}

function looksAlike(a: LoadedTable, b: LoadedTable, roles: Roles): boolean {
  const key = keyColumns(a, roles).join('|');
  return (
    fileStem(a.fileName) === fileStem(b.fileName) ||
    overlap(a, b) >= 0.5 ||
    (key !== '' && key === keyColumns(b, roles).join('|'))
  );
}

/** Why `other` is not in `group`, naming the columns that differ. */
export function difference(group: LoadedTable[], other: LoadedTable, roles: Roles): string {
  const mine = new Set(group.flatMap(names));
  const theirs = new Set(names(other));
  const onlyThere = other.profile.columns
    .map((c) => c.name)
    .filter((n) => !mine.has(n.toLowerCase()));
  const onlyHere = [...new Set(group.flatMap((t) => t.profile.columns.map((c) => c.name)))].filter(
    (n) => !theirs.has(n.toLowerCase()),
  );
  const parts: string[] = [];
  const [ka, kb] = [keyColumns(group[0], roles), keyColumns(other, roles)];
  if (ka.join('|') !== kb.join('|'))
    parts.push(
      `its label, prediction, outcome, id or model columns differ (${kb.join(', ') || 'none'}; here ${ka.join(', ') || 'none'})`,
    );
  if (onlyThere.length > 0) parts.push(`it has ${listed(onlyThere)} that these files lack`);
  if (onlyHere.length > 0) parts.push(`it lacks ${listed(onlyHere)}`);
  return parts.length > 0
    ? `${parts.join('; ')}.`
    : 'it was kept apart by a choice in this notebook.';
}

function listed(columns: string[]): string {
  const shown = columns
    .slice(0, 6)
    .map((c) => `"${c}"`)
    .join(', ');
  const more = columns.length > 6 ? ` and ${columns.length - 6} more` : '';
  return `${columns.length === 1 ? 'column' : `${columns.length} columns`} ${shown}${more}`;
}

/**
 * Why files cannot be stacked by hand, naming them: they share no column with the same key role,
 * so their rows would measure nothing in common. Null when they can.
 */
export function stackRefusal(tables: readonly LoadedTable[], roles: Roles): string | null {
  const keys = tables.map((t) => new Set(keyColumns(t, roles)));
  const shared = [...keys[0]].filter((k) => keys.every((s) => s.has(k)));
  if (shared.length > 0) return null;
  const described = tables
    .map(
      (t, i) => `${t.fileName} (${[...keys[i]].join(', ') || 'no label, prediction or outcome'})`,
    )
    .join(', ');
  return `Cannot stack ${described}: they share no label, prediction, outcome, id or model column, so their rows would measure nothing in common. Give the columns the same names and roles first.`;
}
