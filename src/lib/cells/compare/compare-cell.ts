import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Two models on the same examples, paired on the example id. */
export interface CompareCell extends CellBase {
  kind: 'compare';
  dataset: string;
  /** Values of the model column; empty for the first two models. */
  modelA: string;
  modelB: string;
  /** A feature to slice by; empty for the overall comparison only. */
  feature: string;
  /**
   * A numeric column to compare as per-example scores (a judge's rating, BLEU); 0/1 columns are
   * compared as right and wrong. Empty: label and prediction, else the outcome column.
   */
  score: string;
}

/** A new compare cell's settings. */
export function compareDefaults(): Settings<CompareCell> {
  return { dataset: '', modelA: '', modelB: '', feature: '', score: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const compareSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    modelA: { type: 'string' },
    modelB: { type: 'string' },
    feature: { type: 'string' },
    score: { type: 'string' },
  },
  required: ['dataset', 'modelA', 'modelB', 'feature'],
};
