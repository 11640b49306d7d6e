import type { Settings } from '../../notebook/cell-kind';
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
