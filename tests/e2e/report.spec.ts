import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ParquetFile } from 'parquet-wasm/node';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';
import {
  addCell,
  expect,
  loadFiles,
  openApp,
  openSample,
  overviewRows,
  test,
  skipWithoutShared,
  settled,
} from './fixtures';
import { buildMmluNotebook, MMLU, numbersOn } from './mmlu-report-notebook';
import { pairsBySlice, readCsvObjects } from './reference';
import { loanPairs } from './samples-data';
import { bytesOf, columnChunkBytes } from '../helpers/column-chunk-bytes';
import { startStaticServer } from '../helpers/static-server';
import { publishZip } from './publish';

/**
 * Publish a notebook, unzip the report, serve it from a sub-path of a plain static server, and read
 * it as someone else would: same numbers, no other origin, CSP enforced. The built-in samples
 * always; the MMLU-Pro dump where ../shared/datasets is.
 */
test.describe.configure({ timeout: 240_000 });

test('MMLU-Pro: publish a report, serve it from a sub-path of a static server, read the same numbers', async ({
  page,
  browser,
}) => {
  skipWithoutShared(MMLU);
  const inApp = await buildMmluNotebook(page);

  const { root, folder, entries } = await publishZip(page, 'MMLU-Pro-by-category-report');
  await expect(
    page.getByRole('region', { name: 'Publish a report' }).getByTestId('publish-done'),
  ).toContainText('data/mmlu_pro_4models_long.parquet');
  await expect(page.getByTestId('publish-plan')).toContainText(
    /Left out, nothing reads them: .*src/,
  );
  const names = Object.keys(entries);
  expect(names).toContain('index.html');
  expect(names).toContain('report.json');
  expect(names.some((n) => /duckdb-eh-.*\.wasm$/.test(n))).toBe(true);
  expect(names.some((n) => /parquet_wasm_bg-.*\.wasm$/.test(n))).toBe(true);
  // Not the app's sample data.
  expect(names.filter((n) => /loan-approval|atlas-7b|house-prices/.test(n))).toEqual([]);

  // The Parquet holds every row and only the columns the notebook reads (read by native DuckDB).
  const report = JSON.parse(new TextDecoder().decode(entries['report.json']));
  const engine = await createNodeEngine({ readable: [folder] });
  try {
    const parquet = join(folder, 'data', 'mmlu_pro_4models_long.parquet');
    const described = await engine.query(
      `DESCRIBE SELECT * FROM read_parquet(${literal(parquet)})`,
    );
    const columns = described.toArray().map((r) => String(r.column_name));
    expect(columns).toEqual(report.data[0].columns);
    expect(columns).toContain('category');
    expect(columns).not.toContain('src');
    expect(report.data[0].droppedColumns).toContain('src');
    const count = await engine.query(
      `SELECT count(*)::INTEGER AS n FROM read_parquet(${literal(parquet)})`,
    );
    expect(count.get(0)!.n).toBe(readCsvObjects(MMLU).length);
  } finally {
    await engine.close();
  }

  // Read it from a plain static server, in a fresh browser profile, from a sub-path.
  const server = await startStaticServer(root);
  const reader = await browser.newContext();
  const outside: string[] = [];
  reader.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(server.origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
      outside.push(url);
  });
  try {
    const readerPage = await reader.newPage();
    await readerPage.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
      );
    });
    await readerPage.goto(`${server.origin}/reports/r1/`);
    await expect(readerPage.getByText('Report, read-only')).toBeVisible();
    await expect(readerPage.locator('.report-title')).toHaveText('MMLU-Pro by category');
    const inReport = await numbersOn(readerPage);
    expect(inReport).toEqual(inApp);
    await expect(readerPage.locator('.cell[data-kind="chart"] svg').first()).toBeVisible();
    // Read-only: no editors, no cell actions, no add-cell buttons.
    await expect(readerPage.locator('.cm-editor')).toHaveCount(0);
    await expect(readerPage.getByRole('group', { name: 'Add a cell' })).toHaveCount(0);
    await readerPage.screenshot({ path: 'test-results/report-readonly.png', fullPage: true });

    // The CSP is in the page and enforced: an injected inline script does not run.
    const csp = await readerPage
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const scriptSrc = /script-src [^;]*/.exec(csp ?? '')![0];
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('http');
    const ran = await readerPage.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return {
        injected: (window as unknown as { injected?: boolean }).injected === true,
        violations: (window as unknown as { violations: string[] }).violations,
      };
    });
    expect(ran.injected).toBe(false);
    expect(ran.violations).toContain('script-src-elem');

    // The reader changes the filter: the numbers follow, and nothing is saved in their browser.
    await readerPage.getByLabel('Global filter (SQL condition)').fill("category = 'law'");
    await readerPage.getByRole('button', { name: 'Apply' }).click();
    const filtered = readerPage.locator('.cell[data-kind="slice"]').getByTestId('slice-table');
    await expect(filtered.locator('tbody tr')).toHaveCount(4);
    const databases = await readerPage.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name),
    );
    expect(databases).not.toContain('slicebook');

    // Every request went to the report's folder, and every one was answered.
    expect(outside).toEqual([]);
    expect(server.log.filter((r) => !r.path.startsWith('/reports/r1/'))).toEqual([]);
    expect(server.log.filter((r) => r.status >= 400)).toEqual([]);
    // The reader read the data over HTTP range requests: each byte of the file about once (the
    // report carries only the columns it reads).
    const parquetSize = statSync(join(folder, 'data', 'mmlu_pro_4models_long.parquet')).size;
    const dataRequests = server.log.filter((r) => r.path.endsWith('.parquet'));
    expect(dataRequests.filter((r) => r.method === 'GET').map((r) => r.status)).not.toContain(200);
    const dataSent = dataRequests.reduce((sum, r) => sum + r.bytes, 0);
    expect(dataSent).toBeGreaterThan(parquetSize * 0.9);
    expect(dataSent).toBeLessThan(parquetSize + 64 * 1024);
    const sent = server.log.reduce((sum, r) => sum + r.bytes, 0);
    test.info().annotations.push({
      type: 'bytes served',
      description: `${server.log.length} requests, ${sent} bytes; data ${dataSent} bytes sent in ${dataRequests.length} requests of a ${parquetSize}-byte file (CSV ${statSync(MMLU).size})`,
    });
  } finally {
    await reader.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('MMLU-Pro with responses: a report that keeps every column, the reader fetches only the columns read', async ({
  page,
  browser,
}) => {
  skipWithoutShared(MMLU);
  // A dump as they come: MMLU-Pro's rows plus each model's free-text response, which the notebook
  // never reads (a stand-in text of 8 MD5 hashes, 256 characters that barely compress).
  const work = mkdtempSync(join(tmpdir(), 'slicebook-responses-'));
  const dump = join(work, 'mmlu_with_responses.csv');
  const engine = await createNodeEngine({ readable: [dirname(MMLU), work] });
  try {
    const hash = (i: number) => `md5(model || question_id::VARCHAR || '${i}')`;
    await engine.query(
      `COPY (SELECT *, ${[0, 1, 2, 3, 4, 5, 6, 7].map(hash).join(' || ')} AS response
         FROM read_csv(${literal(MMLU)})) TO ${literal(dump)} (HEADER)`,
    );
  } finally {
    await engine.close();
  }
  await openApp(page);
  await loadFiles(page, [dump]);
  await page.getByLabel('Notebook title').fill('MMLU-Pro overview');
  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption('ds_mmlu_with_responses');
  await settled(page);
  const inApp = await overviewRows(overview);

  const { root, folder, entries } = await publishZip(page, 'MMLU-Pro-overview-report', true);
  const report = JSON.parse(new TextDecoder().decode(entries['report.json']));
  const read: string[] = report.data[0].columns;
  expect(report.data[0].unreadColumns).toEqual(expect.arrayContaining(['response', 'src']));
  const path = join(folder, 'data', 'mmlu_with_responses.parquet');
  const size = statSync(path).size;
  // From the file's own metadata: the bytes of the read columns' chunks (a reader must fetch
  // them) and of the response column's (it must not).
  const chunks = columnChunkBytes(await ParquetFile.fromFile(new Blob([readFileSync(path)])));
  const needed = bytesOf(chunks, read);
  const responses = bytesOf(chunks, ['response']);
  expect(responses).toBeGreaterThan(size / 2);

  const server = await startStaticServer(root);
  const reader = await browser.newContext();
  try {
    const readerPage = await reader.newPage();
    await readerPage.goto(`${server.origin}/reports/r1/`);
    const shown = readerPage.locator('.cell[data-kind="overview"]');
    await expect(shown.locator('[data-testid="overview"] tbody tr').first()).toBeVisible({
      timeout: 60_000,
    });
    await settled(readerPage);
    expect(await overviewRows(shown)).toEqual(inApp);
    const data = server.log.filter((r) => r.path.endsWith('.parquet'));
    expect(data.filter((r) => r.method === 'GET').map((r) => r.status)).not.toContain(200);
    const sent = data.reduce((sum, r) => sum + r.bytes, 0);
    expect(sent).toBeGreaterThanOrEqual(needed);
    // parquet-wasm merges ranges less than 1 MiB apart, so small unread columns between read ones
    // may come along; the response column never does.
    expect(sent).toBeLessThan(size - responses + 64 * 1024);
    test.info().annotations.push({
      type: 'bytes',
      description: `${sent} of ${size} bytes sent in ${data.length} requests; the ${read.length} read columns' chunks are ${needed} bytes, the response column ${responses}`,
    });
  } finally {
    await reader.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

test('loan sample: charts export as SVG and PNG, a comparison as CSV, and the notebook prints without its controls', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  const sql = await addCell(page, 'SQL');
  await sql.locator('.cell-name').fill('by_region');
  await sql.locator('.cell-name').press('Enter');
  await sql.locator('.cm-content').click();
  await page.keyboard.insertText(
    'SELECT region, avg((prediction = label)::DOUBLE) AS accuracy FROM ds_loan_approval GROUP BY ALL ORDER BY region',
  );
  await page.keyboard.press('Shift+Enter');
  await expect(sql.getByText('by_region: 5 rows × 2 columns')).toBeVisible();
  await sql.getByRole('button', { name: 'Chart this' }).click();
  const chart = page.locator('.cell[data-kind="chart"]');
  const exportMenu = chart.getByRole('group', { name: /^Export Chart/ });
  await expect(exportMenu).toBeVisible();

  const svgDownload = page.waitForEvent('download');
  await exportMenu.getByRole('button', { name: 'SVG' }).click();
  const svg = readFileSync((await (await svgDownload).path())!, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  // The chart's bars are the five regions.
  for (const region of ['north', 'south', 'east', 'west', 'rural']) expect(svg).toContain(region);
  const pngDownload = page.waitForEvent('download');
  await exportMenu.getByRole('button', { name: 'PNG' }).click();
  const png = readFileSync((await (await pngDownload).path())!);
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.getByRole('button', { name: 'Hide data' }).click();
  await chart.screenshot({ path: 'test-results/chart-export-menu.png' });

  // Model vs model, exported as CSV: the overall row's flips, counted by hand.
  const compare = await addCell(page, 'Model vs model');
  await compare.getByRole('combobox').first().selectOption('ds_loan_approval');
  await compare.getByLabel('Model A').selectOption('baseline-gbm');
  await compare.getByLabel('Model B').selectOption('fair-gbm');
  await expect(compare.getByTestId('matching')).toContainText('examples matched');
  const csvDownload = page.waitForEvent('download');
  await compare.getByRole('button', { name: 'Export CSV' }).click();
  const lines = readFileSync((await (await csvDownload).path())!, 'utf8')
    .trim()
    .split('\n');
  const header = lines[0].split(',');
  const overall = Object.fromEntries(lines[1].split(',').map((v, i) => [header[i], v]));
  const { b, c } = pairsBySlice(
    await loanPairs(),
    (r) => r.region,
    (r) => r.prediction === r.label,
  ).get('*')!;
  expect(overall.slice).toBe('(all)');
  expect(Number(overall['baseline-gbm_right_fair-gbm_wrong'])).toBe(b);
  expect(Number(overall['baseline-gbm_wrong_fair-gbm_right'])).toBe(c);

  // Print: no toolbars, editors or buttons; the results and charts stay.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeHidden();
  await expect(page.getByLabel('Notebook title')).toBeVisible();
  await expect(page.locator('.cm-editor').first()).toBeHidden();
  await expect(page.getByRole('group', { name: 'Add a cell' })).toBeHidden();
  const byRegion = page.locator('.cell[data-cell="by_region"]');
  await expect(byRegion.locator('.result-table tbody tr').first()).toBeVisible();
  await expect(chart.locator('svg').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/print-view.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
});

test('LLM sample: a report of stacked and joined files rebuilds the same dataset and numbers', async ({
  page,
  browser,
}) => {
  // A stand-in for the browser's folder picker that records what is written where.
  await page.addInitScript(() => {
    const written: Record<string, number> = {};
    const dir = (prefix: string): object => ({
      getDirectoryHandle: async (name: string) => dir(`${prefix}${name}/`),
      getFileHandle: async (name: string) => ({
        createWritable: async () => {
          const parts: BlobPart[] = [];
          return {
            write: async (data: BlobPart) => void parts.push(data),
            close: async () => void (written[prefix + name] = new Blob(parts).size),
          };
        },
      }),
    });
    Object.assign(window, { written, showDirectoryPicker: async () => dir('') });
  });
  await openSample(page, 'llm-eval');
  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption({ index: 1 });
  await settled(page);
  const inApp = await overviewRows(overview);
  expect(inApp.map((r) => r.model)).toEqual(['atlas-70b', 'atlas-7b', 'nimbus-mini']);

  const { root, entries } = await publishZip(page, 'Untitled-notebook-report');
  const panel = page.getByRole('region', { name: 'Publish a report' });
  await panel.getByRole('button', { name: 'Write to a folder…' }).click();
  await expect(panel.getByTestId('publish-done')).toContainText(
    'Wrote the folder Untitled-notebook-report',
  );
  const written = await page.evaluate(() => (window as unknown as { written: object }).written);
  const zipped = Object.fromEntries(
    Object.entries(entries)
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, bytes]) => [`Untitled-notebook-report/${name}`, bytes.length]),
  );
  // The folder holds what the zip holds at its top, byte for byte in size; the four files of the
  // sample as Parquet.
  expect(written).toEqual(zipped);
  expect(Object.keys(written).filter((n) => n.includes('/data/'))).toHaveLength(4);
  const server = await startStaticServer(root);
  const reader = await browser.newContext();
  try {
    const readerPage = await reader.newPage();
    await readerPage.goto(`${server.origin}/reports/r1/`);
    const cell = readerPage.locator('.cell[data-kind="overview"]');
    await expect(cell.locator('[data-testid="overview"] tbody tr')).toHaveCount(3, {
      timeout: 60_000,
    });
    await settled(readerPage);
    expect(await overviewRows(cell)).toEqual(inApp);
    expect(server.log.filter((r) => r.status >= 400)).toEqual([]);
  } finally {
    await reader.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
