import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { tableCsv } from '../../src/lib/csv';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';
import { gateNotebook, sampleRows, writePlantedRun } from '../helpers/planted-loan-runs';
import { slicebookFromSources as slicebook } from '../helpers/slicebook-command';
import { addCell, expect, loadFiles, openApp, settle, test, settled } from './fixtures';
import { publishZip } from './publish';
import { readCsvObjects } from './reference';
import { startStaticServer } from '../helpers/static-server';
import { SAMPLES } from './samples-data';

/**
 * The "Against a baseline" cell on the loan sample (the last release) and its candidate run
 * (fair-gbm worse in the rural region, better elsewhere), stacked into one dataset by their
 * files: the planted regression against counts made here from the files, the same numbers and
 * verdicts as `slicebook run`, and the runner's words for runs that cannot be compared.
 */
const BASELINE = `${SAMPLES}loan-approval.parquet`;
const CANDIDATE = `${SAMPLES}loan-approval-candidate.parquet`;

test.describe.configure({ timeout: 240_000 });

/** fair-gbm's rural examples in both files, paired by id: n and the right answers of each run. */
async function ruralCounts() {
  const engine = await createNodeEngine({ readable: [SAMPLES] });
  try {
    const result = await engine.query(
      `SELECT count(*)::DOUBLE AS n, sum((b.prediction = b.label)::INT)::DOUBLE AS right_b,
         sum((c.prediction = c.label)::INT)::DOUBLE AS right_c
       FROM read_parquet(${literal(BASELINE)}) b
       JOIN read_parquet(${literal(CANDIDATE)}) c USING (example_id, model)
       WHERE model = 'fair-gbm' AND b.region = 'rural'`,
    );
    const row = result.get(0)!;
    return { n: Number(row.n), baseline: Number(row.right_b), candidate: Number(row.right_c) };
  } finally {
    await engine.close();
  }
}

/** axe-core on one cell: its serious or critical WCAG 2.x A/AA violations. */
async function cellViolations(page: Page, cell: Locator): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include(`.cell[data-cell-id="${await cell.getAttribute('data-cell-id')}"]`)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** The name a cell was given. */
const cellName = async (cell: Locator) => (await cell.getAttribute('data-cell'))!;

const numberIn = async (row: Locator, id: string) =>
  Number(await row.getByTestId(id).getAttribute('data-value'));

