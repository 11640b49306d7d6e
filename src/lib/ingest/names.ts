/** Column names DuckDB can take as they are: trimmed, never empty, never repeated. */
export function cleanColumnNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, i) => {
    const base = name.trim() || `column${i}`;
    let candidate = base;
    for (let k = 2; seen.has(candidate.toLowerCase()); k++) candidate = `${base}_${k}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** A file name without folders and without its data extension(s): `runs/a.b.csv` -> `a.b`. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return (
    base.replace(/(\.(csv|tsv|txt|json|jsonl|ndjson|parquet|arrow|feather|ipc|arrows))+$/i, '') ||
    base
  );
}

/** A table name for a file: lower-case letters, digits and underscores, unique among `taken`. */
export function tableNameFor(fileName: string, taken: ReadonlySet<string>): string {
  const base =
    fileStem(fileName)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 48) || 'table';
  const start = /^[0-9]/.test(base) ? `t_${base}` : base;
  let name = start;
  for (let k = 2; taken.has(name); k++) name = `${start}_${k}`;
  return name;
}

const GENERIC =
  /^(pred|preds|prediction|predictions|predicted|output|outputs|result|results|eval|model|y|yhat|y_pred)$/i;

/**
 * Short names for a set of sources (files or prediction columns) that share a generic prefix or
 * suffix: `preds_Age`, `preds_Race` -> `Age`, `Race`; `pred_linear`, `pred_knn` -> `linear`, `knn`.
 * Only whole words are cut, and only when the cut part is generic (pred, results, ...).
 */
export function shortNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  const split = names.map((n) => n.split(/(?<=[_\-. ])/));
  const prefix = commonLength(split);
  const suffix = commonLength(split.map((parts) => [...parts].reverse()));
  const result = split.map((parts) => {
    const cutPrefix = parts.slice(0, prefix);
    const cutSuffix = parts.slice(parts.length - suffix);
    const keepsPrefix = !cutPrefix.some((w) => GENERIC.test(w.replace(/[_\-. ]$/, '')));
    const keepsSuffix = !cutSuffix.some((w) => GENERIC.test(w.replace(/^[_\-. ]|[_\-. ]$/g, '')));
    const start = keepsPrefix ? 0 : prefix;
    const end = keepsSuffix ? parts.length : parts.length - suffix;
    return parts
      .slice(start, end)
      .join('')
      .replace(/[_\-. ]+$/, '');
  });
  const distinct = new Set(result).size === result.length && result.every((r) => r !== '');
  return distinct ? result : [...names];
}

function commonLength(lists: string[][]): number {
  const shortest = Math.min(...lists.map((l) => l.length)) - 1;
  let k = 0;
  while (k < shortest && lists.every((l) => l[k] === lists[0][k])) k++;
  return k;
}
