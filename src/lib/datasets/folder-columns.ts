import { fileStem } from '../ingest/names';

/** What the folders of per-model files say: each file's model and, when two folders differ, its config. */
export interface FolderColumns {
  models: string[];
  /** The folders after the model's that differ, joined by `/`; absent when only one folder differs. */
  configs?: string[];
  /** The layout with the differing folders named: `results/<model>/<config>/out.json`. */
  layout: string;
  /** 1-based positions in the path of the model's folder and of the config's folders. */
  modelSegment: number;
  configSegments: number[];
}

/**
 * Per-model folders, as benchmarks write them (`results/<model>/<config>/out.json`): files of one
 * name (extension aside) at one depth, whose folders differ. Counted from the root, the first
 * folder that differs is the model and the folders after it that differ are the config (joined by
 * `/` when more than one does); the folders every file shares name nothing. Null for any other
 * layout (the names differ, the depths differ, or two files sit in the same folders).
 */
export function folderColumns(paths: readonly string[]): FolderColumns | null {
  if (paths.length < 2) return null;
  const split = paths.map((p) => p.split(/[\\/]/).filter((s) => s !== ''));
  const depth = split[0].length;
  if (depth < 2 || split.some((p) => p.length !== depth)) return null;
  if (new Set(split.map((p) => fileStem(p[depth - 1]))).size > 1) return null;
  const varying = [...Array(depth - 1).keys()].filter(
    (k) => new Set(split.map((p) => p[k])).size > 1,
  );
  if (varying.length === 0) return null;
  const [first, ...rest] = varying;
  const keys = split.map((p) => varying.map((k) => p[k]).join('/'));
  if (new Set(keys).size < paths.length) return null;
  const layout = split[0]
    .map((s, k) => (k === first ? '<model>' : rest.includes(k) ? '<config>' : s))
    .join('/');
  return {
    models: split.map((p) => p[first]),
    ...(rest.length > 0 ? { configs: split.map((p) => rest.map((k) => p[k]).join('/')) } : {}),
    layout,
    modelSegment: first + 1,
    configSegments: rest.map((k) => k + 1),
  };
}
