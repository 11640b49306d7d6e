import type { Locator, Page } from '@playwright/test';
import { addCell, expect, loadFiles, openApp, overviewRows, test } from './fixtures';
import { readCsvObjects, wilson } from './reference';

/**
 * Issue 17 (datasets that fit real dumps), first part: a derived column without a SQL cell, a
 * threshold on a 1-10 risk score (issue 16.4: never a probability), and a SQL cell's result as the
 * dataset of an analysis cell. Fixtures: tests/fixtures/datasets/generate.mjs.
 */
const FIXTURES = new URL('../fixtures/datasets/', import.meta.url).pathname;
const RISK = `${FIXTURES}risk-scores.csv`;
const rows = readCsvObjects(RISK);
test.describe.configure({ timeout: 120_000 });

async function openRisk(page: Page): Promise<Locator> {
  await openApp(page);
  await loadFiles(page, [RISK]);
  const dataset = page.locator('.dataset[data-dataset="ds_risk_scores"]');
  await dataset.getByLabel('role of reoffended', { exact: true }).selectOption('label');
  return dataset;
}

async function addDerived(dataset: Locator, fill: (form: Locator) => Promise<void>) {
  const details = dataset.locator('details.derived-details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const form = dataset.getByRole('form', { name: 'Add a derived column' });
  await fill(form);
  await form.getByRole('button', { name: 'Add column' }).click();
}

test('a 1-10 risk score: refused as a probability, thresholded at 5, used by the fairness cell', async ({
  page,
}) => {
  const dataset = await openRisk(page);
  // The score given the role "score" by hand: the overview will not cut it at 0.5.
  await dataset.getByLabel('role of risk_score', { exact: true }).selectOption('score');
  await expect(
    dataset.getByText('"risk_score" runs from 1 to 10, so it is not a probability'),
  ).toBeVisible();

  await addDerived(dataset, async (form) => {
    await form.getByLabel('New column name').fill('high_risk');
    await form.getByLabel('Score to threshold').selectOption('risk_score');
    await form.getByLabel('Threshold', { exact: true }).fill('5');
    await form.getByLabel('Role of the new column').selectOption('prediction');
  });
  await expect(dataset.locator('[data-derived="high_risk"]')).toContainText('risk_score ≥ 5');

  // The overview, by hand: right when (score >= 5) equals the label.
  const right = rows.filter((r) => (Number(r.risk_score) >= 5 ? 1 : 0) === Number(r.reoffended));
  // The card's overview is computed again with the new prediction: read until it is.
  await expect(async () => {
    const [overall] = await overviewRows(dataset);
    expect(overall.n).toBe(rows.length);
    expect(overall.estimate).toBeCloseTo(right.length / rows.length, 12);
  }).toPass();

  // A fairness cell: the dataset is preselected (it is the only one), the prediction is high_risk.
  const cell = await addCell(page, 'Fairness');
  await expect(cell.getByRole('combobox').first()).toHaveValue('ds_risk_scores');
  await cell.getByLabel('Sensitive feature 1').selectOption('group');
  const groups = cell.getByTestId('fairness-groups');
  await expect(groups.locator('tbody tr')).toHaveCount(3);
  await expect(cell.getByText('decision: high_risk')).toBeVisible();
  for (const group of ['A', 'B', 'C']) {
    const mine = rows.filter((r) => r.group === group);
    const negatives = mine.filter((r) => r.reoffended === '0');
    const fp = negatives.filter((r) => Number(r.risk_score) >= 5).length;
    const fpr = groups.locator(`tr[data-group="${group}"] td[data-rate="fpr"]`);
    await expect(fpr).toHaveAttribute('data-successes', String(fp));
    await expect(fpr).toHaveAttribute('data-trials', String(negatives.length));
    const [low, high] = wilson(fp, negatives.length);
    expect(Number(await fpr.getAttribute('data-low'))).toBeCloseTo(low, 10);
    expect(Number(await fpr.getAttribute('data-high'))).toBeCloseTo(high, 10);
  }

  // The cell's own threshold on the raw score spans its values (1-10), not 0-1.
  await cell.getByLabel('Decision column').selectOption('risk_score');
  await expect(cell.getByText('"risk_score" is a score, not a decision')).toBeVisible();
  await cell.getByLabel('score ≥').check();
  await expect(cell.getByLabel('Threshold', { exact: true })).toHaveAttribute('max', '10');
  await cell.getByLabel('Score cut-off').fill('8');
  await cell.getByLabel('Score cut-off').press('Enter');
  await expect(cell.getByText('decision: risk_score ≥ 8')).toBeVisible();
  const c = rows.filter((r) => r.group === 'C');
  await expect(groups.locator('tr[data-group="C"] td[data-rate="selection"]')).toHaveAttribute(
    'data-successes',
    String(c.filter((r) => Number(r.risk_score) >= 8).length),
  );
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/datasets-risk-fairness.png' });
});

test('a bad expression is refused with the reason, and nothing changes', async ({ page }) => {
  const dataset = await openRisk(page);
  const columns = dataset.locator('.roles tbody tr');
  const before = await columns.count();
  for (const [text, reason] of [
    ['risk_score >=', 'syntax error'],
    ['risk >= 5', 'the dataset has no column "risk"'],
    ['risk_score, sex', 'a list of values'],
    ['true) OR (true', 'closes a parenthesis the expression did not open'],
  ]) {
    await addDerived(dataset, async (form) => {
      await form.getByLabel('Kind of derived column').selectOption('expression');
      await form.getByLabel('New column name').fill('bad');
      await form.getByLabel('Expression').fill(text);
    });
    await expect(dataset.getByTestId('derived-error')).toContainText(reason);
    await expect(columns).toHaveCount(before);
    // The text stays for the user to fix.
    await expect(dataset.getByLabel('Expression')).toHaveValue(text);
  }
  // A good one goes through: an expression giving a boolean decision.
  await dataset.getByLabel('Expression').fill('risk_score >= 7');
  await dataset.getByLabel('New column name').fill('flag7');
  await dataset.getByRole('button', { name: 'Add column' }).click();
  await expect(dataset.getByTestId('derived-error')).toHaveCount(0);
  await expect(columns).toHaveCount(before + 1);
  await page.screenshot({ path: 'test-results/datasets-derived-panel.png', fullPage: false });
});

test('a SQL cell’s result is the dataset of an overview, which re-runs when the SQL changes', async ({
  page,
}) => {
  await openRisk(page);
  const sql = await addCell(page, 'SQL');
  await sql.locator('.cell-name').fill('scored');
  await sql.locator('.cell-name').press('Enter');
  const editor = sql.locator('.cm-content');
  await editor.click();
  await page.keyboard.insertText(
    'SELECT person_id, "group", reoffended, (risk_score >= 7)::INTEGER AS flagged FROM ds_risk_scores',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(sql.getByText('scored: 240 rows × 4 columns')).toBeVisible();

  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption('ds_scored');
  // Its dataset card: roles guessed, then set as a user would.
  const card = page.locator('.dataset[data-dataset="ds_scored"]');
  await card.getByLabel('role of reoffended', { exact: true }).selectOption('label');
  await card.getByLabel('role of flagged', { exact: true }).selectOption('prediction');
  const estimate = overview.getByTestId('estimate');
  const accuracy = (cut: number) =>
    rows.filter((r) => (Number(r.risk_score) >= cut ? 1 : 0) === Number(r.reoffended)).length /
    rows.length;
  await expect(estimate).toHaveAttribute('data-value', String(accuracy(7)));

  // The SQL above changes: the dataset is built again with the same roles, and the overview follows.
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    'SELECT person_id, "group", reoffended, (risk_score >= 3)::INTEGER AS flagged FROM ds_risk_scores',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(estimate).toHaveAttribute('data-value', String(accuracy(3)));
});
