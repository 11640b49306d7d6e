import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRun } from '../../src/cli/run-notebook';
import type { SliceComparison } from '../../src/lib/baseline/read-comparison';
import type { BaselineCell } from '../../src/lib/cells/baseline/baseline-cell';
import { pickRuns } from '../../src/lib/cells/baseline/pick-runs';
import type { BaselineResult } from '../../src/lib/cells/baseline/run-baseline-cell';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { tableCsv } from '../../src/lib/csv';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import { runCell } from '../../src/lib/notebook/run-cell';
import type { CellResult } from '../../src/lib/notebook/run-context';
import { literal } from '../../src/lib/sql/quote';
import {
  gateNotebook,
  SAMPLE,
  sampleRows,
  writePlantedRun,
  type Planted,
} from '../helpers/planted-loan-runs';
import { runContext } from '../helpers/run-cell';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';

/**
 * The baseline cell on the loan sample (the baseline) and its candidate run
 * (samples/loan-approval-candidate.parquet: fair-gbm's rural slice made worse, the rest better):
 * two datasets, or one dataset of the two files stacked, whose file column names the runs.
 */
const CANDIDATE = join(process.cwd(), 'samples/loan-approval-candidate.parquet');
const FILES = ['loan-approval.parquet', 'loan-approval-candidate.parquet'];

let engine: Engine;
let dir: string;
let sample: Record<string, unknown>[];
let planted: Planted;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-baseline-cell-'));
  engine = await createNodeEngine({ readable: [join(process.cwd(), 'samples'), dir] });
  sample = await sampleRows();
  planted = await writePlantedRun(join(dir, 'regressed.csv'), sample, true);
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const notebookOf = (files: string[], apart: boolean): Notebook => ({
  ...emptyNotebook(),
  data: files.map((name) => ({ name, size: 0, rows: 0, sha256: null })),
  stacking: apart ? [{ files, stack: false }] : [],
});

let prefix = 0;
/** Loads the files as the runner does (a prefix of their own per call), apart or stacked. */
async function load(paths: string[], apart: boolean) {
  const names = paths.map((p) => p.split('/').pop()!);
  const run = await loadRun(
    engine,
    notebookOf(names, apart),
    paths.map((path, i) => ({ name: names[i], path })),
    `t${prefix++}_`,
  );
  expect(run.errors).toEqual([]);
  return run.datasets;
}

const cellOf = (settings: Partial<BaselineCell>): BaselineCell =>
  ({
    id: 'against',
    name: 'against',
    kind: 'baseline',
    collapsed: false,
    ...CELL_KINDS.baseline.defaults(),
    features: [{ column: 'region' }, { column: 'age_group' }],
    ...settings,
  }) as BaselineCell;

async function run(cell: BaselineCell, datasets: Awaited<ReturnType<typeof load>>) {
  return (await runCell(CELL_KINDS, cell, runContext(engine, datasets))) as CellResult;
}

const row = (rows: SliceComparison[], slice: string, model = 'fair-gbm') =>
  rows.find((r) => r.slice === slice && r.model === model)!;

describe('pickRuns', () => {
  it('takes the last run against the one before it, or the runs picked', () => {
    const runs = ['1-release', '2-improved', '3-regressed'];
    expect(pickRuns('file', runs, { candidate: '', baseline: '' })).toEqual({
      candidate: '3-regressed',
      baseline: '2-improved',
    });
    expect(pickRuns('file', runs, { candidate: '2-improved', baseline: '' })).toEqual({
      candidate: '2-improved',
      baseline: '1-release',
    });
    expect(pickRuns('file', runs, { candidate: '1-release', baseline: '' })).toEqual({
      candidate: '1-release',
      baseline: '2-improved',
    });
  });

  it('says what is wrong: one run, a run not there, the same run twice', () => {
    expect(pickRuns('file', ['only'], { candidate: '', baseline: '' })).toEqual({
      error:
        "file names one run (only): a comparison needs two. Pick another baseline dataset, or a column that names each row's run.",
    });
    expect(pickRuns('step', ['100', '200'], { candidate: '300', baseline: '' })).toEqual({
      error: 'The candidate run 300 is not a value of step (100, 200): pick another.',
    });
    expect(pickRuns('step', ['100', '200'], { candidate: '200', baseline: '200' })).toEqual({
      error: 'The candidate and the baseline are the same run (200): pick another.',
    });
  });
});

