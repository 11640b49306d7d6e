import type { Locator, Page } from '@playwright/test';
import { addCell, expect, newCheckedPage, openSample, test, settled } from './fixtures';
import { EXPECTED, readRows, SAMPLES } from './samples-data';

/**
 * The representativeness cell on the street-scenes sample, as a person uses it: a test set
 * mostly by day and a production log mostly at night. Every number is checked against the
 * generator's own counts (samples/expected.json) or counted again here from the files.
 */
const street = EXPECTED['street-scenes'];
const MODELS = ['lowlight-v1', 'sharp-v3'];

test.describe.configure({ mode: 'serial' });
let page: Page;
let close: () => Promise<void>;
let cell: Locator;
test.beforeAll(async ({ browser }, testInfo) => {
  ({ page, close } = await newCheckedPage(browser, testInfo));
  await openSample(page, 'street-scenes');
});
test.afterAll(() => close());

const number = async (l: Locator, attribute = 'data-value') =>
  Number(await l.getAttribute(attribute));
const modelRow = (model: string) =>
  cell.getByTestId('reweighted').locator(`tr[data-model="${model}"]`);

/**
 * Checks that a cell's text, read as a person reads it (its first number, in %), is `value` to the
 * digits shown: within half a unit of its last digit.
 */
async function expectPercent(l: Locator, value: number) {
  const text = (await l.innerText()).replace('−', '-');
  const shown = text.match(/-?\d+(?:\.(\d+))?%/);
  expect(shown, `a percentage in "${text}"`).not.toBeNull();
  const digits = shown![1]?.length ?? 0;
  expect(Math.abs(parseFloat(shown![0]) - 100 * value)).toBeLessThanOrEqual(0.5 * 10 ** -digits);
}

/** Σ (a − e) ln(a / e) over shares, written again here (shares of 0 would need the floor). */
function psi(expected: number[], actual: number[]): number {
  const e = expected.map((x) => x / expected.reduce((s, y) => s + y, 0));
  const a = actual.map((x) => x / actual.reduce((s, y) => s + y, 0));
  return e.reduce((s, ei, i) => s + (a[i] - ei) * Math.log(a[i] / ei), 0);
}

test('a mix counted from the production log: the two mixes side by side, and the ranking flips', async () => {
  await expect(page.locator('.dataset')).toHaveCount(2);
  cell = await addCell(page, 'Target mix');
  await cell.getByRole('combobox').first().selectOption('ds_street_scenes');
  await cell.getByRole('button', { name: 'Make a mix' }).click();
  const editor = cell.getByRole('group', { name: /Target mix target_mix_1/ });
  await editor.getByLabel('Mix feature 1').selectOption('time_of_day');
  await expect(editor.getByLabel('Target table')).toHaveValue('ds_street_scenes_production');
  await settled(page);

  const mix = cell.getByTestId('mix-table');
  await expect(mix.locator('tbody tr')).toHaveCount(3);
  const times = ['day', 'dusk', 'night'];
  const test = times.map((t) => street.models['sharp-v3'].by_time_of_day[t].n);
  const production = times.map((t) => street.production.by_time_of_day[t]);
  for (const [i, t] of times.entries()) {
    const row = mix.locator(`tr[data-slice="${t}"]`);
    await expect(row.getByTestId('test-rows')).toHaveText(test[i].toLocaleString('en-US'));
    await expect(row.getByTestId('target-rows')).toHaveText(production[i].toLocaleString('en-US'));
    expect(await number(row.getByTestId('target-share'))).toBeCloseTo(
      production[i] / street.production_rows,
      12,
    );
  }
  expect(await number(cell.getByTestId('psi'))).toBeCloseTo(psi(test, production), 10);
  // Pearson's X² of the 2 x 3 table, written out.
  const n = [test.reduce((a, b) => a + b, 0), street.production_rows];
  let x2 = 0;
  for (let i = 0; i < 3; i++)
    for (const [k, counts] of [test, production].entries()) {
      const expected = (n[k] * (test[i] + production[i])) / (n[0] + n[1]);
      x2 += (counts[i] - expected) ** 2 / expected;
    }
  expect(await number(cell.getByTestId('chi-square'), 'data-statistic')).toBeCloseTo(x2, 8);

  for (const model of MODELS) {
    const m = street.models[model];
    expect(await number(modelRow(model).getByTestId('test'))).toBeCloseTo(m.accuracy, 12);
    expect(await number(modelRow(model).getByTestId('target'))).toBeCloseTo(
      m.under_production_by_time_of_day.accuracy,
      12,
    );
    await expectPercent(modelRow(model).getByTestId('test'), m.accuracy);
    await expectPercent(
      modelRow(model).getByTestId('target'),
      m.under_production_by_time_of_day.accuracy,
    );
  }
  for (const [i, t] of times.entries())
    await expectPercent(
      mix.locator(`tr[data-slice="${t}"]`).getByTestId('target-share'),
      production[i] / street.production_rows,
    );
  await expect(cell.getByTestId('ranking')).toContainText('paired: the same examples for both');
  await expect(cell.getByTestId('ranking')).toHaveAttribute('data-changed', 'true');
  await expect(cell.getByTestId('ranking')).toContainText(
    `${street.best_under_production_by_time_of_day} is best there, ${street.best_on_test} on the test set`,
  );
  await expect(modelRow('lowlight-v1').getByTestId('ranks')).toHaveAttribute('data-target', '1');
  await page.getByRole('button', { name: 'Hide data' }).click();
  await page.setViewportSize({ width: 1280, height: 900 });
  await cell.screenshot({ path: 'test-results/represent-production.png' });
});

