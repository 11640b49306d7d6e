import type { Locator, Page } from '@playwright/test';
import { addCell, expect, expectAccuracies, openSample, settle, settled, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { parseCsv, readCsvObjects } from './reference';
import { SAMPLES, loanRows, readRows, type LoanRow } from './samples-data';

/**
 * Exploring by clicks (issue 24, "Exploration"): a slice's funnel button filters every analysis cell to it,
 * the filter shows as chips over the one SQL filter, Shift adds, a second click and a chip's ×
 * take away, undo brings back, and the filter is saved with the notebook. "Add as filter" adds
 * to the chips; the fairness and model-vs-model tables have the funnel too; a model keeps its
 * colour whatever the filter leaves; hovering lights a slice across tables and the slice,
 * robustness and fairness charts. Every count below is made from the sample's rows in the test.
 */
test.describe.configure({ timeout: 180_000 });

const DATASET = 'ds_loan_approval';

async function addSliceTable(page: Page, features: string[]): Promise<Locator> {
  const cell = await addCell(page, 'Slice table');
  await cell.getByRole('combobox').first().selectOption(DATASET);
  for (const [i, feature] of features.entries())
    await cell.getByLabel(`Feature ${i + 1}`).selectOption(feature);
  return cell;
}

/** Per model, the rows kept and how many of them are right. */
function accuracies(rows: LoanRow[]): Record<string, { n: number; correct: number }> {
  const out: Record<string, { n: number; correct: number }> = {};
  for (const r of rows) {
    out[r.model] ??= { n: 0, correct: 0 };
    out[r.model].n++;
    if (r.prediction === r.label) out[r.model].correct++;
  }
  return out;
}

/**
 * A slice table's n per row (`model|slice`) against `expected`, read again until they match: the
 * table keeps its last rows on screen while its cell waits to re-run.
 */
async function expectSliceCounts(cell: Locator, expected: Record<string, number>): Promise<void> {
  const rows = cell.getByTestId('slice-table').locator('tbody tr');
  await expect(async () => {
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        `${tr.getAttribute('data-model')}|${tr.getAttribute('data-slice')}`,
        Number(tr.querySelector('[data-testid="n"]')!.textContent!.replace(/[^0-9]/g, '')),
      ]),
    );
    expect(Object.fromEntries(shown)).toEqual(expected);
  }).toPass();
}

