import { queryLog } from '../../notebook/query-log';
import { datasetFor, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { datasetValues } from '../../slicing/distinct-values';
import { oneToOneProblem } from '../../slicing/repeated-ids';
import { columnWith } from '../../ingest/roles';
import type { AgreementCell } from './agreement-cell';
import type { AgreementPlan } from '../../metrics/agreement-sql';
import { agreementPlan, MAX_AGREEMENT_MODELS } from './agreement-plan';
import { agreementSql } from '../../metrics/agreement-sql';
import { readAgreement, type SliceAgreement } from '../../metrics/read-agreement';

export interface AgreementResult {
  status: 'agreement';
  /** The plan the queries were built from (the examples of a pattern are read with it). */
  plan: AgreementPlan;
  /** Every model of the dataset (the plan compares `plan.models`). */
  allModels: string[];
  /** Overall first, then the slices in the feature's order. */
  slices: SliceAgreement[];
  sql: string;
  seconds: number;
}

/** The models a cell compares: those it names that exist, else the first 12 of the dataset. */
export function pickModels(chosen: readonly string[], all: readonly string[]): string[] {
  const named = chosen.filter((m) => all.includes(m));
  return named.length > 0 ? named : all.slice(0, MAX_AGREEMENT_MODELS);
}

export async function runAgreementCell(
  cell: AgreementCell,
  ctx: RunContext,
): Promise<RunOutcome<AgreementResult>> {
  const found = datasetFor(ctx, cell.dataset);
  if (!('dataset' in found)) return found;
  const { dataset } = found;
  const model = columnWith(dataset.roles, 'model');
  if (!model)
    return { status: 'missing', message: 'Give a column the role "model": the models to compare.' };
  const { read, readShared, statements, failure } = queryLog(ctx.engine, ctx.signal, ctx.cache);
  const started = ctx.now();
  try {
    const allModels = await datasetValues(dataset, model, read);
    const plan = agreementPlan(
      dataset,
      pickModels(cell.models, allModels),
      cell.feature,
      ctx.filter,
    );
    if ('missing' in plan) return { status: 'missing', message: plan.missing };
    const counts = readAgreement(plan.models, await readShared(agreementSql(plan)));
    // Pairing is one to one, as in Model vs model: a repeated id is refused with its counts.
    if (counts.slices[0].leftOut.repeatedRows > 0) {
      const columns = dataset.profile.columns.map((c) => c.name);
      const problem = await oneToOneProblem(read, { ...plan, filter: ctx.filter }, columns);
      if (problem) return { status: 'missing', message: problem };
    }
    if (counts.notBinary > 0)
      return {
        status: 'missing',
        message: `The outcome ${plan.answer} holds ${counts.notBinary.toLocaleString('en-US')} values other than 0 and 1: agreement needs each example right or wrong. Compare such scores pairwise in a Model vs model cell.`,
      };
    return {
      status: 'agreement',
      plan,
      allModels,
      slices: counts.slices,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    return failure(e);
  }
}
