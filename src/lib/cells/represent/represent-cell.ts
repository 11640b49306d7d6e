import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/**
 * Each model's metric under a target population's mix of slices (a named mix of the notebook),
 * beside the test set's, and how far apart the two mixes are.
 */
export interface RepresentCell extends CellBase {
  kind: 'represent';
  /** The test set: a dataset of examples with labels (or an outcome). */
  dataset: string;
  /** The name of one of the notebook's target mixes. */
  mix: string;
  /** A metric of the slice table whose statistics are sums; empty for the task's first. */
  metric: string;
  /** Values of the model column to show; empty for every model. */
  models: string[];
  /** Bootstrap replicates (metrics that are not rates, and the ranking). */
  replicates: number;
}

/** A new cell's settings. */
export function representDefaults(): Settings<RepresentCell> {
  return { dataset: '', mix: '', metric: '', models: [], replicates: 200 };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const representSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    mix: { type: 'string' },
    metric: { type: 'string' },
    models: { type: 'array', maxItems: 1000, items: { type: 'string' } },
    replicates: { type: 'integer', minimum: 10, maximum: 2000 },
  },
  required: ['dataset', 'mix', 'metric', 'models', 'replicates'],
};
