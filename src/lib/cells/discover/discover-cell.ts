import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/**
 * Slice discovery (SliceLine): the top-k slices, conjunctions of up to `maxLevel` feature values,
 * where the error signal is highest relative to their size.
 */
export interface DiscoverCell extends CellBase {
  kind: 'discover';
  dataset: string;
  /** What counts as an error; empty for the task's default (discoverSignal). */
  signal: '' | 'misclassification' | 'absolute' | 'squared' | 'one-minus-score' | 'disagreement';
  /** The model searched (a value of the model column); empty for the first. */
  model: string;
  /** For disagreement: the other model; empty for the next one. */
  modelB: string;
  /** Features to search; empty for every group feature. */
  features: string[];
  /** Quantile bins of numeric features. */
  bins: number;
  /** 1 to 3 predicates per slice. */
  maxLevel: number;
  /** The smallest slice: a fraction of the examples when below 1, else a count. */
  minSupport: number;
  /** SliceLine's weight of error against size, 0 < alpha <= 1. */
  alpha: number;
  /** How many slices to report. */
  k: number;
  /** Search on one half of the examples (by a hash of the id), report statistics on the other. */
  confirm: boolean;
}

/** A new discover cell's settings. */
export function discoverDefaults(): Settings<DiscoverCell> {
  return {
    dataset: '',
    signal: '',
    model: '',
    modelB: '',
    features: [],
    bins: 4,
    maxLevel: 2,
    minSupport: 0.01,
    alpha: 0.95,
    k: 10,
    confirm: false,
  };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const discoverSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    signal: {
      enum: ['', 'misclassification', 'absolute', 'squared', 'one-minus-score', 'disagreement'],
    },
    model: { type: 'string' },
    modelB: { type: 'string' },
    features: { type: 'array', maxItems: 100, items: { type: 'string' } },
    bins: { type: 'integer', minimum: 2, maximum: 100 },
    maxLevel: { type: 'integer', minimum: 1, maximum: 3 },
    minSupport: { type: 'number', minimum: 0 },
    alpha: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    k: { type: 'integer', minimum: 1, maximum: 1000 },
    confirm: { type: 'boolean' },
  },
  required: [
    'dataset',
    'signal',
    'model',
    'modelB',
    'features',
    'bins',
    'maxLevel',
    'minSupport',
    'alpha',
    'k',
    'confirm',
  ],
};
