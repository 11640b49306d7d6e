import type { Locator, Page } from '@playwright/test';
import {
  SHARED,
  addCell,
  expect,
  loadFiles,
  openApp,
  openSample,
  test,
  skipWithoutShared,
} from './fixtures';
import {
  benjaminiHochberg,
  newcombe,
  pooledZTest,
  readCsvObjects,
  wilson,
  type Tally,
} from './reference';
import { EXPECTED, SAMPLES, loanRows, readRows } from './samples-data';

test.describe.configure({ timeout: 120_000 });

const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;

async function addSliceTable(page: Page, dataset: string, features: string[]): Promise<Locator> {
  const cell = await addCell(page, 'Slice table');
  await cell.getByRole('combobox').first().selectOption(dataset);
  for (const [i, feature] of features.entries())
    await cell.getByLabel(`Feature ${i + 1}`).selectOption(feature);
  return cell;
}

/** Every row of a slice table as the page shows it, read in one go. */
function shownSlices(table: Locator) {
  return table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const value = (testId: string) =>
        Number(tr.querySelector(`[data-testid="${testId}"]`)!.getAttribute('data-value'));
      const [interval, difference] = [...tr.querySelectorAll('td.interval')].map((td) => [
        Number(td.getAttribute('data-low')),
        Number(td.getAttribute('data-high')),
      ]);
      return {
        key: `${tr.getAttribute('data-model')}|${tr.getAttribute('data-slice')}`,
        n: tr.querySelector('[data-testid="n"]')!.textContent!,
        value: value('value'),
        interval,
        difference: value('difference'),
        differenceInterval: difference,
        p: value('p'),
        q: value('q'),
      };
    }),
  );
}
type ShownSlice = Awaited<ReturnType<typeof shownSlices>>[number];

/**
 * A slice's accuracy against counts by hand (`successes` right of `n`): n, the rate and its Wilson
 * interval, the difference to the rest of the same model's rows and its Newcombe interval.
 */
function expectSlice(shown: ShownSlice, slice: Tally, all: Tally) {
  const rest = { n: all.n - slice.n, successes: all.successes - slice.successes };
  const where = shown.key;
  expect(shown.n, where).toBe(slice.n.toLocaleString('en-US'));
  expect(shown.value, where).toBeCloseTo(slice.successes / slice.n, 12);
  const [low, high] = wilson(slice.successes, slice.n);
  expect(shown.interval[0], where).toBeCloseTo(low, 10);
  expect(shown.interval[1], where).toBeCloseTo(high, 10);
  expect(shown.difference, where).toBeCloseTo(
    slice.successes / slice.n - rest.successes / rest.n,
    12,
  );
  const [dLow, dHigh] = newcombe(slice.successes, slice.n, rest.successes, rest.n);
  expect(shown.differenceInterval[0], where).toBeCloseTo(dLow, 10);
  expect(shown.differenceInterval[1], where).toBeCloseTo(dHigh, 10);
}

function count(tally: Map<string, Tally>, key: string, success: boolean) {
  const t = tally.get(key) ?? { n: 0, successes: 0 };
  t.n++;
  if (success) t.successes++;
  tally.set(key, t);
}