describe('the baseline cell', () => {
  it('the sample candidate is the planted run of the runner tests, with the counts of expected.json', async () => {
    const differing = await engine.query(
      `SELECT count(*)::DOUBLE AS n FROM (
         (SELECT example_id, model, prediction::INTEGER AS p FROM read_parquet(${literal(CANDIDATE)})
          EXCEPT ALL
          SELECT example_id, model, prediction::INTEGER FROM read_csv(${literal(join(dir, 'regressed.csv'))}))
         UNION ALL
         (SELECT example_id, model, prediction::INTEGER FROM read_csv(${literal(join(dir, 'regressed.csv'))})
          EXCEPT ALL
          SELECT example_id, model, prediction::INTEGER AS p FROM read_parquet(${literal(CANDIDATE)})))`,
    );
    expect(Number(differing.get(0)!.n)).toBe(0);
    const expected = JSON.parse(await readFile('samples/expected.json', 'utf8')).files[
      'loan-approval-candidate.parquet'
    ].fair_gbm;
    expect(expected.rural_n).toBe(planted.ruralN);
    expect(expected.rural_right).toBe(planted.ruralRight);
    expect(expected.rural_made_wrong).toBe(planted.ruralMadeWrong);
    expect(expected.elsewhere_made_right).toBe(planted.elsewhereMadeRight);
  });

  it('two datasets: fair-gbm worse in the rural region by the hand count, better overall', async () => {
    const datasets = await load([SAMPLE, CANDIDATE], true);
    expect(datasets.map((d) => d.plan.name)).toHaveLength(2);
    const [base, cand] = datasets.map((d) => d.plan.name);
    const result = await run(cellOf({ dataset: cand, baseline: base }), datasets);
    expect(result.status, JSON.stringify(result)).toBe('baseline');
    const { comparison, regressions } = result as BaselineResult;
    const rural = row(comparison.rows, 'region: rural');
    expect(rural.paired).toBe(true);
    expect(rural.n).toBe(planted.ruralN);
    expect(rural.baseline).toBeCloseTo(planted.ruralRight / planted.ruralN, 12);
    expect(rural.candidate).toBeCloseTo(
      (planted.ruralRight - planted.ruralMadeWrong) / planted.ruralN,
      12,
    );
    expect(rural.interval.high).toBeLessThan(0);
    const overall = row(comparison.rows, 'overall');
    expect(overall.difference).toBeCloseTo(
      (planted.elsewhereMadeRight - planted.ruralMadeWrong) / 10000,
      12,
    );
    expect(overall.interval.low).toBeGreaterThan(0);
    // The worse slices are fair-gbm's rural one, worst first; baseline-gbm did not change.
    expect(regressions.worse.map((r) => [r.slice, r.model])).toEqual([
      ['region: rural', 'fair-gbm'],
    ]);
    expect(row(comparison.rows, 'overall', 'baseline-gbm').difference).toBe(0);
    // 2 models x (overall + 5 regions + 4 age groups).
    expect(comparison.rows).toHaveLength(20);
    expect(comparison.matching).toEqual([
      expect.objectContaining({ common: 20000, paired: true, rowsCandidate: 20000 }),
    ]);
  });

  it('one stacked dataset: its file column names the runs, the numbers are the same', async () => {
    const apart = await load([SAMPLE, CANDIDATE], true);
    const [base, cand] = apart.map((d) => d.plan.name);
    const two = (await run(cellOf({ dataset: cand, baseline: base }), apart)) as BaselineResult;
    const stacked = await load([SAMPLE, CANDIDATE], false);
    expect(stacked).toHaveLength(1);
    const one = (await run(cellOf({ dataset: stacked[0].plan.name }), stacked)) as BaselineResult;
    expect(one.status, JSON.stringify(one)).toBe('baseline');
    expect([one.run, one.runs, one.candidate, one.baseline]).toEqual([
      'file',
      ['loan-approval', 'loan-approval-candidate'],
      'loan-approval-candidate',
      'loan-approval',
    ]);
    const numbers = (r: BaselineResult) =>
      r.comparison.rows.map((c) => [c.slice, c.model, c.n, c.baseline, c.candidate, c.p, c.q]);
    expect(numbers(one)).toEqual(numbers(two));
    // The other way round, picked: every difference changes sign.
    const back = (await run(
      cellOf({
        dataset: stacked[0].plan.name,
        candidateRun: 'loan-approval',
        baselineRun: 'loan-approval-candidate',
      }),
      stacked,
    )) as BaselineResult;
    expect(row(back.comparison.rows, 'region: rural').difference).toBeCloseTo(
      planted.ruralMadeWrong / planted.ruralN,
      12,
    );
  });

  it('runs that cannot be compared fail with the runner’s words, apart or stacked', async () => {
    const lacking = join(dir, 'no-region.csv');
    await writeFile(lacking, tableCsv(sample.map(({ region: _, ...r }) => r) as never));
    const says =
      'the baseline lacks the column region that the comparison reads (the candidate has it).';
    const apart = await load([lacking, CANDIDATE], true);
    const [base, cand] = apart.map((d) => d.plan.name);
    const failed = await run(cellOf({ dataset: cand, baseline: base }), apart);
    expect(failed).toMatchObject({
      status: 'error',
      message: `Cannot compare with the baseline: ${cand}: ${says}`,
    });
    const stacked = await load([lacking, CANDIDATE], false);
    expect(stacked).toHaveLength(1);
    const alsoFailed = await run(
      cellOf({
        dataset: stacked[0].plan.name,
        candidateRun: 'loan-approval-candidate',
        baselineRun: 'no-region',
      }),
      stacked,
    );
    expect(alsoFailed).toMatchObject({
      status: 'error',
      message: `Cannot compare with the baseline: ${stacked[0].plan.name}: ${says}`,
    });
  });

  it('no example id in common: compared unpaired, saying so as the runner does', async () => {
    const renamed = join(dir, 'renamed.csv');
    await writeFile(
      renamed,
      tableCsv(sample.map((r) => ({ ...r, example_id: `old-${r.example_id}` })) as never),
    );
    const apart = await load([renamed, CANDIDATE], true);
    const [base, cand] = apart.map((d) => d.plan.name);
    const result = (await run(cellOf({ dataset: cand, baseline: base }), apart)) as BaselineResult;
    expect(result.comparison.notes).toContain(
      `${cand}: compared unpaired (two independent samples): no example id of the candidate is in the baseline.`,
    );
    const rural = row(result.comparison.rows, 'region: rural');
    expect(rural.paired).toBe(false);
    expect(rural.difference).toBeCloseTo(-planted.ruralMadeWrong / planted.ruralN, 12);
  });

  it('reads a run whose file name carries quotes and SQL as a value, nothing more', async () => {
    const hostile = join(dir, `it's"; DROP TABLE x; --.csv`);
    await writeFile(hostile, tableCsv(sample as never));
    const stacked = await load([hostile, CANDIDATE], false);
    expect(stacked).toHaveLength(1);
    const result = (await run(
      cellOf({ dataset: stacked[0].plan.name }),
      stacked,
    )) as BaselineResult;
    expect(result.status, JSON.stringify(result)).toBe('baseline');
    // The stack names the file by its stem without the trailing dashes.
    expect([result.candidate, result.baseline]).toEqual([
      'loan-approval-candidate',
      `it's"; DROP TABLE x;`,
    ]);
    expect(row(result.comparison.rows, 'region: rural').difference).toBeCloseTo(
      -planted.ruralMadeWrong / planted.ruralN,
      12,
    );
  });

  it('a dataset alone, not stacked, asks for the baseline run', async () => {
    const datasets = await load([SAMPLE], false);
    expect(await run(cellOf({ dataset: datasets[0].plan.name }), datasets)).toEqual({
      status: 'missing',
      message:
        'Pick the baseline run: another dataset, or a column that names each row\u2019s run (the file of stacked files).',
    });
  });
});

