import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParquetFile } from 'parquet-wasm/node';
import { columnChunkBytes } from '../helpers/column-chunk-bytes';
import { addCell, expect, loadFiles, openApp, test } from './fixtures';
import { publishZip } from './publish';

/**
 * Publish ships the columns DuckDB finds the notebook reading (roles, cell settings, SQL bound
 * with and without each column), lists exactly those, and ships none the user takes out. The loan
 * sample's `sex` appears only as a word in a chart's title and a SQL string: it stays home.
 */
test('publish lists exactly the shipped columns; a word is not a read; the user can take one out', async ({
  page,
}) => {
  await openApp(page);
  await loadFiles(page, ['samples/loan-approval.parquet']);

  const query = await addCell(page, 'SQL');
  const editor = query.locator('.cm-content');
  await editor.click();
  await page.keyboard.insertText(
    "SELECT region, count(*) AS n, 'by sex: later' AS note\nFROM loan_approval\nGROUP BY region ORDER BY region",
  );
  await page.keyboard.press('Shift+Enter');
  await expect(query).toContainText('rows × 3 columns');
  const chart = await addCell(page, 'Chart');
  await chart.getByLabel('Result').selectOption('query_1');
  await chart.getByText('Vega-Lite spec (JSON)').click();
  await chart.getByLabel('Vega-Lite spec of chart_1').fill(
    JSON.stringify({
      title: 'by sex, one day',
      data: { name: 'sex' },
      mark: 'bar',
      encoding: { x: { field: 'region' }, y: { field: 'n', type: 'quantitative' } },
    }),
  );
  await expect(chart.locator('svg').first()).toBeVisible();

  await page.getByRole('button', { name: 'Publish…' }).click();
  const files = page.getByTestId('shipped-columns');
  await expect(files).toBeVisible();
  const shipped = () =>
    files.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-column')));
  // By hand: the columns with a role (samples/README.md) and region, which the query groups by.
  const roles = ['example_id', 'model', 'label', 'score', 'prediction'];
  const expected = await shipped();
  expect(expected).toEqual(expect.arrayContaining([...roles, 'region']));
  expect(expected).not.toContain('sex');
  expect(expected).not.toContain('age_group');
  await expect(files.locator('li[data-column="region"]')).toContainText('query_1');
  await page.screenshot({ path: 'test-results/publish-columns.png' });

  await page.getByRole('button', { name: 'Leave out region' }).click();
  await expect(page.getByTestId('publish-plan')).toContainText('Left out by you: region');
  expect(await shipped()).toEqual(expected.filter((c) => c !== 'region'));
  const { folder } = await publishZip(page, 'Untitled-notebook-report');
  const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'));
  const parquet = await ParquetFile.fromFile(
    new Blob([readFileSync(join(folder, report.data[0].path))]),
  );
  const written = [...columnChunkBytes(parquet).keys()];
  expect(written).toEqual(report.data[0].columns);
  expect(written).toEqual(expected.filter((c) => c !== 'region'));
});
