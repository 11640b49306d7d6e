import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The built-in samples, and the real dumps beside the repository (absent on some machines). */
export const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
export const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;
const DATA = /\.(csv|parquet|jsonl?|arrow)$/;

/** Every result dump under `folder`, recursively ([] where it is absent). */
export function dataFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return dataFiles(path);
    // expected.json holds the samples' figures and *.slicebook.json a notebook: not result dumps.
    return DATA.test(name) && !/^expected\.json$|\.slicebook\.json$/.test(name) ? [path] : [];
  });
}

/** A dump's name in a test's title: its path under samples/ or datasets/. */
export const shortName = (path: string) => path.replace(/.*\/(samples|datasets)\//, '');
