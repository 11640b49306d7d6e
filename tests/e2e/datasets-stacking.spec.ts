import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  addCell,
  expect,
  loadFiles,
  openApp,
  overviewRows,
  settle,
  test,
  settled,
} from './fixtures';
import { readCsvObjects } from './reference';

/**
 * Issue 17, how files become datasets: stacking by column name, the model named from what differs
 * between the files (their folder, or a column constant within each file), composite example ids,
 * and a new file that is offered rather than added to a dataset cells use. Fixtures:
 * tests/fixtures/datasets/generate.mjs.
 */
const FIXTURES = new URL('../fixtures/datasets/', import.meta.url).pathname;
const HUMANS = [1, 2].flatMap((s) =>
  [1, 2].map((n) => `${FIXTURES}trials/human/contrast_subject-0${s}_session-${n}.csv`),
);
const NETWORKS = ['resnet50', 'vit-b16', 'bagnet33'].map(
  (m) => `${FIXTURES}trials/networks/contrast_${m}.csv`,
);
test.describe.configure({ timeout: 150_000 });

async function openFolder(page: Page, folder: string) {
  const jobs = page.locator('.job');
  const before = await jobs.count();
  await page.setInputFiles('[data-testid="folder-input"]', folder);
  await expect(jobs).not.toHaveCount(before, { timeout: 60_000 });
  await settle(page);
}

test('three same-named per-model files in model folders: one dataset, the model from the folder', async ({
  page,
}) => {
  await openApp(page);
  await openFolder(page, `${FIXTURES}results`);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset[data-dataset="ds_out"]');
  await expect(dataset.locator('h2')).toContainText('results/*/default/out.json (3 files)');
  const files = dataset.getByTestId('stacked-files');
  for (const [model, lacks] of [
    ['model-a', 'meta.cached'],
    ['model-b', 'meta.cached'],
    ['model-c', '—'],
  ]) {
    const row = files.locator(`tr[data-file="results/${model}/default/out.json"]`);
    await expect(row.locator('td').nth(1)).toHaveText(model);
    await expect(row.locator('td').nth(2)).toHaveText(lacks);
  }
  // Accuracy per model by hand, from each file.
  const shown = await overviewRows(dataset);
  expect(shown.map((r) => r.model)).toEqual(['model-a', 'model-b', 'model-c']);
  for (const row of shown) {
    const records = JSON.parse(
      readFileSync(`${FIXTURES}results/${row.model}/default/out.json`, 'utf8'),
    ) as { answer: string; prediction: string }[];
    expect(row.n).toBe(records.length);
    expect(row.estimate).toBeCloseTo(
      records.filter((r) => r.answer === r.prediction).length / records.length,
      12,
    );
  }
  await dataset.screenshot({ path: 'test-results/datasets-model-folders.png' });

  // Split the stack: a dataset per file; undo stacks them again.
  await dataset.getByRole('button', { name: 'Split into one dataset per file' }).click();
  await expect(page.locator('.dataset')).toHaveCount(3);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.dataset')).toHaveCount(1);
  await expect(dataset.getByTestId('stacked-files').locator('tbody tr')).toHaveCount(3);
});

test('human and network per-trial files with different columns, stacked by name, on one robustness curve', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [...HUMANS, ...NETWORKS]);
  const humans = page.locator('.dataset[data-dataset="ds_contrast_subject_01_session_1"]');
  // Not stacked on their own: the networks' files are named with the columns that differ.
  await expect(humans.getByTestId('left-out')).toHaveCount(3);
  await expect(humans.getByTestId('left-out').first()).toContainText(
    'contrast_resnet50.csv: it has 12 columns "p_airplane", "p_bear"',
  );
  await expect(humans.getByTestId('left-out').first()).toContainText(
    'it lacks 2 columns "time", "rt"',
  );
  await humans.getByLabel('Dataset to stack with').selectOption('ds_contrast_resnet50');
  await humans.getByRole('button', { name: 'Stack by column name' }).click();
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset[data-dataset="ds_contrast_subject_01_session_1"]');
  await expect(dataset.getByLabel('role of subj', { exact: true })).toHaveValue('model');
  await expect(dataset.locator('tr[data-column="subj"] .reason')).toContainText(
    'constant within each file and different between them: 5 values over 7 files',
  );
  await expect(dataset.getByLabel('role of condition', { exact: true })).toHaveValue('severity');

  const cell = await addCell(page, 'Robustness');
  await expect(cell.getByRole('combobox').first()).toHaveValue('ds_contrast_subject_01_session_1');
  await expect(cell.getByTestId('order-used')).toHaveText(
    'c100 → c50 → c30 → c15 → c10 → c05 → c03 → c01',
  );
  await expect(cell.getByTestId('robustness-meta')).toContainText('5 models on 1 condition');
  await settled(page);
  const rows = [...HUMANS, ...NETWORKS].flatMap(readCsvObjects);
  const accuracy = (model: string, level: string) => {
    const mine = rows.filter((r) => r.subj === model && r.condition === level);
    return mine.filter((r) => r.object_response === r.category).length / mine.length;
  };
  const summary = cell.getByTestId('robustness-summary');
  for (const model of ['subject-01', 'subject-02', 'resnet50', 'vit-b16', 'bagnet33']) {
    const row = summary.locator(`tr[data-model="${model}"]`);
    expect(Number(await row.getByTestId('start').getAttribute('data-value'))).toBeCloseTo(
      accuracy(model, 'c100'),
      12,
    );
    expect(Number(await row.getByTestId('worst').getAttribute('data-value'))).toBeCloseTo(
      accuracy(model, 'c01'),
      12,
    );
  }
  // A line per model and one (dashed) for the models pooled.
  const lines = cell.locator('.chart').first().locator('g.mark-line path');
  await expect(lines).toHaveCount(5 + 1);
  await expect(
    cell.locator('.chart').first().locator('g.mark-line path[stroke-dasharray]'),
  ).toHaveCount(1);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/datasets-humans-networks.png' });

  // The user picks the other reading: each file its own model (a session per subject), the
  // observer then a group feature; the curves follow.
  await page.getByRole('button', { name: 'Show data' }).click();
  await dataset.getByLabel('role of file', { exact: true }).selectOption('model');
  await expect(dataset.getByLabel('role of subj', { exact: true })).toHaveValue('group');
  await expect(cell.getByTestId('robustness-meta')).toContainText('7 models on 1 condition');
  await expect(lines).toHaveCount(7 + 1);
});

