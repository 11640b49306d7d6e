import { openAsBlob } from 'node:fs';
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
  datasets: Dataset[];
  datasetErrors: string[];
  cells: CellRun[];
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
  const files: NotebookRun['files'] = [];
  const taken = new Set<string>();
  for (const file of data) {
    const blob = await Promise.resolve(file.path)
      .then(openAsBlob)
      .catch((e: Error) => {
        throw new Error(`cannot read ${file.path}, given for ${file.name} (${e.message}).`);
      });
    const name = tableNameFor(file.name, taken);
    taken.add(name);
    const loaded = await loadFile(
      { engine, decode: nodeDecode },
      { name: file.name, blob },
      name,
      () => {},
    );
    const table = { ...loaded, sha256: await contentHash(blob) };
    const ref = notebook.data.find((d) => d.name === file.name);
    const recorded = !ref?.sha256
      ? 'not recorded'
      : ref.sha256 === table.sha256
        ? 'same'
        : 'changed';
    files.push({ ...file, table, recorded });
  }
  const { datasets, errors } = await buildDatasets(
    engine,
    planDatasets(
      files.map((f) => f.table),
      notebook.stacking,
    ),
    [],
    (name) => notebook.datasets[name],
  );
  const cells: CellRun[] = [];
  const stored: string[] = [];
  for (const cell of notebook.cells) {
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
  return { files, datasets, datasetErrors: errors, cells };
}

async function allRows(engine: Engine, table: string) {
  const result = await engine.query(`SELECT * FROM ${ident(table)}`);
  return result.toArray().map((r) => plainRow(r.toJSON() as Record<string, unknown>));
}
