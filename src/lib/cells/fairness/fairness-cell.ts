import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Per-group rates and disparities of one model's binary decisions (one-vs-rest for multiclass). */
export interface FairnessCell extends CellBase {
  kind: 'fairness';
  dataset: string;
  /** The model (a value of the model column); empty for the first. */
  model: string;
  /** One sensitive feature, or two for their intersections. */
  features: string[];
  /** The prediction or score column; empty for the column with the prediction role. */
  decision: string;
  /** With a threshold the decision column is a score: predicted positive at or above it. */
  threshold: number | null;
  /**
   * The decision column's values that mean "positive", for a column with more than two values
   * that are not the label's classes (a 1-10 risk decile, approve/review/deny); empty to ask.
   */
  positiveDecisions?: string[];
  /** The positive class; empty for the largest label value. */
  positive: string;
  /** The reference group (its name as shown); empty for the largest group. */
  reference: string;
}

/** A new fairness cell's settings. */
export function fairnessDefaults(): Settings<FairnessCell> {
  return {
    dataset: '',
    model: '',
    features: [],
    decision: '',
    threshold: null,
    positiveDecisions: [],
    positive: '',
    reference: '',
  };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const fairnessSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    model: { type: 'string' },
    features: { type: 'array', maxItems: 2, items: { type: 'string' } },
    decision: { type: 'string' },
    threshold: { type: ['number', 'null'] },
    positiveDecisions: { type: 'array', items: { type: 'string' } },
    positive: { type: 'string' },
    reference: { type: 'string' },
  },
  required: ['dataset', 'model', 'features', 'decision', 'threshold', 'positive', 'reference'],
};
