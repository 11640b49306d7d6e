import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';

const loan = JSON.parse(await readFile('samples/expected.json', 'utf8')).files[
  'loan-approval.parquet'
];
const FAKE_ROWS = 100;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-names-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('slicebook run on a notebook whose SQL cell is named like the data`s table', () => {
  it('renames the cell, says so, and every number is the file`s', async () => {
    const notebook = {
      format: 'slicebook',
      version: 2,
      title: 'Looks like the loan example',
      filter: '',
      cells: [
        {
          id: 'fake',
          name: 'loan_approval',
          kind: 'sql',
          collapsed: false,
          sql: `SELECT i AS applicant_id, 'baseline-gbm' AS model, 1 AS label, 1 AS prediction FROM range(${FAKE_ROWS}) t(i)`,
        },
        {
          id: 'count',
          name: 'counted',
          kind: 'sql',
          collapsed: false,
          sql: 'SELECT count(*) AS n FROM loan_approval',
        },
        {
          id: 'overview',
          name: 'overview',
          kind: 'overview',
          collapsed: false,
          dataset: 'ds_loan_approval',
        },
      ],
      data: [{ name: 'loan-approval.parquet', size: 0, rows: 20000, sha256: null }],
      datasets: {},
      stacking: [],
    };
    const path = join(dir, 'hostile.slicebook.json');
    await writeFile(path, JSON.stringify(notebook));
    const out = join(dir, 'out');
    const run = await slicebook(
      'run',
      path,
      '--data',
      'samples/loan-approval.parquet',
      '--out',
      out,
    );
    expect(run.stderr).toBe(
      'slicebook: warning: The cell loan_approval is now loan_approval_1: loan_approval is the name of the loaded table loan_approval, which keeps it.\n',
    );
    expect(run.code).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.cells.map((c: { name: string }) => c.name)).toEqual([
      'loan_approval_1',
      'counted',
      'overview',
    ]);
    expect(summary.cells[0].rows).toEqual({ result: FAKE_ROWS });
    expect(await readFile(join(out, 'counted.csv'), 'utf8')).toBe(`n\n${loan.rows}\n`);
    const overview = (await readFile(join(out, 'overview.csv'), 'utf8')).trimEnd().split('\n');
    const header = overview[0].split(',');
    const rows = overview
      .slice(1)
      .map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    for (const [model, counts] of Object.entries(
      loan.models as Record<string, { n: number; correct: number }>,
    )) {
      const row = rows.find((r) => r.model === model);
      expect(Number(row?.n)).toBe(counts.n);
      expect(Number(row?.accuracy)).toBeCloseTo(counts.correct / counts.n, 9);
    }
  }, 120_000);
});
