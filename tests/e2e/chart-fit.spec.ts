import type { Locator, Page } from '@playwright/test';
import {
  SHARED,
  addCell,
  expect,
  loadFiles,
  openApp,
  openSample,
  skipWithoutShared,
  test,
} from './fixtures';

/**
 * Every chart-bearing cell kind on the samples, at 1280x800 and 1920x1080: each chart takes the
 * width of its cell (at least 80% of it, never more), its axis labels do not overlap, its legend is
 * not clipped, and a chart
 * with many series gives each its own colour. Screenshots go to test-results/chart-<name>-<width>.png.
 */
test.describe.configure({ timeout: 180_000 });

const SCREENS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

interface ChartFit {
  cell: number;
  chart: number;
  /** Pairs of axis labels whose boxes overlap, as "text / text". */
  overlaps: string[];
  /** Legend labels drawn outside the chart's box (clipped). */
  clipped: string[];
}

/** The content width of the cell and the drawn width of each chart in it. */
async function measure(cell: Locator): Promise<ChartFit[]> {
  return cell.evaluate((el) => {
    const style = getComputedStyle(el);
    const content = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [...el.querySelectorAll('figure.chart .chart-view svg')].map((svg) => {
      const overlaps: string[] = [];
      for (const axis of svg.querySelectorAll('g.role-axis')) {
        const boxes = [...axis.querySelectorAll('g.role-axis-label text')]
          .filter((t) => getComputedStyle(t).opacity !== '0' && t.textContent)
          .map((t) => ({ text: t.textContent!, box: t.getBoundingClientRect() }));
        for (const [i, a] of boxes.entries())
          for (const b of boxes.slice(i + 1)) {
            const apart =
              a.box.right <= b.box.left + 0.5 ||
              b.box.right <= a.box.left + 0.5 ||
              a.box.bottom <= b.box.top + 0.5 ||
              b.box.bottom <= a.box.top + 0.5;
            if (!apart) overlaps.push(`${a.text} / ${b.text}`);
          }
      }
      const frame = svg.getBoundingClientRect();
      const clipped = [...svg.querySelectorAll('g.role-legend-label text')]
        .filter((t) => {
          const box = t.getBoundingClientRect();
          return box.bottom > frame.bottom + 1 || box.right > frame.right + 1;
        })
        .map((t) => t.textContent ?? '');
      return { cell: Math.round(content), chart: Math.round(frame.width), overlaps, clipped };
    });
  });
}

/** At each screen size: the cell's charts fit it, and a screenshot of the cell. */
async function expectChartsFit(page: Page, cell: Locator, name: string, charts = 1) {
  for (const screen of SCREENS) {
    await page.setViewportSize(screen);
    await expect(cell.locator('figure.chart .chart-view svg')).toHaveCount(charts);
    // Charts redraw when their cell changes width: wait for the redrawn ones.
    await expect
      .poll(async () => {
        const fits = await measure(cell);
        return fits.every((f) => f.chart <= f.cell + 1 && f.chart >= 0.8 * f.cell);
      })
      .toBe(true);
    for (const fit of await measure(cell)) {
      expect(fit.overlaps, name).toEqual([]);
      expect(fit.clipped, name).toEqual([]);
    }
    await cell.scrollIntoViewIfNeeded();
    await cell.screenshot({ path: `test-results/chart-${name}-${screen.width}.png` });
  }
  await page.setViewportSize(SCREENS[0]);
}

/** The colours of a chart's legend entries (a symbol's fill, or its stroke where unfilled). */
async function legendColours(chart: Locator): Promise<string[]> {
  return chart.locator('g.role-legend-symbol path').evaluateAll((paths) =>
    paths.map((p) => {
      const fill = p.getAttribute('fill');
      return fill && fill !== 'transparent' && fill !== 'none' ? fill : p.getAttribute('stroke')!;
    }),
  );
}

