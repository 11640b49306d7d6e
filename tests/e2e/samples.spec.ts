import {
  expect,
  expectAccuracies,
  openApp,
  openSample,
  overviewRows,
  expectRole,
  test,
} from './fixtures';
import { EXPECTED as expected } from './samples-data';

test('start screen offers the samples and a file picker', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Open files…' })).toBeVisible();
  await expect(page.locator('[data-sample]')).toHaveCount(9);
  await page.screenshot({ path: 'test-results/start-screen.png' });
});

test('loan sample: binary roles and per-model accuracy with Wilson intervals', async ({ page }) => {
  const dataset = await openSample(page, 'loan-approval');
  await expect(dataset.getByTestId('task')).toHaveText('binary classification');
  for (const [column, role] of Object.entries({
    example_id: 'id',
    model: 'model',
    label: 'label',
    prediction: 'prediction',
    score: 'score',
    region: 'group',
    latency_ms: 'cost',
  })) {
    await expectRole(dataset, column, role);
  }
  await expectAccuracies(dataset, expected['loan-approval.parquet'].models);
});

test('changing a role updates the overview', async ({ page }) => {
  const dataset = await openSample(page, 'loan-approval');
  await dataset.locator('tr[data-column="sex"] select').selectOption('model');
  await expect(dataset.locator('[data-testid="overview"] tbody tr')).toHaveCount(2);
  await expect(
    dataset.locator('[data-testid="overview"] tbody tr[data-model="female"]'),
  ).toBeVisible();
  const rows = await overviewRows(dataset);
  const bySex = expected['loan-approval.parquet'].models;
  // Both models' rows pooled per sex: 5,004 female applicants x 2 models.
  const female = rows.find((r) => r.model === 'female')!;
  const errors =
    bySex['baseline-gbm'].by_sex.female.errors + bySex['fair-gbm'].by_sex.female.errors;
  expect(female.n).toBe(2 * 5004);
  expect(female.estimate).toBeCloseTo(1 - errors / (2 * 5004), 12);
  await expectRole(dataset, 'model', 'group');
});

test('corruption sample: condition and severity roles, per-model accuracy', async ({ page }) => {
  const dataset = await openSample(page, 'corruption-robustness');
  await expect(dataset.getByTestId('task')).toHaveText('multiclass classification');
  await expectRole(dataset, 'condition', 'condition');
  await expectRole(dataset, 'severity', 'severity');
  await expectRole(dataset, 'confidence', 'score');
  const models = expected['corruption-robustness.parquet'].models;
  for (const row of await overviewRows(dataset)) {
    expect(row.n).toBe(models[row.model].n);
    expect(row.estimate).toBeCloseTo(models[row.model].correct / models[row.model].n, 12);
  }
});

test('llm sample: one nested JSONL file per model stacked and joined to question metadata', async ({
  page,
}) => {
  const dataset = await openSample(page, 'llm-eval');
  await expect(page.locator('.dataset')).toHaveCount(1);
  await expect(dataset.getByText('3 files stacked by column name')).toBeVisible();
  await expect(
    dataset.getByText('Metadata from questions.csv joined on "question_id"'),
  ).toBeVisible();
  await expectRole(dataset, 'model', 'model');
  await expectRole(dataset, 'correct', 'outcome');
  await expectRole(dataset, 'response.latency_ms', 'cost');
  await expectRole(dataset, 'category', 'group');
  const models = expected['llm-eval'];
  const rows = await overviewRows(dataset);
  expect(rows.map((r) => r.model)).toEqual(['atlas-70b', 'atlas-7b', 'nimbus-mini']);
  for (const row of rows) {
    const m = models.models[row.model];
    expect(row.n).toBe(m.n);
    expect(row.estimate).toBeCloseTo(m.correct / m.n, 12);
  }
});

test('house sample: wide prediction columns unpivoted, MAE per model', async ({ page }) => {
  const dataset = await openSample(page, 'house-prices');
  await expect(dataset.getByTestId('task')).toHaveText('regression');
  await expect(dataset.getByText('3 prediction columns unpivoted')).toBeVisible();
  const models = expected['house-prices-wide.csv'].models;
  const rows = await overviewRows(dataset);
  expect(rows.map((r) => r.model)).toEqual(['boosted', 'knn', 'linear']);
  for (const row of rows) {
    const m = models[`pred_${row.model}`];
    expect(row.n).toBe(m.n);
    expect(row.estimate).toBeCloseTo(m.mae, 9);
  }
});
