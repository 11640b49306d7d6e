import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expect,
  loadFiles,
  newCheckedPage,
  openApp,
  openSample,
  expectRole,
  settle,
  test,
} from './fixtures';
import { LOAN_ROLES, SAMPLES, loanNotebookFile } from './samples-data';

/**
 * Issue 24, "Notebooks, links and reports": a notebook opened over data already loaded, a link
 * pasted into a tab already showing the app, a file opened twice, a report whose notebook is
 * refused. Screenshots at 1280x800 go to test-results/.
 */
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

const LOAN = `${SAMPLES}loan-approval.parquet`;

/** A notebook over the loan sample whose saved roles the guess would not give (sex, income_k ignored). */
function notebookWithRoles() {
  return loanNotebookFile('Loans with my roles', {
    roles: { ...LOAN_ROLES, sex: 'ignore', income_k: 'ignore' },
    taskKind: 'binary',
  });
}

test('a notebook file opened while its data is loaded applies its saved roles', async ({
  page,
}) => {
  const dataset = (await openSample(page, 'loan-approval'))
    .page()
    .locator('.dataset[data-dataset="ds_loan_approval"]');
  await expectRole(dataset, 'sex', 'group');
  const path = join(mkdtempSync(join(tmpdir(), 'slicebook-open-')), 'loans.slicebook.json');
  writeFileSync(path, JSON.stringify(notebookWithRoles()));
  await page.getByTestId('notebook-input').setInputFiles(path);
  await expect(page.getByText('Opened loans.slicebook.json.')).toBeVisible();
  await expect(dataset.getByLabel('role of sex', { exact: true })).toHaveValue('ignore');
  await expectRole(dataset, 'income_k', 'ignore');
  await expect(
    page.locator('.cell[data-cell="overview_1"] [data-testid="overview"] tbody tr'),
  ).toHaveCount(2);
  await page.screenshot({ path: 'test-results/notebooks-open-over-data-1280.png' });
});

test('a link pasted into a tab showing the app opens its notebook; the same file opened again replaces its table', async ({
  page,
  browser,
}, testInfo) => {
  await openSample(page, 'loan-approval');
  await page.getByRole('button', { name: '+ Markdown' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(/#nb=/);

  // Another tab showing the app, with a notebook of its own.
  const { page: other, close } = await newCheckedPage(browser, testInfo);
  await openApp(other);
  await loadFiles(other, [LOAN]);
  await other.getByRole('button', { name: '+ Overview' }).click();
  await expect(other.locator('.cell[data-cell-id]')).toHaveCount(1);
  // Only the hash changes: the page does not load again.
  await other.evaluate((hash) => (location.hash = hash), new URL(link).hash);
  await other.getByRole('button', { name: 'Open the link’s notebook' }).click();
  await expect(other.getByText('Opened the notebook from the link')).toBeVisible();
  await expect(other.locator('.cell[data-cell-id]')).toHaveCount(1);
  await expect(other.locator('.cell[data-kind="markdown"]')).toHaveCount(1);
  expect(new URL(other.url()).hash).toBe('');

  // The same file again: one table and one dataset, not a second `_2` copy.
  await loadFiles(other, [LOAN]);
  await settle(other);
  await expect(other.locator('.job').last()).toContainText(/replaced in [\d.]+ s/);
  await expect(other.locator('.table-card')).toHaveCount(1);
  await expect(other.locator('.table-card')).toHaveAttribute('data-table', 'loan_approval');
  await expect(other.locator('.dataset')).toHaveCount(1);
  await expect(other.locator('.dataset[data-dataset="ds_loan_approval"]')).toBeVisible();
  await other.screenshot({ path: 'test-results/notebooks-link-and-reopen-1280.png' });
  await close();
});

test('a report whose notebook is refused says so instead of loading forever', async ({ page }) => {
  await page.route('**/reports/newer/report.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        format: 'slicebook-report',
        version: 1,
        notebook: { ...notebookWithRoles(), version: 99 },
        data: [],
      }),
    }),
  );
  await page.goto('./?report=reports/newer/report.json');
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByRole('heading', { name: 'This report could not be opened' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('newer Slicebook');
  await expect(page.getByText('Loading the report…')).toHaveCount(0);
  await expect(page.getByText('No data: the report could not be opened.')).toBeVisible();
  await page.screenshot({ path: 'test-results/notebooks-report-refused-1280.png' });
});

test('a report’s data panel names the file it read: the Parquet copy of a CSV', async ({
  page,
}) => {
  const { format: _format, ...notebook } = notebookWithRoles();
  await page.route('**/reports/loans/report.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        format: 'slicebook-report',
        version: 1,
        notebook: {
          format: 'slicebook',
          ...notebook,
          data: [{ ...notebook.data[0], name: 'loans.csv' }],
        },
        data: [
          { name: 'loans.csv', path: 'data/loans.parquet', bytes: 1, rows: 20000, columns: [] },
        ],
      }),
    }),
  );
  await page.route('**/reports/loans/data/loans.parquet', (route) => route.fulfill({ path: LOAN }));
  await page.goto('./?report=reports/loans/report.json');
  await page.getByRole('button', { name: 'Show data' }).click();
  const card = page.locator('.table-card');
  await expect(card).toContainText('loans.csv');
  await expect(card.getByTestId('read-from')).toHaveText('read from loans.parquet');
  await expect(card).toContainText('parquet');
  await page.screenshot({ path: 'test-results/notebooks-report-data-1280.png' });
});
