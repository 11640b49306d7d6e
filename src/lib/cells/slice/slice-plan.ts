import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import { metricsFor, type MetricId } from '../../metrics/metrics';
import { resolveSliceFeatures } from '../../slicing/slice-features';
import type { SliceFeature } from '../../slicing/slice-feature';
import type { SliceCell } from './slice-cell';

/** The metric a slice cell shows: the one chosen, else the task's first (its headline). */
export function sliceMetric(cell: SliceCell, dataset: Dataset): MetricId | undefined {
  const available = metricsFor(dataset.taskKind).map((m) => m.id);
  if (available.includes(cell.metric as MetricId)) return cell.metric as MetricId;
  return available.find((m) => m !== 'count');
}

/** What a slice cell's settings come to on its dataset: the metric and how each feature is cut. */
export interface SlicePlan {
  metric: MetricId;
  /** The further metrics that fit the task, without `metric` and repeats. */
  moreMetrics: MetricId[];
  features: SliceFeature[];
}

/** The cell's settings checked against its dataset: the plan, or what the cell still needs. */
export function slicePlan(cell: SliceCell, dataset: Dataset): SlicePlan | RunProblem {
  const metric = sliceMetric(cell, dataset);
  if (!metric)
    return { status: 'missing', message: 'No metric fits this task kind: check the roles.' };
  if (cell.features.length === 0)
    return { status: 'missing', message: 'Pick a feature to slice by.' };
  const features = resolveSliceFeatures(cell.features, dataset.profile.columns);
  if ('error' in features) return { status: 'missing', message: features.error };
  const available = metricsFor(dataset.taskKind).map((m) => m.id);
  const moreMetrics = [...new Set(cell.moreMetrics ?? [])].filter(
    (m): m is MetricId => available.includes(m as MetricId) && m !== metric,
  );
  return { metric, moreMetrics, features };
}
