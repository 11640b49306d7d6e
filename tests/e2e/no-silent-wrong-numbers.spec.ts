import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHARED,
  addCell,
  expect,
  loadFiles,
  openApp,
  overviewRows,
  test,
  skipWithoutShared,
} from './fixtures';
import { MULTIPLE_CHOICE_COLUMNS, multipleChoiceDump } from '../helpers/multiple-choice-dump';
import { seeded } from '../helpers/seeded';

/**
 * Issue 16, "no silent wrong numbers", in the browser: cases 1 (pairing on an id that repeats
 * within a model) and 2 (calibration's default confidence among unrelated score columns), on
 * files generated here, and case 1 again on the BBQ dump where it was found.
 */
test.describe.configure({ timeout: 120_000 });

const BBQ = `${SHARED}bbq-unifiedqa/`;

/** Writes files into a fresh temporary folder (never into the repository) and returns their paths. */
function writeFiles(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'slicebook-issue16-'));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

/** The message a model-vs-model cell and a disagreement search give instead of pairing. */
function refusal(id: string, repeats: [string, number, number][], file: string) {
  const each = repeats
    .map(
      ([model, ids, rows]) =>
        `${ids.toLocaleString('en-US')} ids in ${model} (${rows.toLocaleString('en-US')} rows)`,
    )
    .join(', ');
  return `Pairing needs each example once per model, but values of ${id} repeat: ${each}. A repeated id would pair every row of one model with every row of the other. Pair on an id unique per model: a composite id such as ${file} + ${id}, or another column as the example id.`;
}

test('issue 16 case 1: two files whose ids restart are not paired; compare and discovery say why', async ({
  page,
}) => {
  // part1 numbers 30 examples from 0, part2 20: ids 0-19 appear in both, per model.
  const header = 'example_id,model,topic,label,prediction\n';
  const part = (count: number, seed: number) => {
    const random = seeded(seed);
    let text = header;
    for (let id = 0; id < count; id++)
      for (const model of ['alpha', 'beta']) {
        const label = random() < 0.5 ? 1 : 0;
        const prediction = random() < 0.7 ? label : 1 - label;
        text += `${id},${model},${['x', 'y'][id % 2]},${label},${prediction}\n`;
      }
    return text;
  };
  const files = writeFiles({ 'part1.csv': part(30, 1), 'part2.csv': part(20, 2) });
  await openApp(page);
  await loadFiles(page, files);
  const name = (await page.locator('.dataset').first().getAttribute('data-dataset'))!;
  const expected = refusal(
    'example_id',
    [
      ['alpha', 20, 40],
      ['beta', 20, 40],
    ],
    'file',
  );

  const compare = await addCell(page, 'Model vs model');
  await compare.getByRole('combobox').first().selectOption(name);
  await expect(compare.getByText(expected)).toBeVisible();
  await expect(compare.getByTestId('compare-table')).toHaveCount(0);

  const discover = await addCell(page, 'Discover slices');
  await discover.getByRole('combobox').first().selectOption(name);
  await discover.getByLabel('Error').selectOption('disagreement');
  await expect(discover.getByText(expected)).toBeVisible();
  await expect(discover.getByTestId('discover-table')).toHaveCount(0);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.setViewportSize({ width: 1280, height: 900 });
  await compare.screenshot({ path: 'test-results/issue16-case1-compare.png' });
});

test('issue 16 case 1 on BBQ: six files with restarting ids, three models, no pairs made', async ({
  page,
}) => {
  skipWithoutShared(BBQ);
  const files = readdirSync(BBQ)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => BBQ + f);
  // By hand: how often each example_id occurs over the six files; every model answers every row.
  const counts = new Map<number, number>();
  for (const file of files)
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line.trim()) {
        const id = JSON.parse(line).example_id as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
  const repeated = [...counts.values()].filter((n) => n > 1);
  const [ids, rows] = [repeated.length, repeated.reduce((s, n) => s + n, 0)];
  expect([ids, rows]).toEqual([3080, 11356]);
  await openApp(page);
  await loadFiles(page, files);
  const name = (await page.locator('.dataset').first().getAttribute('data-dataset'))!;
  const compare = await addCell(page, 'Model vs model');
  await compare.getByRole('combobox').first().selectOption(name);
  const expected = refusal(
    'example_id',
    ['arc', 'qonly', 'race'].map((m) => [m, ids, rows] as [string, number, number]),
    'file',
  );
  await expect(compare.getByText(expected)).toBeVisible({ timeout: 60_000 });
  await expect(compare.getByTestId('compare-table')).toHaveCount(0);
});

test("issue 16 case 2: unrelated score columns are not taken as per-class; the picked confidence's accuracy is the overview's", async ({
  page,
}) => {
  const text = [MULTIPLE_CHOICE_COLUMNS, ...multipleChoiceDump(300)]
    .map((row) => `${row.join(',')}\n`)
    .join('');
  const [file] = writeFiles({ 'mcq.csv': text });
  await openApp(page);
  await loadFiles(page, [file]);
  const dataset = page.locator('.dataset').first();
  const name = (await dataset.getAttribute('data-dataset'))!;
  const overview = await overviewRows(dataset);
  expect(overview.map((r) => r.model)).toEqual(['m1', 'm2']);

  const cell = await addCell(page, 'Calibration');
  await cell.getByRole('combobox').first().selectOption(name);
  await expect(
    cell.getByText(
      'Pick the confidence column: prob_correct, top_prob, prob_correct_raw, top_prob_raw do not match the classes of answer (A, B, C, D) one to one, so they are not per-class probabilities.',
    ),
  ).toBeVisible();
  await expect(cell.getByTestId('calibration-table')).toHaveCount(0);

  await cell.getByLabel('Score or confidence column').selectOption('top_prob');
  const table = cell.getByTestId('calibration-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(cell.getByText(/top-label confidence from top_prob/)).toBeVisible();
  for (const row of overview) {
    const shown = table.locator(`tr[data-model="${row.model}"]`);
    await expect(shown.getByTestId('n')).toHaveText(row.n.toLocaleString('en-US'));
    const accuracy = Number(await shown.getByTestId('accuracy').getAttribute('data-value'));
    expect(accuracy).toBeCloseTo(row.estimate, 12);
  }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.setViewportSize({ width: 1280, height: 900 });
  await cell.screenshot({ path: 'test-results/issue16-case2-calibration.png' });
});
