import { sqlResultOf } from '../datasets/sql-datasets';
import type { CellKinds } from './cell-kind';
import type { Cell } from './notebook';

interface Token {
  text: string;
  /** Identifier text without quotes (case kept), or null for anything else. */
  identifier: string | null;
  start: number;
  end: number;
}

/** Splits SQL into identifiers and the rest, skipping string literals and comments. */
export function sqlTokens(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const start = i;
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === "'") {
      i++;
      while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
      i++;
    } else if (c === '"') {
      let name = '';
      i++;
      while (i < sql.length && !(sql[i] === '"' && sql[i + 1] !== '"')) {
        name += sql[i];
        i += sql[i] === '"' ? 2 : 1;
      }
      i++;
      tokens.push({ text: sql.slice(start, i), identifier: name, start, end: i });
      continue;
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i])) i++;
      tokens.push({ text: sql.slice(start, i), identifier: sql.slice(start, i), start, end: i });
      continue;
    } else i++;
  }
  return tokens;
}

/** The names among `names` that the SQL mentions as identifiers (case-insensitive). */
export function referencedNames(sql: string, names: readonly string[]): string[] {
  const wanted = new Map(names.map((n) => [n.toLowerCase(), n]));
  const found = new Set<string>();
  for (const t of sqlTokens(sql)) {
    const hit = t.identifier !== null ? wanted.get(t.identifier.toLowerCase()) : undefined;
    if (hit) found.add(hit);
  }
  return [...found];
}

/** Replaces identifier `from` by `to` in SQL, leaving strings and comments alone. */
export function renameInSql(sql: string, from: string, to: string): string {
  let out = '';
  let last = 0;
  for (const t of sqlTokens(sql)) {
    if (t.identifier === null || t.identifier.toLowerCase() !== from.toLowerCase()) continue;
    out += sql.slice(last, t.start) + to;
    last = t.end;
  }
  return out + sql.slice(last);
}

/** The dataset an analysis cell runs on (its `dataset` setting), if it has one. */
export function datasetOf(cell: Cell): string | undefined {
  const dataset = (cell as { dataset?: unknown }).dataset;
  return typeof dataset === 'string' && dataset !== '' ? dataset : undefined;
}

/**
 * The earlier cells each cell reads from (by id): what its kind says it reads, and the SQL cell
 * whose result is its dataset. A cell can only read cells above it.
 */
export function dependenciesOf(cells: readonly Cell[], kinds: CellKinds): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  cells.forEach((cell, index) => {
    const earlier = cells.slice(0, index);
    const byName = new Map(earlier.map((c) => [c.name.toLowerCase(), c.id]));
    const tables = earlier.filter((c) => kinds[c.kind]?.storesTable).map((c) => c.name);
    const dataset = datasetOf(cell);
    const fromSql = dataset ? sqlResultOf(dataset, tables) : undefined;
    const names = [
      ...(kinds[cell.kind]?.reads?.(
        cell,
        earlier.map((c) => c.name),
      ) ?? []),
      ...(fromSql ? [fromSql] : []),
    ];
    deps.set(
      cell.id,
      names.map((n) => byName.get(n.toLowerCase())).filter((id): id is string => id !== undefined),
    );
  });
  return deps;
}

/** The cell `id` and every cell that reads from it, directly or not, in notebook order. */
export function downstreamOf(cells: readonly Cell[], id: string, kinds: CellKinds): string[] {
  const deps = dependenciesOf(cells, kinds);
  const affected = new Set([id]);
  for (const cell of cells) {
    if ((deps.get(cell.id) ?? []).some((d) => affected.has(d))) affected.add(cell.id);
  }
  return cells.filter((c) => affected.has(c.id)).map((c) => c.id);
}
