import type { Engine } from '../engine/engine';
import type { Dataset } from '../datasets/dataset';
import type { TargetMix } from './target-mix';
import type { QueryCache } from './query-cache';

/** What a cell's runner is given: the engine, the datasets and target mixes by name, the global filter. */
export interface RunContext {
  engine: Engine;
  dataset: (name: string) => Dataset | undefined;
  /** The notebook's target mix of that name (target-mix.ts); absent where there are none. */
  mix?: (name: string) => TargetMix | undefined;
  filter: string;
  /** Rows of read-only queries kept while no table changes (the notebook's; none in the runner). */
  cache?: QueryCache;
  signal?: AbortSignal;
  /** Partial results of a long run (slice discovery, level by level), for the view to show. */
  progress?: (partial: CellResult) => void;
  now: () => number;
}

/** A result of a cell kind: its `status` names what it holds (`slices`, `compare`, ...). */
export interface KindResult {
  status: string;
}

/** Why a cell has no result: its query failed, or something it needs is not there yet. */
export type RunProblem =
  { status: 'error'; message: string; sql?: string } | { status: 'missing'; message: string };

/** What a kind's runner returns: its result, or why there is none. */
export type RunOutcome<R extends KindResult> = R | RunProblem;

/** A cell's result as the notebook holds it: the kind's own, a problem, or the run's state. */
export type CellResult<R extends KindResult = KindResult> =
  R | RunProblem | { status: 'running' } | { status: 'cancelled' };

export function isRunProblem(result: object | undefined): result is RunProblem {
  const status = (result as { status?: unknown } | undefined)?.status;
  return status === 'error' || status === 'missing';
}

/**
 * The dataset a cell names, or why it cannot run: none picked yet, or its data not loaded
 * (`loadFor`, e.g. "to compute this table", ends the message).
 */
export function datasetFor(
  ctx: RunContext,
  name: string,
  loadFor = 'first',
): { dataset: Dataset } | RunProblem {
  const dataset = ctx.dataset(name);
  if (dataset) return { dataset };
  if (!name) return { status: 'missing', message: 'Pick a dataset.' };
  return { status: 'missing', message: `Load the data of ${name} ${loadFor}.` };
}

/** An error's message (anything thrown may be an Error or not). */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
