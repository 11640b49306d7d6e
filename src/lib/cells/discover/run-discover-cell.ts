import { queryLog } from '../../notebook/query-log';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';
import { featureEdges } from '../../slicing/feature-edges';
import { distinctValuesSql } from '../../slicing/distinct-values';
import { oneToOneProblem } from '../../slicing/repeated-ids';
import {
  dropTableSql,
  featureValuesSql,
  readFeatureValues,
  totalsSql,
  workingTableSql,
  type DiscoverBaseOptions,
} from './build-discover-sql';
import type { DiscoverCell } from './discover-cell';
import type { DiscoverResult } from './discover-result';
import { minSupportCount, discoverPlan } from './discover-plan';
import { compareAs } from '../../metrics/compare-as';
import { combineTotals, readTotals, reportSlices } from './read-discover';
import { heldOutStatistics, keyed, searchLevels, type LevelSearch } from './search-levels';

/**
 * Runs a discover cell: checks its settings (discoverPlan), picks the models, bins the numeric
 * features, builds a working table of each example's error and feature values, searches it level
 * by level (searchLevels, reporting each level through `onProgress`) and, with confirm, measures
 * the slices found on the held-out half. The working table is dropped at the end, also on failure.
 */
export async function runDiscoverCell(
  cell: DiscoverCell,
  ctx: RunContext,
  onProgress?: (partial: DiscoverResult) => void,
): Promise<RunOutcome<DiscoverResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = discoverPlan(cell, dataset);
  if (isRunProblem(plan)) return plan;
  const { signal, features } = plan;
  const { id, model, label, prediction, outcome } = plan.columns;
  const source = dataset.plan.name;
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
    skipped: plan.skipped,
    edges: {},
    source,
    minSupport: 0,
    maxLevel: plan.maxLevel,
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
  try {
    if (model) {
      const models = (await read(distinctValuesSql(source, model, false, 1000))).map((r) =>
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
        // Pairs are one to one: a repeated id would pair each of its rows with each of the other's.
        const repeated = await oneToOneProblem(
          read,
          { source, id: id!, model, models: [result.model, result.modelB], filter: ctx.filter },
          dataset.profile.columns.map((c) => c.name),
        );
        if (repeated) return { status: 'missing', message: repeated };
      }
    }
    Object.assign(result.edges, await featureEdges(features, source, ctx.filter, read));
    const options: DiscoverBaseOptions = {
      source,
      signal,
      label,
      prediction,
      outcome,
      compareAs: compareAs(dataset.profile.columns, label, prediction),
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
    const settings = {
      alpha: plan.alpha,
      k: plan.k,
      minSupport: minSupportCount(cell.minSupport, searched.size),
    };
    result.minSupport = settings.minSupport;
    if (!(searched.errors > 0)) {
      result.note = 'No errors in the searched examples: there is no failing slice to find.';
      return { ...snapshot(), running: false };
    }
    const search: LevelSearch = {
      read,
      now: ctx.now,
      table,
      featureCount: features.length,
      // A feature may also be missing: one value more than the distinct values listed.
      valueCounts: values.map((v) => v.length + 1),
      searched,
      settings,
      maxLevel: plan.maxLevel,
      half: cell.confirm ? 0 : undefined,
      onLevel: (level, found) => {
        result.levels.push(level);
        result.slices = reportSlices(found, keyed(found), searched, features, result.edges);
        onProgress?.(snapshot());
      },
    };
    const found = await searchLevels(search);
    if (cell.confirm && found.length > 0) {
      const held = await heldOutStatistics(search, found, reported);
      result.slices = reportSlices(found, held, reported, features, result.edges);
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
