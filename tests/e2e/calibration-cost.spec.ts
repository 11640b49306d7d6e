import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { addCell, expect, openSample, test, settled } from './fixtures';
import { SAMPLES, readRows } from './samples-data';

test.describe.configure({ timeout: 120_000 });

/** ECE with 15 equal-width bins [k/15, (k+1)/15), 1 in the last (Naeini et al. 2015), written out again. */
function ece(points: { p: number; y: number }[]): number {
  const bins = Array.from({ length: 15 }, () => ({ n: 0, p: 0, y: 0 }));
  for (const { p, y } of points) {
    const b = bins[Math.min(14, Math.floor(p * 15))];
    b.n++;
    b.p += p;
    b.y += y;
  }
  return bins.reduce((s, b) => s + Math.abs(b.y - b.p), 0) / points.length;
}

/** Adds an analysis cell on the first dataset. */
async function addAnalysisCell(page: Page, label: string): Promise<Locator> {
  const cell = await addCell(page, label);
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await settled(page);
  return cell;
}

const value = async (cell: Locator, attribute = 'data-value') =>
  Number(await cell.getAttribute(attribute));

test('calibration: loan sample, ECE per model and in the slice the baseline never learned', async ({
  page,
}) => {
  const rows = await readRows(
    `SELECT model, label, score, age_group FROM '${SAMPLES}loan-approval.parquet'`,
  );
  const points = (model: string, age?: string) =>
    rows
      .filter((r) => r.model === model && (age === undefined || r.age_group === age))
      .map((r) => ({ p: Number(r.score), y: Number(r.label) }));

  await openSample(page, 'loan-approval');
  const cell = await addAnalysisCell(page, 'Calibration');
  const table = cell.getByTestId('calibration-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(cell.getByText('15 equal-width bins')).toBeVisible();
  // The positive class is named as the label's values are shown (1, not 1.0 from a DOUBLE label).
  await expect(cell.locator('.result-meta')).toContainText(/^\s*P\(1\) from score/);
  for (const model of ['baseline-gbm', 'fair-gbm']) {
    const row = table.locator(`tr[data-model="${model}"][data-slice="*"]`);
    await expect(row.getByTestId('n')).toHaveText('10,000');
    const shown = row.getByTestId('ece');
    const expected = ece(points(model));
    expect(await value(shown)).toBeCloseTo(expected, 12);
    expect(await value(shown, 'data-low')).toBeLessThan(expected);
    expect(await value(shown, 'data-high')).toBeGreaterThan(expected);
    // Brier, written out: mean (p - y)^2.
    const brier = points(model).reduce((s, { p, y }) => s + (p - y) ** 2, 0) / 10000;
    expect(await value(row.getByTestId('brier'))).toBeCloseTo(brier, 12);
  }

  // By age group: the baseline under-scores the rural retirees, so its 65+ ECE is far larger.
  await cell.getByLabel('Slice feature').selectOption('age_group');
  await expect(table.locator('tbody tr')).toHaveCount(2 + 2 * 4);
  const old = (model: string) => table.locator(`tr[data-model="${model}"][data-slice="65+"]`);
  const baseline65 = ece(points('baseline-gbm', '65+'));
  const fair65 = ece(points('fair-gbm', '65+'));
  expect(await value(old('baseline-gbm').getByTestId('ece'))).toBeCloseTo(baseline65, 12);
  expect(await value(old('fair-gbm').getByTestId('ece'))).toBeCloseTo(fair65, 12);
  expect(baseline65).toBeGreaterThan(2 * fair65);

  await cell.getByLabel('Diagram of', { exact: true }).selectOption('65+');
  await expect(cell.locator('.chart-view svg.marks')).toBeVisible();
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/calibration.png' });

  // Equal mass: 15 bins of (nearly) the same count.
  await cell.getByLabel('Binning').selectOption('mass');
  await cell.getByLabel('Diagram of', { exact: true }).selectOption('');
  await cell.getByText(/Bins: counts/).click();
  const counts = cell.locator(
    '[data-testid="calibration-bins"] tr[data-model="fair-gbm"] [data-testid="bin-n"]',
  );
  // Equal-width bins are 15 too: read until the equal-mass ones are on screen.
  await expect(async () => {
    const ns = (await counts.allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    expect(ns).toHaveLength(15);
    expect(Math.max(...ns) - Math.min(...ns)).toBeLessThanOrEqual(1);
  }).toPass();
});

test('calibration, multiclass: top-label confidence of the corruption sample, resnet50 overconfident', async ({
  page,
}) => {
  const rows = await readRows(
    `SELECT model, label = prediction AS correct, confidence FROM '${SAMPLES}corruption-robustness.parquet'`,
  );
  await openSample(page, 'corruption-robustness');
  const cell = await addAnalysisCell(page, 'Calibration');
  const table = cell.getByTestId('calibration-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(cell.getByText(/top-label confidence from confidence/)).toBeVisible();
  const shown: Record<string, number> = {};
  for (const model of ['resnet50', 'vit-b16', 'augmix-resnet50']) {
    const points = rows
      .filter((r) => r.model === model)
      .map((r) => ({ p: Number(r.confidence), y: r.correct ? 1 : 0 }));
    shown[model] = await value(table.locator(`tr[data-model="${model}"]`).getByTestId('ece'));
    expect(shown[model]).toBeCloseTo(ece(points), 12);
  }
  expect(shown.resnet50).toBeGreaterThan(shown['vit-b16']);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/calibration-multiclass.png' });
});

/** P(B <= k) for B ~ Binomial(n, 1/2), exactly, with integers. */
function halfBinomialCdf(n: number): number[] {
  const out: number[] = [];
  let c = 1n;
  let sum = 0n;
  const total = 2n ** BigInt(n);
  for (let i = 0; i <= n; i++) {
    if (i > 0) c = (c * BigInt(n - i + 1)) / BigInt(i);
    sum += c;
    out.push(Number((sum * 10n ** 12n) / total) / 1e12);
  }
  return out;
}

test('quality vs cost: LLM sample, latency percentiles with intervals and the Pareto front', async ({
  page,
}) => {
  const models = ['atlas-70b', 'atlas-7b', 'nimbus-mini'];
  const data = Object.fromEntries(
    models.map((m) => {
      const lines = readFileSync(`${SAMPLES}llm-eval/${m}.jsonl`, 'utf8').trim().split('\n');
      const records = lines.map(
        (l) => JSON.parse(l) as { correct: number; response: { latency_ms: number } },
      );
      return [m, records];
    }),
  );

  await openSample(page, 'llm-eval');
  const cell = await addAnalysisCell(page, 'Quality vs cost');
  await cell.getByLabel('Cost column').selectOption('response.latency_ms');
  await settled(page);
  const table = cell.getByTestId('cost-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);

  const cdf = halfBinomialCdf(1500);
  // Median CI ranks: the largest l with P(B <= l - 1) <= 2.5%, the smallest u with P(B <= u - 1) >= 97.5%.
  const l = cdf.filter((f) => f <= 0.025).length;
  const u = cdf.findIndex((f) => f >= 0.975) + 1;
  const summary: Record<string, { p50: number; accuracy: number }> = {};
  for (const m of models) {
    const latencies = data[m].map((r) => r.response.latency_ms).sort((a, b) => a - b);
    const n = latencies.length;
    // numpy's default percentile: linear between the order statistics around (n - 1) p.
    const h = (n - 1) * 0.5;
    const p50 =
      latencies[Math.floor(h)] + (h % 1) * (latencies[Math.ceil(h)] - latencies[Math.floor(h)]);
    const mean = latencies.reduce((s, x) => s + x, 0) / n;
    const accuracy = data[m].reduce((s, r) => s + r.correct, 0) / n;
    summary[m] = { p50, accuracy };
    const row = table.locator(`tr[data-model="${m}"]`);
    expect(await value(row.getByTestId('p50'))).toBeCloseTo(p50, 9);
    expect(await value(row.getByTestId('p50'), 'data-low')).toBe(latencies[l - 1]);
    expect(await value(row.getByTestId('p50'), 'data-high')).toBe(latencies[u - 1]);
    expect(await value(row.getByTestId('mean'))).toBeCloseTo(mean, 9);
    expect(await value(row.getByTestId('quality'))).toBeCloseTo(accuracy, 12);
  }
  // Brute force: a model is on the front unless another is no slower and no worse, and better in one.
  const onFront = models.filter(
    (m) =>
      !models.some(
        (o) =>
          summary[o].p50 <= summary[m].p50 &&
          summary[o].accuracy >= summary[m].accuracy &&
          (summary[o].p50 < summary[m].p50 || summary[o].accuracy > summary[m].accuracy),
      ),
  );
  expect(onFront.sort()).toEqual(['atlas-70b', 'nimbus-mini']);
  await expect(cell.getByTestId('pareto-front')).toContainText('nimbus-mini → atlas-70b');
  for (const m of models)
    await expect(table.locator(`tr[data-model="${m}"]`).getByTestId('front')).toHaveAttribute(
      'data-value',
      String(onFront.includes(m)),
    );

  // Per category: atlas-7b's math slice falls far behind.
  await cell.getByLabel('Slice feature').selectOption('category');
  await expect(table.locator('tbody tr')).toHaveCount(3 + 3 * 10);
  await expect(cell.locator('.chart-view svg.marks')).toBeVisible();
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/cost-pareto.png' });
});
