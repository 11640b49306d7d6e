import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import {
  addCell,
  expect,
  expectAccuracies,
  loadFiles,
  openApp,
  openSample,
  newCheckedPage,
  overviewRows,
  test,
  runForeignSql,
} from './fixtures';
import { EXPECTED, SAMPLES, loanRows } from './samples-data';

/**
 * A notebook over the loan sample, built as a person would (typing, completing, running) and then
 * edited, undone, saved, shared and reloaded. The tests share one page and run in order: each
 * starts from the notebook the one before left.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const LOAN = `${SAMPLES}loan-approval.parquet`;
const models = EXPECTED['loan-approval.parquet'].models;
const BY_REGION =
  'SELECT model, region, count(*)::INT AS n, sum((prediction <> label)::INT)::INT AS errors FROM ';

let page: Page;
let close: () => Promise<void>;
test.beforeAll(async ({ browser }, testInfo) => {
  ({ page, close } = await newCheckedPage(browser, testInfo));
  await openSample(page, 'loan-approval');
});
test.afterAll(() => close());

const cell = (name: string) => page.locator(`.cell[data-cell="${name}"]`);

async function rename(c: Locator, name: string) {
  await c.locator('.cell-name').fill(name);
  await c.locator('.cell-name').press('Enter');
}

/** Puts text into a cell's editor as a paste would (typing is tested where completion is). */
async function pasteSql(c: Locator, text: string) {
  await c.locator('.cm-content').click();
  await page.keyboard.insertText(text);
}

/** A SQL cell's rows as the page shows them, cell by cell. */
const shownRows = (c: Locator) =>
  c
    .locator('.result-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));

test('markdown, SQL with completion, a cell reading another, a chart and an overview', async () => {
  const notes = await addCell(page, 'Markdown');
  const source = notes.getByLabel('Markdown of note_1');
  await source.fill('# Loan approval by region\nErrors per **region** and model.');
  await source.press('Shift+Enter');
  await expect(notes.getByRole('heading', { name: 'Loan approval by region' })).toBeVisible();
  await expect(notes.locator('strong')).toHaveText('region');

  const byRegion = await addCell(page, 'SQL');
  await rename(byRegion, 'by_region');
  await pasteSql(byRegion, BY_REGION);
  await page.keyboard.type('ds_lo');
  // Schema-aware completion offers the dataset's full name. CodeMirror ignores a pick in the
  // first moments after the list changes, so pick until the name is in.
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'ds_loan_approval' });
  await expect(async () => {
    await option.first().click({ timeout: 2_000 });
    await expect(byRegion.locator('.cm-content')).toContainText('FROM ds_loan_approval', {
      timeout: 1_000,
    });
  }).toPass();
  await page.keyboard.insertText(' GROUP BY ALL ORDER BY ALL');
  await expect(byRegion.locator('.cm-content')).toContainText('FROM ds_loan_approval GROUP BY ALL');
  await page.keyboard.press('Shift+Enter');
  await expect(byRegion.getByText('by_region: 10 rows × 4 columns')).toBeVisible();

  // By hand from the file: errors per model and region.
  const tally = new Map<string, { n: number; errors: number }>();
  for (const r of await loanRows()) {
    const t = tally.get(`${r.model}|${r.region}`) ?? { n: 0, errors: 0 };
    t.n++;
    if (r.prediction !== r.label) t.errors++;
    tally.set(`${r.model}|${r.region}`, t);
  }
  const expectedRows = [...tally.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, t]) => [...key.split('|'), String(t.n), String(t.errors)]);
  expect(await shownRows(byRegion)).toEqual(expectedRows);

  const worst = await addCell(page, 'SQL');
  await rename(worst, 'worst_region');
  await pasteSql(
    worst,
    'SELECT model, max(errors / n) AS worst_error_rate, sum(errors)::INT AS errors FROM by_region GROUP BY model ORDER BY model',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(worst.getByText('worst_region: 2 rows × 3 columns')).toBeVisible();
  const worstRows = await shownRows(worst);
  for (const [i, model] of ['baseline-gbm', 'fair-gbm'].entries()) {
    const rates = [...tally.entries()]
      .filter(([key]) => key.startsWith(`${model}|`))
      .map(([, t]) => t.errors / t.n);
    expect(worstRows[i][0]).toBe(model);
    expect(Number(worstRows[i][1])).toBeCloseTo(Math.max(...rates), 5);
    expect(Number(worstRows[i][2])).toBe(models[model].errors);
  }

  await worst.getByRole('button', { name: 'Chart this' }).click();
  const chart = page.locator('.cell[data-kind="chart"]');
  // A bar per model.
  await expect(chart.locator('svg g.mark-rect path')).toHaveCount(2);

  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption('ds_loan_approval');
  await expectAccuracies(overview, models);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.screenshot({ path: 'test-results/notebook-four-cells.png', fullPage: true });
  await page.getByRole('button', { name: 'Show data' }).click();
});

