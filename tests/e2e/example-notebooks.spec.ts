import { seriousViolations } from './axe';
import type { Page } from '@playwright/test';
import { expect, expectAccuracies, openApp, overviewRows, settle, test, settled } from './fixtures';
import { EXPECTED, readRows, SAMPLES } from './samples-data';

/**
 * Each built-in sample opened from the start screen comes with its example notebook
 * (samples/notebooks/): every cell shows its result, and the numbers the notes point at are the
 * ones counted here from the sample's files with native DuckDB (no code from src/).
 */
test.describe.configure({ timeout: 120_000 });

/** What each kind of cell shows once it has its result. */
const RESULT: Record<string, string> = {
  overview: '[data-testid="overview"]',
  slice: '[data-testid="slice-table"]',
  fairness: '[data-testid="disparities"]',
  compare: '[data-testid="compare-table"], [data-testid="scores-table"]',
  robustness: '[data-testid="robustness-summary"]',
  calibration: '[data-testid="calibration-table"]',
  leaderboard: '[data-testid="leaderboard"]',
  cost: '[data-testid="cost-table"]',
  discover: '[data-testid="discover-table"]',
  audit: '[data-testid="audit-findings"]',
  represent: '[data-testid="reweighted"]',
  correlation: '[data-testid="fit"]',
  sql: 'table',
  baseline: '[data-testid="baseline-notes"]',
  markdown: '.markdown-rendered',
};

