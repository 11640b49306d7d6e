import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  expect,
  expectAccuracies,
  loadFiles,
  openApp,
  openSample,
  runForeignSql,
  test,
} from './fixtures';
import { SAMPLES, loanRows } from './samples-data';
import { FAKE_ROWS, RENAMED, namedLikeTheTable as hostile } from '../helpers/named-like-the-table';

/** The notebook named like the table, as a file to pick (the page's numbers: counted from the file). */
function hostileFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'slicebook-names-')), 'loans.slicebook.json');
  writeFileSync(path, JSON.stringify(hostile));
  return path;
}

/** Per model, the rows and right predictions of the sample, counted from the file. */
async function fileCounts() {
  const counts: Record<string, { n: number; correct: number }> = {};
  for (const r of await loanRows()) {
    const c = (counts[r.model] ??= { n: 0, correct: 0 });
    c.n += 1;
    if (r.prediction === r.label) c.correct += 1;
  }
  return counts;
}

/** The page's numbers, all the file's: the SQL cell's count, the overview cell, the dataset card. */
async function expectTheFilesNumbers(page: Page) {
  const counts = await fileCounts();
  const rows = Object.values(counts).reduce((s, c) => s + c.n, 0);
  const cell = (id: string) => page.locator(`.cell[data-cell-id="${id}"]`);
  await expect(cell('fake').getByLabel(/^name of cell/)).toHaveValue('loan_approval_1');
  await expect(cell('fake')).toContainText(`loan_approval_1: ${FAKE_ROWS} rows`);
  await expect(cell('count').locator('table td')).toHaveText(String(rows));
  await expectAccuracies(cell('overview'), counts);
  await expectAccuracies(page.locator('.dataset[data-dataset="ds_loan_approval"]'), counts);
}

test('a notebook file whose SQL cell is named like the loaded table: the cell is renamed, the numbers stay the file`s', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  await page.getByTestId('notebook-input').setInputFiles(hostileFile());
  await expect(
    page.getByRole('status').filter({ hasText: 'Opened loans.slicebook.json.' }),
  ).toContainText(RENAMED);
  await runForeignSql(page);
  await expectTheFilesNumbers(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/cell-names-file.png', fullPage: true });
});

test('a link whose SQL cell is named like the loaded table, opened over the sample: the same', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  // Another tab makes the link (after this one restored its empty notebook: they share a store).
  const sender = await page.context().newPage();
  await openApp(sender);
  await sender.getByTestId('notebook-input').setInputFiles(hostileFile());
  await sender.getByRole('button', { name: 'Copy link' }).click();
  const link = await sender.getByLabel('Share link').inputValue();
  await sender.close();
  await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
  await expect(
    page.getByRole('status').filter({ hasText: 'Opened the notebook from the link.' }),
  ).toContainText(RENAMED);
  await runForeignSql(page);
  await expectTheFilesNumbers(page);
});

test('the sample loaded after the notebook ran its cell named like it: the cell yields its name', async ({
  page,
}) => {
  await openApp(page);
  await page.getByTestId('notebook-input').setInputFiles(hostileFile());
  await runForeignSql(page);
  // Before the file, the cell's table is the only loan_approval.
  await expect(page.locator('.cell[data-cell-id="count"] table td')).toHaveText(`${FAKE_ROWS}`);
  await loadFiles(page, [`${SAMPLES}loan-approval.parquet`]);
  // The notice, not the run queue's status (the page re-runs the cells once the data is in).
  await expect(
    page.getByRole('status').filter({ hasText: 'The cell loan_approval is now' }),
  ).toHaveText(RENAMED);
  await expectTheFilesNumbers(page);
});
