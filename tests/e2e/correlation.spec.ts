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
import { readCsvObjects } from './reference';
import { EXPECTED } from './samples-data';

/** The lines samples/generate.mjs fitted in plain JS while it generated the zoo. */
const zoo = EXPECTED['model-zoo.csv'];

test('two metrics across models on the model zoo: the line on probit axes, r with its interval, residuals', async ({
  page,
}) => {
  await openSample(page, 'model-zoo');
  const cell = await addCell(page, 'Two metrics across models');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await settled(page);
  const fit = cell.getByTestId('fit');
  await expect(fit).toContainText('Across 30 models, on linear axes');
  expect(Number(await fit.getAttribute('data-r'))).toBeCloseTo(zoo.fits.imagenetv2_linear.r, 9);

  await cell.getByLabel('y axis').selectOption('sketch_top1');
  await cell.getByLabel('Axes').selectOption('probit');
  await settled(page);
  await expect(fit).toContainText('on probit axes');
  const f = zoo.fits.sketch_probit;
  expect(Number(await fit.getAttribute('data-slope'))).toBeCloseTo(f.slope, 6);
  expect(Number(await fit.getAttribute('data-r'))).toBeCloseTo(f.r, 6);
  const z = Math.atanh(f.r);
  const interval = cell.getByTestId('r-interval');
  expect(Number(await interval.getAttribute('data-low'))).toBeCloseTo(
    Math.tanh(z - 1.96 / Math.sqrt(27)),
    3,
  );
  // Most above the line first: the five zero-shot CLIP models, as planted.
  const table = cell.getByTestId('correlation-table');
  const top = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.slice(0, 5).map((tr) => tr.dataset.model));
  expect(top.sort()).toEqual([1, 2, 3, 4, 5].map((i) => `clip-zero-shot-${i}`));
  for (const model of top) {
    const row = table.locator(`tr[data-model="${model}"]`);
    expect(Number(await row.getByTestId('residual').getAttribute('data-value'))).toBeCloseTo(
      f.residuals[model!],
      6,
    );
    expect(Number(await row.getByTestId('loo').getAttribute('data-value'))).toBeCloseTo(
      f.leave_one_out[model!],
      6,
    );
  }
  await expect(cell.locator('.chart g.mark-symbol path')).toHaveCount(30);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/correlation-zoo.png' });
});

const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;

test.describe('on the MMLU-Pro dump', () => {
  skipWithoutShared(MMLU);
  test.describe.configure({ timeout: 120_000 });

  test('accuracy on math against accuracy on law, per model, counted by hand', async ({ page }) => {
    const tally = new Map<string, { n: number; right: number }>();
    for (const r of readCsvObjects(MMLU)) {
      if (r.category !== 'math' && r.category !== 'law') continue;
      const key = `${r.model}|${r.category}`;
      const t = tally.get(key) ?? { n: 0, right: 0 };
      t.n++;
      if (r.pred !== '' && r.pred === r.answer) t.right++;
      tally.set(key, t);
    }
    const acc = (model: string, category: string) => {
      const t = tally.get(`${model}|${category}`)!;
      return t.right / t.n;
    };
    await openApp(page);
    await loadFiles(page, [MMLU]);
    const cell = await addCell(page, 'Two metrics across models');
    await cell.getByRole('combobox').first().selectOption({ index: 1 });
    await cell.getByLabel('Condition column').selectOption('category');
    await cell.getByLabel('x axis').selectOption('math');
    await cell.getByLabel('y axis').selectOption('law');
    // Each choice re-ran the cell, and every run shows four models: read the last one's.
    await settled(page);
    const table = cell.getByTestId('correlation-table');
    await expect(table.locator('tbody tr')).toHaveCount(4);
    const models = [...new Set([...tally.keys()].map((k) => k.split('|')[0]))];
    for (const model of models) {
      const row = table.locator(`tr[data-model="${model}"]`);
      expect(Number(await row.getByTestId('x').getAttribute('data-value'))).toBeCloseTo(
        acc(model, 'math'),
        12,
      );
      expect(Number(await row.getByTestId('y').getAttribute('data-value'))).toBeCloseTo(
        acc(model, 'law'),
        12,
      );
    }
    // Pearson's r of the four points, by hand.
    const xs = models.map((m) => acc(m, 'math'));
    const ys = models.map((m) => acc(m, 'law'));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const syy = ys.reduce((s, y) => s + (y - my) ** 2, 0);
    const r = Number(await cell.getByTestId('fit').getAttribute('data-r'));
    expect(r).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
    await page.getByRole('button', { name: 'Hide data' }).click();
    await cell.screenshot({ path: 'test-results/correlation-mmlu.png' });
  });
});
