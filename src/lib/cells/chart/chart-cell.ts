import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface ChartCell extends CellBase {
  kind: 'chart';
  /** The name of the cell whose result the chart shows. */
  source: string;
  /** The Vega-Lite spec as the user typed it (JSON text). */
  spec: string;
}

/** A new chart cell's settings. */
export function chartDefaults(): Settings<ChartCell> {
  return { source: '', spec: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const chartSchema: SettingsSchema = {
  properties: { source: { type: 'string' }, spec: { type: 'string' } },
  required: ['source', 'spec'],
};
