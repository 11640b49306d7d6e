import { columnWith, columnsWith } from '../../ingest/roles';
import { metricsFor, type MetricId } from '../../metrics/metrics';
import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import type { CostOptions } from './build-cost';
import type { CostCell } from './cost-cell';

/** The cost columns a cell can use: those with the cost role first, then any other number. */
export function costColumns(dataset: Dataset): string[] {
  const numeric = dataset.profile.columns
    .filter((c) => c.kind === 'integer' || c.kind === 'number')
    .map((c) => c.name);
  const costs = columnsWith(dataset.roles, 'cost');
  return [...costs, ...numeric.filter((c) => !costs.includes(c))];
}

/** What a cost cell's settings come to on its dataset: the cost column and the quality metric. */
export interface CostPlan {
  options: CostOptions;
  metric: MetricId;
}

/**
 * The cell's settings checked against its dataset (and the notebook's `filter`): the plan, or
 * what the cell still needs.
 */
export function costPlan(cell: CostCell, dataset: Dataset, filter: string): CostPlan | RunProblem {
  const cost = cell.cost || columnsWith(dataset.roles, 'cost')[0];
  if (!cost)
    return {
      status: 'missing',
      message: 'Pick a cost column (latency, tokens, memory), or give a column the role "cost".',
    };
  if (!dataset.profile.columns.some((c) => c.name === cost))
    return { status: 'missing', message: `The dataset has no column "${cost}".` };
  const metric = metricsFor(dataset.taskKind).find((m) => m.id !== 'count')?.id;
  if (!metric)
    return {
      status: 'missing',
      message:
        'No quality metric fits this task kind: give columns the label and prediction (or outcome) roles.',
    };
  const options: CostOptions = {
    source: dataset.plan.name,
    cost,
    model: columnWith(dataset.roles, 'model'),
    feature: cell.feature || undefined,
    filter,
  };
  return { options, metric };
}
