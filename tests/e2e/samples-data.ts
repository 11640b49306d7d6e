import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * The built-in samples as the tests read them, independently of the app: the generator's own
 * counts (samples/expected.json) and the files' rows read by native DuckDB (no code from src/),
 * to be counted by hand in the tests.
 */
export const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

/** Numbers written by samples/generate.mjs while it generated the data (a second implementation). */
export const EXPECTED = JSON.parse(readFileSync(`${SAMPLES}expected.json`, 'utf8')).files;

export async function readRows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The loan sample's columns and the roles the app guesses for them (samples/README.md). */
export const LOAN_ROLES: Record<string, string> = {
  example_id: 'id',
  model: 'model',
  label: 'label',
  score: 'score',
  prediction: 'prediction',
  age_group: 'group',
  sex: 'group',
  region: 'group',
  income_k: 'group',
  latency_ms: 'cost',
};

/**
 * A notebook file over the loan sample: one overview cell, and `dataset` as the saved settings of
 * ds_loan_approval (a version-1 file has no `stacking`).
 */
export function loanNotebookFile(title: string, dataset: object, version = 2) {
  return {
    format: 'slicebook',
    version,
    title,
    filter: '',
    cells: [
      {
        id: 'o',
        name: 'overview_1',
        kind: 'overview',
        collapsed: false,
        dataset: 'ds_loan_approval',
      },
    ],
    data: [{ name: 'loan-approval.parquet', size: 1, rows: 20000, sha256: null }],
    datasets: { ds_loan_approval: dataset },
    ...(version >= 2 ? { stacking: [] } : {}),
  };
}

export interface LoanRow {
  example_id: string;
  model: string;
  label: number;
  prediction: number;
  score: number;
  age_group: string;
  sex: string;
  region: string;
  income_k: number;
}

/** Every row of samples/loan-approval.parquet (20,000: 10,000 applicants x 2 models). */
export async function loanRows(): Promise<LoanRow[]> {
  const rows = await readRows(
    `SELECT example_id, model, label, prediction, score, age_group, sex, region, income_k
     FROM '${SAMPLES}loan-approval.parquet'`,
  );
  return rows.map((r) => ({
    ...(r as unknown as LoanRow),
    label: Number(r.label),
    prediction: Number(r.prediction),
    score: Number(r.score),
    income_k: Number(r.income_k),
  }));
}

/** Each applicant's two rows, baseline-gbm's and fair-gbm's, paired on the example id. */
export async function loanPairs(): Promise<[LoanRow, LoanRow][]> {
  const rows = await loanRows();
  const fair = new Map(rows.filter((r) => r.model === 'fair-gbm').map((r) => [r.example_id, r]));
  return rows.filter((r) => r.model === 'baseline-gbm').map((r) => [r, fair.get(r.example_id)!]);
}
