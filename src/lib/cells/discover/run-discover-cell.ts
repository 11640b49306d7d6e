import { queryLog } from '../../notebook/query-log';
import {
  dropTableSql,
  featureValuesSql,
  levelSql,
  readFeatureValues,
  type Combination,
  totalsSql,
  workingTableSql,
  type DiscoveryBaseOptions,
  type ErrorSignal,
} from './build-discover-sql';
import {
  combineTotals,
  readLevel,
  readTotals,
  reportSlices,
  type DiscoveredSlice,
  type DiscoveryFeature,
  type HalfTotals,
} from './read-discover';
import {
  nextCandidates,
  scoreThreshold,
  sliceKey,
  type Predicate,
  updateTopK,
  type ScoredSlice,
  type SearchSettings,
} from './sliceline';
import { distinctValuesSql } from '../../slicing/distinct-values';
import { quantileEdgesSql, readEdges } from '../../slicing/binning';
import { columnWith, columnsWith } from '../../ingest/roles';
import { ident, listLiteral } from '../../sql/quote';
import type { Dataset } from '../../datasets/dataset';
import type { DiscoverCell } from './discover-cell';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

/** Numeric features with more distinct values than this are cut at quantiles. */
const BIN_ABOVE = 12;
/** Text features with more distinct values than this (ids, free text) are not searched. */
const MAX_VALUES = 200;

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
  features: DiscoveryFeature[];
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

/** The error signal a cell uses: the one chosen, else the task's natural one. */
export function discoverSignal(cell: DiscoverCell, dataset: Dataset): ErrorSignal {
  if (cell.signal) return cell.signal;
  if (dataset.taskKind === 'regression') return 'absolute';
  if (dataset.taskKind === 'score' || !columnWith(dataset.roles, 'prediction'))
    return 'one-minus-score';
  return 'misclassification';
}

/** The features searched (binned where numeric with many values) and the ones left out. */
export function discoverFeatures(cell: DiscoverCell, dataset: Dataset) {
  const names = cell.features.length > 0 ? cell.features : columnsWith(dataset.roles, 'group');
  const features: DiscoveryFeature[] = [];
  const skipped: string[] = [];
  for (const column of names) {
    const profile = dataset.profile.columns.find((c) => c.name === column);
    if (!profile) {
      skipped.push(`${column} (no such column)`);
      continue;
    }
    const numeric = profile.kind === 'integer' || profile.kind === 'number';
    if (numeric && profile.distinct > BIN_ABOVE)
      features.push({ column, numeric, binning: { kind: 'quantile', bins: cell.bins || 4 } });
    else if (!numeric && profile.distinct > MAX_VALUES)
      skipped.push(`${column} (${profile.distinct} values)`);
    else features.push({ column, numeric });
  }
  return { features, skipped };
}

function compareAs(dataset: Dataset, a?: string, b?: string) {
  const kinds = [a, b].map((n) => dataset.profile.columns.find((c) => c.name === n)?.kind);
  if (kinds.every((k) => k === 'integer' || k === 'number' || k === 'boolean')) return 'number';
  if (kinds.every((k) => k === 'text')) return 'text';
  return undefined;
}

function minSupportCount(setting: number, examples: number): number {
  const count = setting > 0 && setting < 1 ? Math.ceil(setting * examples) : Math.round(setting);
  return Math.max(1, count);
}

