import type { Settings } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** A feature to slice by: numeric features are cut at quantiles (`bins`) or typed cut points (`edges`). */
export interface SliceFeatureSetting {
  column: string;
  bins?: number;
  edges?: string;
}

export interface SliceCell extends CellBase {
  kind: 'slice';
  dataset: string;
  /** A metric id of src/lib/metrics/metrics.ts; empty for the task's headline metric. */
  metric: string;
  /** One or two features. */
  features: SliceFeatureSetting[];
  /** Bootstrap replicates for metrics that are not rates. */
  replicates: number;
}

/** A new slice cell's settings. */
export function sliceDefaults(): Settings<SliceCell> {
  return { dataset: '', metric: '', features: [], replicates: 200 };
}
