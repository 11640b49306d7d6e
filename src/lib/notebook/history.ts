/**
 * Undo and redo over immutable snapshots. Edits that arrive in a quick burst with the same key
 * (typing in one cell) merge into one step, so undo takes back a word, not a letter.
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = -Infinity;

  constructor(
    private current: T,
    private readonly now: () => number = () => Date.now(),
    private readonly mergeWithinMs = 1000,
    private readonly limit = 500,
  ) {}

  get value(): T {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Records a new state. `key` names the kind of edit for merging (e.g. `text:<cell id>`). */
  push(next: T, key: string | null = null): void {
    const t = this.now();
    const merge = key !== null && key === this.lastKey && t - this.lastAt < this.mergeWithinMs;
    if (!merge) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.current = next;
    this.future = [];
    this.lastKey = key;
    this.lastAt = t;
  }

  undo(): T {
    const previous = this.past.pop();
    if (previous === undefined) return this.current;
    this.future.push(this.current);
    this.current = previous;
    this.lastKey = null;
    return previous;
  }

  redo(): T {
    const next = this.future.pop();
    if (next === undefined) return this.current;
    this.past.push(this.current);
    this.current = next;
    this.lastKey = null;
    return next;
  }

  /** Starts over from `state` (opening a file): nothing to undo. */
  reset(state: T): void {
    this.past = [];
    this.future = [];
    this.current = state;
    this.lastKey = null;
  }
}
