import { columnWith } from '../../ingest/roles';
import { metricsFor, type MetricId } from '../../metrics/metrics';
import type { Dataset } from '../../datasets/dataset';
import type { AxisScale } from '../../stats/axis-scales';
import type { CorrelationCell } from './correlation-cell';

/** Two numeric columns of a table with one row per model. */
export interface ColumnsPlan {
  kind: 'columns';
  source: string;
  model: string;
  x: string;
  y: string;
  scale: AxisScale;
  filter: string;
}

/** One metric on two values of a feature, per model, from a dump of examples. */
export interface ConditionsPlan {
  kind: 'conditions';
  source: string;
  dataset: Pick<Dataset, 'profile' | 'roles'>;
  model: string;
  metric: MetricId;
  feature: string;
  x: string;
  y: string;
  scale: AxisScale;
  filter: string;
}

export type CorrelationPlan = ColumnsPlan | ConditionsPlan;

/** Numeric columns other than the id's and the model's: a per-model table's candidates. */
export function numericColumns(dataset: Dataset): string[] {
  return dataset.profile.columns
    .filter(
      (c) =>
        (c.kind === 'integer' || c.kind === 'number') &&
        !['id', 'model'].includes(dataset.roles[c.name]),
    )
    .map((c) => c.name);
}

/** Columns whose values are conditions to set against each other. */
export function conditionColumns(dataset: Dataset): string[] {
  return dataset.profile.columns
    .filter((c) => ['condition', 'severity', 'group'].includes(dataset.roles[c.name]))
    .map((c) => c.name);
}

/**
 * The plan of the cell on its dataset: conditions of a dump of examples when the dataset has
 * an example id and a metric fits its task, else two columns of a table with one row per model.
 * `values` are the chosen feature's values (read by the caller), for the defaults.
 */
export async function correlationPlan(
  cell: CorrelationCell,
  dataset: Dataset,
  values: (feature: string) => Promise<string[]>,
  filter: string,
): Promise<CorrelationPlan | { missing: string }> {
  const model = columnWith(dataset.roles, 'model');
  if (!model) return { missing: 'Give a column the role "model": each model is a point.' };
  const metrics: MetricId[] = metricsFor(dataset.taskKind)
    .map((m) => m.id)
    .filter((m) => m !== 'count');
  const id = columnWith(dataset.roles, 'id');
  const columns = numericColumns(dataset);
  if (!id || metrics.length === 0 || columns.includes(cell.x)) {
    // Accuracies first: columns whose values lie in [0, 1].
    const rates = dataset.profile.columns
      .filter((c) => columns.includes(c.name) && c.min !== null && c.min >= 0 && (c.max ?? 2) <= 1)
      .map((c) => c.name);
    const ordered = [...rates, ...columns.filter((c) => !rates.includes(c))];
    const x = columns.includes(cell.x) ? cell.x : ordered[0];
    const y = columns.includes(cell.y) && cell.y !== x ? cell.y : ordered.find((c) => c !== x);
    if (!x || !y)
      return {
        missing:
          'Two numeric columns are needed (a table with one row per model), or a dump of examples with a condition column.',
      };
    return { kind: 'columns', source: dataset.plan.name, model, x, y, scale: cell.scale, filter };
  }
  const candidates = conditionColumns(dataset);
  const feature = candidates.includes(cell.feature)
    ? cell.feature
    : (columnWith(dataset.roles, 'condition') ?? candidates[0]);
  if (!feature)
    return { missing: 'Pick the column whose values are the two conditions (a group feature).' };
  const levels = await values(feature);
  if (levels.length < 2)
    return {
      missing: `The column ${feature} has fewer than two values to set against each other.`,
    };
  const first = levels.find((v) => /^(clean|none|original|in[-_ ]?distribution|id)$/i.test(v));
  const x = levels.includes(cell.x) ? cell.x : (first ?? levels[0]);
  const y = levels.includes(cell.y) && cell.y !== x ? cell.y : levels.find((v) => v !== x)!;
  return {
    kind: 'conditions',
    source: dataset.plan.name,
    dataset: { profile: dataset.profile, roles: dataset.roles },
    model,
    metric: metrics.includes(cell.metric as MetricId) ? (cell.metric as MetricId) : metrics[0],
    feature,
    x,
    y,
    scale: cell.scale,
    filter,
  };
}
