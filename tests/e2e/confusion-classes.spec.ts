import { writeFileSync } from 'node:fs';
import { addCell, expect, loadFiles, openApp, test } from './fixtures';

/**
 * Issue 24: the drill-down's confusion matrix split its diagonal when an integer label met float
 * predictions ("1" and "1.0" were two classes). Classes are now told apart as the slice's accuracy
 * tells them: by value when both columns hold numbers.
 */
test('an integer label and float predictions: one class per number, the diagonal what accuracy counts', async ({
  page,
}, testInfo) => {
  // 90 rows counted here: label = i mod 3, prediction = the label except every 4th row, written
  // with a decimal point (1.0) so the CSV reader types the column DOUBLE.
  const rows = Array.from({ length: 90 }, (_, i) => {
    const label = i % 3;
    const prediction = i % 4 === 0 ? (label + 1) % 3 : label;
    return { id: `q${i}`, group: i < 45 ? 'a' : 'b', label, prediction };
  });
  const file = testInfo.outputPath('int-label-float-prediction.csv');
  writeFileSync(
    file,
    'id,group,label,prediction\n' +
      rows.map((r) => `${r.id},${r.group},${r.label},${r.prediction.toFixed(1)}`).join('\n') +
      '\n',
  );
  const groupA = rows.filter((r) => r.group === 'a');
  const right = groupA.filter((r) => r.label === r.prediction).length;

  await openApp(page);
  await loadFiles(page, [file]);
  const cell = await addCell(page, 'Slice table');
  await cell.getByRole('combobox').first().selectOption({ index: 1 });
  await cell.getByLabel('Feature 1').selectOption('group');
  const table = cell.getByTestId('slice-table');
  await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
  const a = table.locator('tbody tr[data-slice="a"]');
  expect(Number(await a.getByTestId('value').getAttribute('data-value'))).toBeCloseTo(
    right / groupA.length,
    12,
  );

  await a.click();
  const matrix = cell.locator('.drill-down').getByTestId('confusion');
  await expect(matrix.locator('thead th[scope="col"]')).toHaveText([
    'label \\ prediction',
    '0',
    '1',
    '2',
    'total',
  ]);
  const counts = async (selector: string) =>
    (await matrix.locator(selector).allTextContents()).map((c) => Number(c.replace(/,/g, '')));
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  expect(sum(await counts('td.diagonal'))).toBe(right);
  expect(sum(await counts('tbody td.count'))).toBe(groupA.length);
  await cell.screenshot({ path: 'test-results/confusion-int-float-1280.png' });
});
