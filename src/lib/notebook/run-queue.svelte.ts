/**
 * The cells waiting to run, one at a time in notebook order, so a notebook of hundreds of cells
 * shows what runs and what waits, and can be stopped: Cancel empties the queue and stops the cell
 * that is running.
 */
export class RunQueue {
  /** Cell ids waiting, in notebook order (not the one running). */
  waiting = $state.raw<string[]>([]);
  running = $state<string | null>(null);
  /** Cells run and to run since the queue last started from empty. */
  done = $state(0);
  total = $state(0);
  readonly waitingSet = $derived(new Set(this.waiting));
  private drained: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      run: (id: string) => Promise<void>;
      stop: (id: string) => void;
      /** The notebook's cell ids in order. */
      order: () => string[];
    },
  ) {}

  /** Adds cells (each once; one already waiting keeps its place); resolves when the queue empties. */
  add(ids: string[]): Promise<void> {
    const wanted = new Set([...this.waiting, ...ids]);
    const added = ids.filter((id) => !this.waitingSet.has(id)).length;
    this.waiting = this.deps.order().filter((id) => wanted.has(id));
    this.total += added;
    this.drained ??= this.drain().finally(() => (this.drained = null));
    return this.drained;
  }

  /** Resolves when the queue is empty (at once if it is): before the engine closes. */
  idle(): Promise<void> {
    return this.drained ?? Promise.resolve();
  }

  cancel(): void {
    this.waiting = [];
    if (this.running) this.deps.stop(this.running);
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const [next, ...rest] = this.waiting;
      this.waiting = rest;
      this.running = next;
      await this.deps.run(next);
      this.done++;
    }
    this.running = null;
    this.done = 0;
    this.total = 0;
  }
}
