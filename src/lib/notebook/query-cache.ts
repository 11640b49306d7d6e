type Row = Record<string, unknown>;

/**
 * Rows of read-only queries kept while no table changes, so that cells asking the same question
 * of the same data (the agreement cell and the leaderboard share their pass over every example)
 * run it once. An entry is the SQL text at a data version; the workspace bumps the version before
 * and after every change to any table (a load, a removal, a role edit that rebuilds a view, a SQL
 * cell's run, whatever its statement), which empties the cache, and a result whose query ran
 * across a change is not kept. The rows are frozen: every reader shares them.
 */
export class QueryCache {
  private version = 0;
  private readonly entries = new Map<string, Promise<readonly Row[]>>();

  constructor(private readonly limit = 16) {}

  /** The data version: bumped by every change to any table. */
  get dataVersion(): number {
    return this.version;
  }

  /** A table may have changed (or is about to): nothing read before answers again. */
  invalidate(): void {
    this.version++;
    this.entries.clear();
  }

  /** The rows of `sql`, read by `read` unless read at this data version already. */
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
