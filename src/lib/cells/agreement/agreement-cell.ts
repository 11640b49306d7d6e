import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Several models on the same examples: who gets what right, and how much they agree. */
export interface AgreementCell extends CellBase {
  kind: 'agreement';
  dataset: string;
  /** Values of the model column to compare; empty for every model (up to 12). */
  models: string[];
  /** A feature to slice by; empty for every example at once. */
  feature: string;
}

/** A new agreement cell's settings. */
export function agreementDefaults(): Settings<AgreementCell> {
  return { dataset: '', models: [], feature: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const agreementSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    models: { type: 'array', maxItems: 1000, items: { type: 'string' } },
    feature: { type: 'string' },
  },
  required: ['dataset', 'models', 'feature'],
};
