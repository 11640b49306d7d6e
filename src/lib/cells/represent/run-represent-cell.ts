import {
  BOOTSTRAP_BUCKETS,
  bucketWeightsSql,
  readBucketWeights,
} from '../../metrics/bootstrap-sql';
import { metricById } from '../../metrics/metrics';
import { resampleBuckets, sumBuckets } from '../../metrics/resample-buckets';
import { queryLog } from '../../notebook/query-log';
import { datasetFor, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { datasetValues } from '../../slicing/distinct-values';
import { featureEdges } from '../../slicing/feature-edges';
import { statisticsSql } from './build-represent';
import { compareMixes, type MixComparison } from './compare-mixes';
import { groupStatistics, RANDOM_GROUPS, type GroupStatistics } from './group-statistics';
import type { RepresentCell } from './represent-cell';
import { MAX_SLICES, representPlan, type RepresentPlan } from './represent-plan';
import {
  reweightModels,
  type ModelReweighting,
  type ModelSlices,
  type RankingChange,
  type Replicate,
} from './reweight-models';
import { sliceOfRow, sortSlices, type SliceValues } from './slice-key';
import { targetSlices, type TargetSlice } from './target-slices';

type Row = Record<string, unknown>;
type MixInput = SliceValues & { testRows: number; targetRows: number | null; targetShare: number };

/** The model name of a dataset without a model column. */
export const ALL_ROWS = 'all rows';

export interface RepresentResult {
  status: 'represent';
  plan: RepresentPlan;
  metricLabel: string;
  /** Whether the metric is a rate (shown in %, stratified intervals). */
  asRate: boolean;
  direction: 'higher' | 'lower';
  /** Every model of the dataset, for picking which to show. */
  allModels: string[];
  edges: Record<string, number[]>;
  comparison: MixComparison;
  models: ModelReweighting[];
  ranking: RankingChange;
  /** The bootstrap resamples examples by their id, the same for every model (paired). */
  paired: boolean;
  /** What was done to the input, in words (shares normalised, models' mixes differ). */
  notes: string[];
  sql: string;
  seconds: number;
}

export async function runRepresentCell(
  cell: RepresentCell,
  ctx: RunContext,
): Promise<RunOutcome<RepresentResult>> {
  const found = datasetFor(ctx, cell.dataset, 'to compare it with the target');
  if (!('dataset' in found)) return found;
  if (!cell.mix)
    return {
      status: 'missing',
      message: 'Pick a target mix, or make one: the population to evaluate under.',
    };
  const mix = ctx.mix?.(cell.mix);
  if (!mix)
    return { status: 'missing', message: `The notebook has no target mix named ${cell.mix}.` };
  const plan = representPlan(cell, found.dataset, mix, ctx.filter);
  if ('missing' in plan) return { status: 'missing', message: plan.missing };
  const { read, readTable, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const edges = await featureEdges(plan.features, plan.source, plan.filter, read);
    const target = await targetSlices(plan, edges, read, ctx);
    if ('missing' in target) return { status: 'missing', message: target.missing };
    const definition = metricById(plan.metric);
    const hasModel = plan.model !== undefined;
    const offset = hasModel ? 1 : 0;
    const modelOf = (row: Row) => (hasModel ? String(row.slice_0) : ALL_ROWS);
    const sliceOf = (row: Row) => ({
      model: modelOf(row),
      key: sliceOfRow(row, plan.features.length, offset).key,
    });
    // Rates need no bootstrap (stratified variance), only their statistics per random group for
    // the lead; the rest are resampled from their statistics per bootstrap bucket.
    const rate = definition.kind === 'rate';
    let totals: Row[];
    let bucketRows: Row[] = [];
    let groups: GroupStatistics['groups'] | undefined;
    if (rate)
      ({ totals, groups } = groupStatistics(
        await readTable(statisticsSql(plan, edges, RANDOM_GROUPS)),
        sliceOf,
      ));
    else {
      bucketRows = await read(statisticsSql(plan, edges, BOOTSTRAP_BUCKETS));
      totals = sumBuckets(bucketRows);
    }
    const testKeys = new Set(totals.map((r) => sliceOf(r).key));
    if (testKeys.size > MAX_SLICES)
      return {
        status: 'missing',
        message: `The test set has ${testKeys.size} slices over ${plan.features.map((f) => f.column).join(' × ')}; a target mix takes at most ${MAX_SLICES}. Group the values in a SQL cell, or use fewer bins.`,
      };
    const models = new Map<string, ModelSlices>();
    for (const row of totals) {
      const { model, key } = sliceOf(row);
      if (!models.has(model)) models.set(model, { model, slices: new Map() });
      models.get(model)!.slices.set(key, row);
    }
    const replicates = rate ? [] : await bootstrapReplicates(plan, bucketRows, read);
    const comparison = compareMixes(mixSlices(plan, edges, [...models.values()], target.slices));
    const shares = new Map(target.slices.map((s) => [s.key, s.share]));
    const counts =
      target.rows === null ? undefined : new Map(target.slices.map((s) => [s.key, s.rows ?? 0]));
    const reweighted = reweightModels({
      metric: plan.metric,
      models: [...models.values()].sort((a, b) => a.model.localeCompare(b.model)),
      replicates,
      groups,
      target: shares,
      counts,
    });
    const allModels =
      hasModel && plan.models.length > 0
        ? await datasetValues(found.dataset, plan.model!, read, 1000)
        : [...models.keys()].sort();
    return {
      status: 'represent',
      plan,
      metricLabel: definition.label,
      asRate: reweighted.rate,
      direction: definition.direction,
      allModels,
      edges,
      comparison,
      models: reweighted.models,
      ranking: reweighted.ranking,
      paired: plan.id !== undefined,
      notes: [...target.notes, ...mixNotes([...models.values()])],
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}

/**
 * The bucketed Poisson bootstrap's replicates (resample-buckets.ts), per model and slice key, from
 * the statistics per bucket: within each slice, since a slice's buckets are resampled alone.
 */
async function bootstrapReplicates(
  plan: RepresentPlan,
  bucketRows: readonly Row[],
  read: (sql: string) => Promise<Row[]>,
): Promise<Replicate[]> {
  const hasModel = plan.model !== undefined;
  const offset = hasModel ? 1 : 0;
  const modelOf = (row: Row) => (hasModel ? String(row.slice_0) : ALL_ROWS);
  const weights = readBucketWeights(
    await read(bucketWeightsSql(BOOTSTRAP_BUCKETS, plan.replicates)),
  );
  const resampled = resampleBuckets(bucketRows, weights, hasModel);
  const replicates: Replicate[] = weights.map(() => ({ slices: new Map(), totals: new Map() }));
  for (const row of resampled.slices) {
    const rep = replicates[Number(row.replicate)];
    const model = modelOf(row);
    if (!rep.slices.has(model)) rep.slices.set(model, new Map());
    rep.slices.get(model)!.set(sliceOfRow(row, plan.features.length, offset).key, row);
  }
  for (const row of resampled.totals)
    replicates[Number(row.replicate)].totals.set(modelOf(row), row);
  return replicates;
}

/** The slices of both mixes, in reading order: test rows (mean over the models) and target shares. */
function mixSlices(
  plan: RepresentPlan,
  edges: Record<string, number[]>,
  models: ModelSlices[],
  target: readonly TargetSlice[],
) {
  const bySlice = new Map<string, MixInput>();
  const counted = target.every((t) => t.rows !== null);
  for (const m of models)
    for (const [key, row] of m.slices) {
      const slice = bySlice.get(key) ?? {
        key,
        values: JSON.parse(key) as (string | null)[],
        testRows: 0,
        targetRows: counted ? 0 : null,
        targetShare: 0,
      };
      slice.testRows += Number(row.rows ?? 0) / models.length;
      bySlice.set(key, slice);
    }
  for (const t of target) {
    const slice = bySlice.get(t.key) ?? {
      key: t.key,
      values: t.values,
      testRows: 0,
      targetRows: null,
      targetShare: 0,
    };
    slice.targetShare = t.share;
    slice.targetRows = t.rows;
    bySlice.set(t.key, slice);
  }
  return sortSlices([...bySlice.values()], plan.features, edges);
}

/** Where the models' test sets differ slice by slice: each is reweighted on its own examples. */
function mixNotes(models: ModelSlices[]): string[] {
  if (models.length < 2) return [];
  const sizes = (m: ModelSlices) =>
    JSON.stringify([...m.slices.entries()].map(([k, r]) => [k, Number(r.rows ?? 0)]).sort());
  const first = sizes(models[0]);
  const differ = models.filter((m) => sizes(m) !== first).map((m) => m.model);
  if (differ.length === 0) return [];
  return [
    `The models' test sets hold different rows per slice (${[models[0].model, ...differ].join(', ')}): the test mix shown is their mean, and each model is reweighted on its own examples.`,
  ];
}
