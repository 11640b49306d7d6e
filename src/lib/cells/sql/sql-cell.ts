import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface SqlCell extends CellBase {
  kind: 'sql';
  sql: string;
}

/** A new sql cell's settings. */
export function sqlDefaults(): Settings<SqlCell> {
  return { sql: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const sqlSchema: SettingsSchema = {
  properties: { sql: { type: 'string' } },
  required: ['sql'],
};
