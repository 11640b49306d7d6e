import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createNodeEngine } from '../src/lib/engine/duckdb-node';
import type { Engine } from '../src/lib/engine/engine';
import { loadFile, type LoadedTable } from '../src/lib/ingest/load-file';
import { tableNameFor } from '../src/lib/ingest/names';
import { planDatasets } from '../src/lib/datasets/plan-datasets';
import { profileTable } from '../src/lib/ingest/profile';
import { buildDataset, changeRoles, withRole, type Dataset } from '../src/lib/datasets/dataset';
import { createCell } from '../src/lib/notebook/edits';
import { emptyNotebook } from '../src/lib/notebook/notebook';
import { runCell } from '../src/lib/notebook/run-cell';
import { CELL_KINDS } from '../src/lib/cells/registry';
import { candidatesNote, questionsFor } from './analyses';
import { ident, literal } from '../src/lib/sql/quote';
import type { Dump } from './generate';
import { timed, type Format, type Plan, type RunResult } from './plan';

/**
 * Native DuckDB through the project's Node engine, running the app's own functions: loadFile
 * (CSV), planDatasets and buildDataset, and changeRoles for the overview, so the SQL is the
 * SQL the browser runs. Parquet is the one exception: the wasm build has no Parquet reader
 * offline (the app decodes with parquet-wasm), so the native ceiling is DuckDB's own read_parquet,
 * followed by the app's profiling.
 */
const TOGGLED_COLUMN = 'weather';
const MiB = 2 ** 20;

/**
 * The Node engine, with "registering" a file done by a symlink instead of a copy of its bytes.
 * The engine may read the symlinks' folder and `dataFolder` (for DuckDB's own read_parquet).
 */
export async function engineReadingInPlace(dataFolder: string): Promise<{
  engine: Engine;
  pathOf: Map<Blob, string>;
  done(): Promise<void>;
}> {
  const folder = await mkdtemp(join(tmpdir(), 'slicebook-bench-'));
  const engine = await createNodeEngine({ readable: [folder, dataFolder] });
  const pathOf = new Map<Blob, string>();
  const inPlace = new Proxy(engine, {
    get: (target, key) => {
      if (key === 'registerFile')
        return async (name: string, blob: Blob) => {
          await symlink(pathOf.get(blob)!, join(folder, name));
          return join(folder, name);
        };
      if (key === 'dropFile') return (name: string) => rm(join(folder, name), { force: true });
      return Reflect.get(target, key);
    },
  });
  return {
    engine: inPlace,
    pathOf,
    done: async () => (await engine.close(), await rm(folder, { recursive: true })),
  };
}

async function loadParquet(engine: Engine, path: string): Promise<LoadedTable> {
  const fileName = basename(path);
  const table = tableNameFor(fileName, new Set());
  await engine.query(
    `CREATE TABLE ${ident(table)} AS SELECT * FROM read_parquet(${literal(resolve(path))})`,
  );
  const profile = await profileTable(engine, table);
  const preview = (await engine.query(`SELECT * FROM ${ident(table)} LIMIT 8`))
    .toArray()
    .map((r) => r.toJSON());
  return {
    table,
    fileName,
    format: 'parquet',
    bytes: 0,
    sha256: null,
    profile,
    preview,
    notes: [],
  };
}

export async function loadCsv(
  engine: Engine,
  pathOf: Map<Blob, string>,
  path: string,
): Promise<LoadedTable> {
  const blob = await openAsBlob(path);
  pathOf.set(blob, resolve(path));
  const fileName = basename(path);
  return loadFile(
    { engine, decode: () => (async function* () {})() },
    { name: fileName, blob },
    tableNameFor(fileName, new Set()),
    () => {},
  );
}

export async function datasetOf(engine: Engine, table: LoadedTable): Promise<Dataset> {
  return buildDataset(engine, planDatasets([table])[0]);
}

/** One native run on one file, in a new engine; the Parquet runs also time the overview. */
export async function nativeRun(dump: Dump, format: Format, plan: Plan): Promise<RunResult> {
  const { engine, pathOf, done } = await engineReadingInPlace(dirname(resolve(dump.parquet)));
  try {
    const load = await timed(() =>
      format === 'parquet' ? loadParquet(engine, dump.parquet) : loadCsv(engine, pathOf, dump.csv),
    );
    const built = await timed(() => datasetOf(engine, load.value));
    let dataset = built.value;
    const overview: number[] = [];
    for (let i = 0; format === 'parquet' && !dump.panel && i <= plan.toggles; i++) {
      const next = dataset.roles[TOGGLED_COLUMN] === 'group' ? 'ignore' : 'group';
      const change = await timed(() =>
        changeRoles(engine, dataset, withRole(dataset.roles, TOGGLED_COLUMN, next)),
      );
      dataset = change.value;
      if (i > 0) overview.push(change.ms); // the first one warms up
    }
    const analyses =
      format === 'parquet'
        ? await timeAnalyses(engine, dataset, dump.rows, plan, dump.panel === true)
        : undefined;
    const memory = await engine.query(
      'SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory()',
    );
    return {
      values: {
        [`load ${format}`]: load.ms,
        [`load ${format} to overview`]: load.ms + built.ms,
        [`DuckDB memory after load, ${format} (MiB)`]: Number(memory.get(0)!.bytes) / MiB,
      },
      repeated: { overview, ...analyses?.repeated },
      notes: analyses?.notes,
    };
  } finally {
    await done();
  }
}

/** The analysis cells the browser times, run by the same runners (runCell) on the Node engine. */
async function timeAnalyses(
  engine: Engine,
  dataset: Dataset,
  rows: number,
  plan: Plan,
  panel: boolean,
): Promise<{ repeated: Record<string, number[]>; notes: string[] }> {
  const repeated: Record<string, number[]> = {};
  const notes: string[] = [];
  const ctx = {
    engine,
    dataset: (name: string) => (name === dataset.plan.name ? dataset : undefined),
    filter: '',
    now: () => performance.now(),
  };
  for (const q of questionsFor(rows, plan.analysisRuns, panel)) {
    const named = Object.fromEntries((q.alsoDataset ?? []).map((k) => [k, dataset.plan.name]));
    const cell = createCell(emptyNotebook(), CELL_KINDS[q.kind], {
      ...q.init,
      dataset: dataset.plan.name,
      ...named,
    });
    const times: number[] = [];
    const withMix = { ...ctx, mix: (name: string) => (q.mix?.name === name ? q.mix : undefined) };
    for (let i = 0; i <= q.runs; i++) {
      const run = await timed(() => runCell(CELL_KINDS, cell, withMix));
      if (run.value?.status !== q.expect) {
        const why = run.value && 'message' in run.value ? run.value.message : '';
        notes.push(`${q.measure}: ${run.value?.status} ${why}`);
        break;
      }
      if (i > 0) times.push(run.ms); // the first one warms up, as in the browser
      const note = i === q.runs && candidatesNote(q.measure, run.value);
      if (note && !notes.includes(note)) notes.push(note);
    }
    repeated[q.measure] = times;
  }
  return { repeated, notes };
}

export async function nativeThreads(): Promise<number> {
  const engine = await createNodeEngine();
  const threads = await engine.query("SELECT current_setting('threads')::DOUBLE AS t");
  await engine.close();
  return Number(threads.get(0)!.t);
}
