import { dirname, resolve } from 'node:path';
import { createNodeEngine } from '../src/lib/engine/duckdb-node';
import { ident, literal } from '../src/lib/sql/quote';

/**
 * A peer's answer to "rows and accuracy per model (and slice)", one row per group: the group's
 * values joined by `|` (model first), its rows with a label, and how many of them are right.
 */
export interface GroupCounts {
  key: string;
  n: number;
  successes: number;
}

/**
 * Native DuckDB's answer on the same file (Parquet or CSV, read by DuckDB itself): the counts a
 * peer must reproduce exactly before its times are shown (a wrong peer must not look fast).
 */
export async function nativeCounts(file: string, features: string[]): Promise<GroupCounts[]> {
  const path = resolve(file);
  const engine = await createNodeEngine({ readable: [dirname(path)] });
  try {
    const groups = ['model', ...features].map(ident);
    const reader = path.endsWith('.parquet') ? 'read_parquet' : 'read_csv';
    const table = await engine.query(
      `SELECT ${groups.join(', ')}, count(label)::DOUBLE AS n, ` +
        `(count(label) FILTER (WHERE label = prediction))::DOUBLE AS successes ` +
        `FROM ${reader}(${literal(path)}) GROUP BY ALL`,
    );
    return table.toArray().map((row) => {
      const r = row.toJSON() as Record<string, unknown>;
      const key = ['model', ...features].map((c) => String(r[c])).join('|');
      return { key, n: Number(r.n), successes: Number(r.successes) };
    });
  } finally {
    await engine.close();
  }
}

/** The first difference between a peer's counts and native DuckDB's, or undefined when equal. */
export function countsDiffer(peer: GroupCounts[], native: GroupCounts[]): string | undefined {
  const theirs = new Map(peer.map((g) => [g.key, g]));
  if (theirs.size !== peer.length) return `a group appears twice in ${peer.length} rows`;
  for (const want of native) {
    const got = theirs.get(want.key);
    if (!got) return `group ${want.key} is missing`;
    if (got.n !== want.n || got.successes !== want.successes)
      return `group ${want.key}: ${got.successes}/${got.n} right, native DuckDB ${want.successes}/${want.n}`;
    theirs.delete(want.key);
  }
  const extra = [...theirs.keys()][0];
  return extra === undefined ? undefined : `group ${extra} is not in native DuckDB's answer`;
}
