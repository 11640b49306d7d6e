import { columnWith } from '../../ingest/roles';
import {
  exampleLeaderboardPlan,
  type ExampleLeaderboardPlan,
} from '../../metrics/example-leaderboard-plan';
import { metricById, metricsFor, type MetricId } from '../../metrics/metrics';
import type { Dataset } from '../../datasets/dataset';
import type { LeaderboardCell } from './leaderboard-cell';

/** Models ranked by a column of a table with one row per model. */
export interface TableLeaderboardPlan {
  kind: 'table';
  source: string;
  model: string;
  models: string[];
  column: string;
  direction: 'higher' | 'lower';
  filter: string;
}

export type LeaderboardPlan = ExampleLeaderboardPlan | TableLeaderboardPlan;

/** The metrics a dump of examples can be ranked by (the slice table's, without the count). */
export function rankableMetrics(dataset: Dataset) {
  return metricsFor(dataset.taskKind).filter((m) => m.id !== 'count');
}

/** Numeric columns other than the model's and the id's: what a per-model table ranks by. */
export function rankableColumns(dataset: Dataset): string[] {
  return dataset.profile.columns
    .filter(
      (c) =>
        (c.kind === 'integer' || c.kind === 'number') &&
        dataset.roles[c.name] !== 'model' &&
        dataset.roles[c.name] !== 'id',
    )
    .map((c) => c.name);
}

/**
 * The plan of a leaderboard: by a metric when the dataset has an example id (and the metric, or
 * the headline, fits its task), else by a numeric column of a one-row-per-model table.
 */
export function leaderboardPlan(
  cell: LeaderboardCell,
  dataset: Dataset,
  models: readonly string[],
  filter: string,
): LeaderboardPlan | { missing: string } {
  const model = columnWith(dataset.roles, 'model');
  if (!model) return { missing: 'Give a column the role "model": the models to rank.' };
  if (models.length < 2)
    return { missing: `A leaderboard needs at least two models; ${model} holds ${models.length}.` };
  const id = columnWith(dataset.roles, 'id');
  const metrics = rankableMetrics(dataset).map((m) => m.id);
  const columns = rankableColumns(dataset);
  if (columns.includes(cell.metric) || (!id && !metrics.includes(cell.metric as MetricId))) {
    const column = columns.includes(cell.metric) ? cell.metric : columns[0];
    if (!column)
      return {
        missing:
          'Nothing to rank by: give a column the role "example id" (and a label and a prediction, or an outcome) to rank by a metric, or load a table with a numeric column per model.',
      };
    return {
      kind: 'table',
      source: dataset.plan.name,
      model,
      models: [...models],
      column,
      direction: cell.direction,
      filter,
    };
  }
  if (!id)
    return {
      missing:
        'Give a column the role "example id": the leaderboard resamples examples, the same for every model.',
    };
  const metric = metrics.includes(cell.metric as MetricId) ? (cell.metric as MetricId) : metrics[0];
  if (!metric) return { missing: 'No metric fits this task kind: check the roles.' };
  if (cell.feature && !dataset.profile.columns.some((c) => c.name === cell.feature))
    return { missing: `The dataset has no column "${cell.feature}" to slice by.` };
  return exampleLeaderboardPlan(
    { name: dataset.plan.name, ...dataset },
    {
      id,
      model,
      models,
      metric,
      feature: cell.feature || undefined,
      filter,
      replicates: cell.replicates,
    },
  );
}

/** Whether a plan's metric is better high or low. */
export function directionOf(plan: LeaderboardPlan): 'higher' | 'lower' {
  return plan.kind === 'table' ? plan.direction : metricById(plan.metric).direction;
}
