import { columnWith } from '../../ingest/roles';
import { metricById } from '../../metrics/metrics';
import { queryLog } from '../../notebook/query-log';
import { datasetFor, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { datasetValues } from '../../slicing/distinct-values';
import { oneToOneProblem } from '../../slicing/repeated-ids';
import { computeLeaderboard, type SliceRank } from '../../metrics/compute-leaderboard';
import type { LeaderboardCell } from './leaderboard-cell';
import { leaderboardPlan, type LeaderboardPlan } from './leaderboard-plan';
import type { SliceAgreement } from '../../metrics/read-agreement';
import { perModelValuesSql, repeatedModel } from '../../metrics/per-model-values';
import { rankColumn } from './rank-column';
import type { ModelRank } from '../../metrics/rank-models';

export interface LeaderboardResult {
  status: 'leaderboard';
  plan: LeaderboardPlan;
  /** Every model of the dataset (the plan ranks `plan.models`). */
  allModels: string[];
  /** What the models are ranked by, in words, and whether it is a rate (shown in %). */
  label: string;
  asRate: boolean;
  models: ModelRank[];
  slices: SliceRank[];
  /** On examples: how the models paired, and whether the metric was kept to the shared examples. */
  pairing?: SliceAgreement;
  restricted: boolean;
  sql: string;
  seconds: number;
}

export async function runLeaderboardCell(
  cell: LeaderboardCell,
  ctx: RunContext,
): Promise<RunOutcome<LeaderboardResult>> {
  const found = datasetFor(ctx, cell.dataset);
  if (!('dataset' in found)) return found;
  const { dataset } = found;
  const model = columnWith(dataset.roles, 'model');
  if (!model)
    return { status: 'missing', message: 'Give a column the role "model": the models to rank.' };
  const { read, readShared, statements, failure } = queryLog(ctx.engine, ctx.signal, ctx.cache);
  const started = ctx.now();
  try {
    const allModels = await datasetValues(dataset, model, read, 1000);
    const chosen = cell.models.filter((m) => allModels.includes(m));
    const plan = leaderboardPlan(
      cell,
      dataset,
      chosen.length >= 2 ? chosen : allModels,
      ctx.filter,
    );
    if ('missing' in plan) return { status: 'missing', message: plan.missing };
    const done = { allModels, sql: '', seconds: 0 };
    const finish = <T extends object>(result: T) => ({
      ...done,
      ...result,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    });
    if (plan.kind === 'table') {
      const rows = await read(
        perModelValuesSql(plan.source, plan.model, [plan.column], plan.filter, plan.models),
      );
      const repeated = repeatedModel(rows);
      if (repeated)
        return {
          status: 'missing',
          message: `Ranking by the column ${plan.column} needs one row per model; ${repeated.model} has ${repeated.rows}. Rank a metric of examples instead (give a column the role "example id"), or aggregate the rows in a SQL cell.`,
        };
      return finish({
        status: 'leaderboard' as const,
        plan,
        label: plan.column,
        asRate: false,
        models: rankColumn(plan, rows),
        slices: [],
        restricted: false,
      });
    }
    const board = await computeLeaderboard(plan, read, readShared);
    // Pairing is one to one, as in Model vs model: a repeated id is refused with its counts.
    if (board.pairing.leftOut.repeatedRows > 0) {
      const columns = dataset.profile.columns.map((c) => c.name);
      const problem = await oneToOneProblem(read, { ...plan, filter: ctx.filter }, columns);
      if (problem) return { status: 'missing', message: problem };
    }
    if (board.pairing.n === 0)
      return {
        status: 'missing',
        message: `No example is shared by all ${plan.models.length} models (paired on ${plan.id}): pick models that were run on the same examples.`,
      };
    const definition = metricById(plan.metric);
    return finish({
      status: 'leaderboard' as const,
      plan,
      label: definition.label,
      asRate:
        definition.kind === 'rate' || board.models.every((m) => m.intervalMethod === 'Wilson'),
      models: board.models,
      slices: board.slices,
      pairing: board.pairing,
      restricted: board.restricted,
    });
  } catch (e) {
    return failure(e);
  }
}
