import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface OverviewCell extends CellBase {
  kind: 'overview';
  /** The dataset (its SQL name) the overview is computed on. */
  dataset: string;
}

/** A new overview cell's settings. */
export function overviewDefaults(): Settings<OverviewCell> {
  return { dataset: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const overviewSchema: SettingsSchema = {
  properties: { dataset: { type: 'string' } },
  required: ['dataset'],
};
