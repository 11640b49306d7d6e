import { readFileSync } from 'node:fs';
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
import { parseCsv } from './reference';
import { EXPECTED } from './samples-data';

const CIFAR10C = `${SHARED}robustbench-corruptions/cifar10c_unaggregated_results.csv`;
const expected = EXPECTED['corruption-robustness.parquet'];
test.describe.configure({ timeout: 120_000 });

/** What samples/expected.json holds per model of the corruption sample (the parts read here). */
interface SampleModel {
  clean: { accuracy: number };
  by_severity: Record<string, { n: number; correct: number; accuracy: number }>;
}

async function addRobustnessCell(page: Page, dataset: string): Promise<Locator> {
  const cell = await addCell(page, 'Robustness');
  await cell.getByRole('combobox').first().selectOption(dataset);
  await expect(cell.getByTestId('robustness-summary')).toBeVisible();
  await settled(page);
  return cell;
}

const value = async (l: Locator) => Number(await l.getAttribute('data-value'));

test('RobustBench CIFAR-10-C: a curve per model, mCE against a chosen reference', async ({
  page,
}) => {
  skipWithoutShared(CIFAR10C);
  // By hand from the CSV: row 1 names the corruption, row 2 the severity, then a row per model.
  const [header, severities, ...data] = parseCsv(readFileSync(CIFAR10C, 'utf8')).filter(
    (r) => r.length > 1,
  );
  const accuracy = new Map(data.map(([model, ...v]) => [model, v.map(Number)]));
  const conditions = [...new Set(header.slice(1))];
  expect(severities.slice(1, 6)).toEqual(['1', '2', '3', '4', '5']);

  await openApp(page);
  await loadFiles(page, [CIFAR10C]);
  const cell = await addRobustnessCell(page, 'ds_cifar10c_unaggregated_results');
  await expect(cell.getByTestId('robustness-meta')).toContainText(
    `${data.length} models on 15 conditions x 5 levels, no clean level`,
  );
  await expect(cell.getByTestId('robustness-meta')).toContainText('no per-example interval');
  await expect(cell.getByTestId('order-used')).toHaveText('1 → 2 → 3 → 4 → 5');
  // One line per model and one for the models pooled in each of the 15 condition panels.
  await expect(cell.locator('.chart').first().locator('g.mark-line path')).toHaveCount(
    15 * (data.length + 1),
  );
  // A row per model and one for the models pooled.
  await expect(cell.getByTestId('robustness-summary').locator('tbody tr')).toHaveCount(
    data.length + 1,
  );

  await cell.getByLabel('Reference model').selectOption('Standard');
  // The table shows the default reference's errors until the cell has run again.
  await settled(page);
  const ce = (model: string) => {
    const [m, ref] = [accuracy.get(model)!, accuracy.get('Standard')!];
    const perCondition = conditions.map((c) => {
      const columns = header.slice(1).flatMap((h, i) => (h === c ? [i] : []));
      const sum = (acc: number[]) => columns.reduce((s, i) => s + (1 - acc[i]), 0);
      return sum(m) / sum(ref);
    });
    return perCondition.reduce((s, v) => s + v, 0) / perCondition.length;
  };
  const table = cell.getByTestId('mce-table');
  for (const model of ['Hendrycks2020AugMixWRN', 'Standard', 'Addepalli2021Towards_WRN34']) {
    const shown = await value(table.locator(`tr[data-model="${model}"]`).getByTestId('mce'));
    expect(shown, model).toBeCloseTo(ce(model), 10);
  }
  expect(ce('Standard')).toBe(1);
  // Lowest mCE first.
  const mces = await table
    .locator('tbody [data-testid="mce"]')
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  expect(mces).toEqual([...mces].sort((a, b) => a - b));

  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/robustness-robustbench.png' });

  // Effective robustness: level 1 vs level 5 across the models (no clean level here).
  const effective = cell.getByRole('region', { name: 'Effective robustness' });
  await expect(effective.getByLabel('In-distribution accuracy')).toHaveValue('level:1');
  await expect(effective.getByLabel('Shifted accuracy')).toHaveValue('level:5');
  await expect(effective.getByTestId('effective-table').locator('tbody tr')).toHaveCount(
    data.length,
  );
  await expect(effective.locator('.chart g.mark-symbol path')).toHaveCount(data.length);
  // Standard's x: the mean of its 15 severity-1 accuracies in the CSV.
  const level1 = severities.slice(1).flatMap((s, i) => (s === '1' ? [i] : []));
  const standard = effective.locator('tr[data-model="Standard"]');
  expect(await value(standard.getByTestId('x'))).toBeCloseTo(
    level1.reduce((s, i) => s + accuracy.get('Standard')![i], 0) / level1.length,
    12,
  );
  await effective.screenshot({ path: 'test-results/effective-robustness.png' });
});

