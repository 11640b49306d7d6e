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
  settled,
} from './fixtures';
import {
  mcnemarReference,
  newcombePaired,
  pairsBySlice,
  readCsvObjects,
  wilson,
  type Pairs,
} from './reference';
import { loanPairs } from './samples-data';

test.describe.configure({ timeout: 120_000 });

const NYC = `${SHARED}aequitas/nyc_sqf_for_aequitas_4models.csv`;

async function addCompareCell(page: Page, dataset: string, a: string, b: string, feature: string) {
  const cell = await addCell(page, 'Model vs model');
  await cell.getByRole('combobox').first().selectOption(dataset);
  await cell.getByLabel('Model A').selectOption(a);
  await cell.getByLabel('Model B').selectOption(b);
  await cell.getByLabel('Slice feature').selectOption(feature);
  // Each choice re-ran the cell: read the table once the last run is on screen.
  await settled(page);
  return cell;
}

/** A row of the table against the pairs counted by hand: n, flips, the difference and McNemar's p. */
async function expectPairs(row: Locator, t: Pairs) {
  const read = (testId: string, attribute = 'data-value') =>
    row.getByTestId(testId).getAttribute(attribute).then(Number);
  await expect(row.getByTestId('n')).toHaveText(t.n.toLocaleString('en-US'));
  expect(await read('b')).toBe(t.b);
  expect(await read('c')).toBe(t.c);
  expect(await read('difference')).toBeCloseTo((t.b - t.c) / t.n, 12);
  // p spans 1e-46..1: compared on the log scale.
  const p = await read('p');
  expect(Math.abs(Math.log(p) - Math.log(mcnemarReference(t.b, t.c)))).toBeLessThan(1e-6);
}

test('loan sample: baseline-gbm vs fair-gbm on the same applicants, per region; flips open their rows', async ({
  page,
}) => {
  const pairs = pairsBySlice(
    await loanPairs(),
    (r) => r.region,
    (r) => r.prediction === r.label,
  );

  await openSample(page, 'loan-approval');
  const cell = await addCompareCell(page, 'ds_loan_approval', 'baseline-gbm', 'fair-gbm', 'region');
  const table = cell.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(1 + 5);
  await expect(cell.getByTestId('matching')).toContainText('10,000 examples matched');
  for (const key of ['*', 'north', 'south', 'east', 'west', 'rural']) {
    const row = table.locator(`tr[data-slice="${key}"]`);
    const t = pairs.get(key)!;
    await expectPairs(row, t);
    // Each model's accuracy with its Wilson interval; the paired difference with Newcombe's.
    const [low, high] = newcombePaired(t.a, t.b, t.c, t.n - t.a - t.b - t.c);
    const difference = row.getByTestId('difference');
    expect(Number(await difference.getAttribute('data-low'))).toBeCloseTo(low, 10);
    expect(Number(await difference.getAttribute('data-high'))).toBeCloseTo(high, 10);
    const accuracyA = row.locator('td[data-value]').first(); // A's accuracy, the first column
    expect(Number(await accuracyA.getAttribute('data-value'))).toBeCloseTo((t.a + t.b) / t.n, 12);
    expect(Number(await accuracyA.getAttribute('data-low'))).toBeCloseTo(
      wilson(t.a + t.b, t.n)[0],
      10,
    );
  }
  // The planted slice sits in rural: fair-gbm gains most there, so it leads the slices.
  await expect(table.locator('tbody tr:not(.overall)').first()).toHaveAttribute(
    'data-slice',
    'rural',
  );
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/compare-loan.png' });

  // Clicking b of east opens the applicants baseline-gbm gets right and fair-gbm wrong.
  const east = pairs.get('east')!;
  await table.locator('tr[data-slice="east"]').getByTestId('b').getByRole('button').click();
  const examples = cell.getByRole('region', {
    name: /Examples: baseline-gbm right, fair-gbm wrong · east/,
  });
  await expect(examples.getByTestId('flip-total')).toHaveText(`${east.b} examples`);
  await expect(examples.locator('tbody tr')).toHaveCount(Math.min(east.b, 50));
});

test('NYC stop-and-frisk: models 1 and 3 paired on the example id, per race, flips open their rows', async ({
  page,
}) => {
  skipWithoutShared(NYC);
  await openApp(page);
  await loadFiles(page, [NYC]);
  const cell = await addCompareCell(page, 'ds_nyc_sqf_for_aequitas_4models', '1', '3', 'race');
  const table = cell.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(7);

  // By hand: pair the rows of models 1 and 3 on the first (unnamed) column; both need a label.
  const byId = new Map<string, Record<string, Record<string, string>>>();
  for (const r of readCsvObjects(NYC)) {
    const entry = byId.get(r['']) ?? {};
    entry[r.model_id] = r;
    byId.set(r[''], entry);
  }
  const labelled = [...byId.values()]
    .map((pair): [Record<string, string>, Record<string, string>] => [pair['1'], pair['3']])
    .filter(([x, y]) => x && y && x.label_value !== '' && y.label_value !== '');
  const pairs = pairsBySlice(
    labelled,
    (r) => r.race,
    (r) => Number(r.score) === Number(r.label_value),
  );
  await expect(cell.getByTestId('matching')).toContainText('11,296 examples matched');
  await expect(cell.getByTestId('matching')).toContainText('12 pairs without a label');
  for (const key of ['*', 'WHITE', 'ASIAN/PAC.ISL', 'BLACK'])
    await expectPairs(table.locator(`tr[data-slice="${key}"]`), pairs.get(key)!);
  // Slices sorted by |difference|, largest first (after the overall row).
  const differences = await table
    .locator('tbody tr:not(.overall) [data-testid="difference"]')
    .evaluateAll((tds) => tds.map((td) => Math.abs(Number(td.getAttribute('data-value')))));
  expect(differences).toEqual([...differences].sort((a, b) => b - a));

  // With four models, a matrix of every pair.
  await expect(cell.getByTestId('pairwise').locator('tbody tr')).toHaveCount(4);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/compare-nyc.png' });

  // Clicking c of WHITE opens the stops model 3 gets right and model 1 wrong.
  const white = pairs.get('WHITE')!;
  await table.locator('tr[data-slice="WHITE"]').getByTestId('c').getByRole('button').click();
  const examples = cell.getByRole('region', { name: /Examples: 1 wrong, 3 right · WHITE/ });
  await expect(examples.getByTestId('flip-total')).toHaveText(`${white.c} examples`);
  await expect(examples.locator('tbody tr')).toHaveCount(white.c);
  await cell.screenshot({ path: 'test-results/compare-nyc-flips.png' });
});
