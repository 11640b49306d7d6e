/** How many times each figure is measured: warm-up runs are thrown away, the rest summarised. */
export interface Plan {
  warmup: number;
  runs: number;
  /** Overview re-computations timed per run (after one more that warms up). */
  toggles: number;
  timeoutMs: number;
}

/** What one competitor measured on one dump: samples (ms or MiB) per measure, and what it skipped. */
export interface Measures {
  values: Record<string, number[]>;
  notes: string[];
}

export function planFor(rows: number, quick: boolean): Plan {
  if (quick) return { warmup: 1, runs: 3, toggles: 5, timeoutMs: 60_000 };
  if (rows <= 100_000) return { warmup: 1, runs: 5, toggles: 5, timeoutMs: 60_000 };
  if (rows <= 1_000_000) return { warmup: 1, runs: 5, toggles: 5, timeoutMs: 120_000 };
  if (rows <= 5_000_000) return { warmup: 1, runs: 3, toggles: 5, timeoutMs: 300_000 };
  return { warmup: 0, runs: 2, toggles: 3, timeoutMs: 600_000 };
}

export function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  return work().then((value) => ({ ms: performance.now() - started, value }));
}
