import { addCell, expect, openSample, test, settled } from './fixtures';
import { decimalsWorth } from './digits';

/**
 * Issue 24, "Tables and numbers", on the loan sample: dates and types in SQL results, the
 * positive-class list of a 0/1 label, the slice table's sort across re-runs, digits that follow
 * the interval. Screenshots at 1280x800 go to test-results/.
 */
test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 1280, height: 800 } });

test('a SQL result shows a DATE as a date, a TIMESTAMP as date and time, and names integer types', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  const cell = await addCell(page, 'SQL');
  await cell.locator('.cm-content').click();
  await page.keyboard.insertText(
    "SELECT DATE '2013-08-14' AS day, TIMESTAMP '2013-08-14 10:11:12' AS at, count(*) AS n, min(label) AS label FROM ds_loan_approval",
  );
  await page.keyboard.press('Shift+Enter');
  await expect(cell.getByText('query_1: 1 row × 4 columns')).toBeVisible();
  const table = cell.locator('.result-table');
  await expect(table.locator('tbody td')).toHaveText([
    '2013-08-14',
    '2013-08-14 10:11:12',
    '20000',
    '0',
  ]);
  await expect(table.locator('thead .type')).toHaveText(['DATE', 'TIMESTAMP', 'BIGINT', 'INTEGER']);
  await page.screenshot({ path: 'test-results/tables-sql-dates-1280.png' });
});

test('the positive class of a 0/1 integer label is offered as 0 and 1', async ({ page }) => {
  await openSample(page, 'loan-approval');
  const cell = await addCell(page, 'Fairness');
  await cell.getByLabel('Sensitive feature 1').selectOption('sex');
  const positive = cell.getByRole('combobox', { name: 'Positive class' });
  await expect(positive.locator('option')).toHaveText(['the largest label', '0', '1']);
  await positive.selectOption('1');
  await expect(positive.locator('option:checked')).toHaveText('1');
});

test('the slice table keeps its sort when the cell runs again', async ({ page }) => {
  await openSample(page, 'loan-approval');
  const cell = await addCell(page, 'Slice table');
  await cell.getByLabel('Feature 1').selectOption('region');
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  const nHeader = table.locator('th', { hasText: /^n$/ });
  await nHeader.getByRole('button').click();
  await expect(nHeader).toHaveAttribute('aria-sort', 'descending');
  // Read once the cell's last run is on screen (a stale table is another test id: no rows here).
  const expectSortedByN = async (rows: number) => {
    await settled(page);
    const counts = await table
      .locator('[data-testid="n"]')
      .evaluateAll((tds) => tds.map((td) => Number(td.textContent!.replace(/,/g, ''))));
    expect(counts).toHaveLength(rows);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  };
  await expectSortedByN(10);

  await cell.getByRole('combobox', { name: 'Metric' }).selectOption('error-rate');
  await expect(table.locator('th', { hasText: 'error rate' })).toBeVisible();
  await expect(nHeader).toHaveAttribute('aria-sort', 'descending');
  await expectSortedByN(10);
  await page.getByRole('button', { name: 'Run all' }).click();
  await expect(cell.getByTestId('slice-table')).toBeVisible();
  await expect(nHeader).toHaveAttribute('aria-sort', 'descending');
  await expectSortedByN(10);
  // A new global filter re-runs the cell on fewer rows: still sorted by n.
  await page.getByLabel('Global filter (SQL condition)').fill("region <> 'north'");
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await expect(nHeader).toHaveAttribute('aria-sort', 'descending');
  await expectSortedByN(8);
  // A role changed in the data panel rebuilds the dataset and re-runs the cell.
  await page
    .locator('.dataset[data-dataset="ds_loan_approval"]')
    .getByLabel('role of income_k', { exact: true })
    .selectOption('ignore');
  await settled(page);
  await expect(cell.getByTestId('slice-table')).toBeVisible();
  await expect(nHeader).toHaveAttribute('aria-sort', 'descending');
  await expectSortedByN(8);
  await page.screenshot({ path: 'test-results/tables-slice-sort-1280.png' });
});

for (const sample of ['house-prices', 'qa-five-models']) {
  test(`${sample}: the overview shows each value and interval to the digits the interval supports`, async ({
    page,
  }) => {
    const dataset = await openSample(page, sample);
    const rows = dataset.locator('[data-testid="overview"] tbody tr');
    await expect(rows.first()).toBeVisible();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const estimate = tr.querySelector('[data-testid="estimate"]') as HTMLElement;
        const interval = tr.querySelector('.interval') as HTMLElement;
        return {
          text: estimate.textContent!.trim(),
          range: interval.querySelector('.range')!.textContent!.trim(),
          value: Number(estimate.dataset.value),
          low: Number(interval.dataset.low),
          high: Number(interval.dataset.high),
        };
      }),
    );
    for (const r of shown) {
      // Rates show in percent: their digits are those of the interval in percent.
      const [scale, unit] = r.text.endsWith('%') ? [100, '%'] : [1, ''];
      const d = decimalsWorth(r.value * scale, r.low * scale, r.high * scale);
      const fixed = (v: number) => `${(v * scale).toFixed(d)}${unit}`;
      expect(r.text).toBe(fixed(r.value));
      expect(r.range).toBe(`${fixed(r.low)} – ${fixed(r.high)}`);
    }
    await dataset.screenshot({ path: `test-results/tables-precision-${sample}-1280.png` });
  });
}
