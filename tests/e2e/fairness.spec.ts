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
import { newcombe, readCsvObjects, wilson } from './reference';
import { loanRows } from './samples-data';

test.describe.configure({ timeout: 120_000 });

const NYC = `${SHARED}aequitas/nyc_sqf_for_aequitas_4models.csv`;

interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Confusion counts per group, by hand: `actual` and `decided` are the positive class or not. */
function confusionBy<T>(
  rows: T[],
  group: (r: T) => string,
  actual: (r: T) => boolean,
  decided: (r: T) => boolean,
): Map<string, Confusion> {
  const out = new Map<string, Confusion>();
  for (const r of rows) {
    const t = out.get(group(r)) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    const [a, d] = [actual(r), decided(r)];
    if (a && d) t.tp++;
    else if (!a && d) t.fp++;
    else if (a) t.fn++;
    else t.tn++;
    out.set(group(r), t);
  }
  return out;
}

/** Each rate the table shows, as successes of trials of a confusion table. */
function rates({ tp, fp, fn, tn }: Confusion): Record<string, [number, number]> {
  const n = tp + fp + fn + tn;
  return {
    base: [tp + fn, n],
    selection: [tp + fp, n],
    tpr: [tp, tp + fn],
    fpr: [fp, fp + tn],
    fnr: [fn, fn + tp],
    ppv: [tp, tp + fp],
    accuracy: [tp + tn, n],
  };
}

async function addFairnessCell(page: Page, dataset: string, model: string, feature: string) {
  const cell = await addCell(page, 'Fairness');
  await cell.getByRole('combobox').first().selectOption(dataset);
  await cell.getByLabel('Sensitive feature 1').selectOption(feature);
  // The model to pick from appears with the first result.
  await cell.getByLabel('Model', { exact: true }).selectOption(model);
  await settled(page);
  return cell;
}

/** A group's row against its confusion counts: n, and the rates named with their Wilson intervals. */
async function expectGroup(groups: Locator, name: string, t: Confusion, shown: string[]) {
  const row = groups.locator(`tr[data-group="${name}"]`);
  await expect(row.getByTestId('n')).toHaveText(
    (t.tp + t.fp + t.fn + t.tn).toLocaleString('en-US'),
  );
  const all = rates(t);
  for (const rate of shown) {
    const [s, n] = all[rate];
    const td = row.locator(`td[data-rate="${rate}"]`);
    const read = (a: string) => td.getAttribute(a).then(Number);
    expect(await read('data-trials'), `${name} ${rate}`).toBe(n);
    expect(await read('data-value'), `${name} ${rate}`).toBeCloseTo(s / n, 12);
    const [low, high] = wilson(s, n);
    expect(await read('data-low'), `${name} ${rate}`).toBeCloseTo(low, 10);
    expect(await read('data-high'), `${name} ${rate}`).toBeCloseTo(high, 10);
  }
}

const measure = (cell: Locator, group: string, key: string, attribute = 'data-value') =>
  cell
    .getByTestId('disparities')
    .locator(`tr[data-group="${group}"] td[data-measure="${key}"]`)
    .getAttribute(attribute)
    .then(Number);

