import { basename } from 'node:path';
import type { Notebook } from '../lib/notebook/notebook';
import type { DataFile } from './run-notebook';

/**
 * Matches the --data arguments to the files the notebook names, in the notebook's order (table
 * and dataset names follow from the names and the order, so the saved roles apply). An argument
 * is `name=path` only when the text before its first `=` is a file the notebook names; otherwise
 * the whole argument is a path, since evaluation harnesses write folders such as
 * `mmlu-subject=philosophy,model=x/`. A path is known by its file name, or stands for the
 * notebook's only file. Returns what is wrong when a file is missing or a name is taken twice.
 */
export function resolveData(
  notebook: Notebook,
  specs: readonly string[],
  exists: (path: string) => boolean,
): DataFile[] | { error: string } {
  const known = notebook.data.map((d) => d.name);
  const only = known.length === 1 && specs.length === 1;
  const files: DataFile[] = [];
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const named = at > 0 && known.includes(spec.slice(0, at));
    const path = named ? spec.slice(at + 1) : spec;
    let name = named ? spec.slice(0, at) : (knownSuffix(known, path) ?? basename(path));
    const holds = known.some((k) => k.startsWith(`${name}/`));
    if (!named && !known.includes(name) && !holds && only) name = known[0];
    if (!exists(path)) return { error: missing(spec, path, named, known) };
    if (files.some((f) => f.name === name))
      return { error: `two --data files are named "${name}".` };
    files.push({ name, path });
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
function knownSuffix(known: readonly string[], path: string): string | undefined {
  const slashed = path.replaceAll('\\', '/');
  return known
    .filter((k) => k.includes('/') && (slashed === k || slashed.endsWith(`/${k}`)))
    .sort((a, b) => b.length - a.length)[0];
}

function missing(spec: string, path: string, named: boolean, known: readonly string[]): string {
  const at = spec.indexOf('=');
  if (named || at <= 0) return `no file "${path}".`;
  const names = known.length > 0 ? `it names: ${known.join(', ')}` : 'it names none';
  return `no file "${spec}", and "${spec.slice(0, at)}" is not a data file the notebook names (${names}).`;
}