test('loan sample: accuracy by age group × region per model; the planted slice comes first by q', async ({
  page,
}) => {
  // By hand from the file: per model and slice, and per model.
  const tally = new Map<string, Tally>();
  for (const r of await loanRows()) {
    count(tally, `${r.model}|${r.age_group} · ${r.region}`, r.prediction === r.label);
    count(tally, `${r.model}|*`, r.prediction === r.label);
  }
  const planted = 'baseline-gbm|65+ · rural';
  const models = EXPECTED['loan-approval.parquet'].models;
  expect(tally.get(planted)).toEqual({
    n: models['baseline-gbm'].slice.n,
    successes: models['baseline-gbm'].slice.n - models['baseline-gbm'].slice.errors,
  });

  await openSample(page, 'loan-approval');
  const cell = await addSliceTable(page, 'ds_loan_approval', ['age_group', 'region']);
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(2 * 4 * 5);

  const shown = await shownSlices(table);
  const slices = shown.map((row) => {
    const slice = tally.get(row.key)!;
    const all = tally.get(`${row.key.split('|')[0]}|*`)!;
    expectSlice(row, slice, all);
    const rest = { n: all.n - slice.n, successes: all.successes - slice.successes };
    // The z test applies (the app takes Fisher's exact test below an expected count of 5).
    const errors = all.n - all.successes;
    expect((Math.min(slice.n, rest.n) * Math.min(errors, all.successes)) / all.n).toBeGreaterThan(
      5,
    );
    return pooledZTest(slice.successes, slice.n, rest.successes, rest.n);
  });
  // Benjamini-Hochberg across the 40 rows on screen.
  const qs = benjaminiHochberg(slices);
  shown.forEach((row, i) => {
    expect(Math.log(row.p), row.key).toBeCloseTo(Math.log(slices[i]), 6);
    expect(Math.log(row.q), row.key).toBeCloseTo(Math.log(qs[i]), 6);
  });

  // Sorting by q puts the planted slice of the baseline first.
  await table.getByRole('button', { name: 'q (BH)' }).click();
  const first = table.locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-model', 'baseline-gbm');
  await expect(first).toHaveAttribute('data-slice', '65+ · rural');
  await cell.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(cell.locator('svg .mark-symbol.role-mark path')).toHaveCount(40);

  // Its rows and confusion matrix: 332 applicants, 169 of them right.
  await first.click();
  const drill = cell.locator('.drill-down');
  const { n, successes } = tally.get(planted)!;
  await expect(drill.getByText(`${n} rows`)).toBeVisible();
  const sum = async (selector: string) =>
    (await drill.getByTestId('confusion').locator(selector).allTextContents())
      .map((c) => Number(c.replace(/,/g, '')))
      .reduce((a, b) => a + b, 0);
  expect(await sum('tbody td.count')).toBe(n);
  expect(await sum('td.diagonal')).toBe(successes);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/slice-table-loan.png' });

  // "Add as filter" restricts every analysis to the slice: a row per model.
  await drill.getByRole('button', { name: 'Add as filter' }).click();
  await expect(page.getByLabel('Global filter (SQL condition)')).toHaveValue(
    /"age_group".*'65\+'.*"region".*'rural'/,
  );
  await expect(table.locator('tbody tr')).toHaveCount(2);
});

test('corruption sample, drill-down: the confusion matrix lists classes 0-9 in one order on both axes, with totals by label and by prediction', async ({
  page,
}) => {
  // By hand from the file: resnet50 under gaussian noise, rows per label and per prediction.
  const rows = await readRows(
    `SELECT label, prediction FROM '${SAMPLES}corruption-robustness.parquet' WHERE model = 'resnet50' AND condition = 'gaussian_noise'`,
  );
  const byPrediction = new Map<string, number>();
  const byLabel = new Map<string, number>();
  for (const r of rows) {
    byPrediction.set(String(r.prediction), (byPrediction.get(String(r.prediction)) ?? 0) + 1);
    byLabel.set(String(r.label), (byLabel.get(String(r.label)) ?? 0) + 1);
  }
  const classes = Array.from({ length: 10 }, (_, i) => String(i));
  expect([...byLabel.keys()].sort()).toEqual(classes);

  await openSample(page, 'corruption-robustness');
  const cell = await addSliceTable(page, 'ds_corruption_robustness', ['condition']);
  // Models in natural order: vit-b16 and resnet50 hold numbers but differ in more than that.
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(3 * 16);
  const models = await table
    .locator('tbody tr')
    .evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-model')))]);
  expect(models).toEqual(['augmix-resnet50', 'resnet50', 'vit-b16']);
  const row = cell.locator('tr[data-model="resnet50"][data-slice="gaussian_noise"]');
  await row.click();
  const matrix = cell.locator('.drill-down').getByTestId('confusion');
  await expect(matrix.getByTestId('grand-total')).toHaveText(rows.length.toLocaleString('en-US'));
  const text = (locator: string) => matrix.locator(locator).allTextContents();
  const number = (c: string) => Number(c.replace(/,/g, ''));
  expect(await text('thead th[scope="col"]')).toEqual(['label \\ prediction', ...classes, 'total']);
  expect(await text('tbody th[scope="row"]')).toEqual(classes);
  // The diagonal runs corner to corner: cell (i, i) of every row.
  const diagonal = await matrix
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr, i) => tr.querySelectorAll('td')[i].classList.contains('diagonal')),
    );
  expect(diagonal).toEqual(classes.map(() => true));
  expect((await text('[data-testid="prediction-total"]')).map(number)).toEqual(
    classes.map((c) => byPrediction.get(c) ?? 0),
  );
  expect((await text('[data-testid="label-total"]')).map(number)).toEqual(
    classes.map((c) => byLabel.get(c) ?? 0),
  );
  // The matrix scrolls inside its cell: the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await matrix.scrollIntoViewIfNeeded();
  await cell.screenshot({ path: 'test-results/slice-drill-down-confusion.png' });
});

