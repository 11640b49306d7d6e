import { fileStem, shortNames } from '../ingest/names';

/** A path's folders and its file name without the data extension: `a/b/out.json` -> [a, b, out]. */
function segments(path: string): string[] {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return [...parts.slice(0, -1), fileStem(parts[parts.length - 1] ?? path)];
}

/** Positions (counted from the end, the file name at 0) where the paths' segments differ. */
function differing(paths: string[][]): number[] {
  const depth = Math.max(...paths.map((p) => p.length));
  const at = (p: string[], k: number) => p[p.length - 1 - k] ?? '';
  return [...Array(depth).keys()].filter((k) => new Set(paths.map((p) => at(p, k))).size > 1);
}

const WORD = /(?<=[_. ])/;

/** What is left of names once the words they all begin and end with are cut (`contrast_a`, `contrast_b` -> a, b). */
function withoutSharedWords(names: string[]): string[] {
  const words = names.map((n) => n.split(WORD));
  const common = (lists: string[][]) => {
    const shortest = Math.min(...lists.map((l) => l.length)) - 1;
    let k = 0;
    while (k < shortest && lists.every((l) => l[k] === lists[0][k])) k++;
    return k;
  };
  const prefix = common(words);
  const suffix = common(words.map((w) => [...w].reverse()));
  const cut = words.map((w) =>
    w
      .slice(prefix, w.length - suffix)
      .join('')
      .replace(/[_\-. ]+$/, ''),
  );
  return new Set(cut).size === names.length && cut.every((c) => c !== '') ? cut : names;
}

/**
 * A label per file from the part of its path that differs from the others': the folder when the
 * files share a name (`results/model-a/default/out.json` -> `model-a`), else the file name without
 * the words all names share (`contrast_resnet50.csv`, `contrast_vit.csv` -> `resnet50`, `vit`).
 */
export function fileLabels(paths: readonly string[]): string[] {
  if (paths.length < 2) return paths.map((p) => fileStem(p));
  const split = paths.map(segments);
  const at = differing(split);
  const folders = at.filter((k) => k > 0).sort((a, b) => b - a);
  const stems = at.includes(0) ? withoutSharedWords(split.map((p) => p[p.length - 1])) : null;
  const labels = split.map((p, i) =>
    [...folders.map((k) => p[p.length - 1 - k] ?? ''), ...(stems ? [stems[i]] : [])]
      .filter((s) => s !== '')
      .join('/'),
  );
  if (new Set(labels).size === labels.length && labels.every((l) => l !== '')) return labels;
  return shortNames(paths.map((p) => fileStem(p)));
}

/**
 * A dataset's title from what its files share, the differing part as `*`:
 * `results/*\/default/out.json`, `contrast_*.csv`; a single file's own name.
 */
export function sharedTitle(paths: readonly string[]): string {
  if (paths.length === 1) return paths[0];
  const split = paths.map((p) => p.split(/[\\/]/).filter((s) => s !== ''));
  const depth = Math.max(...split.map((p) => p.length));
  const at = (p: string[], k: number) => p[p.length - 1 - k] ?? '';
  const parts: string[] = [];
  for (let k = depth - 1; k >= 0; k--) {
    const values = [...new Set(split.map((p) => at(p, k)))];
    if (values.length === 1) parts.push(values[0]);
    else if (k > 0) parts.push('*');
    else parts.push(starredName(values));
  }
  return `${parts.filter((p) => p !== '').join('/')} (${paths.length} files)`;
}

/** File names with the part they do not share as `*`: `contrast_a.csv`, `contrast_b.csv` -> `contrast_*.csv`. */
function starredName(names: string[]): string {
  let prefix = 0;
  while (names.every((n) => n[prefix] === names[0][prefix]) && prefix < names[0].length) prefix++;
  let suffix = 0;
  const fits = () =>
    names.every(
      (n) =>
        n.length - suffix - 1 >= prefix &&
        n[n.length - 1 - suffix] === names[0][names[0].length - 1 - suffix],
    );
  while (fits()) suffix++;
  return `${names[0].slice(0, prefix)}*${names[0].slice(names[0].length - suffix)}`;
}
