import type { Settings } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface SqlCell extends CellBase {
  kind: 'sql';
  sql: string;
}

/** A new sql cell's settings. */
export function sqlDefaults(): Settings<SqlCell> {
  return { sql: '' };
}
