import type { Engine } from '../engine/engine';
import type { LoadedTable } from '../ingest/load-file';
import { ident } from '../sql/quote';

/**
 * A file opened again takes the place of the table it was loaded as before: the old table goes
 * and the new one takes its name, so the datasets and cells that read it see the new rows under
 * the same names, rather than a second copy (`loan_approval_2`) and a second dataset.
 */
export async function replaceTable(
  engine: Engine,
  table: string,
  loaded: LoadedTable,
): Promise<LoadedTable> {
  await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`);
  await engine.query(`ALTER TABLE ${ident(loaded.table)} RENAME TO ${ident(table)}`);
  return { ...loaded, table };
}
