import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableCsv } from '../../src/lib/csv';
import {
  gateNotebook,
  SAMPLE,
  sampleRows,
  writePlantedRun,
  type Planted,
} from '../helpers/planted-loan-runs';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';

/**
 * `slicebook run --baseline --check` on the loan sample (the baseline) and candidates written from
 * it: one whose rural slice falls while the overall accuracy rises, one that only improves.
 */
let dir: string;
let notebook: string;
let sample: Record<string, unknown>[];
let regressed: Planted;
let improved: Planted;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-baseline-'));
  sample = await sampleRows();
  regressed = await writePlantedRun(join(dir, 'regressed.csv'), sample, true);
  improved = await writePlantedRun(join(dir, 'improved.csv'), sample, false);
  notebook = join(dir, 'gate.slicebook.json');
  await writeFile(notebook, JSON.stringify(await gateNotebook()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const against = (candidate: string, baseline: string, out: string, ...more: string[]) =>
  slicebook(
    'run',
    notebook,
    '--data',
    candidate,
    '--baseline',
    baseline,
    '--out',
    join(dir, out),
    '--check',
    ...more,
  );

/** A CSV file's rows as objects of text (the files are written by tableCsv: no quoted commas but in `method`). */
async function csvRows(path: string): Promise<Record<string, string>[]> {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  const split = (line: string) =>
    line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
  const names = split(header);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [names[i], v])));
}