test('the planted rural regression: picked in the page, counted from the files, and in a report', async ({
  page,
  browser,
}) => {
  const counts = await ruralCounts();
  await openApp(page);
  await page.click('[data-sample-data-only="loan-approval-runs"]');
  await settle(page);
  const cell = await addCell(page, 'Against a baseline');
  // The two files stack into one dataset; its file column names the runs, the last is the candidate.
  await expect(cell.getByLabel('Run column')).toHaveValue('file');
  await expect(cell.getByLabel('Candidate run')).toHaveValue('loan-approval-candidate');
  await expect(cell.getByLabel('Baseline run')).toHaveValue('loan-approval');
  await cell.getByRole('checkbox', { name: 'region' }).check();
  await settled(page);

  const worse = cell.getByRole('table', { name: 'Worse' });
  const rural = worse.locator('tr[data-slice="region: rural"][data-model="fair-gbm"]');
  await expect(rural).toBeVisible();
  await expect(worse.locator('tbody tr')).toHaveCount(1);
  expect(await numberIn(rural, 'n')).toBe(counts.n);
  expect(await numberIn(rural, 'baseline')).toBeCloseTo(counts.baseline / counts.n, 12);
  expect(await numberIn(rural, 'candidate')).toBeCloseTo(counts.candidate / counts.n, 12);
  expect(Number(await rural.getByTestId('difference').getAttribute('data-high'))).toBeLessThan(0);
  await expect(rural.getByTestId('method')).toHaveText(/^paired · McNemar$/);
  // fair-gbm better overall: the regression hides behind the average.
  const overall = cell
    .getByRole('table', { name: 'Overall' })
    .locator('tr[data-slice="overall"][data-model="fair-gbm"]');
  expect(Number(await overall.getByTestId('difference').getAttribute('data-low'))).toBeGreaterThan(
    0,
  );
  await expect(cell.getByTestId('baseline-notes')).toContainText(
    'accuracy, 20,000 candidate rows against 20,000 baseline rows, paired on 20,000 examples',
  );
  expect(await cellViolations(page, cell)).toEqual([]);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/baseline-cell.png' });

  // A report of the notebook: its reader's page compares the two runs again, with the same numbers.
  const { root } = await publishZip(page, 'Untitled-notebook-report');
  const server = await startStaticServer(root);
  const reader = await browser.newContext();
  try {
    const readerPage = await reader.newPage();
    await readerPage.goto(`${server.origin}/reports/r1/`);
    const reported = readerPage
      .locator(`.cell[data-cell="${await cellName(cell)}"] table[aria-label="Worse"]`)
      .locator('tr[data-slice="region: rural"][data-model="fair-gbm"]');
    await expect(reported).toBeVisible({ timeout: 60_000 });
    for (const id of ['n', 'baseline', 'candidate', 'difference', 'q'])
      expect(await numberIn(reported, id), id).toBe(await numberIn(rural, id));
    expect(server.log.filter((r) => r.status >= 400)).toEqual([]);
  } finally {
    await reader.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('the app and slicebook run show the same comparison and the same assertion verdicts', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'slicebook-baseline-e2e-'));
  try {
    const gate = (await gateNotebook()) as { baseline: object };
    const notebook = {
      format: 'slicebook',
      version: 2,
      title: 'A candidate against the last release',
      filter: '',
      cells: [
        {
          id: 'vs_release',
          name: 'vs_release',
          kind: 'baseline',
          collapsed: false,
          dataset: 'ds_loan_approval',
          baseline: '',
          run: '',
          candidateRun: '',
          baselineRun: '',
          features: [{ column: 'region' }, { column: 'age_group' }, { column: 'income_k' }],
          maxQ: 0.05,
          minDrop: 0.01,
        },
      ],
      data: ['loan-approval.parquet', 'loan-approval-candidate.parquet'].map((name) => ({
        name,
        size: 0,
        rows: 20000,
        sha256: null,
      })),
      datasets: {},
      stacking: [],
      baseline: gate.baseline,
    };
    const path = join(dir, 'runs.slicebook.json');
    writeFileSync(path, JSON.stringify(notebook));
    const out = join(dir, 'out');
    const ran = await slicebook(
      'run',
      path,
      '--data',
      BASELINE,
      '--data',
      CANDIDATE,
      '--out',
      out,
      '--check',
    );
    expect(ran.code, ran.stderr).toBe(1);
    const tables = JSON.parse(readFileSync(join(out, 'vs_release.json'), 'utf8')).tables;

    await openApp(page);
    await page.getByTestId('notebook-input').setInputFiles(path);
    await loadFiles(page, [BASELINE, CANDIDATE]);
    await settled(page);
    const cell = page.locator('.cell[data-cell-id="vs_release"]');
    await cell.getByRole('button', { name: /^Show all \d+ comparisons$/ }).click();
    const shown = cell.locator(
      'table[aria-label="Overall"] tbody tr, table[aria-label="Every slice"] tbody tr',
    );
    // 2 models x (overall + 5 regions + 4 age groups + 4 income bins).
    await expect(shown).toHaveCount(28);
    expect(tables.comparison).toHaveLength(28);
    for (const row of tables.comparison) {
      const tr = cell.locator(`tr[data-slice="${row.slice}"][data-model="${row.model}"]`).last();
      for (const column of ['n', 'baseline', 'candidate', 'difference', 'p', 'q']) {
        const value = await numberIn(tr, column);
        expect(
          Math.abs(value - row[column]),
          `${row.slice} ${row.model} ${column}`,
        ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(row[column])));
      }
    }
    // The notebook's baseline assertions: the same verdicts and messages as the runner's.
    const verdicts = cell.getByRole('list', { name: "The notebook's baseline assertions" });
    await expect(verdicts.locator('li')).toHaveCount(2);
    for (const [i, line] of ran.stdout
      .split('\n')
      .filter((l) => l.includes('baseline (vs_release):'))
      .entries()) {
      const [, verdict, description] = line.match(
        /^\s*(PASS|FAIL)\s+baseline \(vs_release\): (.*)$/,
      )!;
      const item = verdicts.locator('li').nth(i);
      await expect(item).toHaveAttribute('data-passed', String(verdict === 'PASS'));
      await expect(item).toContainText(`${verdict} ${description}`);
      const message = ran.stdout.split('\n')[ran.stdout.split('\n').indexOf(line) + 1].trim();
      await expect(item).toContainText(message);
    }
    await page.getByRole('button', { name: 'Hide data' }).click();
    await verdicts.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/baseline-assertions.png' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runs that cannot be compared say what the runner says', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'slicebook-baseline-bad-'));
  try {
    const sample = await sampleRows();
    const noRegion = join(dir, '1-no-region.csv');
    writeFileSync(noRegion, tableCsv(sample.map(({ region: _, ...r }) => r) as never));
    const renamed = join(dir, '1-renamed.csv');
    writeFileSync(
      renamed,
      tableCsv(sample.map((r) => ({ ...r, example_id: `old-${r.example_id}` })) as never),
    );
    const candidate = join(dir, '2-candidate.parquet');
    writeFileSync(candidate, readFileSync(CANDIDATE));
    const gate = join(dir, 'gate.slicebook.json');
    writeFileSync(gate, JSON.stringify(await gateNotebook()));
    /** What the runner's --baseline says of the dataset, without the dataset's name. */
    const runnerSays = async (baseline: string, pattern: RegExp) => {
      const ran = await slicebook(
        'run',
        gate,
        '--data',
        candidate,
        '--baseline',
        baseline,
        '--out',
        join(dir, 'out'),
      );
      return (ran.stderr + ran.stdout).match(pattern)![1];
    };

    const lacks = await runnerSays(
      noRegion,
      /cannot compare with the baseline: ds_loan_approval: (.*)\n/,
    );
    expect(lacks).toBe(
      'the baseline lacks the column region that the comparison reads (the candidate has it).',
    );
    const unpaired = await runnerSays(renamed, /ds_loan_approval: (compared unpaired .*)\n/);
    expect(unpaired).toBe(
      'compared unpaired (two independent samples): no example id of the candidate is in the baseline.',
    );

    // The three files stack into one dataset: runs 1-no-region, 1-renamed, 2-candidate.
    await openApp(page);
    await loadFiles(page, [noRegion, renamed, candidate]);
    const cell = await addCell(page, 'Against a baseline');
    await cell.getByRole('checkbox', { name: 'region' }).check();
    await expect(cell.getByLabel('Baseline run')).toHaveValue('1-renamed');
    await expect(cell.getByTestId('baseline-notes')).toContainText(unpaired);
    await expect(cell.getByTestId('method').first()).toHaveText(/^unpaired · /);
    await cell.getByLabel('Baseline run').selectOption('1-no-region');
    await expect(cell.getByRole('alert')).toContainText(
      `Cannot compare with the baseline: ${await cell.locator('select').first().inputValue()}: ${lacks}`,
    );
    // The runs stay offered: back to one that compares.
    await cell.getByLabel('Baseline run').selectOption('1-renamed');
    await expect(cell.getByTestId('baseline-notes')).toContainText(unpaired);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('history of runs: the rural slice over three runs, as slicebook run --history writes it', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'slicebook-history-e2e-'));
  try {
    const runs = join(dir, 'runs');
    mkdirSync(runs);
    const sample = await sampleRows();
    copyFileSync(BASELINE, join(runs, '1-release.parquet'));
    await writePlantedRun(join(runs, '2-improved.csv'), sample, false);
    copyFileSync(CANDIDATE, join(runs, '3-regressed.parquet'));
    const gate = join(dir, 'gate.slicebook.json');
    writeFileSync(gate, JSON.stringify(await gateNotebook()));
    const out = join(dir, 'out');
    const ran = await slicebook('run', gate, '--data', CANDIDATE, '--history', runs, '--out', out);
    expect(ran.code, ran.stderr).toBe(0);
    const history = readCsvObjects(join(out, 'history.csv')).filter(
      (r) => r.slice === 'region: rural' && r.model === 'fair-gbm',
    );
    expect(history.map((r) => r.run)).toEqual(['1-release', '2-improved', '3-regressed']);

    await openApp(page);
    await loadFiles(
      page,
      ['1-release.parquet', '2-improved.csv', '3-regressed.parquet'].map((f) => join(runs, f)),
    );
    const cell = await addCell(page, 'History of runs');
    await expect(cell.getByLabel('Run column')).toHaveValue('file');
    await cell.getByRole('checkbox', { name: 'region' }).check();
    await settled(page);
    const rural = cell.locator('tr[data-slice="region: rural"][data-model="fair-gbm"]');
    await expect(rural.locator('td[data-run]')).toHaveCount(3);
    for (const row of history) {
      const td = rural.locator(`td[data-run="${row.run}"]`);
      expect(Number(await td.getAttribute('data-n')), row.run).toBe(Number(row.n));
      for (const [attribute, column] of [
        ['data-value', 'value'],
        ['data-low', 'value_low_95'],
        ['data-high', 'value_high_95'],
      ])
        expect(Number(await td.getAttribute(attribute)), `${row.run} ${column}`).toBeCloseTo(
          Number(row[column]),
          12,
        );
    }
    // The regressed run's rural accuracy is below the release's, by the planted count.
    const counts = await ruralCounts();
    expect(
      Number(await rural.locator('td[data-run="3-regressed"]').getAttribute('data-value')),
    ).toBeCloseTo(counts.candidate / counts.n, 12);
    await expect(cell.locator('figure.chart svg').first()).toBeVisible();
    expect(await cellViolations(page, cell)).toEqual([]);
    await page.getByRole('button', { name: 'Hide data' }).click();
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/history-cell.png', fullPage: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
