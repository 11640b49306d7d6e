import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';
import {
  SHARED,
  expect,
  loadFiles,
  openApp,
  overviewRows,
  settle,
  test,
  skipWithoutShared,
  settled,
} from './fixtures';
import { startStaticServer } from '../helpers/static-server';

/**
 * A Parquet file opened by its address is read in place: the footer, then each row group's column
 * chunks, over HTTP range requests from a plain static server, and the numbers equal the same data
 * loaded from the CSV it was made from.
 */
const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;
skipWithoutShared(MMLU);
test.describe.configure({ timeout: 180_000 });

test('open a Parquet file by its address: range requests, a row group at a time, same numbers', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await loadFiles(page, [MMLU]);
  const fromCsv = await overviewRows(page.locator('.dataset').first());

  // The app and the data side by side on one static host: /app/ and /data/mmlu.parquet.
  const root = mkdtempSync(join(tmpdir(), 'slicebook-range-'));
  symlinkSync(resolve(process.env.E2E_DIST || 'dist'), join(root, 'app'));
  mkdirSync(join(root, 'data', 'mmlu_pro_4models_long'), { recursive: true });
  const parquet = join(root, 'data', 'mmlu_pro_4models_long', 'mmlu_pro_4models_long.parquet');
  const engine = await createNodeEngine({ readable: [SHARED, root] });
  try {
    await engine.query(
      `COPY (SELECT * FROM read_csv(${literal(MMLU)})) TO ${literal(parquet)} (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
    );
  } finally {
    await engine.close();
  }
  const size = statSync(parquet).size;
  const server = await startStaticServer(root);
  const reader = await browser.newContext();
  try {
    const readerPage = await reader.newPage();
    await readerPage.goto(`${server.origin}/app/`);
    await expect(readerPage.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
    await readerPage
      .getByLabel('Or open a file by its address on this site')
      .fill('../data/mmlu_pro_4models_long/mmlu_pro_4models_long.parquet');
    await readerPage.locator('.start').screenshot({ path: 'test-results/open-by-address.png' });
    await readerPage.getByRole('button', { name: 'Open', exact: true }).click();
    await settle(readerPage);
    const card = readerPage.locator('.table-card').first();
    await expect(card.getByTestId('table-rows')).toHaveText('48,128');
    await card.locator('summary').click();
    await expect(
      card.getByText('Read over HTTP range requests, a row group at a time.'),
    ).toBeVisible();
    await card.screenshot({ path: 'test-results/range-read-table.png' });
    await settled(readerPage);
    expect(await overviewRows(readerPage.locator('.dataset').first())).toEqual(fromCsv);

    const data = server.log.filter((r) => r.path.endsWith('.parquet'));
    const gets = data.filter((r) => r.method === 'GET');
    // Never the whole file in one answer: the footer, then the row groups' chunks.
    expect(gets.map((r) => r.status)).not.toContain(200);
    expect(gets.length).toBeGreaterThanOrEqual(1 + 5);
    const sent = data.reduce((sum, r) => sum + r.bytes, 0);
    expect(sent).toBeGreaterThan(size * 0.9);
    expect(sent).toBeLessThan(size + 64 * 1024);
    expect(server.log.filter((r) => r.status >= 400)).toEqual([]);
    test.info().annotations.push({
      type: 'bytes',
      description: `${sent} bytes sent for a ${size}-byte file in ${gets.length} range requests`,
    });
  } finally {
    await reader.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
