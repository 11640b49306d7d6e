import type { Engine } from '../lib/engine/engine';
import { loadFile, type LoadedTable } from '../lib/ingest/load-file';
import { contentHash } from '../lib/ingest/content-hash';
import { tableNameFor } from '../lib/ingest/names';
import { buildDatasets } from '../lib/datasets/build-datasets';
import { planDatasets } from '../lib/datasets/plan-datasets';
import { buildDataset, type Dataset } from '../lib/datasets/dataset';
import { sqlDatasetName, sqlDatasetPlan, sqlResultOf } from '../lib/datasets/sql-datasets';
import { datasetOf } from '../lib/notebook/dependencies';
import type { Cell, Notebook } from '../lib/notebook/notebook';
import { plainRow, resultTables, type ResultTables } from '../lib/notebook/result-tables';
import { runCell } from '../lib/notebook/run-cell';
import type { CellResult } from '../lib/notebook/run-context';
import { mixNamed } from '../lib/notebook/target-mix';
import { CELL_KINDS } from '../lib/cells/registry';
import { ident } from '../lib/sql/quote';
import { nodeDecode } from './node-decode';
import { openInputs } from '../lib/ingest/inputs/open-inputs';
import { inputFilesOf } from './input-files';
import { withFreeNames, type Renamed } from '../lib/notebook/cell-names';

/** A data file for the run: `name` is the file name the notebook refers to. */
export interface DataFile {
  name: string;
  path: string;
}

export interface CellRun {
  cell: Cell;
  /** The result's status: a kind of result, or `error` / `missing` (the cell could not run). */
  status: CellResult['status'] | 'none';
  message?: string;
  tables: ResultTables;
  seconds: number;
}

export interface NotebookRun {
  files: (DataFile & { table: LoadedTable; recorded: 'same' | 'changed' | 'not recorded' })[];
  /** Files found in a folder or a zip and left out, and why. */
  skipped: { name: string; reason: string }[];
  datasets: Dataset[];
  datasetErrors: string[];
  cells: CellRun[];
  /** Cells renamed because the data holds their names (cell-names.ts). */
  renamed: Renamed[];
}

/**
 * Runs a notebook the way the app does: the files load through the same loader and decoder, the
 * datasets are planned and take the roles saved in the notebook, then every cell runs in order
 * with the notebook's filter (later cells read earlier SQL results by name).
 */
export async function runNotebook(
  engine: Engine,
  notebook: Notebook,
  data: DataFile[],
  now: () => number = () => performance.now(),
): Promise<NotebookRun> {
  const { files, skipped, datasets, errors } = await loadRun(engine, notebook, data);
  const held = {
    tables: files.map((f) => f.table.table),
    datasets: datasets.map((d) => d.plan.name),
  };
  const { notebook: named, renamed } = withFreeNames(notebook, held);
  const cells: CellRun[] = [];
  const stored: string[] = [];
  for (const cell of named.cells) {
    const started = now();
    const sqlDataset = sqlResultOf(datasetOf(cell) ?? '', stored);
    if (sqlDataset && !datasets.some((d) => d.plan.name === datasetOf(cell))) {
      const name = sqlDatasetName(sqlDataset);
      await buildDataset(engine, sqlDatasetPlan(sqlDataset), notebook.datasets[name]).then(
        (d) => datasets.push(d),
        (e) => errors.push(`Could not use the result of ${sqlDataset} as a dataset: ${e}`),
      );
    }
    const result = await runCell(CELL_KINDS, cell, {
      engine,
      dataset: (name) => datasets.find((d) => d.plan.name === name),
      mix: (name) => mixNamed(notebook.mixes, name),
      filter: notebook.filter,
      now,
    }).catch((e): CellResult => ({
      status: 'error',
      message: e instanceof Error ? e.message : String(e),
    }));
    if (result?.status === 'table') stored.push(cell.name);
    const full = result?.status === 'table' ? await allRows(engine, cell.name) : undefined;
    cells.push({
      cell,
      status: result?.status ?? 'none',
      message: result && 'message' in result ? result.message : undefined,
      tables: result ? resultTables(CELL_KINDS[cell.kind], result, full) : {},
      seconds: (now() - started) / 1000,
    });
  }
  return { files, skipped, datasets, datasetErrors: errors, cells, renamed };
}

/** The files in the notebook's order (table names follow from it), then the others. */
function inOrder<T extends { name: string }>(files: T[], notebook: Notebook): T[] {
  const known = notebook.data.map((d) => d.name);
  const rank = (f: T) => (known.includes(f.name) ? known.indexOf(f.name) : known.length);
  return files
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j)
    .map(([f]) => f);
}

/** The --data path a file came from (a folder's or a zip's for the files found in them). */
function pathOf(name: string, data: DataFile[]): string {
  const from = data.find((d) => name === d.name || name.startsWith(`${d.name}/`));
  return from
    ? name === from.name
      ? from.path
      : `${from.path}/${name.slice(from.name.length + 1)}`
    : name;
}

/** The files of a run and the datasets they make. */
export interface LoadedRun {
  files: NotebookRun['files'];
  /** Files in folders and zips that were not data, with the reason. */
  skipped: NotebookRun['skipped'];
  datasets: Dataset[];
  errors: string[];
}

/**
 * Loads a run's files through the app's loader and decoder and builds the datasets they plan,
 * with the roles saved in the notebook. A baseline run loads beside the candidate under `prefix`
 * (its tables and datasets named `<prefix><name>`), taking the saved settings of the candidate's
 * dataset of the same files.
 */
export async function loadRun(
  engine: Engine,
  notebook: Notebook,
  data: DataFile[],
  prefix = '',
): Promise<LoadedRun> {
  const files: NotebookRun['files'] = [];
  const taken = new Set<string>();
  const inputs = (await Promise.all(data.map(inputFilesOf))).flat();
  const opened = await openInputs(inputs);
  if (opened.refused.length > 0) throw new Error(opened.refused.map((r) => r.message).join('\n'));
  for (const source of inOrder(opened.files, notebook)) {
    const file = { name: source.name, path: pathOf(source.name, data) };
    const name = tableNameFor(file.name, taken);
    taken.add(name);
    const loaded = await loadFile(
      { engine, decode: nodeDecode },
      source,
      `${prefix}${name}`,
      () => {},
    );
    const table = { ...loaded, sha256: 'blob' in source ? await contentHash(source.blob) : null };
    const ref = notebook.data.find((d) => d.name === file.name);
    const recorded = !ref?.sha256
      ? 'not recorded'
      : ref.sha256 === table.sha256
        ? 'same'
        : 'changed';
    files.push({ ...file, table, recorded });
  }
  const saved = (name: string) =>
    notebook.datasets[
      name.startsWith(`ds_${prefix}`) ? `ds_${name.slice(prefix.length + 3)}` : name
    ];
  const { datasets, errors } = await buildDatasets(
    engine,
    planDatasets(
      files.map((f) => f.table),
      notebook.stacking,
    ),
    [],
    saved,
  );
  return { files, skipped: opened.skipped, datasets, errors };
}

async function allRows(engine: Engine, table: string) {
  const result = await engine.query(`SELECT * FROM ${ident(table)}`);
  return result.toArray().map((r) => plainRow(r.toJSON() as Record<string, unknown>));
}
