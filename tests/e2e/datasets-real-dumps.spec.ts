import { readFileSync, readdirSync } from 'node:fs';
import { SHARED, addCell, expect, loadFiles, openApp, skipWithoutShared, test } from './fixtures';

/**
 * Issue 17 on the real dumps of ../shared/datasets (the second layer; the first is on generated
 * fixtures in datasets-*.spec.ts): each question answered with analysis cells only, its numbers
 * counted here from the files themselves.
 */
test.describe.configure({ timeout: 180_000 });

const BBQ = `${SHARED}bbq-unifiedqa/`;

test('BBQ: six files whose ids restart, paired one to one on file + example_id by the compare cell', async ({
  page,
}) => {
  skipWithoutShared(BBQ);
  const files = readdirSync(BBQ)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => BBQ + f);
  // By hand: right or wrong per (file, example_id) for two of the three predictions, the
  // prediction being the answer option whose text it is (as the app matches it).
  const right = (r: Record<string, unknown>, model: string) => {
    const text = String(r[`unifiedqa-t5-11b_pred_${model}`]).trim().toLowerCase();
    const options = [r.ans0, r.ans1, r.ans2].map((a) => String(a).trim().toLowerCase());
    return options.indexOf(text) === r.label;
  };
  let [n, b, c] = [0, 0, 0];
  const seen = new Map<number, number>();
  for (const file of files)
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line.trim()) {
        const r = JSON.parse(line);
        seen.set(r.example_id, (seen.get(r.example_id) ?? 0) + 1);
        const [arc, race] = [right(r, 'arc'), right(r, 'race')];
        n++;
        if (arc && !race) b++;
        if (!arc && race) c++;
      }
  expect(n).toBe(11956);
  // Every one of the 3 models answers every row, so each repeated id repeats in each model.
  const repeated = [...seen.values()].filter((k) => k > 1);
  const [ids, rows] = [3 * repeated.length, 3 * repeated.reduce((s, k) => s + k, 0)];

  await openApp(page);
  await loadFiles(page, files);
  await expect(page.locator('.dataset')).toHaveCount(1);
  const dataset = page.locator('.dataset').first();
  await expect(dataset.getByTestId('id-repeats')).toContainText(
    `The example id "example_id" is not unique within a model: ${ids.toLocaleString('en-US')} (model, example_id) combinations occur more than once (${rows.toLocaleString('en-US')} rows)`,
  );
  const id = dataset.getByTestId('example-id');
  // Picked in the order the id is made of: file first.
  await id.getByLabel('example_id', { exact: true }).uncheck();
  await id.getByLabel('file', { exact: true }).check();
  await id.getByLabel('example_id', { exact: true }).check();
  await id.getByRole('button', { name: 'Use file + example_id as the example id' }).click();
  await expect(dataset.getByTestId('id-repeats')).toHaveCount(0);
  await expect(id.getByTestId('id-unique')).toHaveText('(unique within each model)');

  const cell = await addCell(page, 'Model vs model');
  await cell.getByLabel('Model A').selectOption('arc');
  await cell.getByLabel('Model B').selectOption('race');
  const overall = cell.getByTestId('compare-table').locator('tr[data-slice="*"]');
  await expect(overall.getByTestId('n')).toHaveText(n.toLocaleString('en-US'), {
    timeout: 60_000,
  });
  await expect(overall.getByTestId('b')).toHaveAttribute('data-value', String(b));
  await expect(overall.getByTestId('c')).toHaveAttribute('data-value', String(c));
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/datasets-bbq-composite-id.png' });
});