test('a composite id, file + example_id, pairs the compare cell one to one', async ({ page }) => {
  await openApp(page);
  const files = ['age', 'gender', 'race'].map((c) => `${FIXTURES}bbq/${c}.csv`);
  await loadFiles(page, files);
  const dataset = page.locator('.dataset[data-dataset="ds_age"]');
  await expect(dataset.getByTestId('id-repeats')).toContainText(
    'The example id "example_id" is not unique within a model: 40 (model, example_id) combinations occur more than once (120 rows)',
  );
  const id = dataset.getByTestId('example-id');
  await id.getByLabel('file').check();
  await id.getByLabel('example_id').uncheck();
  await id.getByLabel('example_id').check();
  await id.getByRole('button', { name: 'Use file + example_id as the example id' }).click();
  await expect(dataset.getByTestId('id-repeats')).toHaveCount(0);
  await expect(id.getByTestId('id-unique')).toHaveText('(unique within each model)');
  await expect(dataset.getByLabel('role of file+example_id', { exact: true })).toHaveValue('id');

  const cell = await addCell(page, 'Model vs model');
  await expect(cell.getByRole('combobox').first()).toHaveValue('ds_age');
  const overall = cell.getByTestId('compare-table').locator('tr[data-slice="*"]');
  let [b, c] = [0, 0];
  for (const file of files) {
    const rows = readCsvObjects(file);
    for (const large of rows.filter((r) => r.model === 'unifiedqa-large')) {
      const small = rows.find(
        (r) => r.model === 'unifiedqa-small' && r.example_id === large.example_id,
      )!;
      const [l, s] = [large.prediction === large.label, small.prediction === small.label];
      if (l && !s) b++;
      if (!l && s) c++;
    }
  }
  await expect(overall.getByTestId('n')).toHaveText('60');
  await expect(overall.getByTestId('b')).toHaveAttribute('data-value', String(b));
  await expect(overall.getByTestId('c')).toHaveAttribute('data-value', String(c));
});

test('a new file that fits a dataset cells use is offered, naming the cells, and the choice can be undone', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, HUMANS.slice(0, 3));
  const dataset = page.locator('.dataset[data-dataset="ds_contrast_subject_01_session_1"]');
  await expect(dataset.getByTestId('stacked-files').locator('tbody tr')).toHaveCount(3);
  const overview = await addCell(page, 'Overview');
  await expect(overview.getByRole('combobox')).toHaveValue('ds_contrast_subject_01_session_1');
  await expect(overview.getByTestId('n').first()).toBeVisible();

  await loadFiles(page, HUMANS.slice(3));
  const offer = page.getByTestId('stack-offer');
  await expect(offer).toContainText(
    'trials/human/contrast_subject-02_session-2.csv'.split('/').pop()!,
  );
  await expect(offer).toContainText('Stacking it would change the cell overview_1');
  await expect(dataset.getByTestId('stacked-files').locator('tbody tr')).toHaveCount(3);
  await expect(page.locator('.dataset')).toHaveCount(2);

  await offer.getByRole('button', { name: 'Stack into ds_contrast_subject_01_session_1' }).click();
  await expect(dataset.getByTestId('stacked-files').locator('tbody tr')).toHaveCount(4);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const all = HUMANS.flatMap(readCsvObjects);
  const s2 = all.filter((r) => r.subj === 'subject-02');
  await expect(overview.locator('tr[data-model="subject-02"] [data-testid="n"]')).toContainText(
    String(s2.length),
  );

  await expect(offer).toHaveCount(0);

  // Undo takes the choice back: the file is apart again, and offered again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(dataset.getByTestId('stacked-files').locator('tbody tr')).toHaveCount(3);
  await expect(page.locator('.dataset')).toHaveCount(2);
  await expect(offer).toContainText('Stacking it would change the cell overview_1');
  await offer.getByRole('button', { name: 'Keep it apart' }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.locator('.dataset')).toHaveCount(2);
});

test('a stack of files that share no role columns is refused, naming the files', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [`${FIXTURES}risk-scores.csv`, `${FIXTURES}testbed.csv`]);
  const risk = page.locator('.dataset[data-dataset="ds_risk_scores"]');
  await risk.getByText('Built from 1 file').click();
  await risk.getByLabel('Dataset to stack with').selectOption('ds_testbed');
  await risk.getByRole('button', { name: 'Stack by column name' }).click();
  await expect(risk.getByTestId('stack-error')).toContainText(
    'Cannot stack risk-scores.csv (id:person_id), testbed.csv (model:model): they share no label, prediction, outcome, id or model column',
  );
  await expect(page.locator('.dataset')).toHaveCount(2);
});