test('corruption sample: robustness curves, effective robustness and calibration fit their cells', async ({
  page,
}) => {
  await page.setViewportSize(SCREENS[0]);
  await openSample(page, 'corruption-robustness');
  const robustness = await addCell(page, 'Robustness');
  await robustness.getByRole('combobox').first().selectOption('ds_corruption_robustness');
  await expect(robustness.getByTestId('robustness-summary')).toBeVisible();
  await expectChartsFit(page, robustness, 'robustness', 2);

  // A panel per model, a line per corruption, each its own colour.
  await robustness.getByLabel('Panels').selectOption('by-model');
  const curves = robustness.locator('figure.chart').first();
  await expect(curves.locator('g.role-legend-symbol path')).toHaveCount(15);
  const colours = await legendColours(curves);
  expect(new Set(colours).size).toBe(colours.length);
  await expectChartsFit(page, robustness, 'robustness-by-model', 2);

  const calibration = await addCell(page, 'Calibration');
  await calibration.getByRole('combobox').first().selectOption({ index: 1 });
  await expect(calibration.getByTestId('calibration-table').locator('tbody tr')).toHaveCount(3);
  await expectChartsFit(page, calibration, 'calibration');
});

test('loan sample: slice, fairness and discovery charts fit their cells', async ({ page }) => {
  await page.setViewportSize(SCREENS[0]);
  await openSample(page, 'loan-approval');
  const slice = await addCell(page, 'Slice table');
  await slice.getByRole('combobox').first().selectOption('ds_loan_approval');
  await slice.getByLabel('Feature 1').selectOption('region');
  await slice.getByRole('button', { name: 'Chart', exact: true }).click();
  await expectChartsFit(page, slice, 'slice');

  const fairness = await addCell(page, 'Fairness');
  await fairness.getByRole('combobox').first().selectOption('ds_loan_approval');
  await fairness.getByLabel('Sensitive feature 1').selectOption('age_group');
  await fairness.getByRole('button', { name: 'Chart', exact: true }).click();
  await expectChartsFit(page, fairness, 'fairness');

  const discover = await addCell(page, 'Discover slices');
  await discover.getByRole('combobox').first().selectOption('ds_loan_approval');
  await discover.getByLabel('Model', { exact: true }).selectOption('baseline-gbm');
  await expect(discover.getByTestId('discover-progress').locator('.running')).toHaveCount(0, {
    timeout: 60_000,
  });
  await expectChartsFit(page, discover, 'discover');
});

test('LLM sample: the cost chart fits its cell', async ({ page }) => {
  await page.setViewportSize(SCREENS[0]);
  await openSample(page, 'llm-eval');
  const cost = await addCell(page, 'Quality vs cost');
  await cost.getByRole('combobox').first().selectOption({ index: 1 });
  await cost.getByLabel('Cost column').selectOption('response.latency_ms');
  await expect(cost.getByTestId('cost-table').locator('tbody tr')).toHaveCount(3);
  await expectChartsFit(page, cost, 'cost');
});

test('street sample: the target-mix charts fit their cell', async ({ page }) => {
  await page.setViewportSize(SCREENS[0]);
  await openSample(page, 'street-scenes');
  await expect(page.locator('.dataset')).toHaveCount(2);
  const mix = await addCell(page, 'Target mix');
  await mix.getByRole('combobox').first().selectOption('ds_street_scenes');
  await mix.getByRole('button', { name: 'Make a mix' }).click();
  await mix.getByLabel('Mix feature 1').selectOption('time_of_day');
  await expect(mix.getByTestId('mix-table').locator('tbody tr')).toHaveCount(3);
  await expectChartsFit(page, mix, 'target-mix', 2);
});

