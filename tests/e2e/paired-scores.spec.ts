import { addCell, expect, openSample, test } from './fixtures';
import { readCsvObjects } from './reference';
import { EXPECTED } from './samples-data';

const SAMPLE = new URL('../../samples/qa-five-models.csv', import.meta.url).pathname;
/** Counted question by question by samples/generate.mjs. */
const five = EXPECTED['qa-five-models.csv'];

test('model vs model on per-example scores: ratings of two models tied on accuracy, per topic', async ({
  page,
}) => {
  await openSample(page, 'qa-five-models');
  const cell = await addCell(page, 'Model vs model');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await cell.getByLabel('Model A').selectOption('kestrel-70b-v2');
  await cell.getByLabel('Model B').selectOption('kestrel-70b');
  // Right or wrong first (the 0/1 outcome, no label): McNemar finds no difference.
  const comparison = cell.getByTestId('compare-table');
  const all = comparison.locator('tr[data-slice="*"]');
  await expect(all.getByTestId('b')).toHaveAttribute(
    'data-value',
    String(five.paired.correct.a_right_b_wrong),
  );
  await expect(all.getByTestId('c')).toHaveAttribute(
    'data-value',
    String(five.paired.correct.a_wrong_b_right),
  );
  expect(Number(await all.getByTestId('p').getAttribute('data-value'))).toBeGreaterThan(0.05);

  // The judge's ratings: a clear difference.
  await cell.getByLabel('Compare').selectOption('rating');
  const scores = cell.getByTestId('scores-table');
  const overall = scores.locator('tr[data-slice="*"]');
  const r = five.paired.rating;
  await expect(overall.getByTestId('wlt')).toHaveAttribute('data-wins', String(r.wins));
  await expect(overall.getByTestId('wlt')).toHaveAttribute('data-losses', String(r.losses));
  await expect(overall.getByTestId('wlt')).toHaveAttribute('data-ties', String(r.ties));
  expect(Number(await overall.getByTestId('difference').getAttribute('data-value'))).toBeCloseTo(
    r.mean_difference,
    12,
  );
  // t interval: mean ± t(0.975, 1999) sd / sqrt(2000), t = 1.96115 (any t table).
  const half = (1.96115 * r.sd_difference) / Math.sqrt(2000);
  expect(Number(await overall.getByTestId('difference').getAttribute('data-high'))).toBeCloseTo(
    r.mean_difference + half,
    4,
  );
  const bootstrap = overall.getByTestId('bootstrap');
  const [low, high] = [
    Number(await bootstrap.getAttribute('data-low')),
    Number(await bootstrap.getAttribute('data-high')),
  ];
  expect(low).toBeLessThan(r.mean_difference);
  expect(high).toBeGreaterThan(r.mean_difference);
  expect(Math.abs(high - low - 2 * half)).toBeLessThan(0.03);
  expect(Number(await overall.getByTestId('wilcoxon-p').getAttribute('data-value'))).toBeLessThan(
    1e-10,
  );

  // Per topic, counted here from the CSV.
  await cell.getByLabel('Slice feature').selectOption('topic');
  await expect(scores.locator('tbody tr')).toHaveCount(5);
  const byTopic = new Map<string, { wins: number; losses: number }>();
  const rows = readCsvObjects(SAMPLE);
  const rating = new Map(rows.map((x) => [`${x.model}|${x.question_id}`, Number(x.rating)]));
  for (const x of rows.filter((x) => x.model === 'kestrel-70b-v2')) {
    const d = Number(x.rating) - rating.get(`kestrel-70b|${x.question_id}`)!;
    const t = byTopic.get(x.topic) ?? { wins: 0, losses: 0 };
    if (d > 0) t.wins++;
    if (d < 0) t.losses++;
    byTopic.set(x.topic, t);
  }
  for (const [topic, t] of byTopic) {
    const wlt = scores.locator(`tr[data-slice="${topic}"]`).getByTestId('wlt');
    await expect(wlt).toHaveAttribute('data-wins', String(t.wins));
    await expect(wlt).toHaveAttribute('data-losses', String(t.losses));
  }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/paired-scores.png' });
});
