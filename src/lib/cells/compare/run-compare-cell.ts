import { queryLog } from '../../notebook/query-log';
import { distinctValuesSql } from '../../slicing/distinct-values';
import { oneToOneProblem } from '../../slicing/repeated-ids';
import {
  matchingSql,
  pairsSql,
  pairwiseSql,
  PIVOT_MODELS,
  type CompareOptions,
} from './build-compare';
import {
  readMatching,
  readPairs,
  readPairwise,
  pairwiseRows,
  type Matching,
  type PairedComparison,
  type PairwiseCell,
} from './read-compare';
import type { ColumnProfile } from '../../ingest/profile';
import { columnWith } from '../../ingest/roles';
import type { CompareCell } from './compare-cell';
import {
  datasetFor,
  isRunProblem,
  type RunContext,
  type RunOutcome,
} from '../../notebook/run-context';

export interface CompareResult {
  status: 'compare';
  /** The options the queries were built from (the flip sets are read with them). */
  options: CompareOptions;
  models: string[];
  matching: Matching;
  overall: PairedComparison | null;
  slices: PairedComparison[];
  /** With more than two models: every pair. */
  pairwise: PairwiseCell[];
  sql: string;
  seconds: number;
}

/** Whether label and prediction can be compared directly: both numbers (or booleans), or both text. */
function sameKind(columns: ColumnProfile[], label: string, prediction: string) {
  const kinds = [label, prediction].map((name) => columns.find((c) => c.name === name)?.kind);
  if (kinds.every((k) => k === 'integer' || k === 'number' || k === 'boolean')) return 'number';
  if (kinds.every((k) => k === 'text')) return 'text';
  return undefined;
}

export async function runCompareCell(
  cell: CompareCell,
  ctx: RunContext,
): Promise<RunOutcome<CompareResult>> {
  const picked = datasetFor(ctx, cell.dataset);
  if (isRunProblem(picked)) return picked;
  const { dataset } = picked;
  const [id, model, label, prediction] = (['id', 'model', 'label', 'prediction'] as const).map(
    (role) => columnWith(dataset.roles, role),
  );
  if (!model)
    return { status: 'missing', message: 'Give a column the role "model": the models to compare.' };
  if (!id)
    return { status: 'missing', message: 'Give a column the role "example id" to pair rows.' };
  if (!label || !prediction)
    return { status: 'missing', message: 'Give columns the roles "label" and "prediction".' };
  const source = dataset.plan.name;
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  try {
    const models = (await read(distinctValuesSql(source, model))).map((r) => String(r.value));
    if (models.length < 2)
      return { status: 'missing', message: `The column ${model} holds fewer than two models.` };
    const modelA = models.includes(cell.modelA) ? cell.modelA : models[0];
    const modelB =
      models.includes(cell.modelB) && cell.modelB !== modelA
        ? cell.modelB
        : (models.find((m) => m !== modelA) ?? models[1]);
    // Pairs are one to one: a repeated id would pair each of its rows with each of the other's.
    const repeated = await oneToOneProblem(
      read,
      { source, id, model, models, filter: ctx.filter },
      dataset.profile.columns.map((c) => c.name),
    );
    if (repeated) return { status: 'missing', message: repeated };
    const options: CompareOptions = {
      source,
      id,
      model,
      label,
      prediction,
      modelA,
      modelB,
      feature: cell.feature || undefined,
      filter: ctx.filter,
      compareAs: sameKind(dataset.profile.columns, label, prediction),
    };
    // With a few models, the matching's pass over the examples also counts every pair.
    const pivot = models.length > 2 && models.length <= PIVOT_MODELS ? models : [];
    const totals = (await read(matchingSql(options, pivot)))[0] ?? {};
    const matching = readMatching(totals);
    const { overall, slices } = readPairs(await read(pairsSql(options)));
    const pairwise =
      models.length <= 2
        ? []
        : readPairwise(
            pivot.length > 0 ? pairwiseRows(totals, pivot) : await read(pairwiseSql(options)),
          );
    return {
      status: 'compare',
      options,
      models,
      matching,
      overall,
      slices,
      pairwise,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
