import { readFileSync } from 'node:fs';
import type { Route } from '@playwright/test';
import { expect, expectAccuracies, settle, test } from './fixtures';
import { EXPECTED, SAMPLES } from './samples-data';

/**
 * Files picked or dropped while DuckDB is still starting wait in the load list, say so, and load
 * once it is ready. DuckDB's wasm is held back (as a slow network would) until the files are in.
 */
async function holdDuckDbWasm(page: import('@playwright/test').Page): Promise<() => void> {
  const held: Route[] = [];
  let released = false;
  await page
    .context()
    .route(/duckdb-eh[^/]*\.wasm$/, (route) =>
      released ? route.continue() : void held.push(route),
    );
  return () => {
    released = true;
    for (const route of held) void route.continue();
  };
}

test('files picked before DuckDB is ready wait for it, then load', async ({ page }) => {
  const release = await holdDuckDbWasm(page);
  await page.goto('./');
  await expect(page.getByText('Starting DuckDB…')).toBeVisible();
  await page.setInputFiles('[data-testid="file-input"]', [
    `${SAMPLES}loan-approval.parquet`,
    `${SAMPLES}qa-five-models.csv`,
  ]);
  const jobs = page.locator('.job');
  await expect(jobs).toHaveCount(2);
  await expect(jobs.locator('.phase')).toHaveText(['waiting for DuckDB', 'waiting for DuckDB']);
  await page.screenshot({ path: 'test-results/load-before-ready-waiting.png' });
  release();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await settle(page);
  await expect(page.locator('.job[data-status="done"]')).toHaveCount(2);
  const loan = page.locator('.dataset[data-dataset="ds_loan_approval"]');
  await expectAccuracies(loan, EXPECTED['loan-approval.parquet'].models);
  const qa = page.locator('.dataset[data-dataset="ds_qa_five_models"]');
  await expectAccuracies(qa, EXPECTED['qa-five-models.csv'].models);
  await page.screenshot({ path: 'test-results/load-before-ready-loaded.png' });
});

test('a file dropped before DuckDB is ready waits for it, then loads', async ({ page }) => {
  const release = await holdDuckDbWasm(page);
  await page.goto('./');
  await expect(page.getByText('Starting DuckDB…')).toBeVisible();
  const bytes = [...readFileSync(`${SAMPLES}loan-approval.parquet`)];
  const dropped = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'loan-approval.parquet'));
    return transfer;
  }, bytes);
  await page.dispatchEvent('[aria-label="Drop result files here"]', 'drop', {
    dataTransfer: dropped,
  });
  await expect(page.locator('.job .phase')).toHaveText('waiting for DuckDB');
  release();
  await settle(page);
  await expect(page.locator('.job[data-status="done"]')).toHaveCount(1);
  await expectAccuracies(
    page.locator('.dataset').first(),
    EXPECTED['loan-approval.parquet'].models,
  );
});
