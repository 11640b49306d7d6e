import { basename } from 'node:path';
import type { Notebook } from '../lib/notebook/notebook';
import type { RunArgs } from './args';
import type { DataFile } from './run-notebook';

/**
 * Matches the --data files to the files the notebook names, in the notebook's order (table and
 * dataset names follow from the names and the order, so the saved roles apply). Returns what is
 * wrong when a name is unknown.
 */
export function resolveData(
  notebook: Notebook,
  given: RunArgs['data'],
): DataFile[] | { error: string } {
  const known = notebook.data.map((d) => d.name);
  const only = known.length === 1 && given.length === 1;
  const files: DataFile[] = [];
  for (const g of given) {
    let name = g.name ?? knownSuffix(known, g.path) ?? basename(g.path);
    if (!g.name && !known.includes(name) && only) name = known[0];
    if (g.name && known.length > 0 && !known.includes(name))
      return {
        error: `the notebook names no data file "${name}"; it names: ${known.join(', ')}.`,
      };
    if (files.some((f) => f.name === name))
      return { error: `two --data files are named "${name}".` };
    files.push({ name, path: g.path });
  }
  const rank = (f: DataFile) => {
    const i = known.indexOf(f.name);
    return i < 0 ? known.length : i;
  };
  return files.sort((a, b) => rank(a) - rank(b));
}

/**
 * The longest name the notebook knows that the path ends with: files picked as a folder keep
 * their path in it (`results/model-a/default/out.json`), so three files named out.json stay apart.
 */
function knownSuffix(known: string[], path: string): string | undefined {
  const slashed = path.replaceAll('\\', '/');
  return known
    .filter((k) => k.includes('/') && (slashed === k || slashed.endsWith(`/${k}`)))
    .sort((a, b) => b.length - a.length)[0];
}
