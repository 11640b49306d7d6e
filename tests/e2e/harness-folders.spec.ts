import { expect, expectAccuracies, openApp, pick, test } from './fixtures';
import {
  HARNESS_FIXTURES,
  perModelHandCounts,
  perTrialHandCounts,
  rowsUnderKeyHandCounts,
  zipHandCounts,
} from '../helpers/harness-counts';

/**
 * Issue 19: per-model folders (the model and config only in the path), a benchmark's zipped
 * per-model outputs, per-trial response CSVs (headers in two cases, NaN for missing) and a JSON
 * object of rows under a key, opened as a person would; the overview's numbers against counts
 * made from the raw files. Fixtures: tests/fixtures/harness/generate.mjs; the same files run
 * through the runner in tests/unit/harness-folders-runner.test.ts.
 */
test('a folder of per-model folders (results/<model>/<config>/predictions.json): model and config from the path, accuracy as counted by hand', async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await pick(page, 'folder-input', `${HARNESS_FIXTURES}per-model`);
  await expect(page.locator('.job[data-status="done"]')).toHaveCount(4);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    'Per-model folders (per-model/results/<model>/<config>/predictions.json): path segment 3 became "model" (acme:7b|chat, zeta+lora=r8,a16), segment 4 "config" (temperature=0, temperature=0.7,top_p=0.9).',
  );
  // The file whose rows have other fields is in the stack; what each file lacks is said.
  const odd = 'per-model/results/zeta+lora=r8,a16/temperature=0.7,top_p=0.9/predictions.json';
  const row = dataset.getByTestId('stacked-files').locator(`tr[data-file="${odd}"]`);
  await expect(row.locator('td')).toHaveText([
    odd,
    'zeta+lora=r8,a16',
    'temperature=0.7,top_p=0.9',
    `subject, it's "hard"`,
  ]);
  await expect(dataset).toContainText('Per model and config: accuracy with its 95% interval.');
  await expectAccuracies(dataset, await perModelHandCounts());
  await page.screenshot({ path: 'test-results/harness-per-model-folders.png', fullPage: true });

  // Each model answered each question once per config: the card says so and names the way out.
  await expect(dataset.getByTestId('id-repeats')).toContainText(
    'The example id "example_id" is not unique within a model: 16 (model, example_id) combinations occur more than once (32 rows)',
  );
  await expect(dataset.getByTestId('id-repeats')).toContainText('(e.g. config + example_id)');
  const id = dataset.getByTestId('example-id');
  await id.getByLabel('example_id').uncheck();
  await id.getByLabel('config').check();
  await id.getByLabel('example_id').check();
  await id.getByRole('button', { name: 'Use config + example_id as the example id' }).click();
  await expect(dataset.getByTestId('id-repeats')).toHaveCount(0);
  await expect(id.getByTestId('id-unique')).toHaveText('(unique within each model)');
});

test("a zip of a benchmark's per-model outputs in four formats: one dataset, the model from the path inside the zip", async ({
  page,
}) => {
  await openApp(page);
  await pick(page, 'file-input', `${HARNESS_FIXTURES}zips/bench-outputs.zip`);
  await expect(page.locator('.job[data-status="done"]')).toHaveCount(4);
  await expect(page.locator('.job[data-status="skipped"]')).toHaveAttribute(
    'data-file',
    'bench-outputs.zip/outputs/README.md',
  );
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    'Per-model folders (bench-outputs.zip/outputs/<model>/<config>/predictions.',
  );
  await expectAccuracies(dataset, await zipHandCounts());
});

test('per-trial response CSVs with headers in two cases and NaN for missing: merged, said, accuracy per observer and condition as counted by hand', async ({
  page,
}) => {
  await openApp(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await pick(page, 'folder-input', `${HARNESS_FIXTURES}per-trial`);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    'Read as per-trial responses: 3 files, 2 observers, 3 conditions, 18 trials',
  );
  await expect(dataset).toContainText('"Session" / "session" as "Session"');
  await expect(dataset).toContainText(
    'The text "NaN" is read as missing, neither a level nor a number: 2 in "response", 3 in "rt", 1 in "truth".',
  );
  await expect(dataset).toContainText('Per model and condition: accuracy with its 95% interval.');
  await expectAccuracies(dataset, await perTrialHandCounts());
  await page.screenshot({ path: 'test-results/harness-per-trial.png', fullPage: true });

  // A file with "Session" and "session" in one header is refused by name; the dataset stays.
  await pick(page, 'folder-input', `${HARNESS_FIXTURES}per-trial-bad`);
  const refused = page.locator('.job[data-status="failed"]');
  await expect(refused).toContainText(
    'per-trial-bad/observer-03_session-1.csv: the columns "Session" and "session" differ only in case',
  );
  await expect(page.locator('.dataset')).toHaveCount(1);
  await expectAccuracies(dataset, await perTrialHandCounts());
});

test('a JSON object with its rows under one key: the note names the key, the rows and the keys ignored', async ({
  page,
}) => {
  await openApp(page);
  await pick(page, 'file-input', `${HARNESS_FIXTURES}rows-under-key/leaderboard.json`);
  const dataset = page.locator('.dataset').first();
  await expect(dataset).toContainText(
    'The file is a JSON object: its rows were read from the array under "results" (10 rows); its other keys "benchmark", "version", "generated_by" were ignored.',
  );
  await expectAccuracies(dataset, await rowsUnderKeyHandCounts());
});