test('loan sample: fair-gbm by sex, every rate by hand, disparities near none (sex has no effect)', async ({
  page,
}) => {
  const rows = (await loanRows()).filter((r) => r.model === 'fair-gbm');
  const bySex = (decided: (r: (typeof rows)[number]) => boolean) =>
    confusionBy(
      rows,
      (r) => r.sex,
      (r) => r.label === 1,
      decided,
    );
  const tally = bySex((r) => r.prediction === 1);

  await openSample(page, 'loan-approval');
  const cell = await addFairnessCell(page, 'ds_loan_approval', 'fair-gbm', 'sex');
  const groups = cell.getByTestId('fairness-groups');
  await expect(groups.locator('tbody tr')).toHaveCount(2);
  for (const sex of ['female', 'male'])
    await expectGroup(groups, sex, tally.get(sex)!, Object.keys(rates(tally.get(sex)!)));

  // Against the largest group (5,004 women to 4,996 men).
  await expect(cell.getByTestId('disparities')).toContainText('Disparities against female');
  const [f, m] = [rates(tally.get('female')!), rates(tally.get('male')!)];
  const rate = ([s, n]: [number, number]) => s / n;
  expect(await measure(cell, 'male', 'parityDifference')).toBeCloseTo(
    rate(m.selection) - rate(f.selection),
    12,
  );
  const [dLow, dHigh] = newcombe(...m.selection, ...f.selection);
  expect(await measure(cell, 'male', 'parityDifference', 'data-low')).toBeCloseTo(dLow, 10);
  expect(await measure(cell, 'male', 'parityDifference', 'data-high')).toBeCloseTo(dHigh, 10);
  expect(await measure(cell, 'male', 'parityRatio')).toBeCloseTo(
    rate(m.selection) / rate(f.selection),
    12,
  );
  // Katz et al. (1978) log interval of a ratio of two rates.
  const fprRatio = rate(m.fpr) / rate(f.fpr);
  const se = Math.sqrt(1 / m.fpr[0] - 1 / m.fpr[1] + 1 / f.fpr[0] - 1 / f.fpr[1]);
  expect(await measure(cell, 'male', 'fprRatio')).toBeCloseTo(fprRatio, 12);
  expect(await measure(cell, 'male', 'fprRatio', 'data-low')).toBeCloseTo(
    fprRatio * Math.exp(-1.959963984540054 * se),
    9,
  );
  expect(await measure(cell, 'male', 'fnrRatio')).toBeCloseTo(rate(m.fnr) / rate(f.fnr), 12);
  expect(await measure(cell, 'male', 'equalizedOdds')).toBeCloseTo(
    Math.max(Math.abs(rate(m.tpr) - rate(f.tpr)), Math.abs(rate(m.fpr) - rate(f.fpr))),
    12,
  );
  // No planted effect: every interval of a ratio holds 1.
  for (const key of ['parityRatio', 'fprRatio', 'fnrRatio']) {
    expect(await measure(cell, 'male', key, 'data-low'), key).toBeLessThan(1);
    expect(await measure(cell, 'male', key, 'data-high'), key).toBeGreaterThan(1);
  }
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/fairness-loan.png' });

  // The score at a threshold: at 0.5 the decisions are the predictions (prediction = score ≥ 0.5);
  // at 0.7 fewer are approved.
  const female = groups.locator('tr[data-group="female"] td[data-rate="fpr"]');
  await cell.getByLabel('Decision column').selectOption('score');
  await cell.getByLabel('score ≥').check();
  await cell.getByLabel('Threshold').fill('0.5');
  await expect(cell.getByText('decision: score ≥ 0.5')).toBeVisible();
  await expect(female).toHaveAttribute('data-successes', String(tally.get('female')!.fp));
  const strict = bySex((r) => r.score >= 0.7);
  await cell.getByLabel('Threshold').fill('0.7');
  await expect(cell.getByText('decision: score ≥ 0.7')).toBeVisible();
  await settled(page);
  await expectGroup(groups, 'female', strict.get('female')!, ['selection', 'fpr', 'fnr']);
  await expectGroup(groups, 'male', strict.get('male')!, ['selection', 'fpr', 'fnr']);

  // The CSV export holds a row per group: its name and size first.
  const download = page.waitForEvent('download');
  await cell.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8').split('\n');
  for (const sex of ['female', 'male']) {
    const { tp, fp, fn, tn } = strict.get(sex)!;
    expect(csv.some((line) => line.startsWith(`${sex},${tp + fp + fn + tn},`))).toBe(true);
  }
});