/** The same counts from the sample's rows: per model and the features' values. */
function countsBy(rows: LoanRow[], ...features: (keyof LoanRow)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const key = `${r.model}|${features.map((f) => r[f]).join(' · ')}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The loan sample open at 1280 px with an overview cell; the sample's rows, read in the test. */
async function openWithOverview(page: Page): Promise<{ all: LoanRow[]; overview: Locator }> {
  await page.setViewportSize({ width: 1280, height: 900 });
  const all = await loanRows();
  await openSample(page, 'loan-approval');
  const overview = await addCell(page, 'Overview');
  await overview.getByLabel('Dataset').selectOption(DATASET);
  return { all, overview };
}

/** The chips under the filter box, one per clause. */
const chipsOf = (page: Page) =>
  page.getByRole('list', { name: 'Filter in force' }).getByRole('listitem');

/** A row's funnel in the table on screen (not a dimmed one, whose rows ignore clicks while it re-runs). */
const pickButton = (cell: Locator, slice: string) =>
  cell
    .getByTestId('slice-table')
    .locator(`tr[data-slice="${slice}"]`)
    .first()
    .getByRole('button', { name: `Filter every analysis to ${slice}` });

test('a click on a slice filters every analysis cell, shown as chips over the one filter', async ({
  page,
}) => {
  const { all, overview } = await openWithOverview(page);
  const byRegion = await addSliceTable(page, ['region']);
  const bySex = await addSliceTable(page, ['region', 'sex']);
  await expect(byRegion.getByTestId('slice-table').locator('tbody tr')).toHaveCount(10);
  await expect(bySex.getByTestId('slice-table').locator('tbody tr')).toHaveCount(20);

  const chips = chipsOf(page);
  const filterBox = page.getByLabel('Global filter (SQL condition)');

  // Hovering a region's row highlights that region's rows in the other table too: both sexes,
  // both models.
  await byRegion.locator('tr[data-slice="north"]').first().hover();
  await expect(bySex.locator('tr.hovered')).toHaveCount(4);
  await expect(bySex.locator('tr.hovered[data-slice^="north · "]')).toHaveCount(4);
  await bySex.locator('tr[data-slice="east · male"]').first().hover();
  await expect(byRegion.locator('tr.hovered[data-slice="east"]')).toHaveCount(2);
  await expect(bySex.locator('tr.hovered')).toHaveCount(2);

  // A click: every analysis cell keeps the rural rows.
  await pickButton(byRegion, 'rural').click();
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toContainText('region = rural');
  await expect(filterBox).toHaveValue(`CAST("region" AS VARCHAR) = 'rural'`);
  const rural = all.filter((r) => r.region === 'rural');
  await expectAccuracies(overview, accuracies(rural));
  await expectSliceCounts(byRegion, countsBy(rural, 'region'));
  await expectSliceCounts(bySex, countsBy(rural, 'region', 'sex'));
  const caption = `filtered by region = rural: ${rural.length.toLocaleString('en-US')} of 20,000 rows`;
  for (const cell of [overview, byRegion, bySex]) await expect(cell).toContainText(caption);
  await expect(pickButton(byRegion, 'rural')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.screenshot({ path: 'test-results/explore-chips-1280.png', fullPage: true });

  // Shift+Enter on a row's funnel button, from the keyboard: its sex is added (AND); its region is in already.
  await pickButton(bySex, 'rural · female').focus();
  await page.keyboard.press('Shift+Enter');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toContainText('sex = female');
  const ruralFemale = rural.filter((r) => r.sex === 'female');
  await expectAccuracies(overview, accuracies(ruralFemale));
  await expectSliceCounts(bySex, countsBy(ruralFemale, 'region', 'sex'));
  await expect(overview).toContainText(
    `filtered by region = rural and sex = female: ${ruralFemale.length.toLocaleString('en-US')} of 20,000 rows`,
  );

  // A chip's ×, by the keyboard: the region's clause goes, the sex's stays.
  await chips.first().getByRole('button', { name: 'Remove the filter region = rural' }).focus();
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(1);
  await expect(filterBox).toHaveValue(`CAST("sex" AS VARCHAR) = 'female'`);
  const female = all.filter((r) => r.sex === 'female');
  await expectAccuracies(overview, accuracies(female));
  await expectSliceCounts(byRegion, countsBy(female, 'region'));

  // Undo (Ctrl+Z) brings the region back; the notebook's own undo, one step per click.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(chips).toHaveCount(2);
  await expectAccuracies(overview, accuracies(ruralFemale));
  // A table that is re-running ignores clicks (it is dimmed, aria-busy): wait for its new rows.
  await expectSliceCounts(byRegion, countsBy(ruralFemale, 'region'));

  // A second click on the slice the filter is takes its clause away.
  await settled(page);
  await pickButton(byRegion, 'rural').click();
  await expect(chips).toHaveCount(1);
  await expect(filterBox).toHaveValue(`CAST("sex" AS VARCHAR) = 'female'`);
  await expectAccuracies(overview, accuracies(female));

  // Typed SQL is the same filter: an IN list is one chip, and Shift on one of its values takes
  // that value out.
  await filterBox.fill(`region IN ('rural', 'north') AND income_k * 2 > 60`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(chips).toHaveCount(2);
  await expect(chips.first()).toContainText('region in rural, north');
  await expect(chips.nth(1)).toContainText('custom SQL');
  await expect(pickButton(byRegion, 'north')).toHaveAttribute('aria-pressed', 'true');
  // The cells re-run under the typed filter: a click on a row being replaced would be lost.
  await settled(page);
  await expect(pickButton(byRegion, 'rural')).toHaveAttribute('aria-pressed', 'true');
  await pickButton(byRegion, 'rural').click({ modifiers: ['Shift'] });
  await expect(chips.first()).toContainText('region = north');
  const north = all.filter((r) => r.region === 'north' && r.income_k * 2 > 60);
  await expectAccuracies(overview, accuracies(north));
  await page.screenshot({ path: 'test-results/explore-custom-sql-1280.png', fullPage: true });

  // Saved with the notebook: after a reload the chips are there, and the cells use them.
  await expect(page.getByText('saving…')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  await expect(chips).toHaveCount(2);
  await expect(chips.first()).toContainText('region = north');
  await page.click('[data-sample="loan-approval"]');
  await settle(page);
  await expectAccuracies(page.locator('.cell[data-kind="overview"]'), accuracies(north));
});

test('a chart’s point and legend entry filter, and the table’s CSV carries the filter', async ({
  page,
}) => {
  const { all, overview } = await openWithOverview(page);
  const byRegion = await addSliceTable(page, ['region']);
  await expect(byRegion.getByTestId('slice-table').locator('tbody tr')).toHaveCount(10);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await byRegion.getByRole('button', { name: 'Chart', exact: true }).click();
  const points = byRegion.locator('svg .mark-symbol.role-mark path');
  await expect(points).toHaveCount(10);
  const chips = chipsOf(page);

  // A point: its slice (east), every model's rows.
  await byRegion
    .locator('svg .mark-symbol.role-mark path[aria-label*="slice: east"]')
    .first()
    .click();
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toContainText('region = east');
  const east = all.filter((r) => r.region === 'east');
  await expectAccuracies(overview, accuracies(east));

  // A legend entry: its model, with Shift added to the region.
  await expect(points).toHaveCount(2);
  await byRegion
    .locator('svg g.role-legend-label text', { hasText: 'fair-gbm' })
    .click({ modifiers: ['Shift'] });
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toContainText('model = fair-gbm');
  await expectAccuracies(overview, accuracies(east.filter((r) => r.model === 'fair-gbm')));
  await page.screenshot({ path: 'test-results/explore-chart-1280.png', fullPage: true });

  // The table's CSV says which rows it was computed on: the filter, as a last column.
  const download = page.waitForEvent('download');
  await byRegion.getByRole('button', { name: 'Export CSV' }).click();
  const [header, ...rows] = parseCsv(readFileSync((await (await download).path())!, 'utf8'));
  const filter = await page.getByLabel('Global filter (SQL condition)').inputValue();
  expect(filter).toBe(
    `CAST("region" AS VARCHAR) = 'east' AND CAST("model" AS VARCHAR) = 'fair-gbm'`,
  );
  expect(header.at(-1)).toBe('filter');
  expect(rows.filter((r) => r.length > 1).map((r) => r.at(-1))).toEqual([filter]);
});

test('a range brushed across the reliability diagram filters to the scores in it', async ({
  page,
}) => {
  const { all, overview } = await openWithOverview(page);
  // First: the chart is drawn at the width it keeps (a resize mid-drag would redraw it).
  await page.getByRole('button', { name: 'Hide data' }).click();
  const calibration = await addCell(page, 'Calibration');
  await calibration.getByRole('combobox').first().selectOption(DATASET);
  await expect(calibration.getByTestId('calibration-table').locator('tbody tr')).toHaveCount(2);
  await expect(calibration.getByText('Drag across the chart to filter')).toBeVisible();

  // Drag across the middle of the plot (above its axis and legend), from 0.3 to 0.7 of its width.
  await calibration.locator('.chart-view svg').scrollIntoViewIfNeeded();
  const box = (await calibration.locator('.chart-view svg').boundingBox())!;
  const y = box.y + box.height * 0.35;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
  await page.mouse.up();

  const chips = chipsOf(page);
  await expect(chips).toHaveCount(1);
  const text = (await chips.first().textContent())!;
  const [, low, high] = /([\d.]+) ≤ score ≤ ([\d.]+)/.exec(text)!.map(Number);
  expect(low).toBeGreaterThan(0.2);
  expect(high).toBeLessThan(0.8);
  expect(high - low).toBeGreaterThan(0.3);
  await expect(page.getByLabel('Global filter (SQL condition)')).toHaveValue(
    `"score" >= ${low} AND "score" <= ${high}`,
  );
  const kept = all.filter((r) => r.score >= low && r.score <= high);
  await expectAccuracies(overview, accuracies(kept));
  await expect(calibration).toContainText(
    `filtered by ${low} ≤ score ≤ ${high}: ${kept.length.toLocaleString('en-US')} of 20,000 rows`,
  );
  await page.screenshot({ path: 'test-results/explore-brush-1280.png', fullPage: true });
});

test('levels brushed across the robustness chart filter to those severities', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSample(page, 'corruption-robustness');
  await page.getByRole('button', { name: 'Hide data' }).click();
  const overview = await addCell(page, 'Overview');
  await overview.getByLabel('Dataset').selectOption('ds_corruption_robustness');
  const robustness = await addCell(page, 'Robustness');
  await robustness.getByRole('combobox').first().selectOption('ds_corruption_robustness');
  await expect(robustness.getByTestId('robustness-meta')).toContainText('5 levels');

  // In one condition's panel, from just left of level 1 to just right of level 3.
  const point = (level: number) =>
    robustness.locator(`svg .mark-symbol.role-mark path[aria-label*="level: ${level};"]`).first();
  await point(1).scrollIntoViewIfNeeded();
  const condition = /condition: ([^;]+);/.exec((await point(1).getAttribute('aria-label'))!)![1];
  const at = async (level: number) =>
    (await robustness
      .locator(
        `svg .mark-symbol.role-mark path[aria-label*="condition: ${condition};"][aria-label*="level: ${level};"]`,
      )
      .first()
      .boundingBox())!;
  const [one, three] = [await at(1), await at(3)];
  const y = one.y + one.height + 40;
  await page.mouse.move(one.x - 4, y);
  await page.mouse.down();
  await page.mouse.move((one.x + three.x) / 2, y, { steps: 4 });
  await page.mouse.move(three.x + three.width + 4, y, { steps: 4 });
  await page.mouse.up();

  const chips = chipsOf(page);
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toContainText('severity in 1, 2, 3');
  const counts = await readRows(
    `SELECT model, count(*)::INTEGER AS n, count(*) FILTER (WHERE prediction = label)::INTEGER AS correct
     FROM '${SAMPLES}corruption-robustness.parquet' WHERE severity BETWEEN 1 AND 3 GROUP BY model`,
  );
  await expectAccuracies(
    overview,
    Object.fromEntries(
      counts.map((r) => [r.model, { n: Number(r.n), correct: Number(r.correct) }]),
    ),
  );
  await page.screenshot({ path: 'test-results/explore-robustness-brush-1280.png', fullPage: true });
});

test('"Add as filter" adds its slice to the chips, once, as one undo step', async ({ page }) => {
  const { all, overview } = await openWithOverview(page);
  const bySex = await addSliceTable(page, ['sex']);
  const byAgeRegion = await addSliceTable(page, ['age_group', 'region']);
  await expectSliceCounts(bySex, countsBy(all, 'sex'));
  const chips = chipsOf(page);
  const filterBox = page.getByLabel('Global filter (SQL condition)');

  await pickButton(bySex, 'female').click();
  await expect(chips).toHaveCount(1);
  const female = all.filter((r) => r.sex === 'female');
  await expectAccuracies(overview, accuracies(female));
  // A table that re-runs ignores clicks on its previous rows: click once every cell has run.
  await settled(page);

  // An opened row's "Add as filter": its slice joins the chips; the sex stays.
  await byAgeRegion.locator('tr[data-slice="65+ · rural"]').first().click();
  const drill = byAgeRegion.getByRole('region', { name: 'Slice 65+ · rural' });
  const add = drill.getByRole('button', { name: 'Add as filter' });
  await add.click();
  await expect(chips).toHaveCount(3);
  await expect(chips.nth(0)).toContainText('sex = female');
  await expect(chips.nth(1)).toContainText('age_group = 65+');
  await expect(chips.nth(2)).toContainText('region = rural');
  const slice = female.filter((r) => r.age_group === '65+' && r.region === 'rural');
  await expectAccuracies(overview, accuracies(slice));
  await expect(overview).toContainText(
    `filtered by sex = female and age_group = 65+ and region = rural: ${slice.length.toLocaleString('en-US')} of 20,000 rows`,
  );
  const added = await filterBox.inputValue();
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.screenshot({ path: 'test-results/explore-add-as-filter-1280.png', fullPage: true });

  // Again, once the cells have run on it: the slice is in force, nothing is added (and no
  // undo step made: one Ctrl+Z goes back to the sex alone).
  await settled(page);
  await expect(drill.getByText(/rows$/)).toBeVisible();
  await add.click();
  await settled(page);
  await expect(chips).toHaveCount(3);
  await expect(filterBox).toHaveValue(added);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(chips).toHaveCount(1);
  await expect(filterBox).toHaveValue(`CAST("sex" AS VARCHAR) = 'female'`);
  await expectAccuracies(overview, accuracies(female));
});

test('a found slice’s "Add as filter" keeps the chips in force and adds to them', async ({
  page,
}) => {
  const { all, overview } = await openWithOverview(page);
  const chips = chipsOf(page);
  const filterBox = page.getByLabel('Global filter (SQL condition)');
  await filterBox.fill(`model = 'baseline-gbm'`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(chips).toHaveCount(1);
  const baseline = all.filter((r) => r.model === 'baseline-gbm');
  await expectAccuracies(overview, accuracies(baseline));

  const discover = await addCell(page, 'Discover slices');
  await discover.getByRole('combobox').first().selectOption(DATASET);
  await expect(discover.getByTestId('discover-progress').locator('.running')).toHaveCount(0, {
    timeout: 60_000,
  });
  // The planted slice (samples/README.md) is found first.
  const top = discover.getByTestId('discover-table').locator('tbody tr').first();
  await expect(top).toHaveAttribute('data-slice', /65\+/, { timeout: 60_000 });
  await settled(page);
  await top.getByRole('button', { name: 'Add as filter' }).click();
  await expect(chips).toHaveCount(3);
  await expect(chips.nth(0)).toContainText('model = baseline-gbm');
  const labels = (await chips.allTextContents()).slice(1).map((t) => t.replace(/×$/, '').trim());
  expect(labels.sort()).toEqual(['age_group = 65+', 'region = rural']);
  const slice = baseline.filter((r) => r.age_group === '65+' && r.region === 'rural');
  await expectAccuracies(overview, accuracies(slice));

  // One step of undo: the model's chip alone again.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(chips).toHaveCount(1);
  await expectAccuracies(overview, accuracies(baseline));
});

/**
 * The corruption sample open at 1280 px with a slice table by condition (its 16 conditions x 3
 * models) and a robustness cell, both run.
 */
async function openCorruptionCharts(page: Page): Promise<{ slices: Locator; robustness: Locator }> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSample(page, 'corruption-robustness');
  await page.getByRole('button', { name: 'Hide data' }).click();
  const slices = await addCell(page, 'Slice table');
  await slices.getByRole('combobox').first().selectOption('ds_corruption_robustness');
  await slices.getByLabel('Feature 1').selectOption('condition');
  await expect(slices.getByTestId('slice-table').locator('tbody tr')).toHaveCount(48);
  const robustness = await addCell(page, 'Robustness');
  await robustness.getByRole('combobox').first().selectOption('ds_corruption_robustness');
  await expect(robustness.getByTestId('robustness-meta')).toContainText('3 models');
  return { slices, robustness };
}

/** Each model's colour in a chart, as drawn: its points' fill, and its legend entry's symbol. */
async function modelColours(
  cell: Locator,
): Promise<{ points: Record<string, string[]>; legend: Record<string, string> }> {
  return cell
    .locator('.chart-view svg')
    .first()
    .evaluate((svg) => {
      const points: Record<string, string[]> = {};
      for (const path of svg.querySelectorAll('.mark-symbol.role-mark path')) {
        const model = /model: ([^;]+)(;|$)/.exec(path.getAttribute('aria-label') ?? '')?.[1];
        const fill = path.getAttribute('fill');
        if (!model || !fill) continue;
        points[model] ??= [];
        if (!points[model].includes(fill)) points[model].push(fill);
      }
      const symbols = [...svg.querySelectorAll('.role-legend-symbol path')];
      const labels = [...svg.querySelectorAll('.role-legend-label text')];
      const legend = Object.fromEntries(
        labels.map((t, i) => {
          // A line's legend symbol is a stroke; a point's, a fill.
          const fill = symbols[i]?.getAttribute('fill');
          const paint = fill && fill !== 'transparent' ? fill : symbols[i]?.getAttribute('stroke');
          return [t.textContent ?? '', paint ?? ''];
        }),
      );
      return { points, legend };
    });
}

test('a model keeps its colour in every chart and legend whatever the filter leaves', async ({
  page,
}) => {
  const { slices, robustness } = await openCorruptionCharts(page);
  await slices.getByRole('button', { name: 'Chart', exact: true }).click();

  // Every model drawn: one colour each, the same in both charts and their legends.
  const models = ['augmix-resnet50', 'resnet50', 'vit-b16'];
  const colour: Record<string, string> = {};
  await expect(async () => {
    for (const cell of [slices, robustness]) {
      const drawn = await modelColours(cell);
      expect(Object.keys(drawn.points).sort()).toEqual(models);
      for (const m of models) {
        expect(drawn.points[m]).toHaveLength(1);
        colour[m] ??= drawn.points[m][0];
        expect(drawn.points[m][0], m).toBe(colour[m]);
        expect(drawn.legend[m], m).toBe(colour[m]);
      }
    }
  }).toPass();
  expect(new Set(Object.values(colour)).size).toBe(3);

  // The last model alone (its legend entry): it keeps its colour, though it is now the only one.
  await robustness.locator('svg g.role-legend-label text', { hasText: 'vit-b16' }).click();
  await expect(chipsOf(page)).toHaveCount(1);
  await expect(chipsOf(page).first()).toContainText('model = vit-b16');
  await expect(async () => {
    for (const cell of [slices, robustness]) {
      const drawn = await modelColours(cell);
      expect(drawn.points).toEqual({ 'vit-b16': [colour['vit-b16']] });
      expect(drawn.legend).toEqual({ 'vit-b16': colour['vit-b16'] });
    }
  }).toPass();
  await page.screenshot({
    path: 'test-results/explore-colours-one-model-1280.png',
    fullPage: true,
  });

  // Two of the three: each keeps its own.
  await page.getByLabel('Global filter (SQL condition)').fill(`model IN ('resnet50', 'vit-b16')`);
  await page.getByRole('button', { name: 'Apply' }).click();
  const kept = { resnet50: colour.resnet50, 'vit-b16': colour['vit-b16'] };
  await expect(async () => {
    for (const cell of [slices, robustness]) {
      const drawn = await modelColours(cell);
      expect(drawn.legend).toEqual(kept);
      expect(drawn.points).toEqual({ resnet50: [kept.resnet50], 'vit-b16': [kept['vit-b16']] });
    }
  }).toPass();
  await page.screenshot({
    path: 'test-results/explore-colours-two-models-1280.png',
    fullPage: true,
  });
});

test('the fairness and model-vs-model tables filter by a row’s funnel, Enter and Shift+Enter too', async ({
  page,
}) => {
  const { all, overview } = await openWithOverview(page);
  const fairness = await addCell(page, 'Fairness');
  await fairness.getByRole('combobox').first().selectOption(DATASET);
  await fairness.getByLabel('Sensitive feature 1').selectOption('sex');
  await expect(fairness.getByTestId('fairness-groups').locator('tbody tr')).toHaveCount(2);
  const compare = await addCell(page, 'Model vs model');
  await compare.getByRole('combobox').first().selectOption(DATASET);
  await compare.getByLabel('Model A').selectOption('fair-gbm');
  await compare.getByLabel('Model B').selectOption('baseline-gbm');
  await compare.getByLabel('Slice feature').selectOption('region');
  // The row of all examples is not a slice: no funnel there; five regions have one each.
  const compareRows = compare.getByTestId('compare-table').locator('tbody tr');
  await expect(compareRows).toHaveCount(6);
  await expect(
    compareRows.first().getByRole('button', { name: /^Filter every analysis/ }),
  ).toHaveCount(0);
  const chips = chipsOf(page);

  // A group's funnel: every analysis keeps that group, and its button shows pressed.
  const femaleButton = fairness
    .locator('tr[data-group="female"]')
    .getByRole('button', { name: 'Filter every analysis to female' });
  await femaleButton.click();
  await expect(chips).toHaveCount(1);
  await expect(chips.first()).toContainText('sex = female');
  const female = all.filter((r) => r.sex === 'female');
  await expectAccuracies(overview, accuracies(female));
  await expect(femaleButton).toHaveAttribute('aria-pressed', 'true');
  await settled(page);

  // Shift+Enter on a region's funnel adds it; the pairs shown are the female rural applicants.
  const rural = compare
    .locator('tr[data-slice="rural"]')
    .getByRole('button', { name: 'Filter every analysis to rural' });
  await expect(rural).toHaveAttribute('aria-pressed', 'false');
  await rural.focus();
  await page.keyboard.press('Shift+Enter');
  await expect(chips).toHaveCount(2);
  await expect(chips.nth(1)).toContainText('region = rural');
  const femaleRural = female.filter((r) => r.region === 'rural');
  await expectAccuracies(overview, accuracies(femaleRural));
  await expect(rural).toHaveAttribute('aria-pressed', 'true');
  await expect(compare.locator('tr[data-slice="rural"]').getByTestId('n')).toHaveText(
    (femaleRural.length / 2).toLocaleString('en-US'),
  );
  await page.getByRole('button', { name: 'Hide data' }).click();
  await settled(page);
  await page.screenshot({
    path: 'test-results/explore-fairness-compare-funnels-1280.png',
    fullPage: true,
  });

  // Enter on it again (the filter is that region alone): the region's clause goes.
  await rural.focus();
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(1);
  await expect(page.getByLabel('Global filter (SQL condition)')).toHaveValue(
    `CAST("sex" AS VARCHAR) = 'female'`,
  );
  await expectAccuracies(overview, accuracies(female));
});

/** Each point of a chart with its description and its opacity as drawn. */
const pointOpacities = (cell: Locator) =>
  cell.locator('.chart-view svg .mark-symbol.role-mark path').evaluateAll((paths) =>
    paths.map((p) => ({
      label: p.getAttribute('aria-label') ?? '',
      opacity: Number(getComputedStyle(p).opacity),
    })),
  );

test('hovering a condition lights it in the robustness chart, and a point lights its tables’ rows', async ({
  page,
}) => {
  const { slices, robustness } = await openCorruptionCharts(page);
  const curves = robustness.locator('figure[aria-label^="Robustness curves"]');

  // A table's row: fog's points (every model, every level) at full strength, the rest dimmed.
  await slices.locator('tr[data-slice="fog"]').first().hover();
  await expect(async () => {
    const points = await pointOpacities(curves);
    const fog = points.filter((p) => p.label.includes('condition: fog;'));
    expect(fog.length).toBe(3 * 6);
    expect(fog.every((p) => p.opacity === 1)).toBe(true);
    const rest = points.filter((p) => !p.label.includes('condition: fog;'));
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((p) => p.opacity < 0.5)).toBe(true);
  }).toPass();
  // Tall enough to show the hovered row and the chart at once (a scroll would move the pointer off the row).
  await page.setViewportSize({ width: 1280, height: 2600 });
  await slices.locator('tr[data-slice="fog"]').first().hover();
  await expect(async () => {
    const fog = (await pointOpacities(curves)).filter((p) => p.label.includes('condition: fog;'));
    expect(fog.every((p) => p.opacity === 1)).toBe(true);
  }).toPass();
  await page.screenshot({ path: 'test-results/explore-robustness-hover-1280.png' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // From the chart: a point of snow lights snow's rows in the table (its three models).
  const snow = curves
    .locator(
      'svg .mark-symbol.role-mark path[aria-label*="condition: snow;"][aria-label*="level: 3;"]',
    )
    .first();
  await snow.scrollIntoViewIfNeeded();
  const box = (await snow.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(slices.locator('tr.hovered')).toHaveCount(3);
  await expect(slices.locator('tr.hovered[data-slice="snow"]')).toHaveCount(3);
  // Off the marks: nothing lit.
  await page.mouse.move(5, 5);
  await expect(slices.locator('tr.hovered')).toHaveCount(0);
  await expect(async () => {
    const points = await pointOpacities(curves);
    expect(points.every((p) => p.opacity === 1)).toBe(true);
  }).toPass();
});

test('hovering a group lights it in the fairness chart and table, and a point lights the tables’ rows', async ({
  page,
}) => {
  await openWithOverview(page);
  const bySex = await addSliceTable(page, ['sex']);
  await expect(bySex.getByTestId('slice-table').locator('tbody tr')).toHaveCount(4);
  await page.getByRole('button', { name: 'Hide data' }).click();
  const fairness = await addCell(page, 'Fairness');
  await fairness.getByRole('combobox').first().selectOption(DATASET);
  await fairness.getByLabel('Sensitive feature 1').selectOption('sex');
  await expect(fairness.getByTestId('fairness-groups').locator('tbody tr')).toHaveCount(2);
  await fairness.getByRole('button', { name: 'Chart', exact: true }).click();

  // A slice table's row: female's four rates at full strength, male's dimmed; the group's row lit.
  await bySex.locator('tr[data-slice="female"]').first().hover();
  await expect(fairness.locator('tr.hovered[data-group="female"]')).toHaveCount(1);
  await expect(async () => {
    const points = await pointOpacities(fairness.locator('figure'));
    const female = points.filter((p) => p.label.includes('group: female;'));
    const male = points.filter((p) => p.label.includes('group: male;'));
    expect([female.length, male.length]).toEqual([4, 4]);
    expect(female.every((p) => p.opacity === 1)).toBe(true);
    expect(male.every((p) => p.opacity < 0.5)).toBe(true);
  }).toPass();
  // Tall enough to show the hovered row and the chart at once (a scroll would move the pointer off the row).
  await page.setViewportSize({ width: 1280, height: 1800 });
  await bySex.locator('tr[data-slice="female"]').first().hover();
  await expect(fairness.locator('tr.hovered[data-group="female"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/explore-fairness-hover-1280.png' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // From the chart: a point of the male group lights male's rows in both tables.
  const male = fairness
    .locator('svg .mark-symbol.role-mark path[aria-label*="group: male;"]')
    .first();
  await male.scrollIntoViewIfNeeded();
  const box = (await male.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(bySex.locator('tr.hovered[data-slice="male"]')).toHaveCount(2);
  await expect(bySex.locator('tr.hovered')).toHaveCount(2);
  await expect(fairness.locator('tr.hovered')).toHaveCount(1);
  await expect(fairness.locator('tr.hovered[data-group="male"]')).toHaveCount(1);
});

test('a per-example scores table’s slice has the funnel too', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openSample(page, 'qa-five-models');
  await page.getByRole('button', { name: 'Hide data' }).click();
  const cell = await addCell(page, 'Model vs model');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await cell.getByLabel('Model A').selectOption('kestrel-70b-v2');
  await cell.getByLabel('Model B').selectOption('kestrel-70b');
  await cell.getByLabel('Compare').selectOption('rating');
  await cell.getByLabel('Slice feature').selectOption('topic');
  const rows = cell.getByTestId('scores-table').locator('tbody tr');
  // The row of all examples and the four topics.
  await expect(rows).toHaveCount(5);
  // The questions on math both kestrels rated, counted from the file.
  const csv = readCsvObjects(new URL('../../samples/qa-five-models.csv', import.meta.url).pathname);
  const rated = (model: string) =>
    new Set(
      csv
        .filter((r) => r.model === model && r.topic === 'math' && r.rating !== '')
        .map((r) => r.question_id),
    );
  const other = rated('kestrel-70b');
  const pairs = [...rated('kestrel-70b-v2')].filter((q) => other.has(q)).length;
  const math = cell.locator('tr[data-slice="math"]');
  await expect(math.getByTestId('n')).toHaveText(pairs.toLocaleString('en-US'));

  const funnel = math.getByRole('button', { name: 'Filter every analysis to math' });
  await funnel.click();
  await expect(chipsOf(page)).toHaveCount(1);
  await expect(chipsOf(page).first()).toContainText('topic = math');
  // Every analysis keeps math: the table has the row of all examples and math's, the same pairs.
  await expect(rows).toHaveCount(2);
  await expect(cell.locator('tr[data-slice="*"]').getByTestId('n')).toHaveText(
    pairs.toLocaleString('en-US'),
  );
  await expect(funnel).toHaveAttribute('aria-pressed', 'true');
});
