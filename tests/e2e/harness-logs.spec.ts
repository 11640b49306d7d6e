import type { Locator } from '@playwright/test';
import { expect, openApp, overviewRows, pick, test } from './fixtures';
import {
  HARNESS_FIXTURES,
  helmHandCounts,
  inspectHandCounts,
  lmEvalHandCounts,
  mlflowHandCounts,
} from '../helpers/harness-counts';

/**
 * Issue 19: what evaluation harnesses write opens as it is. The logs are small files written
 * by tests/fixtures/harness/generate.mjs after each harness's public docs and source; the same
 * files run through the runner in tests/unit/harness-formats-runner.test.ts with the same numbers.
 */
async function expectMeans(dataset: Locator, hand: Record<string, { n: number; sum: number }>) {
  const rows = await overviewRows(dataset);
  expect(rows.map((r) => r.model)).toEqual(Object.keys(hand).sort());
  for (const row of rows) {
    expect(row.n, row.model).toBe(hand[row.model].n);
    expect(row.estimate, row.model).toBeCloseTo(hand[row.model].sum / hand[row.model].n, 12);
  }
}

test('an lm-eval --log_samples folder opens in one step: the overview per model and task as counted by hand', async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await pick(page, 'folder-input', `${HARNESS_FIXTURES}lm-eval`);
  await expect(page.locator('.job[data-status="done"]')).toHaveCount(1);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    'Read as lm-evaluation-harness --log_samples output (v0.4): 4 samples files, 4 tasks, 2 models',
  );
  await expect(dataset).toContainText('(cb: f1) are corpus-level: kept as JSON text');
  // Its rows are a model in one task: the overview says so.
  await expect(dataset).toContainText('Per model and task: mean outcome with its 95% interval.');
  await expectMeans(dataset, await lmEvalHandCounts());
  await page.screenshot({ path: 'test-results/harness-lm-eval-folder.png', fullPage: true });
});

test('Inspect logs, a .eval zip and a .json log picked together: one dataset, the score mapping shown, the overview per model as counted by hand', async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const logs = `${HARNESS_FIXTURES}inspect/logs/`;
  await pick(page, 'file-input', [
    `${logs}2024-06-01T10-00-00+00-00_arithmetic_abc123.eval`,
    `${logs}2024-06-01T11-00-00+00-00_arithmetic_def456.json`,
  ]);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    'Read as Inspect AI logs (format version 2): 2 logs, 1 task, 2 models',
  );
  await expect(dataset).toContainText('C = 1, I = 0, P = 0.5, N = 0');
  await expectMeans(dataset, await inspectHandCounts());
  await page.screenshot({ path: 'test-results/harness-inspect-logs.png', fullPage: true });
});

test("MLflow runs' eval_results_table.json in a folder: stacked, the run as the model, accuracy as counted by hand", async ({
  page,
}) => {
  await openApp(page);
  await pick(page, 'folder-input', `${HARNESS_FIXTURES}mlflow`);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    "Read as an MLflow evaluation table (eval_results_table.json, pandas' split orientation): 6 columns, 5 rows.",
  );
  await expectMeans(dataset, await mlflowHandCounts());
});

test('HELM run folders named with : = , open from their parent folder: exact match per model as counted by hand', async ({
  page,
}) => {
  await openApp(page);
  await pick(page, 'folder-input', `${HARNESS_FIXTURES}helm`);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText('Read as HELM run folders: 2 runs, 1 scenario, 2 models');
  await expect(dataset).toContainText('2 perturbed instance entries left out.');
  await expectMeans(dataset, await helmHandCounts());
});
