import { existsSync } from 'node:fs';
import { SHARED, expect, loadFiles, openApp, test } from './fixtures';
import { readCsvObjects, wilson } from './reference';

/** Per-race FPR and FNR of one model on the Aequitas NYC stop-and-frisk file, checked by hand. */
const NYC = `${SHARED}aequitas/nyc_sqf_for_aequitas_4models.csv`;
test.skip(!existsSync(NYC), `../shared/datasets is absent on this machine (looked for ${NYC})`);
test.describe.configure({ timeout: 120_000 });

test('fairness: per-race FPR and FNR with Wilson intervals, disparities against the largest group', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [NYC]);
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: '+ Fairness' })
    .click();
  const cell = page.locator('.cell[data-kind="fairness"]');
  await cell.getByRole('combobox').first().selectOption('ds_nyc_sqf_for_aequitas_4models');
  await cell.getByLabel('Sensitive feature 1').selectOption('race');
  const groups = cell.getByTestId('fairness-groups');
  await expect(groups.locator('tbody tr')).toHaveCount(6);
  await expect(cell.getByLabel('Model', { exact: true })).toHaveValue('1');

  // By hand: model 1's labelled rows; `score` is the 0/1 decision, label 1 the positive class.
  const tally = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  for (const r of readCsvObjects(NYC)) {
    if (r.model_id !== '1' || r.label_value === '') continue;
    const t = tally.get(r.race) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    const [actual, predicted] = [Number(r.label_value) === 1, Number(r.score) === 1];
    if (actual && predicted) t.tp++;
    else if (!actual && predicted) t.fp++;
    else if (actual) t.fn++;
    else t.tn++;
    tally.set(r.race, t);
  }
  for (const race of ['BLACK', 'WHITE HISPANIC', 'WHITE', 'ASIAN/PAC.ISL']) {
    const t = tally.get(race)!;
    const row = groups.locator(`tr[data-group="${race}"]`);
    await expect(row.getByTestId('n')).toHaveText(
      (t.tp + t.fp + t.fn + t.tn).toLocaleString('en-US'),
    );
    for (const [rate, s, n] of [
      ['fpr', t.fp, t.fp + t.tn],
      ['fnr', t.fn, t.fn + t.tp],
    ] as const) {
      const td = row.locator(`td[data-rate="${rate}"]`);
      expect(Number(await td.getAttribute('data-trials'))).toBe(n);
      expect(Number(await td.getAttribute('data-value'))).toBeCloseTo(s / n, 12);
      const [low, high] = wilson(s, n);
      expect(Number(await td.getAttribute('data-low'))).toBeCloseTo(low, 10);
      expect(Number(await td.getAttribute('data-high'))).toBeCloseTo(high, 10);
    }
  }
  // AMER IND has 9 rows: too small to tell.
  await expect(groups.locator('tr[data-group="AMER IND"]').getByText('too small')).toBeVisible();

  // Disparities against BLACK, the largest group: FPR ratio of WHITE = its FPR over BLACK's.
  await expect(cell.getByTestId('disparities')).toContainText('Disparities against BLACK');
  const [w, b] = [tally.get('WHITE')!, tally.get('BLACK')!];
  const fprRatio = cell
    .getByTestId('disparities')
    .locator('tr[data-group="WHITE"] td[data-measure="fprRatio"]');
  expect(Number(await fprRatio.getAttribute('data-value'))).toBeCloseTo(
    w.fp / (w.fp + w.tn) / (b.fp / (b.fp + b.tn)),
    12,
  );
  await expect(cell.getByTestId('disparities').locator('tr[data-group="max − min"]')).toHaveCount(
    1,
  );

  await cell.getByRole('button', { name: 'Chart' }).click();
  await expect(cell.locator('figure.chart svg.marks')).toBeVisible();
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/fairness-nyc.png' });

  // The CSV export holds a row per group.
  const download = page.waitForEvent('download');
  await cell.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(csv, 'utf8')).toContain('WHITE HISPANIC,');

  // The decision as a score at a threshold: `score` is 0/1, so any threshold in (0, 1] gives the
  // same decisions, and 0 selects everyone (FPR 1, FNR 0).
  const black = groups.locator('tr[data-group="BLACK"]');
  const b0 = tally.get('BLACK')!;
  await cell.getByLabel('score ≥').check();
  await cell.getByLabel('Threshold').fill('0.7');
  await expect(cell.getByText('decision: score ≥ 0.7')).toBeVisible();
  await expect(black.locator('td[data-rate="fpr"]')).toHaveAttribute(
    'data-successes',
    String(b0.fp),
  );
  await cell.getByLabel('Threshold').fill('0');
  await expect(black.locator('td[data-rate="fpr"]')).toHaveAttribute('data-value', '1');
  await expect(black.locator('td[data-rate="fnr"]')).toHaveAttribute('data-value', '0');
});