test('issue 16: max − min across the five regions holds for every pair at once (Bonferroni), and says the extremes were picked after looking', async ({
  page,
}) => {
  const rows = (await loanRows()).filter((r) => r.model === 'fair-gbm');
  const tally = confusionBy(
    rows,
    (r) => r.region,
    (r) => r.label === 1,
    (r) => r.prediction === 1,
  );
  await openSample(page, 'loan-approval');
  const cell = await addFairnessCell(page, 'ds_loan_approval', 'fair-gbm', 'region');
  await expect(cell.getByTestId('fairness-groups').locator('tbody tr')).toHaveCount(5);
  await expect(cell.getByText('the extremes found after looking at all of them')).toBeVisible();

  // Selection rates: max − min, and the interval that holds for all 20 ordered pairs at once:
  // each pair's Newcombe interval at 1 − 0.05/10 (10 pairs), z = qnorm(0.9975) = 2.807034.
  const selection = [...tally.values()].map((t) => rates(t).selection);
  const values = selection.map(([s, n]) => s / n);
  const z = 2.807033768343811;
  const pairs = selection.flatMap((a, i) =>
    selection.filter((_, j) => j !== i).map((b) => newcombe(...a, ...b, z)),
  );
  const range = 'max − min';
  expect(await measure(cell, range, 'parityDifference')).toBeCloseTo(
    Math.max(...values) - Math.min(...values),
    12,
  );
  const low = Math.max(0, ...pairs.map(([l]) => l));
  const high = Math.max(...pairs.map(([, h]) => h));
  expect(await measure(cell, range, 'parityDifference', 'data-low')).toBeCloseTo(low, 10);
  expect(await measure(cell, range, 'parityDifference', 'data-high')).toBeCloseTo(high, 10);
  // Wider than the interval of the one pair it picked, at 95%.
  const top = selection[values.indexOf(Math.max(...values))];
  const bottom = selection[values.indexOf(Math.min(...values))];
  const [, chosenHigh] = newcombe(...top, ...bottom);
  expect(high).toBeGreaterThan(chosenHigh);
  await cell
    .getByTestId('disparities')
    .locator(`tr[data-group="${range}"]`)
    .scrollIntoViewIfNeeded();
  await cell.screenshot({ path: 'test-results/fairness-max-min.png' });
});

test('NYC stop-and-frisk: per-race FPR and FNR with Wilson intervals, disparities against the largest group', async ({
  page,
}) => {
  skipWithoutShared(NYC);
  await openApp(page);
  await loadFiles(page, [NYC]);
  const cell = await addFairnessCell(page, 'ds_nyc_sqf_for_aequitas_4models', '1', 'race');
  const groups = cell.getByTestId('fairness-groups');
  await expect(groups.locator('tbody tr')).toHaveCount(6);

  // By hand: model 1's labelled rows; `score` is the 0/1 decision, label 1 the positive class.
  const labelled = readCsvObjects(NYC).filter((r) => r.model_id === '1' && r.label_value !== '');
  const tally = confusionBy(
    labelled,
    (r) => r.race,
    (r) => Number(r.label_value) === 1,
    (r) => Number(r.score) === 1,
  );
  for (const race of ['BLACK', 'WHITE HISPANIC', 'WHITE', 'ASIAN/PAC.ISL'])
    await expectGroup(groups, race, tally.get(race)!, ['fpr', 'fnr']);
  // AMER IND has 9 rows: too small to tell.
  await expect(groups.locator('tr[data-group="AMER IND"]').getByText('too small')).toBeVisible();

  // Disparities against BLACK, the largest group: FPR ratio of WHITE = its FPR over BLACK's.
  await expect(cell.getByTestId('disparities')).toContainText('Disparities against BLACK');
  const [w, b] = [rates(tally.get('WHITE')!).fpr, rates(tally.get('BLACK')!).fpr];
  expect(await measure(cell, 'WHITE', 'fprRatio')).toBeCloseTo(w[0] / w[1] / (b[0] / b[1]), 12);
  await expect(cell.getByTestId('disparities').locator('tr[data-group="max − min"]')).toHaveCount(
    1,
  );

  await cell.getByRole('button', { name: 'Chart' }).click();
  await expect(cell.locator('figure.chart svg.marks')).toBeVisible();
  await page.getByRole('button', { name: 'Hide data' }).click();
  await cell.screenshot({ path: 'test-results/fairness-nyc.png' });

  // `score` is 0/1, so any threshold in (0, 1] gives the same decisions, and 0 selects everyone.
  const black = groups.locator('tr[data-group="BLACK"]');
  await cell.getByLabel('score ≥').check();
  await cell.getByLabel('Threshold').fill('0.7');
  await expect(cell.getByText('decision: score ≥ 0.7')).toBeVisible();
  await expect(black.locator('td[data-rate="fpr"]')).toHaveAttribute(
    'data-successes',
    String(tally.get('BLACK')!.fp),
  );
  await cell.getByLabel('Threshold').fill('0');
  await expect(black.locator('td[data-rate="fpr"]')).toHaveAttribute('data-value', '1');
  await expect(black.locator('td[data-rate="fnr"]')).toHaveAttribute('data-value', '0');
});
