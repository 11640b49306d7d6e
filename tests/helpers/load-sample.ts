import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { nodeDecode } from '../../src/cli/node-decode';
import type { Engine } from '../../src/lib/engine/engine';
import { loadFile, type LoadedTable } from '../../src/lib/ingest/load-file';

/**
 * Loads a file into `table` as the app and the runner do (sniffed, Parquet decoded by
 * parquet-wasm, JSON Lines read in JS), so that it loads on either engine: DuckDB-WASM has no
 * Parquet or JSON reader without its extensions (ENGINE-NOTES.md).
 */
export async function loadSample(
  engine: Engine,
  path: string,
  table: string,
): Promise<LoadedTable> {
  const blob = await openAsBlob(path);
  return loadFile({ engine, decode: nodeDecode }, { name: basename(path), blob }, table, () => {});
}
