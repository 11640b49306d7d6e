/** How many times each figure is measured: warm-up runs are thrown away, the rest summarised. */
export interface Plan {
  warmup: number;
  runs: number;
  /** Overview re-computations timed per run (after one more that warms up). */
  toggles: number;
  /** Re-runs of each analysis cell timed per run (its first run warms up). */
  analysisRuns: number;
  timeoutMs: number;
}

/** What one competitor measured on one dump: samples (ms or MiB) per measure, and what it skipped. */
export interface Measures {
  values: Record<string, number[]>;
  notes: string[];
}

/** What one run measured: one figure per measure, or several (repeated questions); or why it failed. */
export interface RunResult {
  values: Record<string, number>;
  repeated: Record<string, number[]>;
  error?: string;
  /** What went wrong without spoiling the rest of the run (an analysis that failed). */
  notes?: string[];
}

/** Adds a run's figures to the samples. */
export function record(measures: Measures, run: RunResult): void {
  const add = (key: string, value: number) => {
    if (Number.isFinite(value)) (measures.values[key] ??= []).push(value);
  };
  Object.entries(run.values).forEach(([key, value]) => add(key, value));
  Object.entries(run.repeated).forEach(([key, list]) => list.forEach((value) => add(key, value)));
}

export type Format = 'parquet' | 'csv';

export function planFor(rows: number, quick: boolean): Plan {
  if (quick) return { warmup: 1, runs: 2, toggles: 3, analysisRuns: 1, timeoutMs: 60_000 };
  if (rows <= 100_000)
    return { warmup: 1, runs: 2, toggles: 5, analysisRuns: 3, timeoutMs: 120_000 };
  if (rows <= 1_000_000)
    return { warmup: 1, runs: 3, toggles: 5, analysisRuns: 3, timeoutMs: 300_000 };
  if (rows <= 5_000_000)
    return { warmup: 0, runs: 2, toggles: 3, analysisRuns: 2, timeoutMs: 600_000 };
  return { warmup: 0, runs: 2, toggles: 3, analysisRuns: 1, timeoutMs: 600_000 };
}

export function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  return work().then((value) => ({ ms: performance.now() - started, value }));
}
