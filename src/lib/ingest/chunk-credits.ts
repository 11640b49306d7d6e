/**
 * How many decoded chunks may wait for the inserter at once. A decoder that runs ahead of DuckDB's
 * inserts (Parquet decodes faster than one thread stores text) would otherwise hold the whole file
 * decoded in memory; with a few credits it holds a few row groups (about 10 MiB each at 1M rows).
 */
export const CHUNKS_AHEAD = 3;

/**
 * Credits for chunks handed on and not yet taken. The decoder awaits `acquire()` before it hands
 * a chunk on; the consumer calls `release()` when it takes the next one. `open()` lets every
 * waiter through for good (a cancelled or abandoned decode must not hang on its credits).
 */
export class ChunkCredits {
  #inFlight = 0;
  #waiters: (() => void)[] = [];
  #open = false;

  constructor(readonly limit = CHUNKS_AHEAD) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  async acquire(): Promise<void> {
    while (!this.#open && this.#inFlight >= this.limit)
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#inFlight++;
  }

  release(): void {
    if (this.#inFlight > 0) this.#inFlight--;
    this.#waiters.shift()?.();
  }

  open(): void {
    this.#open = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