describe('slicebook run with a baseline cell', () => {
  it('writes the cell’s tables and checks the notebook’s baseline assertions on them: exit 1', async () => {
    const gate = (await gateNotebook()) as Notebook;
    const notebook: Notebook = {
      ...gate,
      cells: [cellOf({ dataset: 'ds_loan_approval', name: 'vs_release', id: 'vs_release' })],
      data: FILES.map((name) => ({ name, size: 0, rows: 20000, sha256: null })),
      datasets: {},
      stacking: [],
    };
    const path = join(dir, 'cell.slicebook.json');
    await writeFile(path, JSON.stringify(notebook));
    const out = join(dir, 'cell-run');
    const ran = await slicebook(
      'run',
      path,
      '--data',
      SAMPLE,
      '--data',
      CANDIDATE,
      '--out',
      out,
      '--check',
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(
      'FAIL  baseline (vs_release): no slice of at least 200 examples drops by more than 2 points with q < 0.05',
    );
    expect(ran.stdout).toContain(
      'PASS  baseline (vs_release): the overall difference is not below -0.5 points',
    );
    const written = JSON.parse(await readFile(join(out, 'vs_release.json'), 'utf8')).tables;
    const rural = written.comparison.find(
      (r: Record<string, unknown>) => r.slice === 'region: rural' && r.model === 'fair-gbm',
    );
    expect(rural.n).toBe(planted.ruralN);
    expect(rural.candidate).toBeCloseTo(
      (planted.ruralRight - planted.ruralMadeWrong) / planted.ruralN,
      12,
    );
    expect(
      written.regressions.map((r: Record<string, unknown>) => [r.change, r.slice, r.model]),
    ).toContainEqual(['worse', 'region: rural', 'fair-gbm']);
  });
});