export async function runDiscoverCell(
  cell: DiscoverCell,
  ctx: RunContext,
  onProgress?: (partial: DiscoverResult) => void,
): Promise<RunOutcome<DiscoverResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const signal = discoverSignal(cell, dataset);
  const [id, model, label, prediction, outcome] = (
    ['id', 'model', 'label', 'prediction', 'outcome'] as const
  ).map((role) => columnWith(dataset.roles, role));
  const needs: Record<ErrorSignal, [string | undefined, string][]> = {
    misclassification: [
      [label, 'label'],
      [prediction, 'prediction'],
    ],
    absolute: [
      [label, 'label'],
      [prediction, 'prediction'],
    ],
    squared: [
      [label, 'label'],
      [prediction, 'prediction'],
    ],
    'one-minus-score': [[outcome, 'outcome (per-example score)']],
    disagreement: [
      [prediction, 'prediction'],
      [model, 'model'],
      [id, 'example id'],
    ],
  };
  const lacking = needs[signal].filter(([c]) => !c).map(([, role]) => `"${role}"`);
  if (lacking.length)
    return { status: 'missing', message: `Give columns the roles ${lacking.join(', ')}.` };
  if (cell.confirm && !id)
    return {
      status: 'missing',
      message:
        'Discover-then-confirm splits examples by their id: give a column the role "example id".',
    };
  const { features, skipped } = discoverFeatures(cell, dataset);
  if (features.length === 0)
    return {
      status: 'missing',
      message: 'Pick features to search, or give columns the role "group feature".',
    };
  const source = dataset.plan.name;
  const settings = {
    alpha: Math.min(1, Math.max(1e-6, cell.alpha || 0.95)),
    k: Math.max(1, Math.round(cell.k || 10)),
  };
  const maxLevel = Math.min(3, Math.max(1, Math.round(cell.maxLevel || 2)));
  // A fresh name per run: a cancelled run's clean-up cannot drop its successor's table.
  const table = `_discover_${crypto.randomUUID().replaceAll('-', '')}`;
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  const result: DiscoverResult = {
    status: 'discover',
    running: true,
    cancelled: false,
    signal,
    modelColumn: model,
    models: [],
    features,
    skipped,
    edges: {},
    source,
    minSupport: 0,
    maxLevel,
    searched: null,
    reported: null,
    confirmed: false,
    levels: [],
    slices: [],
    sql: '',
    seconds: 0,
  };
  const snapshot = (): DiscoverResult => ({
    ...result,
    sql: statements(),
    seconds: (ctx.now() - started) / 1000,
  });
  let found: ScoredSlice[] = [];
  try {
    let models: string[] = [];
    if (model) {
      models = (await read(distinctValuesSql(source, model, false, 1000))).map((r) =>
        String(r.value),
      );
      result.models = models;
      result.model = models.includes(cell.model) ? cell.model : models[0];
      if (signal === 'disagreement') {
        result.modelB =
          models.includes(cell.modelB) && cell.modelB !== result.model
            ? cell.modelB
            : models.find((m) => m !== result.model);
        if (!result.modelB)
          return { status: 'missing', message: `The column ${model} holds only one model.` };
      }
    }
    for (const f of features) {
      if (f.binning?.kind !== 'quantile') continue;
      const query = quantileEdgesSql(source, f.column, f.binning.bins, ctx.filter);
      result.edges[f.column] = readEdges((await read(query))[0] ?? {});
    }
    const options: DiscoveryBaseOptions = {
      source,
      signal,
      label,
      prediction,
      outcome,
      compareAs: compareAs(dataset, label, prediction),
      id,
      features,
      edges: result.edges,
      filter: ctx.filter,
      model:
        model && result.model && signal !== 'disagreement'
          ? { column: model, value: result.model }
          : undefined,
      pair:
        signal === 'disagreement' && model && result.model && result.modelB
          ? { model, modelA: result.model, modelB: result.modelB }
          : undefined,
    };
    const values = readFeatureValues(await read(featureValuesSql(options)), features.length);
    await read(workingTableSql(table, options, values));
    const halves = readTotals(await read(totalsSql(table)));
    const zero = { size: 0, errors: 0, squares: 0, minError: 0, maxError: 0, binary: true };
    const all = combineTotals([...halves.values()]);
    const searched = cell.confirm ? (halves.get(0) ?? zero) : all;
    const reported = cell.confirm ? (halves.get(1) ?? zero) : all;
    result.searched = searched;
    result.reported = reported;
    if (all.size === 0)
      return { status: 'missing', message: 'No example has both the values the error needs.' };
    if (all.minError < 0)
      return {
        status: 'missing',
        message: `The error signal is negative for some examples (as low as ${all.minError}): SliceLine needs errors ≥ 0; a per-example score must lie in [0, 1].`,
      };
    const s: SearchSettings = {
      ...settings,
      minSupport: minSupportCount(cell.minSupport, searched.size),
    };
    result.minSupport = s.minSupport;
    if (!(searched.errors > 0)) {
      result.note = 'No errors in the searched examples: there is no failing slice to find.';
      return { ...snapshot(), running: false };
    }
    const half = cell.confirm ? (0 as const) : undefined;
    const featureCount = features.length;
    // A feature may also be missing: one value more than the distinct values listed.
    const valueCounts = values.map((v) => v.length + 1);
    const combinations = (slices: { predicates: Predicate[] }[]) =>
      combinationsOf(slices, valueCounts);
    let levelStarted = ctx.now();
    const singles = readLevel(
      await read(
        levelSql({ table, combinations: features.map((_, i) => ({ features: [i] })), half }),
      ),
      featureCount,
      searched,
      s.alpha,
    );
    found = updateTopK([], singles, s);
    result.levels.push({
      level: 1,
      candidates: singles.length,
      combinations: featureCount,
      seconds: (ctx.now() - levelStarted) / 1000,
    });
    result.slices = reportSlices(found, keyed(found), searched, features, result.edges);
    onProgress?.(snapshot());
    let previous = singles;
    for (let level = 2; level <= maxLevel; level++) {
      levelStarted = ctx.now();
      const threshold = scoreThreshold(found, s.k);
      const candidates = nextCandidates(previous, singles, level, searched, s, threshold);
      const sets = combinations(candidates);
      let evaluated: ScoredSlice[] = [];
      let wanted = new Map<string, number>();
      if (candidates.length > 0) {
        wanted = new Map(candidates.map((c) => [sliceKey(c.predicates), c.sizeBound]));
        const rows = await read(
          levelSql({ table, combinations: sets, half, minSupport: s.minSupport }),
        );
        evaluated = readLevel(rows, featureCount, searched, s.alpha).filter((e) =>
          wanted.has(sliceKey(e.predicates)),
        );
      }
      // A slice as big as one of its parents holds the same rows: the parent says it more simply.
      const distinct = evaluated.filter((e) => e.size < (wanted.get(sliceKey(e.predicates)) ?? 0));
      found = updateTopK(found, distinct, s);
      result.levels.push({
        level,
        candidates: candidates.length,
        combinations: sets.length,
        seconds: (ctx.now() - levelStarted) / 1000,
      });
      result.slices = reportSlices(found, keyed(found), searched, features, result.edges);
      onProgress?.(snapshot());
      if (evaluated.length === 0) break;
      previous = evaluated;
    }
    if (cell.confirm && found.length > 0) {
      const held = readLevel(
        await read(levelSql({ table, combinations: combinations(found), half: 1 })),
        featureCount,
        reported,
        s.alpha,
      );
      result.slices = reportSlices(found, keyed(held), reported, features, result.edges);
      result.confirmed = true;
    }
    return { ...snapshot(), running: false };
  } catch (e) {
    if (ctx.signal?.aborted) return { ...snapshot(), running: false, cancelled: true };
    return failure(e);
  } finally {
    await ctx.engine.query(dropTableSql(table)).catch(() => undefined);
  }
}

