import { existsSync } from 'node:fs';
import { SHARED, expect, loadFiles, openApp, test } from './fixtures';
import { newcombe, readCsvObjects, wilson } from './reference';

/** Accuracy by category per model on MMLU-Pro, in a few clicks, checked against a count by hand. */
const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;
test.skip(!existsSync(MMLU), `../shared/datasets is absent on this machine (looked for ${MMLU})`);
test.describe.configure({ timeout: 120_000 });

test('slice table: accuracy by category per model with intervals, differences to the rest and q-values', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, [MMLU]);
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: '+ Slice table' })
    .click();
  const cell = page.locator('.cell[data-kind="slice"]');
  await cell.getByRole('combobox').first().selectOption('ds_mmlu_pro_4models_long');
  await cell.getByLabel('Feature 1').selectOption('category');
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(56);

  // By hand: per model and category, right = pred equals answer (an empty pred is wrong).
  const rows = readCsvObjects(MMLU);
  const tally = new Map<string, { n: number; right: number }>();
  for (const r of rows) {
    for (const key of [`${r.model}|${r.category}`, `${r.model}|*`]) {
      const t = tally.get(key) ?? { n: 0, right: 0 };
      t.n++;
      if (r.pred !== '' && r.pred === r.answer) t.right++;
      tally.set(key, t);
    }
  }
  for (const [model, category] of [
    ['Llama-2-7b-hf', 'math'],
    ['Meta-Llama-3_1-70B-Instruct', 'law'],
    ['Mistral-7B-v0.1', 'biology'],
  ]) {
    const row = table.locator(`tr[data-model="${model}"][data-slice="${category}"]`);
    const slice = tally.get(`${model}|${category}`)!;
    const all = tally.get(`${model}|*`)!;
    const rest = { n: all.n - slice.n, right: all.right - slice.right };
    await expect(row.getByTestId('n')).toHaveText(slice.n.toLocaleString('en-US'));
    expect(Number(await row.getByTestId('value').getAttribute('data-value'))).toBeCloseTo(
      slice.right / slice.n,
      12,
    );
    const [low, high] = wilson(slice.right, slice.n);
    const interval = row.locator('td.interval').first();
    expect(Number(await interval.getAttribute('data-low'))).toBeCloseTo(low, 10);
    expect(Number(await interval.getAttribute('data-high'))).toBeCloseTo(high, 10);
    expect(Number(await row.getByTestId('difference').getAttribute('data-value'))).toBeCloseTo(
      slice.right / slice.n - rest.right / rest.n,
      12,
    );
    const [dLow, dHigh] = newcombe(slice.right, slice.n, rest.right, rest.n);
    const difference = row.locator('td.interval').nth(1);
    expect(Number(await difference.getAttribute('data-low'))).toBeCloseTo(dLow, 10);
    expect(Number(await difference.getAttribute('data-high'))).toBeCloseTo(dHigh, 10);
    const p = Number(await row.getByTestId('p').getAttribute('data-value'));
    const q = Number(await row.getByTestId('q').getAttribute('data-value'));
    expect(q).toBeGreaterThanOrEqual(p);
  }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/slice-table-mmlu.png' });
  await cell.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(cell.locator('svg .mark-symbol.role-mark path')).toHaveCount(56);
  await expect(cell.locator('svg .mark-rule.role-mark line')).toHaveCount(56);

  // Drill down: the slice's examples and its confusion matrix, whose counts add up to n.
  const math = table.locator('tr[data-model="Llama-2-7b-hf"][data-slice="math"]');
  await math.click();
  const drill = cell.locator('.drill-down');
  const n = tally.get('Llama-2-7b-hf|math')!.n;
  await expect(drill.getByText(`${n.toLocaleString('en-US')} rows`)).toBeVisible();
  const counts = await drill.getByTestId('confusion').locator('tbody td').allTextContents();
  expect(counts.map((c) => Number(c.replace(/,/g, ''))).reduce((a, b) => a + b, 0)).toBe(n);
  const diagonal = await drill.getByTestId('confusion').locator('td.diagonal').allTextContents();
  expect(diagonal.map((c) => Number(c.replace(/,/g, ''))).reduce((a, b) => a + b, 0)).toBe(
    tally.get('Llama-2-7b-hf|math')!.right,
  );
  await cell.screenshot({ path: 'test-results/slice-drill-down.png' });

  // Sorting by q puts the most significant slice first.
  await table.getByRole('button', { name: 'q (BH)' }).click();
  const qs = await table
    .locator('tbody [data-testid="q"]')
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  expect(qs).toEqual([...qs].sort((a, b) => a - b));

  // "Add as filter" restricts every analysis to the slice.
  await drill.getByRole('button', { name: 'Add as filter' }).click();
  await expect(page.getByLabel('Global filter (SQL condition)')).toHaveValue(
    `CAST("category" AS VARCHAR) = 'math'`,
  );
  await expect(table.locator('tbody tr')).toHaveCount(4);
});
