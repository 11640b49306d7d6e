type Row = Record<string, unknown>;

/**
 * Rows of read-only queries kept while no table changes, so that cells asking the same question
 * of the same data (the agreement cell and the leaderboard share their pass over every example)
 * run it once. An entry is the SQL text; the workspace empties the cache before and after every
 * change to any table (a load, a removal, a role edit that rebuilds a view, a SQL cell's run,
 * whatever its statement), so a result whose query ran across a change is not kept. The rows are
 * frozen: every reader shares them.
 */
export class QueryCache {
  private readonly entries = new Map<string, Promise<readonly Row[]>>();

  constructor(private readonly limit = 16) {}

  /** A table may have changed (or is about to): nothing read before answers again. */
  invalidate(): void {
    this.entries.clear();
  }

  /** The rows of `sql`, read by `read` unless read since the cache was last emptied. */
  rows(sql: string, read: (sql: string) => Promise<Row[]>): Promise<readonly Row[]> {
    const kept = this.entries.get(sql);
    if (kept) return kept;
    const rows = read(sql).then((r) => Object.freeze(r.map((row) => Object.freeze(row))));
    this.entries.set(sql, rows);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    // A failed read is not kept (invalidate() may have replaced the entry meanwhile).
    rows.catch(() => this.entries.get(sql) === rows && this.entries.delete(sql));
    return rows;
  }
}