test('MMLU-Pro: accuracy by category per model with intervals, differences to the rest and q-values', async ({
  page,
}) => {
  skipWithoutShared(MMLU);
  await openApp(page);
  await loadFiles(page, [MMLU]);
  const cell = await addSliceTable(page, 'ds_mmlu_pro_4models_long', ['category']);
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(56);

  // By hand: per model and category, right = pred equals answer (an empty pred is wrong).
  const tally = new Map<string, Tally>();
  for (const r of readCsvObjects(MMLU)) {
    const right = r.pred !== '' && r.pred === r.answer;
    count(tally, `${r.model}|${r.category}`, right);
    count(tally, `${r.model}|*`, right);
  }
  const shown = new Map((await shownSlices(table)).map((row) => [row.key, row]));
  for (const key of [
    'Llama-2-7b-hf|math',
    'Meta-Llama-3_1-70B-Instruct|law',
    'Mistral-7B-v0.1|biology',
  ]) {
    const row = shown.get(key)!;
    expectSlice(row, tally.get(key)!, tally.get(`${key.split('|')[0]}|*`)!);
    expect(row.q).toBeGreaterThanOrEqual(row.p);
  }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/slice-table-mmlu.png' });

  // Drill down: the slice's examples and its confusion matrix, whose counts add up to n.
  await table.locator('tr[data-model="Llama-2-7b-hf"][data-slice="math"]').click();
  const drill = cell.locator('.drill-down');
  const math = tally.get('Llama-2-7b-hf|math')!;
  await expect(drill.getByText(`${math.n.toLocaleString('en-US')} rows`)).toBeVisible();
  const diagonal = await drill.getByTestId('confusion').locator('td.diagonal').allTextContents();
  expect(diagonal.map((c) => Number(c.replace(/,/g, ''))).reduce((a, b) => a + b, 0)).toBe(
    math.successes,
  );
  await cell.screenshot({ path: 'test-results/slice-drill-down.png' });
  await drill.getByRole('button', { name: 'Add as filter' }).click();
  await expect(page.getByLabel('Global filter (SQL condition)')).toHaveValue(
    `CAST("category" AS VARCHAR) = 'math'`,
  );
  await expect(table.locator('tbody tr')).toHaveCount(4);
});

test('loan sample: accuracy, FPR and TPR side by side per region, each with its Wilson interval', async ({
  page,
}) => {
  const rows = await loanRows();
  await openSample(page, 'loan-approval');
  const cell = await addSliceTable(page, 'ds_loan_approval', ['region']);
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await cell.getByText('More metrics').click();
  await cell.getByRole('checkbox', { name: 'false positive rate' }).check();
  await cell.getByRole('checkbox', { name: 'true positive rate' }).check();
  await expect(table.locator('thead th[data-metric]')).toHaveText([
    'false positive rate',
    'true positive rate',
  ]);
  await expect(table.locator('td[data-metric="tpr"]')).toHaveCount(10);
  for (const model of ['baseline-gbm', 'fair-gbm'])
    for (const region of ['north', 'south', 'east', 'west', 'rural']) {
      const mine = rows.filter((r) => r.model === model && r.region === region);
      const negatives = mine.filter((r) => r.label === 0);
      const positives = mine.filter((r) => r.label === 1);
      const row = table.locator(`tr[data-model="${model}"][data-slice="${region}"]`);
      for (const [metric, hits, of] of [
        ['fpr', negatives.filter((r) => r.prediction === 1).length, negatives.length],
        ['tpr', positives.filter((r) => r.prediction === 1).length, positives.length],
      ] as const) {
        const td = row.locator(`td[data-metric="${metric}"]`);
        const read = async (a: string) => Number(await td.getAttribute(a));
        expect(await read('data-value'), `${metric} ${model} ${region}`).toBeCloseTo(hits / of, 12);
        const [low, high] = wilson(hits, of);
        expect(await read('data-low')).toBeCloseTo(low, 10);
        expect(await read('data-high')).toBeCloseTo(high, 10);
      }
      // The first metric keeps its own columns.
      const accuracy = mine.filter((r) => r.prediction === r.label).length / mine.length;
      expect(Number(await row.getByTestId('value').getAttribute('data-value'))).toBeCloseTo(
        accuracy,
        12,
      );
    }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/slice-more-metrics.png' });
});
