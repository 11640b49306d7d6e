import { comparePlan } from './compare-plan';
import { compareAs } from '../../metrics/compare-as';
import { queryLog } from '../../notebook/query-log';
import { datasetValues } from '../../slicing/distinct-values';
import { oneToOneProblem } from '../../slicing/repeated-ids';
import {
  matchingSql,
  pairwiseSql,
  passModels,
  PIVOT_MODELS,
  type CompareOptions,
} from './build-compare';
import {
  countsPerSlice,
  readMatching,
  readPairs,
  readPairwise,
  pairRows,
  pairwiseRows,
  sumSlices,
  type Matching,
  type PairedComparison,
  type PairwiseCell,
} from './read-compare';
import type { CompareCell } from './compare-cell';
import { pairedScores } from './paired-scores';
import type { PairedScores } from './read-paired-scores';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

/** Bootstrap replicates of the paired scores' mean difference. */
const SCORE_REPLICATES = 1000;

export interface CompareResult {
  status: 'compare';
  /** Right and wrong (McNemar, flips), or per-example scores (mean difference, ranks). */
  mode: 'right-wrong' | 'scores';
  /** The options the queries were built from (the flip sets are read with them). */
  options: CompareOptions;
  models: string[];
  matching: Matching;
  overall: PairedComparison | null;
  slices: PairedComparison[];
  /** With more than two models: every pair. */
  pairwise: PairwiseCell[];
  /** Per-example scores: the paired comparison overall and per slice. */
  scores: { overall: PairedScores | null; slices: PairedScores[] } | null;
  sql: string;
  seconds: number;
}

export async function runCompareCell(
  cell: CompareCell,
  ctx: RunContext,
): Promise<RunOutcome<CompareResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const plan = comparePlan(dataset, cell.score ?? '');
  if (isRunProblem(plan)) return plan;
  const { id, model, mode } = plan;
  const source = dataset.plan.name;
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const models = await datasetValues(dataset, model, read);
    if (models.length < 2)
      return { status: 'missing', message: `The column ${model} holds fewer than two models.` };
    const modelA = models.includes(cell.modelA) ? cell.modelA : models[0];
    const modelB =
      models.includes(cell.modelB) && cell.modelB !== modelA
        ? cell.modelB
        : (models.find((m) => m !== modelA) ?? models[1]);
    // Pairs are one to one: a repeated id would pair each of its rows with each of the other's.
    // The pass over every model finds repeats itself; only then are they named per model.
    const pivot = models.length > 2 && models.length <= PIVOT_MODELS ? models : [];
    const passCoversAll = models.length <= PIVOT_MODELS && mode.kind !== 'scores';
    const oneToOne = () =>
      oneToOneProblem(
        read,
        { source, id, model, models, filter: ctx.filter },
        dataset.profile.columns.map((c) => c.name),
      );
    const refused = passCoversAll ? undefined : await oneToOne();
    if (refused) return { status: 'missing', message: refused };
    const { label, prediction, outcome } =
      mode.kind === 'scores'
        ? { label: mode.score, prediction: mode.score, outcome: mode.score }
        : mode;
    const options: CompareOptions = {
      source,
      id,
      model,
      label,
      prediction,
      outcome,
      modelA,
      modelB,
      feature: cell.feature || undefined,
      filter: ctx.filter,
      compareAs: compareAs(dataset.profile.columns, label, prediction),
    };
    if (mode.kind === 'scores') {
      const overall = { ...options, feature: undefined };
      const everyModel = models.length === 2;
      const matching = readMatching(
        sumSlices(countsPerSlice(await read(matchingSql(overall, [], everyModel)), overall)),
      );
      const scores = await pairedScores(
        { ...options, score: mode.score, replicates: SCORE_REPLICATES },
        read,
      );
      return {
        status: 'compare',
        mode: 'scores',
        options,
        models,
        matching,
        overall: null,
        slices: [],
        pairwise: [],
        scores,
        sql: statements(),
        seconds: (ctx.now() - started) / 1000,
      };
    }
    // With a few models, the matching's pass over the examples also counts every pair.
    const everyModel = passModels(options, pivot).length === models.length;
    const perSlice = countsPerSlice(
      await read(matchingSql(options, pivot, everyModel)),
      options,
      pivot,
    );
    const totals = sumSlices(perSlice);
    if (passCoversAll && Number(totals.repeated) > 0) {
      const problem = await oneToOne();
      if (problem) return { status: 'missing', message: problem };
    }
    const matching = readMatching(totals);
    const { overall, slices } = readPairs(pairRows(perSlice, options.feature !== undefined));
    const pairwise =
      models.length <= 2
        ? []
        : readPairwise(
            pivot.length > 0 ? pairwiseRows(totals, pivot) : await read(pairwiseSql(options)),
          );
    return {
      status: 'compare',
      mode: 'right-wrong',
      options,
      models,
      matching,
      overall,
      slices,
      pairwise,
      scores: null,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
