import { readFileSync } from 'node:fs';
import {
  SHARED,
  addCell,
  expect,
  loadFiles,
  openApp,
  openSample,
  test,
  skipWithoutShared,
} from './fixtures';
import { mcnemarReference, readCsvObjects } from './reference';
import { EXPECTED } from './samples-data';

const LLM = new URL('../../samples/llm-eval/', import.meta.url).pathname;

/** Each model's 0/1 outcome per question, read from the sample's JSONL files by hand. */
function llmOutcomes(): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const model of ['atlas-7b', 'atlas-70b', 'nimbus-mini']) {
    const rows = readFileSync(`${LLM}${model}.jsonl`, 'utf8').trim().split('\n');
    out.set(model, new Map(rows.map((l) => JSON.parse(l)).map((r) => [r.question_id, r.correct])));
  }
  return out;
}

test('leaderboard on the llm sample: ranks with intervals, each model tested against the best', async ({
  page,
}) => {
  await openSample(page, 'llm-eval');
  const cell = await addCell(page, 'Leaderboard');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  const table = cell.getByTestId('leaderboard');
  await expect(table.locator('tbody tr')).toHaveCount(3);

  const outcomes = llmOutcomes();
  const accuracy = (m: string) => [...outcomes.get(m)!.values()].reduce((s, v) => s + v, 0) / 1500;
  const order = [...outcomes.keys()].sort((a, b) => accuracy(b) - accuracy(a));
  expect(
    await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.model)),
  ).toEqual(order);
  const [best] = order;
  for (const [i, model] of order.entries()) {
    const row = table.locator(`tr[data-model="${model}"]`);
    await expect(row.getByTestId('rank')).toHaveText(String(i + 1));
    expect(Number(await row.getByTestId('value').getAttribute('data-value'))).toBeCloseTo(
      accuracy(model),
      12,
    );
    const low = Number(await row.getByTestId('rank-interval').getAttribute('data-low'));
    const high = Number(await row.getByTestId('rank-interval').getAttribute('data-high'));
    expect(low).toBeLessThanOrEqual(i + 1);
    expect(high).toBeGreaterThanOrEqual(i + 1);
    if (model === best) continue;
    // McNemar by hand: questions only this model gets right, and only the best.
    let b = 0;
    let c = 0;
    for (const [q, right] of outcomes.get(model)!) {
      const other = outcomes.get(best)!.get(q);
      if (right === 1 && other === 0) b++;
      if (right === 0 && other === 1) c++;
    }
    const p = Number(await row.getByTestId('p').getAttribute('data-value'));
    expect(Math.abs(Math.log(p) - Math.log(mcnemarReference(b, c)))).toBeLessThan(1e-6);
    expect(Number(await row.getByTestId('difference').getAttribute('data-value'))).toBeCloseTo(
      (b - c) / 1500,
      12,
    );
  }
  // atlas-70b is far ahead: alone at rank 1 in every replicate, and nobody is tied with it.
  await expect(table.locator('tr[data-model="atlas-70b"]').getByTestId('rank-interval')).toHaveText(
    '1',
  );
  await expect(cell.getByTestId('tied-summary')).toContainText(
    'Every other model is significantly worse',
  );
  // nimbus-mini and atlas-7b are 1.3 points apart: their rank intervals overlap.
  await expect(
    table.locator('tr[data-model="nimbus-mini"]').getByTestId('rank-interval'),
  ).toHaveText('2–3');
  await expect(table.locator('tr[data-model="atlas-7b"]').getByTestId('rank-interval')).toHaveText(
    '2–3',
  );

  // Ranks per category: atlas-7b's weakness in math puts it last there.
  await cell.getByLabel('Slice feature').selectOption('category');
  const perSlice = cell.getByTestId('slice-ranks');
  await expect(perSlice.locator('tbody tr')).toHaveCount(10);
  await expect(perSlice.locator('tr[data-slice="math"] td[data-model="atlas-7b"]')).toHaveAttribute(
    'data-rank',
    '3',
  );
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/leaderboard-llm.png' });
});

const five = EXPECTED['qa-five-models.csv'];