describe('slicebook run --baseline', () => {
  it('catches the planted rural regression behind a rising overall accuracy: exit 1, naming the slice and margin', async () => {
    const run = await against(join(dir, 'regressed.csv'), SAMPLE, 'regressed');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const rows = await csvRows(join(dir, 'regressed', 'baseline.csv'));
    const of = (slice: string) => rows.find((r) => r.slice === slice && r.model === 'fair-gbm')!;

    // Hand counts from writing the file: fair-gbm's rural slice lost ruralMadeWrong right answers.
    const rural = of('region: rural');
    expect(Number(rural.n)).toBe(regressed.ruralN);
    expect(Number(rural.baseline)).toBeCloseTo(regressed.ruralRight / regressed.ruralN, 12);
    expect(Number(rural.candidate)).toBeCloseTo(
      (regressed.ruralRight - regressed.ruralMadeWrong) / regressed.ruralN,
      12,
    );
    expect(Number(rural.difference)).toBeCloseTo(-regressed.ruralMadeWrong / regressed.ruralN, 12);
    expect(Number(rural.difference_high_95)).toBeLessThan(0);
    expect(Number(rural.q)).toBeLessThan(1e-10);
    // Overall, fair-gbm rose: (made right - made wrong) / 10 000.
    const overall = of('overall');
    const rise = (regressed.elsewhereMadeRight - regressed.ruralMadeWrong) / 10000;
    expect(rise).toBeGreaterThan(0.01);
    expect(Number(overall.difference)).toBeCloseTo(rise, 12);
    expect(Number(overall.difference_low_95)).toBeGreaterThan(0);
    // baseline-gbm is the same in both runs: no discordant pair anywhere.
    expect(
      rows.filter((r) => r.model === 'baseline-gbm').every((r) => Number(r.difference) === 0),
    ).toBe(true);

    const worse = (await csvRows(join(dir, 'regressed', 'regressions.csv'))).filter(
      (r) => r.change === 'worse',
    );
    expect(worse.length).toBeGreaterThan(0);
    expect(worse.every((r) => r.slice.includes('region: rural') && r.model === 'fair-gbm')).toBe(
      true,
    );
    expect(run.stdout).toContain(
      'FAIL  baseline: no slice of at least 200 examples drops by more than 2 points with q < 0.05',
    );
    expect(run.stdout).toMatch(
      /the worst, slice=age_group: [^;]+; region: rural, model=fair-gbm, .* short of >= -0\.02 by 0\.\d+/,
    );
    expect(run.stdout).toContain('PASS  baseline: the overall difference is not below -0.5 points');
    // The discover cell (fair-gbm) finds rural slices on the candidate that it did not on the
    // baseline; the rural slice's error is the hand count.
    const found = (await csvRows(join(dir, 'regressed', 'regressions.csv'))).filter(
      (r) => r.change === 'new (discovery)',
    );
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.slice.includes("region = 'rural'"))).toBe(true);
    const ruralFound = found.find((r) => r.slice === "region = 'rural'")!;
    expect(Number(ruralFound.n)).toBe(regressed.ruralN);
    expect(Number(ruralFound.error)).toBeCloseTo(
      1 - (regressed.ruralRight - regressed.ruralMadeWrong) / regressed.ruralN,
      12,
    );
    expect(run.stdout).toContain(
      `NEW      failures: region = 'rural' (n ${regressed.ruralN.toLocaleString('en-US')}`,
    );
    const summary = await readFile(join(dir, 'regressed', 'summary.md'), 'utf8');
    expect(summary).toContain(
      '**New failure slices (found by discovery on the candidate, not on the baseline):**',
    );
    expect(summary).toContain('## Against the baseline');
    expect(summary).toMatch(/\*\*Worse \(\d+\):\*\*/);
    expect(summary).toContain(
      `| region: rural (fair-gbm) | ${regressed.ruralN.toLocaleString('en-US')} |`,
    );
  });

  it('passes the planted improvement: exit 0, no slice worse', async () => {
    const run = await against(join(dir, 'improved.csv'), SAMPLE, 'improved');
    expect(run.code).toBe(0);
    expect(improved.ruralMadeWrong).toBe(0);
    const regressions = await csvRows(join(dir, 'improved', 'regressions.csv'));
    expect(regressions.filter((r) => r.change === 'worse')).toEqual([]);
    expect(regressions.some((r) => r.change === 'better' && r.slice === 'overall')).toBe(true);
    expect(run.stdout).toMatch(/0 worse, \d+ better of \d+ comparisons/);
  });

  it('stricter gate flags from the command line: a 20-point minimum leaves no slice worse', async () => {
    const run = await against(join(dir, 'regressed.csv'), SAMPLE, 'strict', '--min-drop', '0.2');
    expect(run.stdout).toContain('0 worse');
    // The notebook's assertion has its own bound (2 points): it still fails.
    expect(run.code).toBe(1);
  });

  it('exits 2 naming what differs: a baseline without the region column', async () => {
    const lacking = join(dir, 'no-region.csv');
    await writeFile(
      lacking,
      tableCsv(sample.map(({ region: _, ...r }) => r) as Record<string, string>[]),
    );
    const run = await against(join(dir, 'regressed.csv'), lacking, 'lacking');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'cannot compare with the baseline: ds_loan_approval: the baseline lacks the column region that the comparison reads (the candidate has it).',
    );
  });

  it('compares unpaired, and says so, when no example id is shared', async () => {
    const renamed = join(dir, 'renamed.csv');
    await writeFile(
      renamed,
      tableCsv(
        sample.map((r) => ({ ...r, example_id: `old-${r.example_id}` })) as Record<
          string,
          string
        >[],
      ),
    );
    const run = await against(join(dir, 'regressed.csv'), renamed, 'unpaired');
    expect(run.stdout).toContain(
      'ds_loan_approval: compared unpaired (two independent samples): no example id of the candidate is in the baseline.',
    );
    const rows = await csvRows(join(dir, 'unpaired', 'baseline.csv'));
    expect(rows.every((r) => r.paired === 'false')).toBe(true);
    // Unpaired, the rural slice still falls by the planted amount (every row of each run).
    const rural = rows.find((r) => r.slice === 'region: rural' && r.model === 'fair-gbm')!;
    expect(Number(rural.difference)).toBeCloseTo(-regressed.ruralMadeWrong / regressed.ruralN, 12);
    expect(run.code).toBe(1);
  });

  it('reads a baseline whose path carries quotes and SQL as a file, nothing more', async () => {
    const hostile = join(dir, `it's"; DROP TABLE ds_loan_approval; --.csv`);
    await copyFile(join(dir, 'improved.csv'), hostile);
    const run = await against(join(dir, 'improved.csv'), hostile, 'hostile');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = await csvRows(join(dir, 'hostile', 'baseline.csv'));
    expect(rows.every((r) => Number(r.difference) === 0)).toBe(true);
  });

  it('--history: the metric of each slice over a folder of runs, with Wilson intervals', async () => {
    const runs = join(dir, 'runs');
    await mkdir(runs);
    await copyFile(SAMPLE, join(runs, '1-release.parquet'));
    await copyFile(join(dir, 'improved.csv'), join(runs, '2-improved.csv'));
    await copyFile(join(dir, 'regressed.csv'), join(runs, '3-regressed.csv'));
    const out = join(dir, 'history');
    const run = await slicebook(
      'run',
      notebook,
      '--data',
      join(dir, 'regressed.csv'),
      '--history',
      runs,
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('History: 3 runs (1-release, 2-improved, 3-regressed)');
    const rows = (await csvRows(join(out, 'history.csv'))).filter(
      (r) => r.slice === 'region: rural' && r.model === 'fair-gbm',
    );
    const right = regressed.ruralRight;
    // Hand counts: the release and the improved run leave rural alone; the regressed run lost some.
    expect(rows.map((r) => [r.run, Number(r.n), Number(r.value)])).toEqual([
      ['1-release', regressed.ruralN, right / regressed.ruralN],
      ['2-improved', regressed.ruralN, right / regressed.ruralN],
      ['3-regressed', regressed.ruralN, (right - regressed.ruralMadeWrong) / regressed.ruralN],
    ]);
    for (const r of rows) {
      expect(Number(r.value_low_95)).toBeLessThan(Number(r.value));
      expect(Number(r.value_high_95)).toBeGreaterThan(Number(r.value));
    }
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('## History');
    expect(summary).toContain('| slice | 1-release | 2-improved | 3-regressed |');
  });

  it('--history with one run exits 2 saying so', async () => {
    const one = join(dir, 'one-run');
    await mkdir(one);
    await copyFile(SAMPLE, join(one, 'only.parquet'));
    const run = await slicebook(
      'run',
      notebook,
      '--data',
      SAMPLE,
      '--history',
      one,
      '--out',
      join(dir, 'one'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `--history: a history needs two runs or more: ${one} holds one (only.parquet).`,
    );
  });
});
