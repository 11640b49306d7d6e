import type { ValueKind } from '../../ingest/profile';
import { columnWith } from '../../ingest/roles';
import {
  isSum,
  metricColumns,
  metricsFor,
  type MetricColumns,
  type MetricDefinition,
  type MetricId,
} from '../../metrics/metrics';
import type { Dataset } from '../../datasets/dataset';
import type { TargetMix } from '../../notebook/target-mix';
import type { SliceFeature } from '../../slicing/slice-feature';
import { resolveSliceFeatures } from '../../slicing/slice-features';
import type { RepresentCell } from './represent-cell';

/** A feature of a mix takes at most this many values (numeric features with more are binned). */
export const MAX_VALUES = 50;
/** A mix has at most this many slices (combinations of its features' values) on either side. */
export const MAX_SLICES = 200;

/** What a cell's settings come to on its dataset and mix: checked before any SQL is built. */
export interface RepresentPlan {
  source: string;
  metric: MetricId;
  /** The columns the metric reads, and every column's kind (metrics-sql.ts). */
  columns: MetricColumns;
  columnKinds: Record<string, ValueKind>;
  /** The model column, when the dataset has one. */
  model?: string;
  /** The models to show (values of the model column); empty for every model. */
  models: string[];
  /** The example id: bootstrap buckets follow it, so models are resampled together. */
  id?: string;
  features: SliceFeature[];
  /** Each feature's kind on the test set, so the target's values are read the same way. */
  kinds: ValueKind[];
  mix: TargetMix;
  filter: string;
  replicates: number;
}

/** The metrics a target mix can reweight: those whose statistics are sums over the examples. */
export function reweightableMetrics(dataset: Dataset): MetricDefinition[] {
  return metricsFor(dataset.taskKind).filter((m) => m.id !== 'count' && isSum(m.id));
}

/**
 * The cell's settings checked against its dataset and mix: the plan, or what is missing, in
 * words that say what to do.
 */
export function representPlan(
  cell: RepresentCell,
  dataset: Dataset,
  mix: TargetMix,
  filter: string,
): RepresentPlan | { missing: string } {
  const metrics = reweightableMetrics(dataset);
  const all = metricsFor(dataset.taskKind);
  if (cell.metric && !metrics.some((m) => m.id === cell.metric)) {
    const label = all.find((m) => m.id === cell.metric)?.label ?? cell.metric;
    return {
      missing: `The ${label} cannot be reweighted slice by slice (it is not a sum over examples: it ranks or averages across the whole set). Pick one of: ${metrics.map((m) => m.label).join(', ')}.`,
    };
  }
  const metric = (cell.metric || metrics[0]?.id) as MetricId | undefined;
  if (!metric) return { missing: 'No metric fits this task kind: check the roles.' };
  if (mix.features.length < 1 || mix.features.length > 2)
    return {
      missing: `Give the mix ${mix.name} one or two features to describe the population by.`,
    };
  const absent = mix.features.filter(
    (f) => !dataset.profile.columns.some((c) => c.name === f.column),
  );
  if (absent.length > 0)
    return {
      missing: `The dataset ${dataset.plan.name} has no column ${absent.map((f) => `"${f.column}"`).join(' or ')}, which the mix ${mix.name} is over.`,
    };
  const features = resolveSliceFeatures(mix.features, dataset.profile.columns);
  if ('error' in features) return { missing: features.error };
  const kinds = features.map((f) => dataset.profile.columns.find((c) => c.name === f.column)!.kind);
  for (const f of features) {
    const distinct = dataset.profile.columns.find((c) => c.name === f.column)!.distinct;
    if (!f.binning && distinct > MAX_VALUES)
      return {
        missing: `${f.column} has ${distinct} values; a target mix takes at most ${MAX_VALUES} per feature. Group its values in a SQL cell (or use a coarser feature); numeric features are binned.`,
      };
    if (mix.source === 'shares' && f.binning?.kind === 'quantile')
      return {
        missing: `Typed shares over ${f.column}, a binned numeric feature, need fixed cut points: type them (e.g. 10, 20, 50), or fill the shares from the test set, which keeps its current cut points.`,
      };
  }
  return {
    source: dataset.plan.name,
    metric,
    columns: metricColumns(dataset.roles),
    columnKinds: Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind])),
    model: columnWith(dataset.roles, 'model'),
    models: cell.models,
    id: columnWith(dataset.roles, 'id'),
    features,
    kinds,
    mix,
    filter,
    replicates: cell.replicates,
  };
}
