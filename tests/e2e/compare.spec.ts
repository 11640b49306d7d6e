import { existsSync } from 'node:fs';
import { SHARED, expect, loadFiles, openApp, test } from './fixtures';
import { mcnemarReference, readCsvObjects } from './reference';

/** Models 1 and 3 of the Aequitas NYC file on the same stops: flips and McNemar, checked by hand. */
const NYC = `${SHARED}aequitas/nyc_sqf_for_aequitas_4models.csv`;
test.skip(!existsSync(NYC), `../shared/datasets is absent on this machine (looked for ${NYC})`);
test.describe.configure({ timeout: 120_000 });

test('model vs model: models 1 and 3 paired on the example id, per race, flips open their rows', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [NYC]);
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: '+ Model vs model' })
    .click();
  const cell = page.locator('.cell[data-kind="compare"]');
  await cell.getByRole('combobox').first().selectOption('ds_nyc_sqf_for_aequitas_4models');
  await cell.getByLabel('Model B').selectOption('3');
  await cell.getByLabel('Slice feature').selectOption('race');
  const table = cell.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(7);
  await expect(cell.getByLabel('Model A')).toHaveValue('1');

  // By hand: pair the rows of models 1 and 3 on the first (unnamed) column; both need a label.
  const byId = new Map<string, Record<string, Record<string, string>>>();
  for (const r of readCsvObjects(NYC)) {
    const entry = byId.get(r['']) ?? {};
    entry[r.model_id] = r;
    byId.set(r[''], entry);
  }
  const flips = new Map<string, { n: number; b: number; c: number }>();
  for (const pair of byId.values()) {
    const [x, y] = [pair['1'], pair['3']];
    if (!x || !y || x.label_value === '' || y.label_value === '') continue;
    const right = (r: Record<string, string>) => Number(r.score) === Number(r.label_value);
    for (const key of ['*', x.race]) {
      const t = flips.get(key) ?? { n: 0, b: 0, c: 0 };
      t.n++;
      if (right(x) && !right(y)) t.b++;
      if (!right(x) && right(y)) t.c++;
      flips.set(key, t);
    }
  }
  await expect(cell.getByTestId('matching')).toContainText('11,296 examples matched');
  await expect(cell.getByTestId('matching')).toContainText('12 pairs without a label');
  for (const key of ['*', 'WHITE', 'ASIAN/PAC.ISL', 'BLACK']) {
    const t = flips.get(key)!;
    const row = table.locator(`tr[data-slice="${key}"]`);
    await expect(row.getByTestId('n')).toHaveText(t.n.toLocaleString('en-US'));
    expect(Number(await row.getByTestId('b').getAttribute('data-value'))).toBe(t.b);
    expect(Number(await row.getByTestId('c').getAttribute('data-value'))).toBe(t.c);
    expect(Number(await row.getByTestId('difference').getAttribute('data-value'))).toBeCloseTo(
      (t.b - t.c) / t.n,
      12,
    );
    const p = Number(await row.getByTestId('p').getAttribute('data-value'));
    const expected = mcnemarReference(t.b, t.c);
    // p spans 1e-46..1: compared on the log scale.
    expect(Math.abs(Math.log(p) - Math.log(expected))).toBeLessThan(1e-6);
  }
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
  const white = flips.get('WHITE')!;
  await table.locator('tr[data-slice="WHITE"]').getByTestId('c').getByRole('button').click();
  const examples = cell.getByRole('region', { name: /Examples: 1 wrong, 3 right · WHITE/ });
  await expect(examples.getByTestId('flip-total')).toHaveText(`${white.c} examples`);
  await expect(examples.locator('tbody tr')).toHaveCount(white.c);
  await cell.screenshot({ path: 'test-results/compare-nyc-flips.png' });
});
