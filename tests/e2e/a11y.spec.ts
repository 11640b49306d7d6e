import { seriousViolations } from './axe';
import { expect, openApp, settle, test } from './fixtures';

/** axe-core on the main views: no serious or critical WCAG 2.x A/AA violation. */
test('the start screen', async ({ page }) => {
  await openApp(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('a loaded dataset with its overview and roles', async ({ page }) => {
  await openApp(page);
  await page.click('[data-sample-data-only="loan-approval"]');
  await settle(page);
  await expect(page.locator('[data-testid="overview"]')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a notebook with markdown, SQL, chart and slice table cells', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.click('[data-sample-data-only="loan-approval"]');
  await settle(page);
  const add = (label: string) =>
    page.getByRole('group', { name: 'Add a cell' }).getByRole('button', { name: label }).click();
  await add('+ Markdown');
  await page.getByLabel('Markdown of note_1').fill('# Findings\n\nRural applicants over 65.');
  await add('+ SQL');
  await page.locator('.cell[data-kind="sql"] .cm-content').click();
  await page.keyboard.insertText(
    'SELECT model, avg(score) AS mean_score FROM loan_approval GROUP BY 1',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.cell[data-kind="sql"] table')).toBeVisible();
  await add('+ Chart');
  await page.locator('.cell[data-kind="chart"] select').selectOption('query_1');
  await expect(page.locator('.cell[data-kind="chart"] svg').first()).toBeVisible();
  await add('+ Slice table');
  const slice = page.locator('.cell[data-kind="slice"]');
  await slice.getByRole('combobox').first().selectOption('ds_loan_approval');
  await slice.getByLabel('Feature 1').selectOption('region');
  await expect(slice.getByTestId('slice-table').locator('tbody tr')).toHaveCount(10, {
    timeout: 60_000,
  });
  expect(await seriousViolations(page)).toEqual([]);
});
