import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';
import { sliceFeaturesSchema, type SliceFeatureSetting } from '../../slicing/slice-features';

/**
 * The metric of each slice over a series of runs (a folder of runs, one file per run, stacked
 * into one dataset; or a column naming each row's run): per model, with 95% intervals, as
 * `slicebook run --history` writes history.csv.
 */
export interface HistoryCell extends CellBase {
  kind: 'history';
  dataset: string;
  /** The column naming each row's run; empty: the column of a stacked dataset's files. */
  run: string;
  /** Each feature slices on its own (numeric ones cut at the last run's quantiles); none: overall only. */
  features: SliceFeatureSetting[];
}

export function historyDefaults(): Settings<HistoryCell> {
  return { dataset: '', run: '', features: [] };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const historySchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    run: { type: 'string' },
    features: sliceFeaturesSchema(12),
  },
  required: ['dataset', 'run', 'features'],
};