test('corruption sample: the planted faster-degrading model has the largest drop', async ({
  page,
}) => {
  await openSample(page, 'corruption-robustness');
  const cell = await addRobustnessCell(page, 'ds_corruption_robustness');
  await expect(cell.getByTestId('robustness-meta')).toContainText(
    '3 models on 15 conditions x 5 levels, with the clean condition "clean"',
  );
  await expect(cell.getByTestId('order-used')).toHaveText('0 → 1 → 2 → 3 → 4 → 5');
  const summary = cell.getByTestId('robustness-summary');
  // resnet50 degrades fastest (samples/README.md): the top row, marked.
  await expect(summary.locator('tbody tr').first()).toHaveAttribute('data-model', 'resnet50');
  await expect(
    summary.locator('tr[data-model="resnet50"]').getByTestId('largest-drop'),
  ).toBeVisible();
  for (const [model, m] of Object.entries(expected.models as Record<string, SampleModel>)) {
    const row = summary.locator(`tr[data-model="${model}"]`);
    const drop = m.by_severity['0'].accuracy - m.by_severity['5'].accuracy;
    expect(await value(row.getByTestId('drop')), model).toBeCloseTo(drop, 10);
    expect(await value(row.getByTestId('start'))).toBeCloseTo(m.clean.accuracy, 12);
  }
  // Bands: per-example accuracies carry Wilson intervals.
  await expect(cell.locator('.chart g.mark-area path').first()).toBeVisible();

  // Issue 16: effective robustness says its line is fitted to the models it scores, and gives each
  // model's residual from the line through the other two (logit axes), worked out here.
  const effective = cell.getByRole('region', { name: 'Effective robustness' });
  await expect(effective.getByTestId('fit-caveat')).toContainText(
    'The line is fitted to the same 3 models it scores',
  );
  const points = await effective
    .getByTestId('effective-table')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const read = (id: string) =>
          Number(tr.querySelector(`[data-testid="${id}"]`)!.getAttribute('data-value'));
        return {
          model: tr.getAttribute('data-model')!,
          x: read('x'),
          y: read('y'),
          loo: read('leave-one-out'),
        };
      }),
    );
  expect(points.map((p) => p.model).sort()).toEqual(Object.keys(expected.models).sort());
  const logit = (p: number) => Math.log(p / (1 - p));
  for (const p of points) {
    expect(p.x).toBeCloseTo(
      (expected.models as Record<string, SampleModel>)[p.model].clean.accuracy,
      12,
    );
    const [a, b] = points.filter((o) => o.model !== p.model);
    const slope = (logit(b.y) - logit(a.y)) / (logit(b.x) - logit(a.x));
    const line = logit(a.y) + slope * (logit(p.x) - logit(a.x));
    expect(p.loo, p.model).toBeCloseTo(p.y - 1 / (1 + Math.exp(-line)), 10);
  }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/robustness-sample.png' });

  // Reordering the levels changes the order used and the worst level.
  await cell.getByTestId('severity-order').locator('summary').click();
  await cell.getByRole('button', { name: 'Move level 5 earlier' }).click();
  await expect(cell.getByTestId('order-used')).toHaveText('0 → 1 → 2 → 3 → 5 → 4');
  await expect(summary.locator('thead')).toContainText('level 4 (most severe)');
  await expect(cell.getByTestId('severity-order')).toContainText(
    'set by hand; inferred: 1 → 2 → 3 → 4 → 5',
  );
});

test('corruption sample: every level of every model in the table, and the models pooled', async ({
  page,
}) => {
  await openSample(page, 'corruption-robustness');
  const cell = await addRobustnessCell(page, 'ds_corruption_robustness');
  const summary = cell.getByTestId('robustness-summary');
  await expect(summary.locator('thead th')).toHaveText([
    'model',
    'clean',
    'level 1',
    'level 2',
    'level 3',
    'level 4',
    'level 5 (most severe)',
    'drop',
    'area (normalised)',
    'mean over shifted',
  ]);
  const models = expected.models as Record<string, SampleModel>;
  const levels = ['0', '1', '2', '3', '4', '5'];
  const shown = (row: Locator, level: string) => value(row.locator(`td[data-level="${level}"]`));
  for (const [model, m] of Object.entries(models)) {
    const row = summary.locator(`tr[data-model="${model}"]`);
    for (const level of levels)
      expect(await shown(row, level), `${model} ${level}`).toBeCloseTo(
        m.by_severity[level].accuracy,
        12,
      );
  }
  // The last row pools the three models' rows: their right answers over their examples.
  const pooled = summary.locator('tbody tr').last();
  await expect(pooled).toHaveAttribute('data-model', 'all models (pooled)');
  for (const level of levels) {
    const cells = Object.values(models).map((m) => m.by_severity[level]);
    const correct = cells.reduce((s, c) => s + c.correct, 0);
    const n = cells.reduce((s, c) => s + c.n, 0);
    expect(await shown(pooled, level), `pooled ${level}`).toBeCloseTo(correct / n, 12);
  }
  // In each of the 15 panels, 3 model lines and the pooled one (dashed).
  const chart = cell.locator('.chart').first();
  await expect(chart.locator('g.mark-line path')).toHaveCount(15 * 4);
  await expect(chart.locator('g.mark-line path[stroke-dasharray]')).toHaveCount(15);
  await expect(cell.getByTestId('robustness-meta')).toContainText(
    'the black dashed line pools the models',
  );
  // A panel per model and one for the models pooled.
  await cell.getByLabel('Panels').selectOption('by-model');
  await expect(chart.locator('svg text', { hasText: 'all models (pooled)' })).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: 'augmix-resnet50' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Hide data' }).click();
  // The table scrolls inside the cell; its note wraps within the cell (as a <caption> it took the
  // table's width and ran past the cell's edge).
  const table = cell.getByTestId('robustness-summary');
  const note = cell.locator('#' + (await table.getAttribute('aria-describedby')));
  await expect(note).toContainText('Per model, sorted by the drop.');
  const [noteBox, cellBox] = [await note.boundingBox(), await cell.boundingBox()];
  expect(noteBox!.x + noteBox!.width).toBeLessThanOrEqual(cellBox!.x + cellBox!.width);
  await cell.screenshot({ path: 'test-results/robustness-levels-pooled.png' });
});
