import type { Page } from '@playwright/test';
import { SHARED, addCell, expect, loadFiles, openApp, overviewRows, settled } from './fixtures';
import { readCsvObjects } from './reference';

/**
 * The notebook the report tests publish (a folder, a single file): over the MMLU-Pro dump, a SQL
 * cell `by_category` with its chart, an overview and a slice table by category.
 */
export const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;

const BY_CATEGORY =
  'SELECT category, model, avg(correct) AS accuracy, count(*) AS n FROM ds_mmlu_pro_4models_long GROUP BY ALL ORDER BY category, model';

/** Builds the notebook as a person would and returns its numbers, checked in one place by hand. */
export async function buildMmluNotebook(page: Page) {
  await openApp(page);
  await loadFiles(page, [MMLU]);
  await page.getByLabel('Notebook title').fill('MMLU-Pro by category');
  const sql = await addCell(page, 'SQL');
  await sql.locator('.cell-name').fill('by_category');
  await sql.locator('.cell-name').press('Enter');
  await sql.locator('.cm-content').click();
  await page.keyboard.insertText(BY_CATEGORY);
  await page.keyboard.press('Shift+Enter');
  await expect(sql.getByText('by_category: 56 rows × 4 columns')).toBeVisible();
  await sql.getByRole('button', { name: 'Chart this' }).click();
  await expect(page.locator('.cell[data-kind="chart"] svg').first()).toBeVisible();
  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption('ds_mmlu_pro_4models_long');
  const slice = await addCell(page, 'Slice table');
  await slice.getByRole('combobox').first().selectOption('ds_mmlu_pro_4models_long');
  await slice.getByLabel('Feature 1').selectOption('category');
  const inApp = await numbersOn(page);

  // By hand, from the CSV: the mean of `correct` for one category and model.
  const rows = readCsvObjects(MMLU).filter(
    (r) => r.category === 'law' && r.model === 'Mistral-7B-v0.1',
  );
  const mean = rows.reduce((s, r) => s + Number(r.correct), 0) / rows.length;
  const lawRow = inApp.sqlRows.find((r) => r.startsWith('law\tMistral-7B-v0.1'))!;
  expect(Number(lawRow.split('\t')[2])).toBeCloseTo(mean, 3);
  return inApp;
}

/** What a reader reads off the page: the SQL result's rows, the overview, the slice table. */
export async function numbersOn(page: Page) {
  const sql = page.locator('.cell[data-cell="by_category"]');
  await expect(sql.getByText('by_category: 56 rows × 4 columns')).toBeVisible({ timeout: 90_000 });
  // Every cell has its last result (a report may build a dataset again once its roles are read).
  await settled(page, { timeout: 90_000 });
  const sqlRows = await sql
    .locator('.result-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  const overview = await overviewRows(page.locator('.cell[data-kind="overview"]'));
  const slice = page.locator('.cell[data-kind="slice"]').getByTestId('slice-table');
  await expect(slice.locator('tbody tr')).toHaveCount(56);
  const sliceRows = await slice.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      model: tr.getAttribute('data-model'),
      slice: tr.getAttribute('data-slice'),
      n: tr.querySelector('[data-testid="n"]')?.textContent,
      value: tr.querySelector('[data-testid="value"]')?.getAttribute('data-value'),
      q: tr.querySelector('[data-testid="q"]')?.textContent ?? null,
    })),
  );
  return { sqlRows, overview, sliceRows };
}
