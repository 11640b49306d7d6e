import { existsSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { SHARED, expect, loadFiles, openApp, runForeignSql, test, addCell } from './fixtures';

/** A four-cell notebook over the MMLU-Pro dump, built as a user would: typing, completing, running. */
const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;
test.skip(!existsSync(MMLU), `../shared/datasets is absent on this machine (looked for ${MMLU})`);

test.describe.configure({ timeout: 180_000 });

const cell = (page: Page, name: string) => page.locator(`.cell[data-cell="${name}"]`);

async function rename(c: Locator, name: string) {
  const input = c.locator('.cell-name');
  await input.fill(name);
  await input.press('Enter');
}

/** Puts text into a cell's editor as a paste would (typing is tested where completion is). */
async function typeSql(c: Locator, text: string) {
  const editor = c.locator('.cm-content');
  await editor.click();
  await editor.page().keyboard.insertText(text);
}

async function buildNotebook(page: Page) {
  await openApp(page);
  await loadFiles(page, [MMLU]);

  const notes = await addCell(page, 'Markdown');
  const source = notes.getByLabel('Markdown of note_1');
  await source.fill('# MMLU-Pro by category\nAccuracy per **category** and model.');
  await source.press('Shift+Enter');
  await expect(notes.getByRole('heading', { name: 'MMLU-Pro by category' })).toBeVisible();

  const byCategory = await addCell(page, 'SQL');
  await rename(byCategory, 'by_category');
  await typeSql(
    byCategory,
    'SELECT category, model, avg(correct) AS accuracy, count(*) AS n FROM ',
  );
  await page.keyboard.type('ds_mm');
  // Schema-aware completion offers the dataset's full name.
  await page
    .locator('.cm-tooltip-autocomplete li', { hasText: 'ds_mmlu_pro_4models_long' })
    .first()
    .click();
  await page.keyboard.insertText(' GROUP BY ALL ORDER BY category, model');
  await expect(byCategory.locator('.cm-content')).toContainText(
    'FROM ds_mmlu_pro_4models_long GROUP BY ALL',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(byCategory.getByText('by_category: 56 rows × 4 columns')).toBeVisible();

  const perModel = await addCell(page, 'SQL');
  await rename(perModel, 'per_model');
  await typeSql(
    perModel,
    'SELECT model, avg(accuracy) AS mean_category_accuracy FROM by_category GROUP BY model ORDER BY model',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(perModel.getByText('per_model: 4 rows × 2 columns')).toBeVisible();

  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption('ds_mmlu_pro_4models_long');
  await expect(overview.locator('[data-testid="overview"] tbody tr')).toHaveCount(4);
}

test('build a four-cell notebook, reload, and find it intact', async ({ page }) => {
  await buildNotebook(page);
  await cell(page, 'per_model').getByRole('button', { name: 'Chart this' }).click();
  const chart = page.locator('.cell[data-kind="chart"]');
  await expect(chart.locator('svg').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/notebook-four-cells.png', fullPage: true });

  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.cell')).toHaveCount(5);
  await expect(page.locator('.missing-data')).toContainText('mmlu_pro_4models_long.csv');
  await expect(cell(page, 'by_category').locator('.cm-content')).toContainText(
    'avg(correct) AS accuracy',
  );
  await loadFiles(page, [MMLU]);
  await expect(page.locator('.missing-data')).toHaveCount(0);
  await expect(cell(page, 'per_model').getByText('per_model: 4 rows × 2 columns')).toBeVisible();
  await expect(
    page.locator('.cell[data-kind="overview"] [data-testid="overview"] tbody tr'),
  ).toHaveCount(4);
});

test('editing a cell re-runs the cells that read it; a failing cell stays alone', async ({
  page,
}) => {
  await buildNotebook(page);
  const byCategory = cell(page, 'by_category');
  await byCategory.locator('.cm-content').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' LIMIT 4');
  await page.keyboard.press('Shift+Enter');
  await expect(byCategory.getByText('by_category: 4 rows × 4 columns')).toBeVisible();
  // per_model reads by_category: it re-ran on its own (the first category only: 4 models).
  await expect(cell(page, 'per_model').getByText('per_model: 4 rows × 2 columns')).toBeVisible();

  const broken = await addCell(page, 'SQL');
  await typeSql(broken, 'SELECT no_such_column FROM per_model');
  await page.keyboard.press('Shift+Enter');
  await expect(broken.locator('.cell-error')).toContainText('no_such_column');
  await expect(cell(page, 'per_model').getByText('per_model: 4 rows × 2 columns')).toBeVisible();

  await page.getByLabel('Global filter (SQL condition)').fill("model = 'Mistral-7B-v0.1'");
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(
    page.locator('.cell[data-kind="overview"] [data-testid="overview"] tbody tr'),
  ).toHaveCount(1);
});

test('undo and redo every edit from the keyboard', async ({ page }) => {
  await buildNotebook(page);
  await page.getByRole('button', { name: 'Delete per_model' }).click();
  await expect(cell(page, 'per_model')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(cell(page, 'per_model')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(cell(page, 'per_model')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(page, 'per_model').getByText('per_model: 4 rows × 2 columns')).toBeVisible();
  await page.getByRole('button', { name: 'Move per_model up' }).click();
  await expect(page.locator('.cell').nth(1)).toHaveAttribute('data-cell', 'per_model');
});

test('save the file, clear storage, open it and re-attach the data; share a link', async ({
  page,
  browser,
  baseURL,
}) => {
  await buildNotebook(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const file = await (await download).path();
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved).toMatchObject({ format: 'slicebook', version: 1 });
  expect(saved.cells.map((c: { name: string }) => c.name)).toEqual([
    'note_1',
    'by_category',
    'per_model',
    'overview_1',
  ]);
  expect(saved.data).toEqual([
    expect.objectContaining({
      name: 'mmlu_pro_4models_long.csv',
      rows: 48128,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    }),
  ]);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/#nb=/);

  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await openApp(other);
  await expect(other.locator('.cell')).toHaveCount(0);
  await other.getByTestId('notebook-input').setInputFiles(file);
  await expect(other.locator('.cell')).toHaveCount(4);
  await expect(other.locator('.missing-data')).toContainText('mmlu_pro_4models_long.csv');
  await loadFiles(other, [MMLU]);
  await expect(other.locator('.cell[data-cell="per_model"]')).toContainText(
    'Not run yet: this notebook came from the file',
  );
  await runForeignSql(other);
  await expect(
    other.locator('.cell[data-cell="per_model"]').getByText('per_model: 4 rows × 2 columns'),
  ).toBeVisible();

  // This context has a notebook now (the file's): the link asks before it takes its place.
  const linked = await fresh.newPage();
  await linked.goto(link);
  await expect(linked.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await linked.getByRole('button', { name: 'Open the link’s notebook' }).click();
  await expect(linked.locator('.cell')).toHaveCount(4);
  await expect(linked.getByText('Opened the notebook from the link')).toBeVisible();
  await expect(linked.getByRole('region', { name: 'SQL from someone else' })).toContainText(
    'This notebook came from a link',
  );
  await fresh.close();
});
