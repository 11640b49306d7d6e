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
import { fleissBinaryReference, readCsvObjects } from './reference';
import { EXPECTED } from './samples-data';

/** Counts samples/generate.mjs made question by question while it generated the data. */
const llm = EXPECTED['llm-eval'];

test('agreement on the llm sample: all right, all wrong, only one right, kappa; a group opens its questions', async ({
  page,
}) => {
  await openSample(page, 'llm-eval');
  const cell = await addCell(page, 'Agreement');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await settled(page);
  const table = cell.getByTestId('agreement-table');
  const overall = table.locator('tr[data-slice="*"]');
  const a = llm.agreement;
  await expect(overall.getByTestId('n')).toHaveText(a.questions.toLocaleString('en-US'));
  await expect(cell.getByTestId('agreement-meta')).toContainText(
    '1,500 examples compared: each of the 3 models has them once, with a label.',
  );
  const count = (group: string, model = '') =>
    overall.locator(`td[data-group="${group}"][data-model="${model}"]`);
  await expect(count('all right')).toHaveAttribute('data-value', String(a.all_right));
  await expect(count('all wrong')).toHaveAttribute('data-value', String(a.all_wrong));
  for (const model of ['atlas-7b', 'atlas-70b', 'nimbus-mini']) {
    await expect(count('only right', model)).toHaveAttribute(
      'data-value',
      String(a.only_right[model]),
    );
    await expect(count('all but', model)).toHaveAttribute('data-value', String(a.all_but[model]));
  }
  const byRight = [0, 1, 2, 3].map((s) => a.models_right[String(s)]);
  const kappa = Number(await overall.getByTestId('fleiss').getAttribute('data-value'));
  expect(kappa).toBeCloseTo(fleissBinaryReference(byRight), 12);
  // Each model's accuracy on the compared questions is its accuracy in the file.
  for (const [model, s] of Object.entries(llm.models) as [string, { correct: number }][])
    await expect(cell.locator(`[data-testid="right"][data-model="${model}"]`)).toHaveAttribute(
      'data-value',
      String(s.correct),
    );
  await expect(cell.getByTestId('kappa-matrix').locator('tbody tr')).toHaveCount(3);
  // Three models' matrix is as wide as its numbers, not stretched across the cell.
  const matrixWidth = (await cell.getByTestId('kappa-matrix').boundingBox())!.width;
  expect(matrixWidth).toBeLessThan((await cell.boundingBox())!.width * 0.7);

  // The questions only atlas-70b gets right, with each model's answer (its 0/1 outcome).
  await count('only right', 'atlas-70b').getByRole('button').click();
  const examples = cell.getByRole('region', { name: 'Examples: only atlas-70b right' });
  await expect(examples.getByTestId('pattern-total')).toHaveText(
    `${a.only_right['atlas-70b']} examples`,
  );
  const first = examples.locator('tbody tr').first();
  await expect(first).toContainText('q0');
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/agreement-llm.png' });

  // By category: a row per category after the overall row, summing to it.
  await cell.getByLabel('Slice feature').selectOption('category');
  await expect(table.locator('tbody tr')).toHaveCount(11);
  const perCategory = await table
    .locator('tbody tr:not(.overall) td[data-group="all right"]')
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  expect(perCategory.reduce((s, v) => s + v, 0)).toBe(a.all_right);
});

const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;

test.describe('on the MMLU-Pro dump', () => {
  skipWithoutShared(MMLU);
  test.describe.configure({ timeout: 120_000 });

  test('four models on the same 12,032 questions: agreement counted by hand from the CSV', async ({
    page,
  }) => {
    // By hand: a question is right for a model when its pred equals its answer (an empty pred is
    // wrong); each model against its own row's answer.
    const rows = readCsvObjects(MMLU);
    const models = [...new Set(rows.map((r) => r.model))].sort();
    const right = new Map<string, Set<string>>();
    const answers = new Map<string, Set<string>>();
    for (const r of rows) {
      const who = right.get(r.question_id) ?? new Set<string>();
      if (r.pred !== '' && r.pred === r.answer) who.add(r.model);
      right.set(r.question_id, who);
      answers.set(r.question_id, (answers.get(r.question_id) ?? new Set()).add(r.answer));
    }
    const tally = {
      allRight: 0,
      allWrong: 0,
      only: new Map<string, number>(),
      byRight: [0, 0, 0, 0, 0],
    };
    for (const who of right.values()) {
      tally.byRight[who.size]++;
      if (who.size === 4) tally.allRight++;
      if (who.size === 0) tally.allWrong++;
      if (who.size === 1) {
        const [m] = who;
        tally.only.set(m, (tally.only.get(m) ?? 0) + 1);
      }
    }
    const disagree = [...answers.values()].filter((s) => s.size > 1).length;

    await openApp(page);
    await loadFiles(page, [MMLU]);
    const cell = await addCell(page, 'Agreement');
    await cell.getByRole('combobox').first().selectOption({ index: 1 });
    await settled(page);
    const overall = cell.getByTestId('agreement-table').locator('tr[data-slice="*"]');
    await expect(overall.getByTestId('n')).toHaveText('12,032');
    await expect(cell.getByTestId('labels-differ')).toContainText(`label for ${disagree} example`);
    const count = (group: string, model = '') =>
      overall.locator(`td[data-group="${group}"][data-model="${model}"]`);
    await expect(count('all right')).toHaveAttribute('data-value', String(tally.allRight));
    await expect(count('all wrong')).toHaveAttribute('data-value', String(tally.allWrong));
    for (const m of models)
      await expect(count('only right', m)).toHaveAttribute(
        'data-value',
        String(tally.only.get(m) ?? 0),
      );
    const kappa = Number(await overall.getByTestId('fleiss').getAttribute('data-value'));
    expect(kappa).toBeCloseTo(fleissBinaryReference(tally.byRight), 12);
    await page.getByRole('button', { name: 'Hide data' }).click();
    await cell.screenshot({ path: 'test-results/agreement-mmlu.png' });
  });
});
