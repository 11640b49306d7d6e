import { readFileSync } from 'node:fs';
import { nodeDecode } from '../../src/cli/node-decode';
import type { Engine } from '../../src/lib/engine/engine';
import { loadFile, type LoadedTable } from '../../src/lib/ingest/load-file';
import { tableNameFor } from '../../src/lib/ingest/names';

/** The folder of the dataset-layer fixtures (tests/fixtures/datasets/generate.mjs writes them). */
export const FIXTURES = new URL('../fixtures/datasets/', import.meta.url).pathname;

/**
 * Loads fixture files as the app would, each under its path relative to the fixtures folder (as a
 * picked folder keeps them), into tables named the way the app names them (a name the engine
 * already holds gets a suffix, so tests may load the same file twice).
 */
export async function loadFixtures(engine: Engine, paths: string[]): Promise<LoadedTable[]> {
  const existing = await engine.query('SELECT table_name FROM duckdb_tables()');
  const taken = new Set(existing.toArray().map((r) => String(r.table_name)));
  const tables: LoadedTable[] = [];
  for (const path of paths) {
    const table = tableNameFor(path, taken);
    taken.add(table);
    const blob = new Blob([readFileSync(FIXTURES + path)]);
    tables.push(
      await loadFile({ engine, decode: nodeDecode }, { name: path, blob }, table, () => {}),
    );
  }
  return tables;
}

/** A CSV fixture's rows as objects of text (the fixtures have no quoted commas). */
export function fixtureRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(FIXTURES + path, 'utf8')
    .trim()
    .split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}
