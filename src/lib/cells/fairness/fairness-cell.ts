import type { Settings } from '../../notebook/cell-kind';
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
    positive: '',
    reference: '',
  };
}
