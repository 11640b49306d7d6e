/**
 * Work begun and not yet finished (a role edit, a click's filter check, a cell's run), counted from
 * the moment it starts, not a microtask later: while any is pending, what the page shows may be
 * about to change, so the page says it is not settled (App.svelte's `data-settled`).
 */
export class PendingWork {
  count = $state(0);

  get idle(): boolean {
    return this.count === 0;
  }

  /** Runs `work` (at once, in this turn) and counts it as pending until it ends, however it ends. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
    }
  }
}
