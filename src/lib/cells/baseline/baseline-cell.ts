import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';
import { GATE_DEFAULTS } from '../../baseline/regressions';
import { sliceFeaturesSchema, type SliceFeatureSetting } from '../../slicing/slice-features';

/**
 * A candidate run against a baseline run of the same evaluation: per slice of each feature and
 * per model overall, both metrics and the difference, paired on the example id where the runs
 * share ids (src/lib/baseline/, as `slicebook run --baseline`). The runs are two datasets, or
 * two values of a column that names each row's run (files stacked into one dataset).
 */
export interface BaselineCell extends CellBase {
  kind: 'baseline';
  /** The candidate run's dataset (the new model's or checkpoint's results). */
  dataset: string;
  /** The baseline run's dataset, with the same columns and roles; empty: the candidate's. */
  baseline: string;
  /**
   * A column naming each row's run (the file of stacked files, a checkpoint); empty: each dataset
   * is one run, or, with no baseline dataset, the column of a stacked dataset's files.
   */
  run: string;
  /** The runs compared (values of `run`); empty: the last in order, against the one before it. */
  candidateRun: string;
  baselineRun: string;
  /** Each feature slices on its own (numeric ones cut at the candidate's quantiles); none: overall only. */
  features: SliceFeatureSetting[];
  /** A slice is worse (or better) when its q is below `maxQ` and it moved by more than `minDrop`. */
  maxQ: number;
  /** A fraction of the metric: 0.01 is one point of accuracy. */
  minDrop: number;
}

/** A new baseline cell's settings: the runs found from the data, the runner's gate. */
export function baselineDefaults(): Settings<BaselineCell> {
  return {
    dataset: '',
    baseline: '',
    run: '',
    candidateRun: '',
    baselineRun: '',
    features: [],
    ...GATE_DEFAULTS,
  };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const baselineSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    baseline: { type: 'string' },
    run: { type: 'string' },
    candidateRun: { type: 'string' },
    baselineRun: { type: 'string' },
    features: sliceFeaturesSchema(12),
    maxQ: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    minDrop: { type: 'number', minimum: 0 },
  },
  required: [
    'dataset',
    'baseline',
    'run',
    'candidateRun',
    'baselineRun',
    'features',
    'maxQ',
    'minDrop',
  ],
};
