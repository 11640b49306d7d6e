import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';
import { sliceFeaturesSchema, type SliceFeatureSetting } from '../../slicing/slice-features';

export interface SliceCell extends CellBase {
  kind: 'slice';
  dataset: string;
  /** A metric id of src/lib/metrics/metrics.ts; empty for the task's headline metric. */
  metric: string;
  /**
   * Further metric ids shown as columns beside `metric` (value and interval); absent in notebooks
   * saved before there were any, which read as none.
   */
  moreMetrics?: string[];
  /** One or two features. */
  features: SliceFeatureSetting[];
  /** Bootstrap replicates for metrics that are not rates. */
  replicates: number;
}

/** A new slice cell's settings. */
export function sliceDefaults(): Settings<SliceCell> {
  return { dataset: '', metric: '', moreMetrics: [], features: [], replicates: 200 };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const sliceSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    metric: { type: 'string' },
    moreMetrics: { type: 'array', maxItems: 6, items: { type: 'string' } },
    features: sliceFeaturesSchema(2),
    replicates: { type: 'integer', minimum: 10, maximum: 2000 },
  },
  required: ['dataset', 'metric', 'features', 'replicates'],
};
