import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from '../lib/datasets/dataset';
import type { Engine } from '../lib/engine/engine';
import { fileStem } from '../lib/ingest/names';
import { runHistory, type HistoryPoint } from '../lib/baseline/run-history';
import type { RunPair } from '../lib/baseline/run-baseline';
import type { Notebook } from '../lib/notebook/notebook';
import { runPairs } from './run-baseline';
import { loadRun } from './run-notebook';

const DATA_FILE = /\.(csv|tsv|txt|json|jsonl|ndjson|parquet|arrow|feather|ipc|arrows)$/i;

/**
 * A history of runs: each data file of `folder` (in name order, named by its file name without
 * the extension) is one run of the notebook's data file, loaded beside the current run; the
 * metric of every slice in every run. Needs a notebook of one data file and two runs or more.
 */
export async function runHistoryFolder(
  engine: Engine,
  notebook: Notebook,
  current: Dataset[],
  folder: string,
): Promise<{ runs: string[]; points: HistoryPoint[] } | { error: string }> {
  if (notebook.data.length !== 1)
    return {
      error: `a history is of a notebook with one data file; this one has ${notebook.data.length}.`,
    };
  const files = await readdir(folder).catch((e: Error) => e);
  if (files instanceof Error)
    return { error: `cannot read the folder ${folder} (${files.message}).` };
  const data = files.filter((f) => DATA_FILE.test(f)).sort();
  if (data.length < 2)
    return {
      error: `a history needs two runs or more: ${folder} holds ${data.length === 0 ? 'no data file' : `one (${data[0]})`}.`,
    };
  const runs: { name: string; pairs: RunPair[] }[] = [];
  for (const [i, file] of data.entries()) {
    const prefix = `run${i}__`;
    const loaded = await loadRun(
      engine,
      notebook,
      [{ name: notebook.data[0].name, path: join(folder, file) }],
      prefix,
    );
    if (loaded.errors.length > 0) return { error: `${file}: ${loaded.errors.join('; ')}` };
    const pairs = runPairs(notebook, current, loaded.datasets, prefix, '--history');
    if ('error' in pairs) return { error: `${file}: ${pairs.error}` };
    runs.push({ name: fileStem(file), pairs });
  }
  const points = await runHistory(engine, runs, notebook.filter);
  if ('error' in points) return points;
  return { runs: runs.map((r) => r.name), points };
}
