import { existsSync, readFileSync, readdirSync } from 'node:fs';
import {
  SHARED,
  expect,
  loadFiles,
  openApp,
  overviewRows,
  expectRole,
  test,
  type ShownRow,
} from './fixtures';
import { meanAndSd, parseCsv, readCsvObjects, tallyBy, wilson, type Tally } from './reference';

/** The real, messy dumps in ../shared/datasets (see its README). Counted by hand in reference.ts. */
test.skip(
  !existsSync(SHARED),
  `../shared/datasets is absent on this machine (looked in ${SHARED})`,
);

function expectAccuracies(rows: ShownRow[], tallies: Map<string, Tally>) {
  expect(rows.map((r) => r.model)).toEqual([...tallies.keys()].sort());
  for (const row of rows) {
    const t = tallies.get(row.model)!;
    expect(row.n, row.model).toBe(t.n);
    expect(row.estimate, row.model).toBeCloseTo(t.successes / t.n, 12);
    const [low, high] = wilson(t.successes, t.n);
    expect(row.low).toBeCloseTo(low, 10);
    expect(row.high).toBeCloseTo(high, 10);
  }
}

test('MMLU-Pro long dump: roles, and accuracy per model with unparsable answers counted wrong', async ({
  page,
}) => {
  const path = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;
  await openApp(page);
  await loadFiles(page, [path]);
  const dataset = page.locator('.dataset').first();
  await expect(dataset.getByTestId('task')).toHaveText('multiclass classification');
  const roles = {
    model: 'model',
    question_id: 'id',
    answer: 'label',
    pred: 'prediction',
    category: 'group',
    correct: 'outcome',
  };
  for (const [column, role] of Object.entries(roles)) await expectRole(dataset, column, role);
  const rows = readCsvObjects(path);
  const byHand = tallyBy(
    rows,
    (r) => r.model,
    () => true,
    (r) => r.pred !== '' && r.pred === r.answer,
  );
  expectAccuracies(await overviewRows(dataset), byHand);
  // The file's own `correct` column agrees with the count by hand.
  const fromFile = tallyBy(
    rows,
    (r) => r.model,
    () => true,
    (r) => r.correct === '1',
  );
  for (const [model, t] of byHand) expect(fromFile.get(model)!.successes).toBe(t.successes);
  await dataset.screenshot({ path: 'test-results/mmlu-pro-overview.png' });
});

test('RobustBench table with a two-row header is reshaped to model x condition x severity', async ({
  page,
}) => {
  const path = `${SHARED}robustbench-corruptions/cifar10c_unaggregated_results.csv`;
  await openApp(page);
  await loadFiles(page, [path]);
  const dataset = page.locator('.dataset').first();
  const [conditions, severities, ...data] = parseCsv(readFileSync(path, 'utf8')).filter(
    (r) => r.length > 1,
  );
  await expect(
    dataset.getByText('Two-row header (15 conditions x 5 levels) reshaped'),
  ).toBeVisible();
  await expect(dataset.getByTestId('dataset-rows')).toHaveText(
    (data.length * 75).toLocaleString('en-US'),
  );
  expect(conditions.length).toBe(76);
  expect(severities.slice(1, 6)).toEqual(['1', '2', '3', '4', '5']);
  for (const [column, role] of Object.entries({
    model: 'model',
    condition: 'condition',
    severity: 'severity',
    value: 'outcome',
  })) {
    await expectRole(dataset, column, role);
  }
  const rows = await overviewRows(dataset);
  expect(rows.length).toBe(data.length);
  for (const [model, ...values] of data) {
    const shown = rows.find((r) => r.model === model)!;
    const { mean, sd } = meanAndSd(values.map(Number));
    expect(shown.n).toBe(75);
    expect(shown.estimate).toBeCloseTo(mean, 12);
    // t(0.975, 74) = 1.99254 (published tables)
    expect(shown.high - shown.estimate).toBeCloseTo((1.99254 * sd) / Math.sqrt(75), 5);
  }
  await page.screenshot({ path: 'test-results/robustbench-reshaped.png', fullPage: true });
});

test('Aequitas dumps: empty first header is the example id, 0/1 score is the decision, empty labels left out', async ({
  page,
}) => {
  const nyc = `${SHARED}aequitas/nyc_sqf_for_aequitas_4models.csv`;
  const adult = `${SHARED}aequitas/adult_rf_binary.csv`;
  await openApp(page);
  await loadFiles(page, [nyc, adult]);
  const nycSet = page.locator('.dataset[data-dataset="ds_nyc_sqf_for_aequitas_4models"]');
  await expectRole(nycSet, 'column0', 'id');
  await expectRole(nycSet, 'score', 'prediction');
  await expectRole(nycSet, 'label_value', 'label');
  await expectRole(nycSet, 'model_id', 'model');
  const nycRows = readCsvObjects(nyc);
  const nycTally = tallyBy(
    nycRows,
    (r) => r.model_id,
    (r) => r.label_value !== '',
    (r) => Number(r.score) === Number(r.label_value),
  );
  expectAccuracies(await overviewRows(nycSet), nycTally);
  await expect(nycSet.getByText('(+12 left out)')).toHaveCount(4);

  const adultSet = page.locator('.dataset[data-dataset="ds_adult_rf_binary"]');
  const adultTally = tallyBy(
    readCsvObjects(adult),
    () => 'all rows',
    () => true,
    (r) => Number(r.score) === Number(r.label_value),
  );
  expectAccuracies(await overviewRows(adultSet), adultTally);
  await expect(adultSet.getByText('polarity may be inverted')).toBeVisible();
});

test('BBQ nested JSONL: six files stacked, three prediction columns unpivoted, answer text matched to options', async ({
  page,
}) => {
  const folder = `${SHARED}bbq-unifiedqa/`;
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => folder + f);
  await openApp(page);
  await loadFiles(page, files);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expectRole(dataset, 'label', 'label');
  await expectRole(dataset, 'prediction', 'prediction');
  await expectRole(dataset, 'model', 'model');
  const tallies = new Map<string, Tally>();
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())) {
      const r = JSON.parse(line);
      for (const model of ['race', 'arc', 'qonly']) {
        const text = String(r[`unifiedqa-t5-11b_pred_${model}`]).trim().toLowerCase();
        const chosen = [r.ans0, r.ans1, r.ans2].findIndex(
          (a: string) => a.trim().toLowerCase() === text,
        );
        const t = tallies.get(model) ?? { n: 0, successes: 0 };
        t.n++;
        if (chosen === r.label) t.successes++;
        tallies.set(model, t);
      }
    }
  }
  expectAccuracies(await overviewRows(dataset), tallies);
});