/** Opens a sample with its example notebook and waits until every cell shows its result. */
async function openExample(page: Page, id: string): Promise<void> {
  await openApp(page);
  await page.click(`[data-sample="${id}"]`);
  await settle(page);
  const cells = page.locator('.notebook .cell[data-cell-id]');
  await expect(cells.first()).toBeVisible();
  for (const cell of await cells.all()) {
    const kind = (await cell.getAttribute('data-kind'))!;
    await expect(cell.locator(RESULT[kind]).first(), `${kind} cell`).toBeVisible({
      timeout: 90_000,
    });
  }
  // The notebook's saved roles may rebuild a dataset after the first results are in, and its cells
  // run again: read once nothing runs or waits.
  await settled(page, { timeout: 90_000 });
  await expect(page.locator('.notebook .cell [role="alert"]')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Cells running' })).toHaveCount(0);
  // Cells out of view are not laid out (content-visibility): a picture of the top, and of the end.
  await page.screenshot({ path: `test-results/example-notebook-${id}.png` });
  await cells.last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test-results/example-notebook-${id}-end.png` });
}

const cellNamed = (page: Page, name: string) => page.locator(`.cell[data-cell="${name}"]`);

/**
 * A slice table's row (its n as shown, its value) against the same slice counted from the file:
 * the rows of `from` meeting `where`, and the mean of `value` over them.
 */
async function expectSlice(
  page: Page,
  [cell, model, slice]: [string, string, string],
  { from, value, where }: { from: string; value: string; where: string },
) {
  const [counted] = await readRows(
    `SELECT count(*)::INT AS n, avg(${value}) AS v FROM ${from} WHERE ${where}`,
  );
  const row = cellNamed(page, cell)
    .getByTestId('slice-table')
    .locator(`tr[data-model="${model}"][data-slice="${slice}"]`);
  const n = Number((await row.getByTestId('n').textContent())!.replace(/[^0-9]/g, ''));
  expect(n, `${model} ${slice}`).toBe(counted.n);
  const shown = Number(await row.getByTestId('value').getAttribute('data-value'));
  expect(shown, `${model} ${slice}`).toBeCloseTo(Number(counted.v), 9);
}

/** The overview cell's rows against per-model counts: n and the mean (or MAE) as data-value. */
async function expectOverview(page: Page, counts: Record<string, unknown>[], value: string) {
  const rows = await overviewRows(cellNamed(page, 'overview'));
  expect(rows.map((r) => r.model)).toEqual(counts.map((c) => String(c.model)).sort());
  for (const c of counts) {
    const row = rows.find((r) => r.model === c.model)!;
    expect(row.n, String(c.model)).toBe(Number(c.n));
    expect(row.estimate, String(c.model)).toBeCloseTo(Number(c[value]), 9);
  }
}

const S = SAMPLES;

test('loan sample: the example shows the 65+ rural slice, model vs model and fairness by sex', async ({
  page,
}) => {
  await openExample(page, 'loan-approval');
  const counts = await readRows(
    `SELECT model, count(*)::INT AS n, sum((prediction = label)::INT)::INT AS correct
     FROM '${S}loan-approval.parquet' GROUP BY model ORDER BY model`,
  );
  await expectAccuracies(
    cellNamed(page, 'overview'),
    Object.fromEntries(
      counts.map((c) => [c.model, { n: c.n as number, correct: c.correct as number }]),
    ),
  );
  await expectSlice(page, ['by_age_region', 'baseline-gbm', '65+ · rural'], {
    from: `'${S}loan-approval.parquet'`,
    value: '(prediction = label)::INT',
    where: "model = 'baseline-gbm' AND age_group = '65+' AND region = 'rural'",
  });
  await expect(
    cellNamed(page, 'baseline_vs_fair').getByTestId('compare-table').locator('tr[data-slice="*"]'),
  ).toContainText('10,000');
  await expect(cellNamed(page, 'fairness_by_sex').getByTestId('fairness-groups')).toContainText(
    'female',
  );
});

test('loan runs sample: the candidate better overall, worse in rural, and the cell says so', async ({
  page,
}) => {
  await openExample(page, 'loan-approval-runs');
  const runs = `(SELECT * FROM '${S}loan-approval.parquet' UNION ALL SELECT * FROM '${S}loan-approval-candidate.parquet')`;
  await expectOverview(
    page,
    await readRows(
      `SELECT model, count(*)::INT AS n, avg((prediction = label)::INT) AS accuracy FROM ${runs} GROUP BY 1`,
    ),
    'accuracy',
  );
  await expectSlice(page, ['by_run_region', 'fair-gbm', 'loan-approval-candidate · rural'], {
    from: `'${S}loan-approval-candidate.parquet'`,
    value: '(prediction = label)::INT',
    where: "model = 'fair-gbm' AND region = 'rural'",
  });
  const cell = cellNamed(page, 'against_last_release');
  const worse = cell.getByRole('table', { name: 'Worse' });
  await expect(worse.locator('tbody tr')).toHaveCount(1);
  const rural = worse.locator('tr[data-slice="region: rural"][data-model="fair-gbm"]');
  await expect(rural).toBeVisible();
  // fair-gbm's applicants in both files, paired on the id: n and each run's accuracy.
  const pairs = `FROM '${S}loan-approval.parquet' b
    JOIN '${S}loan-approval-candidate.parquet' c USING (example_id, model) WHERE model = 'fair-gbm'`;
  const paired = (where: string) =>
    readRows(
      `SELECT count(*)::INT AS n, avg((b.prediction = b.label)::INT) AS b,
         avg((c.prediction = c.label)::INT) AS c ${pairs} ${where}`,
    ).then(([row]) => row);
  const value = async (row: typeof rural, id: string) =>
    Number(await row.getByTestId(id).getAttribute('data-value'));
  for (const [row, counted] of [
    [rural, await paired("AND b.region = 'rural'")],
    [
      cell
        .getByRole('table', { name: 'Better' })
        .locator('tr[data-slice="overall"][data-model="fair-gbm"]'),
      await paired(''),
    ],
  ] as const) {
    expect(await value(row, 'n')).toBe(counted.n);
    expect(await value(row, 'baseline')).toBeCloseTo(Number(counted.b), 12);
    expect(await value(row, 'candidate')).toBeCloseTo(Number(counted.c), 12);
  }
});

test('corruption sample: accuracy per corruption and the robustness curves', async ({ page }) => {
  await openExample(page, 'corruption-robustness');
  const models = EXPECTED['corruption-robustness.parquet'].models;
  await expectAccuracies(cellNamed(page, 'overview'), models);
  await expectSlice(page, ['by_condition', 'resnet50', 'gaussian_noise'], {
    from: `'${S}corruption-robustness.parquet'`,
    value: '(prediction = label)::INT',
    where: "model = 'resnet50' AND condition = 'gaussian_noise'",
  });
  await cellNamed(page, 'robustness').scrollIntoViewIfNeeded();
  await expect(cellNamed(page, 'robustness').locator('svg').first()).toBeVisible();
  await expect(cellNamed(page, 'calibration').getByTestId('calibration-table')).toContainText(
    'resnet50',
  );
});

test('llm-eval sample: three files stacked, atlas-7b weak on math, a leaderboard and latency', async ({
  page,
}) => {
  await openExample(page, 'llm-eval');
  const files = `read_json_auto('${S}llm-eval/*.jsonl', filename = true)`;
  const model = `regexp_extract(filename, '([^/]+)\\.jsonl$', 1)`;
  await expectOverview(
    page,
    await readRows(
      `SELECT ${model} AS model, count(*)::INT AS n, avg(correct) AS mean FROM ${files} GROUP BY 1`,
    ),
    'mean',
  );
  await expectSlice(page, ['by_category', 'atlas-7b', 'math'], {
    from: `(SELECT ${model} AS model, question_id, correct FROM ${files})
      JOIN '${S}llm-eval/questions.csv' USING (question_id)`,
    value: 'correct',
    where: "model = 'atlas-7b' AND category = 'math'",
  });
  await expect(
    cellNamed(page, 'leaderboard').getByTestId('leaderboard').locator('tbody tr').first(),
  ).toHaveAttribute('data-model', 'atlas-70b');
});

test('house-prices sample: mean absolute error per model and the lakeside slice', async ({
  page,
}) => {
  await openExample(page, 'house-prices');
  const csv = `'${S}house-prices-wide.csv'`;
  const mae = (m: string) =>
    `SELECT '${m}' AS model, count(*)::INT AS n, avg(abs(pred_${m} - y_true)) AS mae FROM ${csv}`;
  await expectOverview(
    page,
    await readRows(['linear', 'boosted', 'knn'].map(mae).join(' UNION ALL ')),
    'mae',
  );
  await expectSlice(page, ['by_neighborhood', 'linear', 'lakeside'], {
    from: csv,
    value: 'abs(pred_linear - y_true)',
    where: "neighborhood = 'lakeside'",
  });
  await expect(
    cellNamed(page, 'where_linear_fails').getByTestId('discover-table').locator('tbody tr').first(),
  ).toContainText("neighborhood = 'lakeside'");
});

test('qa-five-models sample: the order flips on code and two models are tied at the top', async ({
  page,
}) => {
  await openExample(page, 'qa-five-models');
  const csv = `'${S}qa-five-models.csv'`;
  await expectOverview(
    page,
    await readRows(`SELECT model, count(*)::INT AS n, avg(correct) AS mean FROM ${csv} GROUP BY 1`),
    'mean',
  );
  await expectSlice(page, ['by_topic', 'lyra-34b-dpo', 'code'], {
    from: csv,
    value: 'correct',
    where: "model = 'lyra-34b-dpo' AND topic = 'code'",
  });
  await expect(cellNamed(page, 'leaderboard').getByTestId('tied-summary')).toContainText(
    'Best: kestrel-70b-v2. Not significantly different from it (q ≥ 0.05): kestrel-70b.',
  );
});

test('model-zoo sample: models per family and accuracy on the line', async ({ page }) => {
  await openExample(page, 'model-zoo');
  const families = await readRows(
    `SELECT family, count(*)::INT AS n FROM '${S}model-zoo.csv' GROUP BY 1`,
  );
  const rows = await cellNamed(page, 'by_family')
    .locator('table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
    );
  expect(Object.fromEntries(rows.map((r) => [r[0], Number(r[1])]))).toEqual(
    Object.fromEntries(families.map((f) => [f.family, f.n])),
  );
  const fits = EXPECTED['model-zoo.csv'].fits;
  for (const [cell, fit] of [
    ['v2_on_the_line', fits.imagenetv2_probit],
    ['sketch_on_the_line', fits.sketch_probit],
  ] as const)
    expect(
      Number(await cellNamed(page, cell).getByTestId('fit').getAttribute('data-r')),
    ).toBeCloseTo(fit.r, 6);
});

test('mcq-audit sample: accuracies per subject and the 24 suspect golds', async ({ page }) => {
  await openExample(page, 'mcq-audit');
  const csv = `'${S}mcq-audit.csv'`;
  await expectAccuracies(cellNamed(page, 'overview'), EXPECTED['mcq-audit.csv'].models);
  await expectSlice(page, ['by_subject', 'sage-70b', 'math'], {
    from: csv,
    value: '(pred = gold)::INT',
    where: "model = 'sage-70b' AND subject = 'math'",
  });
  const [suspects] = await readRows(
    `SELECT count(*)::INT AS n FROM (SELECT item_id FROM ${csv} GROUP BY item_id
     HAVING count(DISTINCT pred) = 1 AND count(DISTINCT gold) = 1 AND any_value(pred) <> any_value(gold))`,
  );
  await expect(
    cellNamed(page, 'audit').locator('tr[data-finding="suspect gold"] [data-testid="examples"]'),
  ).toHaveAttribute('data-value', String(suspects.n));
});

test('street-scenes sample: night is the weak slice and the ranking flips under production', async ({
  page,
}) => {
  await openExample(page, 'street-scenes');
  const test_ = `'${S}street-scenes.parquet'`;
  const log = `'${S}street-scenes-production.csv'`;
  await expectAccuracies(cellNamed(page, 'overview'), EXPECTED['street-scenes'].models);
  await expectSlice(page, ['by_time_of_day', 'sharp-v3', 'night'], {
    from: test_,
    value: '(prediction = label)::INT',
    where: "model = 'sharp-v3' AND time_of_day = 'night'",
  });
  // Post-stratified by hand: each time of day's accuracy weighted by its share of the log.
  const target = await readRows(
    `WITH acc AS (SELECT model, time_of_day, avg((prediction = label)::INT) AS a FROM ${test_} GROUP BY ALL),
     mix AS (SELECT time_of_day, count(*) / sum(count(*)) OVER () AS share FROM ${log} GROUP BY ALL)
     SELECT model, sum(a * share) AS accuracy FROM acc JOIN mix USING (time_of_day) GROUP BY model`,
  );
  const reweighted = cellNamed(page, 'under_production').getByTestId('reweighted');
  for (const t of target)
    expect(
      Number(
        await reweighted
          .locator(`tr[data-model="${t.model}"] [data-testid="target"]`)
          .getAttribute('data-value'),
      ),
      String(t.model),
    ).toBeCloseTo(Number(t.accuracy), 12);
});

test('a notebook of your own is kept: the example is offered, opens on request, and Undo brings yours back', async ({
  page,
}) => {
  await openApp(page);
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: '+ Markdown' })
    .click();
  await page.getByLabel('Markdown of note_1').fill('My own notes');
  await page.click('[data-sample="street-scenes"]');
  await settle(page);
  const offer = page.getByRole('region', { name: 'Example notebook' });
  await expect(offer).toContainText('Your notebook was kept');
  await expect(page.locator('.notebook .cell[data-cell-id]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/example-notebook-offer.png' });

  await offer.getByRole('button', { name: 'Open the example notebook' }).click();
  await expect(offer).toHaveCount(0);
  await expect(cellNamed(page, 'under_production').getByTestId('reweighted')).toBeVisible({
    timeout: 90_000,
  });
  await page.getByRole('button', { name: 'Recent…' }).click();
  await expect(page.getByRole('region', { name: 'Recent notebooks' })).toContainText(
    '1 cells · replaced by “Example: the test set and the traffic it will face”',
  );
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.notebook .cell[data-cell-id]')).toHaveCount(1);
  await expect(cellNamed(page, 'note_1')).toContainText('My own notes');
});

test('the example comes back after a reload with your edits, and opening its sample again keeps it', async ({
  page,
}) => {
  await openApp(page);
  await page.click('[data-sample="model-zoo"]');
  await settle(page);
  await expect(cellNamed(page, 'sketch_on_the_line').getByTestId('fit')).toBeVisible();
  const title = page.getByLabel('Notebook title');
  await title.fill('My zoo');
  await expect(page.getByText('autosaved')).toBeVisible();
  const cells = page.locator('.notebook .cell[data-cell-id]');
  const count = await cells.count();

  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await expect(title).toHaveValue('My zoo');
  await page.click('[data-sample="model-zoo"]');
  await settle(page);
  await expect(title).toHaveValue('My zoo');
  await expect(cells).toHaveCount(count);
  await expect(page.getByRole('region', { name: 'Example notebook' })).toHaveCount(0);
  await expect(cellNamed(page, 'sketch_on_the_line').getByTestId('fit')).toBeVisible();
});

test('axe finds no serious or critical violation on an example notebook', async ({ page }) => {
  await openExample(page, 'loan-approval');
  // Every rule, scroll boxes included: wide tables' boxes take the focus (ui/focusable-scroll.ts).
  expect(await seriousViolations(page)).toEqual([]);
});

test("an example nobody edited gives way to another sample's without asking", async ({ page }) => {
  await openApp(page);
  // Both examples have a cell named overview: only their ids (sample/cell) tell them apart.
  await page.click('[data-sample="house-prices"]');
  await settle(page);
  const title = page.getByLabel('Notebook title');
  await expect(title).toHaveValue('Example: house price models and their errors');
  await expect(page.locator('.toolbar .saved')).toHaveText('autosaved');
  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await page.click('[data-sample="street-scenes"]');
  await settle(page);
  await expect(title).toHaveValue('Example: the test set and the traffic it will face');
  await expect(page.getByRole('region', { name: 'Example notebook' })).toHaveCount(0);
  await expect(cellNamed(page, 'under_production').getByTestId('reweighted')).toBeVisible({
    timeout: 90_000,
  });
});
