import type { Locator } from '@playwright/test';
import { addCell, expect, loadFiles, openSample, test } from './fixtures';
import { SAMPLES } from './samples-data';

/**
 * Issue 24, "Behaviour": the small frictions a new user hits on the loan sample. Screenshots at
 * 1280x800 go to test-results/.
 */
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

/** Whether the box shows `a_b` differently from `a b`: an underscore cut off draws as a space. */
async function showsUnderscore(box: Locator): Promise<boolean> {
  await box.fill('a b');
  const spaced = await box.screenshot();
  await box.fill('a_b');
  const underscored = await box.screenshot();
  return !spaced.equals(underscored);
}

test('the global filter and a cell name show their underscores', async ({ page }) => {
  await openSample(page, 'loan-approval');
  const filter = page.getByLabel('Global filter (SQL condition)');
  expect(await showsUnderscore(filter)).toBe(true);
  const cell = await addCell(page, 'Markdown');
  expect(await showsUnderscore(cell.locator('.cell-name'))).toBe(true);
  await filter.fill("age_group = '65+'");
  await page.screenshot({ path: 'test-results/behaviour-filter-1280.png' });
});

test('SQL completion names each option’s kind in letters every font has', async ({ page }) => {
  await openSample(page, 'loan-approval');
  const cell = await addCell(page, 'SQL');
  await cell.locator('.cm-content').click();
  await page.keyboard.type('SELECT age_gr');
  const list = page.locator('.cm-tooltip-autocomplete');
  const option = (label: string) =>
    list.locator('li').filter({
      has: page.locator('.cm-completionLabel').getByText(label, { exact: true }),
    });
  const icon = (label: string) =>
    option(label)
      .locator('.cm-completionIcon')
      .evaluate((e) => getComputedStyle(e, '::after').content);
  await expect(option('age_group')).toBeVisible();
  expect(await icon('age_group')).toBe('"col"');
  await page.keyboard.type('oup FROM ds_lo');
  await expect(option('ds_loan_approval')).toBeVisible();
  expect(await icon('ds_loan_approval')).toBe('"tbl"');
  await page.screenshot({ path: 'test-results/behaviour-completion-1280.png' });
  await page.keyboard.press('Escape');
  await page.keyboard.type(' WHE');
  await expect(option('WHERE')).toBeVisible();
  expect(await icon('WHERE')).toBe('"kw"');
});

test('a new slice table’s metric menu shows the metric it computes', async ({ page }) => {
  await openSample(page, 'loan-approval');
  const cell = await addCell(page, 'Slice table');
  const metric = cell.getByRole('combobox', { name: 'Metric' });
  await expect(metric).toHaveValue('accuracy');
  await expect(metric.locator('option:checked')).toHaveText('accuracy');
  await cell.getByLabel('Feature 1').selectOption('region');
  await expect(cell.locator('.slice-table tbody tr')).toHaveCount(10);
  await expect(metric).toHaveValue('accuracy');
});

test('after a reload SQL cells wait for their data, and the request for the data goes once it is loaded', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  const query = await addCell(page, 'SQL');
  await query.locator('.cm-content').click();
  await page.keyboard.insertText('SELECT count(*) AS n FROM ds_loan_approval');
  await page.keyboard.press('Shift+Enter');
  await expect(query.locator('.result-table tbody td')).toHaveText('20000');
  await addCell(page, 'Overview');

  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  const cells = page.locator('.cell[data-cell-id]');
  await expect(cells).toHaveCount(2);
  const notice = page.getByRole('status').filter({ hasText: 'Restored your notebook' });
  await expect(notice).toContainText('Open its data to run it: loan-approval.parquet.');
  await expect(cells.nth(0)).toContainText(
    'Load the data of ds_loan_approval to run this query (open loan-approval.parquet).',
  );
  await expect(cells.nth(0)).not.toContainText('Catalog Error');
  await expect(cells.nth(0).getByRole('alert')).toHaveCount(0);
  await expect(cells.nth(1)).toContainText('Load the data of ds_loan_approval');
  await page.screenshot({ path: 'test-results/behaviour-reload-waiting-1280.png' });

  await loadFiles(page, [`${SAMPLES}loan-approval.parquet`]);
  await expect(cells.nth(0).locator('.result-table tbody td')).toHaveText('20000');
  await expect(notice).toHaveCount(0);
  await page.screenshot({ path: 'test-results/behaviour-reload-loaded-1280.png' });
});

test('generated text agrees in number: one condition is "1 condition"', async ({ page }) => {
  await openSample(page, 'corruption-robustness');
  await page.getByLabel('Global filter (SQL condition)').fill("condition IN ('clean', 'fog')");
  await page.getByRole('button', { name: 'Apply' }).click();
  const cell = await addCell(page, 'Robustness');
  await cell.getByRole('combobox').first().selectOption('ds_corruption_robustness');
  const meta = cell.getByTestId('robustness-meta');
  await expect(meta).toContainText('3 models on 1 condition x 5 levels');
  await expect(cell).toContainText('mCE is the mean over the 1 condition;');
  await expect(cell).not.toContainText(/\b1 (conditions|models|levels)\b/);
  await cell.screenshot({ path: 'test-results/behaviour-plural-1280.png' });
});
