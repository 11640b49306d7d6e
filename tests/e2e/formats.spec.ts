import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { expect, loadFiles, openApp, overviewRows, expectRole, settle, test } from './fixtures';

const folder = mkdtempSync(join(tmpdir(), 'slicebook-formats-'));
const write = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(folder, name), data);
  return join(folder, name);
};

/** 6 rows, 2 models: model a gets 2 of 3 right, model b 3 of 3. */
const rows = {
  example_id: [1, 2, 3, 1, 2, 3],
  model: ['a', 'a', 'a', 'b', 'b', 'b'],
  label: [0, 1, 1, 0, 1, 1],
  prediction: [0, 0, 1, 0, 1, 1],
};
const expectedRows = [
  { model: 'a', n: 3, estimate: 2 / 3 },
  { model: 'b', n: 3, estimate: 1 },
];

async function expectTinyOverview(page: import('@playwright/test').Page) {
  const dataset = page.locator('.dataset').first();
  await expect(dataset.getByTestId('task')).toHaveText('binary classification');
  const shown = await overviewRows(dataset);
  expect(shown.map(({ model, n }) => ({ model, n }))).toEqual(
    expectedRows.map(({ model, n }) => ({ model, n })),
  );
  shown.forEach((r, i) => expect(r.estimate).toBeCloseTo(expectedRows[i].estimate, 12));
}

const csvText = [
  'example_id,model,label,prediction',
  ...rows.model.map(
    (_, i) => `${rows.example_id[i]},${rows.model[i]},${rows.label[i]},${rows.prediction[i]}`,
  ),
].join('\n');
const arrowTable = tableFromArrays({
  example_id: Int32Array.from(rows.example_id),
  model: rows.model,
  label: Int32Array.from(rows.label),
  prediction: Int32Array.from(rows.prediction),
});

const cases: [string, () => string][] = [
  ['TSV', () => write('tiny.tsv', csvText.replaceAll(',', '\t'))],
  [
    'semicolon CSV with a BOM',
    () => write('tiny-semicolon.csv', `\uFEFF${csvText.replaceAll(',', ';')}`),
  ],
  [
    'JSON array',
    () =>
      write(
        'tiny.json',
        JSON.stringify(
          rows.model.map((m, i) => ({
            example_id: rows.example_id[i],
            model: m,
            label: rows.label[i],
            prediction: rows.prediction[i],
          })),
        ),
      ),
  ],
  ['Arrow IPC file', () => write('tiny.arrow', tableToIPC(arrowTable, 'file'))],
  ['Arrow IPC stream', () => write('tiny.arrows', tableToIPC(arrowTable, 'stream'))],
];

for (const [name, make] of cases) {
  test(`loads a ${name}`, async ({ page }) => {
    await openApp(page);
    await loadFiles(page, [make()]);
    await expectTinyOverview(page);
  });
}

test('?data= opens files by URL relative to the page, and several at once', async ({ page }) => {
  // The build the tests serve (playwright.config.ts).
  const assets = readdirSync(`${process.env.E2E_DIST || 'dist'}/assets`);
  const house = assets.find((f) => f.startsWith('house-prices-wide') && f.endsWith('.csv'))!;
  const loan = assets.find((f) => f.startsWith('loan-approval') && f.endsWith('.parquet'))!;
  await openApp(page, `?data=assets/${house}&data=assets/${loan}`);
  await settle(page);
  await expect(page.locator('.dataset')).toHaveCount(2);
  const houses = page.locator(`.dataset[data-dataset^="ds_house_prices_wide"]`);
  await expectRole(houses, 'y_true', 'label');
  await expect(houses.getByTestId('dataset-rows')).toHaveText('15,000');
});

test('a missing URL says so and the page stays usable', async ({ page }) => {
  await openApp(page, '?data=no-such-file.csv');
  await expect(page.locator('.job[data-status="failed"]')).toContainText('no-such-file.csv');
  await expect(page.locator('.job[data-status="failed"]')).toContainText(
    'web page, not a data file',
  );
  await loadFiles(page, [write('tiny2.csv', csvText)]);
  await expectTinyOverview(page);
});

test('cancelling a load keeps nothing of it and leaves the app usable', async ({ page }) => {
  const big = join(folder, 'big.csv');
  const lines = ['example_id,model,label,prediction,feature'];
  for (let i = 0; i < 1_500_000; i++)
    lines.push(`${i},m${i % 3},${i % 2},${(i >> 1) % 2},group_${i % 17}`);
  writeFileSync(big, lines.join('\n'));
  await openApp(page);
  await page.setInputFiles('[data-testid="file-input"]', [big]);
  await page.locator('.job[data-file="big.csv"]').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.job[data-file="big.csv"]')).toHaveAttribute(
    'data-status',
    'cancelled',
    { timeout: 60_000 },
  );
  await expect(page.locator('.table-card')).toHaveCount(0);
  await loadFiles(page, [write('tiny3.csv', csvText)]);
  await expectTinyOverview(page);
  expect(readFileSync(big).length).toBeGreaterThan(10_000_000);
});