test('leaderboard on the five-model sample: two models tied at the top, the order flips on code', async ({
  page,
}) => {
  await openSample(page, 'qa-five-models');
  const cell = await addCell(page, 'Leaderboard');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  const table = cell.getByTestId('leaderboard');
  await expect(table.locator('tbody tr')).toHaveCount(5);
  const order = Object.entries(five.models as Record<string, { accuracy: number }>)
    .sort((a, b) => b[1].accuracy - a[1].accuracy)
    .map(([m]) => m);
  expect(
    await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.model)),
  ).toEqual(order);
  // The generator's paired counts: v2 right where v1 is wrong, and the reverse.
  const { a_right_b_wrong: b, a_wrong_b_right: c } = five.paired.correct;
  const v1 = table.locator('tr[data-model="kestrel-70b"]');
  expect(Number(await v1.getByTestId('difference').getAttribute('data-value'))).toBeCloseTo(
    (c - b) / 2000,
    12,
  );
  const p = Number(await v1.getByTestId('p').getAttribute('data-value'));
  expect(p).toBeCloseTo(mcnemarReference(b, c), 10);
  await expect(v1.getByTestId('tied')).toHaveText('tied: not significantly worse');
  await expect(cell.getByTestId('tied-summary')).toContainText(
    'Best: kestrel-70b-v2. Not significantly different from it (q ≥ 0.05): kestrel-70b.',
  );
  for (const model of ['kestrel-70b-v2', 'kestrel-70b'])
    await expect(
      table.locator(`tr[data-model="${model}"]`).getByTestId('rank-interval'),
    ).toHaveText('1–2');
  // Intervals ±1.9 points wide (190: two significant digits): one decimal; two more on demand.
  const shown = (model: string) => table.locator(`tr[data-model="${model}"]`).getByTestId('value');
  await expect(shown('kestrel-70b-v2')).toContainText('73.7%');
  await expect(shown('kestrel-70b')).toContainText('73.0%');
  await cell.getByRole('button', { name: /^More digits in / }).click();
  await expect(shown('kestrel-70b-v2')).toContainText('73.650%');
  await expect(shown('kestrel-70b')).toContainText('73.000%');
  await expect(shown('kestrel-70b-v2')).toHaveAttribute(
    'title',
    /interval\n73\.65% \(95% interval /,
  );

  await cell.getByLabel('Slice feature').selectOption('topic');
  const code = cell.getByTestId('slice-ranks').locator('tr[data-slice="code"]');
  await expect(code.locator('td[data-model="lyra-34b-dpo"]')).toHaveAttribute('data-rank', '1');
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/leaderboard-five.png' });
});

const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;

test.describe('on the MMLU-Pro dump', () => {
  skipWithoutShared(MMLU);
  test.describe.configure({ timeout: 120_000 });

  test('four models ranked by accuracy on the same 12,032 questions, McNemar by hand', async ({
    page,
  }) => {
    const rows = readCsvObjects(MMLU);
    const right = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      const m = right.get(r.model) ?? new Map<string, boolean>();
      m.set(r.question_id, r.pred !== '' && r.pred === r.answer);
      right.set(r.model, m);
    }
    const accuracy = (m: string) => [...right.get(m)!.values()].filter(Boolean).length / 12032;
    const order = [...right.keys()].sort((a, b) => accuracy(b) - accuracy(a));

    await openApp(page);
    await loadFiles(page, [MMLU]);
    const cell = await addCell(page, 'Leaderboard');
    await cell.getByRole('combobox').first().selectOption({ index: 1 });
    const table = cell.getByTestId('leaderboard');
    await expect(table.locator('tbody tr')).toHaveCount(4);
    await expect(cell.getByTestId('leaderboard-meta')).toContainText(
      '12,032 examples every model has',
    );
    expect(
      await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.model)),
    ).toEqual(order);
    for (const model of order.slice(1)) {
      const row = table.locator(`tr[data-model="${model}"]`);
      expect(Number(await row.getByTestId('value').getAttribute('data-value'))).toBeCloseTo(
        accuracy(model),
        12,
      );
      let b = 0;
      let c = 0;
      for (const [q, r] of right.get(model)!) {
        const other = right.get(order[0])!.get(q)!;
        if (r && !other) b++;
        if (!r && other) c++;
      }
      expect(Number(await row.getByTestId('difference').getAttribute('data-value'))).toBeCloseTo(
        (b - c) / 12032,
        12,
      );
      // p spans 1e-300..1 and may underflow to 0 in both: compared on the log scale.
      const p = Number(await row.getByTestId('p').getAttribute('data-value'));
      const expected = mcnemarReference(b, c);
      if (expected === 0) expect(p).toBe(0);
      else expect(Math.abs(Math.log(p) - Math.log(expected))).toBeLessThan(1e-6);
    }
    await page.getByRole('button', { name: 'Hide data' }).click();
    await cell.screenshot({ path: 'test-results/leaderboard-mmlu.png' });
  });
});