test('model zoo: a chart of 30 models gives each its own colour, and the scatter fits', async ({
  page,
}) => {
  await page.setViewportSize(SCREENS[0]);
  await openSample(page, 'model-zoo');
  const correlation = await addCell(page, 'Two metrics across models');
  await correlation.getByRole('combobox').first().selectOption({ index: 1 });
  await expect(correlation.getByTestId('fit')).toContainText('Across 30 models');
  await expectChartsFit(page, correlation, 'correlation');

  const sql = await addCell(page, 'SQL');
  await sql.locator('.cm-content').click();
  await page.keyboard.insertText('SELECT model, imagenet_top1, sketch_top1 FROM ds_model_zoo');
  await page.keyboard.press('Shift+Enter');
  await expect(sql.getByText(/30 rows × 3 columns/)).toBeVisible();
  await sql.getByRole('button', { name: 'Chart this' }).click();
  const chart = page.locator('.cell[data-kind="chart"]');
  // The user's own spec: a point per model, coloured by model.
  const editor = chart.locator('details.spec-editor');
  if ((await editor.getAttribute('open')) === null) await editor.locator('summary').click();
  await chart.getByRole('textbox', { name: /Vega-Lite spec of/ }).fill(
    JSON.stringify({
      mark: { type: 'point', filled: true },
      encoding: {
        x: { field: 'imagenet_top1', type: 'quantitative', scale: { zero: false } },
        y: { field: 'sketch_top1', type: 'quantitative', scale: { zero: false } },
        color: { field: 'model', type: 'nominal' },
      },
    }),
  );
  await expect(chart.locator('g.role-legend-symbol path')).toHaveCount(30);
  const colours = await legendColours(chart);
  expect(new Set(colours).size, colours.join(' ')).toBe(30);
  await expectChartsFit(page, chart, 'chart-30-models');
});

test('RobustBench CIFAR-10-C: 23 models, a colour each, panels sized to the cell', async ({
  page,
}) => {
  const path = `${SHARED}robustbench-corruptions/cifar10c_unaggregated_results.csv`;
  skipWithoutShared(path);
  await page.setViewportSize(SCREENS[0]);
  await openApp(page);
  await loadFiles(page, [path]);
  const cell = await addCell(page, 'Robustness');
  await cell.getByRole('combobox').first().selectOption('ds_cifar10c_unaggregated_results');
  await expect(cell.getByTestId('robustness-summary').locator('tbody tr')).toHaveCount(24);
  const curves = cell.locator('figure.chart').first();
  await expect(curves.locator('g.role-legend-symbol path')).toHaveCount(23);
  const colours = await legendColours(curves);
  expect(new Set(colours).size, colours.join(' ')).toBe(23);
  await expectChartsFit(page, cell, 'robustbench', 2);
});

test('"Chart this" on (group, condition, n, accuracy): accuracy per group with its Wilson interval', async ({
  page,
}) => {
  await page.setViewportSize(SCREENS[0]);
  await openSample(page, 'corruption-robustness');
  const sql = await addCell(page, 'SQL');
  await sql.locator('.cm-content').click();
  await page.keyboard.insertText(
    "SELECT model AS family, condition, count(*)::INT AS n, avg((label = prediction)::INT) AS accuracy FROM ds_corruption_robustness WHERE condition IN ('clean', 'fog', 'gaussian_noise') GROUP BY ALL ORDER BY ALL",
  );
  await page.keyboard.press('Shift+Enter');
  await expect(sql.getByText(/9 rows × 4 columns/)).toBeVisible();
  await sql.getByRole('button', { name: 'Chart this' }).click();
  const chart = page.locator('.cell[data-kind="chart"]');
  // A point and an interval (a rule) per (family, condition), conditions by colour: not stacked.
  await expect(chart.locator('g.mark-symbol.role-mark path')).toHaveCount(9);
  await expect(chart.locator('g.mark-rule.role-mark line')).toHaveCount(9);
  await expect(chart.locator('g.role-legend-symbol path')).toHaveCount(3);
  await expect(chart.getByRole('textbox', { name: /Vega-Lite spec of/ })).toHaveValue(
    /wilson_low_95/,
  );
  await expectChartsFit(page, chart, 'chart-this-interval');
});
