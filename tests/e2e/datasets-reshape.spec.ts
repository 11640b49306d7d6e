import { addCell, expect, loadFiles, openApp, test, settled } from './fixtures';
import { readCsvObjects } from './reference';

/**
 * Issue 17.6: a table of models x evaluation sets (one row per model, a column per set, named
 * `<benchmark>.<corruption>.<severity>_<variant>` and `<shift>-<variant>`) reshaped by an editable
 * pattern, then effective robustness against the in-distribution column. Fixture:
 * tests/fixtures/datasets/testbed.csv (tests/fixtures/datasets/generate.mjs).
 */
const TESTBED = new URL('../fixtures/datasets/testbed.csv', import.meta.url).pathname;
const CARD = new URL('../fixtures/datasets/model-card.csv', import.meta.url).pathname;
test.describe.configure({ timeout: 120_000 });

test('a models x evaluation-sets table, reshaped by its column names, gives effective robustness', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [TESTBED]);
  const dataset = page.locator('.dataset[data-dataset="ds_testbed"]');
  await expect(dataset.getByTestId('dataset-rows')).toHaveText('6');
  const reshape = dataset.getByTestId('reshape');
  // Suggested, editable; a pattern that matches no column is refused with the reason.
  await expect(reshape.getByLabel('Reshaping patterns')).toHaveValue(
    '<set>.<condition>.<severity>_<variant>\n<condition>-<variant>',
  );
  await reshape.getByLabel('Reshaping patterns').fill('<benchmark>:<corruption>');
  await reshape.getByRole('button', { name: 'Reshape by these patterns' }).click();
  await expect(reshape.getByTestId('reshape-error')).toContainText(
    'No column name matches <benchmark>:<corruption>',
  );
  await expect(dataset.getByTestId('dataset-rows')).toHaveText('6');

  await reshape
    .getByLabel('Reshaping patterns')
    .fill('<set>.<condition>.<severity>_<variant>\n<condition>-<variant>');
  await reshape.getByRole('button', { name: 'Reshape by these patterns' }).click();
  await expect(dataset.getByTestId('dataset-rows')).toHaveText('90');
  await expect(reshape).toContainText('1 matched none and are each a condition of their own (val)');
  await expect(dataset.getByLabel('role of severity', { exact: true })).toHaveValue('severity');
  await expect(dataset.getByLabel('role of value', { exact: true })).toHaveValue('outcome');

  const cell = await addCell(page, 'Robustness');
  await expect(cell.getByRole('combobox').first()).toHaveValue('ds_testbed');
  await expect(cell.getByTestId('robustness-meta')).toContainText(
    '6 models on 2 conditions x 3 levels',
  );
  const effective = cell.getByRole('region', { name: 'Effective robustness' });
  await effective.getByLabel('In-distribution accuracy').selectOption('condition:val');
  await effective.getByLabel('Shifted accuracy').selectOption('condition:v2');
  // The table keeps the default pair's six rows until the cell has run again.
  await settled(page);

  // By hand: least squares of logit(mean of the two v2 variants) on logit(val) over the 6 models.
  const rows = readCsvObjects(TESTBED);
  const logit = (p: number) => Math.log(p / (1 - p));
  const xs = rows.map((r) => logit(Number(r.val)));
  const ys = rows.map((r) => logit((Number(r['v2-matched']) + Number(r['v2-threshold'])) / 2));
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const slope =
    xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) /
    xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const table = effective.getByTestId('effective-table');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  for (const [i, r] of rows.entries()) {
    const row = table.locator(`tr[data-model="${r.model}"]`);
    const residual = Number(await row.getByTestId('residual').getAttribute('data-value'));
    expect(residual, r.model).toBeCloseTo(ys[i] - (slope * xs[i] + my - slope * mx), 10);
  }
  // clip-vit-b32 was made more robust than its in-distribution accuracy predicts.
  const clip = Number(
    await table
      .locator('tr[data-model="clip-vit-b32"]')
      .getByTestId('effective')
      .getAttribute('data-value'),
  );
  expect(clip).toBeGreaterThan(0.05);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await effective.screenshot({ path: 'test-results/datasets-testbed-effective.png' });
});

test('a model card of subgroups x <metric>@<version> becomes a row per subgroup x version, read by the slice table', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [CARD]);
  const dataset = page.locator('.dataset[data-dataset="ds_model_card"]');
  const reshape = dataset.getByTestId('reshape');
  await expect(reshape.getByLabel('Reshaping patterns')).toHaveValue('<metric>@<version>');
  await reshape.getByRole('button', { name: 'Reshape by these patterns' }).click();
  await expect(dataset.getByTestId('dataset-rows')).toHaveText('10');
  await expect(dataset.getByLabel('role of version', { exact: true })).toHaveValue('group');
  await expect(dataset.getByLabel('role of accuracy', { exact: true })).toHaveValue('outcome');

  const cell = await addCell(page, 'Slice table');
  await expect(cell.getByRole('combobox').first()).toHaveValue('ds_model_card');
  await cell.getByLabel('Feature 1').selectOption('subgroup');
  await cell.getByLabel('Feature 2').selectOption('version');
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  // Each row is the card's own number, one value with no interval (issue 16 case 10).
  for (const r of readCsvObjects(CARD))
    for (const version of ['v1', 'v2']) {
      const row = table.locator(`tr[data-slice="${r.subgroup} · ${version}"]`);
      await expect(row.getByTestId('n')).toHaveText('1');
      expect(Number(await row.getByTestId('value').getAttribute('data-value'))).toBeCloseTo(
        Number(r[`accuracy@${version}`]),
        12,
      );
      await expect(row.getByTestId('one-value')).toBeVisible();
    }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/datasets-model-card.png' });
});