test('over time of day and weather: the snowy part of production has no test examples', async () => {
  const editor = cell.getByRole('group', { name: /Target mix target_mix_1/ });
  await editor.getByLabel('Mix feature 2').selectOption('weather');
  await settled(page);
  const snow = Object.entries(street.production.by_time_and_weather as Record<string, number>)
    .filter(([k]) => k.endsWith('|snow'))
    .reduce((s, [, v]) => s + v, 0);
  await expect(cell.getByTestId('unrepresented')).toContainText(
    `${((100 * snow) / street.production_rows).toFixed(1)}% of the target has no test examples`,
  );
  await expect(cell.getByTestId('mix-table').locator('tr[data-slice="night|snow"]')).toContainText(
    'no test examples',
  );
  for (const model of MODELS) {
    const m = street.models[model];
    expect(await number(modelRow(model).getByTestId('target'))).toBeCloseTo(
      m.under_production_by_time_and_weather.accuracy,
      12,
    );
    // The bounds if snow scored 0 or 1: (1 − u) R and (1 − u) R + u.
    const u = m.under_production_by_time_and_weather.unrepresented_share;
    const r = m.under_production_by_time_and_weather.accuracy;
    expect(await number(modelRow(model).getByTestId('bounds'), 'data-low')).toBeCloseTo(
      (1 - u) * r,
      12,
    );
    expect(await number(modelRow(model).getByTestId('bounds'), 'data-high')).toBeCloseTo(
      (1 - u) * r + u,
      12,
    );
  }
  await cell.screenshot({ path: 'test-results/represent-two-features.png' });
});

test('typed shares: counts are normalised and said so; a negative share is refused', async () => {
  const editor = cell.getByRole('group', { name: /Target mix target_mix_1/ });
  await editor.getByLabel('Mix feature 2').selectOption('');
  await editor.getByLabel('typed shares').check();
  const shares = editor.getByLabel('Target shares');
  await shares.fill('time_of_day, share\nday, 20\ndusk, 30\nnight, 50');
  await shares.blur();
  await expect(cell.getByRole('status').filter({ hasText: 'sum to 100, not 1' })).toBeVisible();
  await settled(page);
  for (const model of MODELS) {
    const t = street.models[model].by_time_of_day;
    expect(await number(modelRow(model).getByTestId('target'))).toBeCloseTo(
      0.2 * t.day.accuracy + 0.3 * t.dusk.accuracy + 0.5 * t.night.accuracy,
      12,
    );
  }
  await shares.fill('day, 0.5\nnight, -0.1');
  await shares.blur();
  await expect(cell.locator('p.muted').filter({ hasText: 'is negative (-0.1)' })).toBeVisible();
  await expect(cell.getByTestId('reweighted')).toHaveCount(0);
});

test('a feature with hundreds of values is refused, and a table without the features named', async () => {
  const editor = cell.getByRole('group', { name: /Target mix target_mix_1/ });
  await editor.getByLabel('Mix feature 1').selectOption('camera_id');
  const [{ cameras }] = await readRows(
    `SELECT count(DISTINCT camera_id)::INTEGER AS cameras FROM '${SAMPLES}street-scenes.parquet'`,
  );
  await expect(
    cell.getByText(`camera_id has ${cameras} values; a target mix takes at most 50`),
  ).toBeVisible();

  // A SQL result above the cell that lacks the mix's feature column.
  const sql = await addCell(page, 'SQL');
  await sql.locator('.cm-content').click();
  await page.keyboard.insertText(
    'SELECT request_id, time_of_day AS tod FROM ds_street_scenes_production',
  );
  await sql.locator('.cm-content').press('Shift+Enter');
  await expect(sql.locator('.result-table tbody tr').first()).toBeVisible();
  await sql.getByRole('button', { name: 'Move query_1 up' }).click();
  await editor.getByLabel('Mix feature 1').selectOption('time_of_day');
  await editor.getByLabel('counted from a table').check();
  await editor.getByLabel('Target table').selectOption('query_1');
  await expect(
    cell.getByText(
      'The target table query_1 has no column time_of_day (its columns: request_id, tod)',
    ),
  ).toBeVisible();
  // The metric stays named while the cell has no result.
  await expect(cell.getByLabel('Metric')).toHaveValue('accuracy');
  await cell.screenshot({ path: 'test-results/represent-bad-table.png' });
});
