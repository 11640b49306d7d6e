import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import { metricsFor, type MetricId } from '../../metrics/metrics';
import { parseEdges } from '../../slicing/binning';
import type { SliceFeature } from '../../slicing/slice-feature';
import type { SliceCell } from './slice-cell';

/** Numeric features with more distinct values than this are binned. */
const BIN_ABOVE = 12;

/** The metric a slice cell shows: the one chosen, else the task's first (its headline). */
export function sliceMetric(cell: SliceCell, dataset: Dataset): MetricId | undefined {
  const available = metricsFor(dataset.taskKind).map((m) => m.id);
  if (available.includes(cell.metric as MetricId)) return cell.metric as MetricId;
  return available.find((m) => m !== 'count');
}

/** How each chosen feature is sliced: numeric ones with many values are binned. */
export function sliceFeatures(
  cell: SliceCell,
  dataset: Dataset,
): SliceFeature[] | { error: string } {
  const out: SliceFeature[] = [];
  for (const f of cell.features) {
    const profile = dataset.profile.columns.find((c) => c.name === f.column);
    if (!profile) return { error: `The dataset has no column "${f.column}".` };
    const numeric = profile.kind === 'integer' || profile.kind === 'number';
    if (f.edges?.trim()) {
      const edges = parseEdges(f.edges);
      if ('error' in edges) return { error: `Cut points of ${f.column}: ${edges.error}.` };
      out.push({ column: f.column, binning: { kind: 'edges', edges } });
    } else if (numeric && profile.distinct > BIN_ABOVE)
      out.push({ column: f.column, binning: { kind: 'quantile', bins: f.bins ?? 4 } });
    else out.push({ column: f.column });
  }
  return out;
}

/** What a slice cell's settings come to on its dataset: the metric and how each feature is cut. */
export interface SlicePlan {
  metric: MetricId;
  features: SliceFeature[];
}

/** The cell's settings checked against its dataset: the plan, or what the cell still needs. */
export function slicePlan(cell: SliceCell, dataset: Dataset): SlicePlan | RunProblem {
  const metric = sliceMetric(cell, dataset);
  if (!metric)
    return { status: 'missing', message: 'No metric fits this task kind: check the roles.' };
  if (cell.features.length === 0)
    return { status: 'missing', message: 'Pick a feature to slice by.' };
  const features = sliceFeatures(cell, dataset);
  if ('error' in features) return { status: 'missing', message: features.error };
  return { metric, features };
}
