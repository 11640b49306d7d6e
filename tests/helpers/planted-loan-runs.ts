import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableCsv } from '../../src/lib/csv';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';
import { rows } from './rows';

type Row = Record<string, unknown>;

/** What a planted run changed in fair-gbm's predictions, counted while writing it. */
export interface Planted {
  /** Rows of fair-gbm in the rural region, and how many of them were made wrong. */
  ruralN: number;
  ruralMadeWrong: number;
  /** Rows outside the rural region, and how many were made right. */
  elsewhereN: number;
  elsewhereMadeRight: number;
  /** fair-gbm's right answers in the sample, in the rural region and overall. */
  ruralRight: number;
  right: number;
}

export const SAMPLE = join(process.cwd(), 'samples/loan-approval.parquet');

/** The sample's rows, as the loader would see them, in file order. */
export async function sampleRows(): Promise<Row[]> {
  const engine = await createNodeEngine({ readable: [join(process.cwd(), 'samples')] });
  try {
    return rows(await engine.query(`SELECT * FROM read_parquet(${literal(SAMPLE)})`));
  } finally {
    await engine.close();
  }
}

/**
 * Writes a candidate run of the loan sample as CSV: fair-gbm's predictions changed by a rule on
 * the applicant's number (app-00042 is 42), baseline-gbm's kept. `regress` makes every 8th right
 * answer in the rural region wrong; every third wrong answer elsewhere is made right, so the
 * overall accuracy rises while the rural slice falls.
 */
export async function writePlantedRun(
  path: string,
  sample: readonly Row[],
  regress: boolean,
): Promise<Planted> {
  const planted: Planted = {
    ruralN: 0,
    ruralMadeWrong: 0,
    elsewhereN: 0,
    elsewhereMadeRight: 0,
    ruralRight: 0,
    right: 0,
  };
  const out = sample.map((row) => {
    if (row.model !== 'fair-gbm') return row;
    const number = Number(String(row.example_id).slice('app-'.length));
    const right = row.prediction === row.label;
    const rural = row.region === 'rural';
    if (right) planted.right++;
    if (rural) {
      planted.ruralN++;
      if (right) planted.ruralRight++;
      if (regress && right && number % 8 === 0) {
        planted.ruralMadeWrong++;
        return { ...row, prediction: 1 - Number(row.label) };
      }
      return row;
    }
    planted.elsewhereN++;
    if (!right && number % 3 === 0) {
      planted.elsewhereMadeRight++;
      return { ...row, prediction: row.label };
    }
    return row;
  });
  await writeFile(path, tableCsv(out as Record<string, string | number | null>[]));
  return planted;
}

/** The sample notebook without its own assertions, with a slice cell by region and a baseline gate. */
export async function gateNotebook(): Promise<object> {
  const sample = JSON.parse(await readFile('samples/loan-approval.slicebook.json', 'utf8'));
  return {
    ...sample,
    cells: [
      ...sample.cells.map(({ assertions: _, ...cell }: Row) => cell),
      {
        id: 'by_region',
        name: 'by_region',
        kind: 'slice',
        collapsed: false,
        dataset: 'ds_loan_approval',
        metric: 'accuracy',
        features: [{ column: 'region' }],
        replicates: 200,
      },
      {
        id: 'failures',
        name: 'failures',
        kind: 'discover',
        collapsed: false,
        dataset: 'ds_loan_approval',
        signal: '',
        model: 'fair-gbm',
        modelB: '',
        features: ['age_group', 'sex', 'region'],
        bins: 4,
        maxLevel: 2,
        minSupport: 100,
        alpha: 0.95,
        k: 5,
        confirm: false,
      },
    ],
    baseline: {
      assertions: [
        {
          label: 'no slice of at least 200 examples drops by more than 2 points with q < 0.05',
          column: 'difference',
          op: '>=',
          value: -0.02,
          minN: 200,
          maxQ: 0.05,
        },
        {
          label: 'the overall difference is not below -0.5 points',
          column: 'difference',
          op: '>=',
          value: -0.005,
          where: { overall: true },
        },
      ],
    },
  };
}
