import { ident, listLiteral } from '../../sql/quote';
import type { ErrorSignal } from './build-discover-sql';
import type { DiscoveredSlice, DiscoverFeature, HalfTotals } from './read-discover';

export interface DiscoverLevel {
  level: number;
  /** Candidate slices evaluated at this level (after pruning). */
  candidates: number;
  /** Feature combinations the level's query grouped by. */
  combinations: number;
  seconds: number;
}

export interface DiscoverResult {
  status: 'discover';
  /** True while the search runs: the result so far, for the progress display. */
  running: boolean;
  cancelled: boolean;
  signal: ErrorSignal;
  /** The model column and its values, when the data holds several models. */
  modelColumn?: string;
  models: string[];
  model?: string;
  modelB?: string;
  features: DiscoverFeature[];
  /** Features left out, with why. */
  skipped: string[];
  edges: Record<string, number[]>;
  source: string;
  /** The minimum support as a count of searched examples. */
  minSupport: number;
  maxLevel: number;
  /** Rows searched and rows the statistics are on (the same without confirm). */
  searched: HalfTotals | null;
  reported: HalfTotals | null;
  /** Whether the statistics are on the held-out half. */
  confirmed: boolean;
  levels: DiscoverLevel[];
  slices: DiscoveredSlice[];
  /** Why there is nothing to report (no errors at all). */
  note?: string;
  sql: string;
  seconds: number;
}

/** The SQL condition selecting a found slice's examples (of the searched model). */
export function discoveredRows(result: DiscoverResult, slice: DiscoveredSlice): string {
  if (!result.modelColumn || !result.model) return slice.condition;
  const models = [result.model, result.modelB].filter((m) => m !== undefined);
  return `(${slice.condition}) AND list_contains(${listLiteral(models)}, CAST(${ident(result.modelColumn)} AS VARCHAR))`;
}
