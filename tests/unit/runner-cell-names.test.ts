import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';
import { FAKE_ROWS, RENAMED, namedLikeTheTable } from '../helpers/named-like-the-table';

const loan = JSON.parse(await readFile('samples/expected.json', 'utf8')).files[
  'loan-approval.parquet'
];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-names-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('slicebook run on a notebook whose SQL cell is named like the data`s table', () => {
  it('renames the cell, says so, and every number is the file`s', async () => {
    const path = join(dir, 'hostile.slicebook.json');
    await writeFile(path, JSON.stringify(namedLikeTheTable));
    const out = join(dir, 'out');
    const run = await slicebook(
      'run',
      path,
      '--data',
      'samples/loan-approval.parquet',
      '--out',
      out,
    );
    expect(run.stderr).toBe(`slicebook: warning: ${RENAMED}\n`);
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