function keyed(slices: ScoredSlice[]): Map<string, ScoredSlice> {
  return new Map(slices.map((s) => [sliceKey(s.predicates), s]));
}

/**
 * The feature combinations of `slices`, each with the values the slices use; left out where they
 * are over half of the feature's `valueCounts` values (measured: a long IN list then costs more
 * than the rows it saves).
 */
function combinationsOf(
  slices: { predicates: Predicate[] }[],
  valueCounts: number[],
): Combination[] {
  const byFeatures = new Map<string, { features: number[]; values: Set<string | null>[] }>();
  for (const { predicates } of slices) {
    const features = predicates.map((p) => p.feature);
    const key = features.join(',');
    let entry = byFeatures.get(key);
    if (!entry) byFeatures.set(key, (entry = { features, values: features.map(() => new Set()) }));
    predicates.forEach((p, j) => entry.values[j].add(p.value));
  }
  return [...byFeatures.values()].map((c) => ({
    features: c.features,
    values: c.values.map((set, j) =>
      set.size * 2 > valueCounts[c.features[j]] ? undefined : [...set],
    ),
  }));
}

/** The SQL condition selecting a found slice's examples (of the searched model). */
export function discoveredRows(result: DiscoverResult, slice: DiscoveredSlice): string {
  if (!result.modelColumn || !result.model) return slice.condition;
  const models = [result.model, result.modelB].filter((m) => m !== undefined);
  return `(${slice.condition}) AND list_contains(${listLiteral(models)}, CAST(${ident(result.modelColumn)} AS VARCHAR))`;
}
