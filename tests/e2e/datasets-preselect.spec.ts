import { addCell, expect, loadFiles, openApp, test } from './fixtures';
import { SAMPLES } from './samples-data';

/**
 * Issue 17 item 8: a new analysis cell starts on the only dataset, else on the one last picked in a
 * cell, else on none (the user picks); after a reload, on the bottom-most cell's.
 */
test.describe.configure({ timeout: 120_000 });

test('a new analysis cell starts on the dataset last picked in a cell, and after a reload on the bottom-most cell’s', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [`${SAMPLES}loan-approval.parquet`, `${SAMPLES}qa-five-models.csv`]);
  await expect(page.locator('.dataset')).toHaveCount(2);
  const dataset = (cell: ReturnType<typeof page.locator>) => cell.getByRole('combobox').first();

  // Two datasets and no cell yet: none is chosen for the user.
  const first = await addCell(page, 'Overview');
  await expect(dataset(first)).toHaveValue('');
  await dataset(first).selectOption('ds_qa_five_models');
  await expect(first.getByTestId('overview').locator('tbody tr')).toHaveCount(5);

  const second = await addCell(page, 'Leaderboard');
  await expect(dataset(second)).toHaveValue('ds_qa_five_models');
  await dataset(second).selectOption('ds_loan_approval');
  const third = await addCell(page, 'Slice table');
  await expect(dataset(third)).toHaveValue('ds_loan_approval');
  await expect(page.locator('.toolbar .saved')).toHaveText('autosaved');

  // After a reload the autosaved notebook comes back; with the data re-opened, a new cell takes
  // the dataset of the bottom-most cell that has one.
  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.cell[data-cell-id]')).toHaveCount(3);
  await loadFiles(page, [`${SAMPLES}loan-approval.parquet`, `${SAMPLES}qa-five-models.csv`]);
  await dataset(page.locator('.cell[data-cell-id]').nth(2)).selectOption('ds_qa_five_models');
  // The toolbar says "saving…" until the write has landed; a reload before it would lose the pick.
  await expect(page.locator('.toolbar .saved')).toHaveText('autosaved');
  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await loadFiles(page, [`${SAMPLES}loan-approval.parquet`, `${SAMPLES}qa-five-models.csv`]);
  const fourth = await addCell(page, 'Fairness');
  await expect(dataset(fourth)).toHaveValue('ds_qa_five_models');
});