test('editing a cell re-runs the cells that read it; a failing cell stays alone; the filter applies', async () => {
  const byRegion = cell('by_region');
  await byRegion.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' LIMIT 5');
  await page.keyboard.press('Shift+Enter');
  await expect(byRegion.getByText('by_region: 5 rows × 4 columns')).toBeVisible();
  // worst_region reads by_region: it re-ran on its own (the first five rows are baseline-gbm's).
  await expect(cell('worst_region').getByText('worst_region: 1 row × 3 columns')).toBeVisible();

  const broken = await addCell(page, 'SQL');
  await pasteSql(broken, 'SELECT no_such_column FROM worst_region');
  await page.keyboard.press('Shift+Enter');
  await expect(broken.locator('.cell-error')).toContainText('no_such_column');
  await expect(cell('worst_region').getByText('worst_region: 1 row × 3 columns')).toBeVisible();

  await page.getByLabel('Global filter (SQL condition)').fill("model = 'fair-gbm'");
  await page.getByRole('button', { name: 'Apply' }).click();
  const overview = page.locator('.cell[data-kind="overview"] [data-testid="overview"] tbody tr');
  await expect(overview).toHaveCount(1);
  const [fair] = await overviewRows(page.locator('.cell[data-kind="overview"]'));
  expect(fair.model).toBe('fair-gbm');
  expect(fair.estimate).toBeCloseTo(models['fair-gbm'].accuracy, 12);
});

test('undo and redo every edit; move, duplicate and delete cells', async () => {
  await page.getByRole('button', { name: 'Delete worst_region' }).click();
  await expect(cell('worst_region')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(cell('worst_region')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(cell('worst_region')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell('worst_region').getByText('worst_region: 1 row × 3 columns')).toBeVisible();

  await page.getByRole('button', { name: 'Move worst_region up' }).click();
  await expect(page.locator('.cell').nth(1)).toHaveAttribute('data-cell', 'worst_region');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.cell').nth(2)).toHaveAttribute('data-cell', 'worst_region');

  // The copy goes below its original, under a new name, and runs as its own table.
  await page.getByRole('button', { name: 'Duplicate by_region' }).click();
  const copy = cell('by_region_copy_1');
  await expect(page.locator('.cell').nth(2)).toHaveAttribute('data-cell', 'by_region_copy_1');
  await expect(copy.locator('.cm-content')).toContainText('LIMIT 5');
  await page.getByRole('button', { name: 'Run by_region_copy_1' }).click();
  await expect(copy.getByText('by_region_copy_1: 5 rows × 4 columns')).toBeVisible();
  await page.getByRole('button', { name: 'Delete by_region_copy_1' }).click();
  await expect(copy).toHaveCount(0);
});

test('save the file, open it in a fresh browser and re-attach the data; share a link', async ({
  browser,
}, testInfo) => {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const file = await (await download).path();
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved).toMatchObject({ format: 'slicebook', version: 2, filter: "model = 'fair-gbm'" });
  const names = ['note_1', 'by_region', 'worst_region', 'chart_1', 'overview_1', 'query_1'];
  expect(saved.cells.map((c: { name: string }) => c.name)).toEqual(names);
  // The data by name, size and content hash, never the rows.
  expect(saved.data).toEqual([
    expect.objectContaining({
      name: 'loan-approval.parquet',
      rows: 20000,
      size: readFileSync(LOAN).length,
      sha256: createHash('sha256').update(readFileSync(LOAN)).digest('hex'),
    }),
  ]);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/#nb=/);

  const fresh = await newCheckedPage(browser, testInfo);
  try {
    const other = fresh.page;
    await openApp(other);
    await expect(other.locator('.cell')).toHaveCount(0);
    await other.getByTestId('notebook-input').setInputFiles(file);
    await expect(other.locator('.cell')).toHaveCount(names.length);
    await expect(other.locator('.missing-data')).toContainText('loan-approval.parquet');
    await loadFiles(other, [LOAN]);
    await expect(other.locator('.cell[data-cell="worst_region"]')).toContainText(
      'Not run yet: this notebook came from the file',
    );
    await runForeignSql(other);
    await expect(
      other.locator('.cell[data-cell="worst_region"]').getByText('1 row × 3 columns'),
    ).toBeVisible();

    // This context has a notebook now (the file's): the link asks before it takes its place.
    const linked = await other.context().newPage();
    await linked.goto(link);
    await linked.getByRole('button', { name: 'Open the link’s notebook' }).click();
    await expect(linked.getByText('Opened the notebook from the link')).toBeVisible();
    await expect(linked.locator('.cell')).toHaveCount(names.length);
    await expect(linked.getByRole('region', { name: 'SQL from someone else' })).toContainText(
      'This notebook came from a link',
    );
  } finally {
    await fresh.close();
  }
});

test('after a reload the notebook comes back from autosave and asks for its data', async () => {
  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.cell')).toHaveCount(6);
  await expect(page.locator('.missing-data')).toContainText('loan-approval.parquet');
  await expect(cell('by_region').locator('.cm-content')).toContainText('LIMIT 5');
  await loadFiles(page, [LOAN]);
  await expect(page.locator('.missing-data')).toHaveCount(0);
  await expect(cell('worst_region').getByText('worst_region: 1 row × 3 columns')).toBeVisible();
  await expect(page.getByLabel('Global filter (SQL condition)')).toHaveValue("model = 'fair-gbm'");
  await expect(
    page.locator('.cell[data-kind="overview"] [data-testid="overview"] tbody tr'),
  ).toHaveCount(1);
});
