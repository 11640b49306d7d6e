import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';
import { addCell, expect, loadFiles, openApp, test, skipWithoutShared } from './fixtures';
import { buildMmluNotebook, MMLU, numbersOn } from './mmlu-report-notebook';

/**
 * Publish a notebook over the MMLU-Pro dump as one HTML file, open it from disk (file://) in a fresh
 * browser context, and read it as someone else would: same numbers, no request to anywhere, the
 * CSP enforced with no 'unsafe-inline'.
 */
skipWithoutShared(MMLU);
test.describe.configure({ timeout: 300_000 });

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('publish a single HTML file, open it from disk, read the same numbers with nothing fetched', async ({
  page,
  browser,
}) => {
  const inApp = await buildMmluNotebook(page);

  // Publish: the panel states the limit and the size in numbers before anything is written.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const panel = page.getByRole('region', { name: 'Publish a report' });
  const limit = panel.getByTestId('single-file-limit');
  await expect
    .poll(async () => (await limit.innerText()).replace(/\s+/g, ' '))
    .toMatch(/For data up to 50 MiB as Parquet; the file is about 1\d MiB plus 1\.33 × the data/);
  await panel.screenshot({ path: 'test-results/single-file-publish.png' });
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Single HTML file' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('MMLU-Pro-by-category-report.html');
  const done = panel.getByTestId('publish-done');
  await expect(done).toContainText('a page that opens from disk');
  const stated = /Downloaded MMLU-Pro-by-category-report\.html \((\d+(?:\.\d)?) MiB\)/.exec(
    await done.innerText(),
  );
  const root = mkdtempSync(join(tmpdir(), 'slicebook-single-'));
  const file = join(root, 'MMLU-Pro-by-category-report.html');
  await download.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(Number(stated![1])).toBeCloseTo(statSync(file).size / 1024 / 1024, 0);

  // One page: the notebook and the data are in it, and nothing names a file beside it.
  const report = JSON.parse(
    /<script type="application\/json" data-slicebook-report>([^<]*)<\/script>/.exec(html)![1],
  );
  expect(report.notebook.title).toBe('MMLU-Pro by category');
  expect(report.data.map((d: { path: string }) => d.path)).toEqual([
    'data/mmlu_pro_4models_long.parquet',
  ]);
  const parquet = Buffer.from(
    /<script type="application\/octet-stream" data-slicebook-data="data\/mmlu_pro_4models_long\.parquet">([^<]*)<\/script>/.exec(
      html,
    )![1],
    'base64',
  );
  expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
  expect(parquet.length).toBe(report.data[0].bytes);
  expect(html).toContain('<title>MMLU-Pro by category</title>');

  // The CSP allows exactly the page's own inline script, by its hash, and no 'unsafe-inline'.
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
  const scriptSrc = /script-src [^;]*/.exec(csp)![0];
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(scriptSrc).not.toMatch(/http|\*|'self'|blob:|data:/);
  const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
  expect(inline).toHaveLength(1);
  expect(scriptSrc).toContain(sha256(inline[0][1]));
  expect(csp).toContain("default-src 'none'");

  const reader = await browser.newContext();
  const requests: string[] = [];
  reader.on('request', (r) => requests.push(r.url()));
  try {
    const readerPage = await reader.newPage();
    await readerPage.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(e.violatedDirective),
      );
    });
    const started = Date.now();
    await readerPage.goto(`file://${file}`);
    await expect(readerPage.getByText('Report, read-only')).toBeVisible();
    await expect(readerPage.locator('.report-title')).toHaveText('MMLU-Pro by category');
    const inReport = await numbersOn(readerPage);
    const seconds = (Date.now() - started) / 1000;
    expect(inReport).toEqual(inApp);
    await expect(readerPage.locator('.cell[data-kind="chart"] svg').first()).toBeVisible();
    await expect(readerPage.locator('.cm-editor')).toHaveCount(0);
    await expect(readerPage.getByText('Opening the report…')).toHaveCount(0);
    await readerPage.screenshot({
      path: 'test-results/single-file-report.png',
      fullPage: true,
    });

    // An injected inline script does not run.
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
    expect(ran.violations).toEqual(['script-src-elem']);

    // The reader changes the filter: the numbers follow.
    await readerPage.getByLabel('Global filter (SQL condition)').fill("category = 'law'");
    await readerPage.getByRole('button', { name: 'Apply' }).click();
    const filtered = readerPage.locator('.cell[data-kind="slice"]').getByTestId('slice-table');
    await expect(filtered.locator('tbody tr')).toHaveCount(4);

    // The page itself from disk, then only its own blob: URLs (workers included): no http(s), no
    // other file.
    expect(requests[0]).toBe(`file://${file}`);
    expect(requests.slice(1).filter((url) => !url.startsWith('blob:null/'))).toEqual([]);
    test.info().annotations.push({
      type: 'single file',
      description: `${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB (data ${parquet.length} bytes of Parquet); numbers shown ${seconds.toFixed(1)} s after opening from disk; ${requests.length} requests`,
    });
  } finally {
    await reader.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('data over the limit is refused, with its size, the limit and the file it would make', async ({
  page,
}) => {
  // A million rows of unique hex strings: about 70 MB of Parquet however it is compressed.
  const root = mkdtempSync(join(tmpdir(), 'slicebook-single-big-'));
  const big = join(root, 'big.parquet');
  const engine = await createNodeEngine({ readable: [root] });
  try {
    await engine.query(
      `COPY (SELECT i AS id, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS h FROM range(1000000) t(i)) TO ${literal(big)} (FORMAT parquet)`,
    );
  } finally {
    await engine.close();
  }
  try {
    await openApp(page);
    await loadFiles(page, [big]);
    const sql = await addCell(page, 'SQL');
    await sql.locator('.cm-content').click();
    await page.keyboard.insertText('SELECT count(*) AS n, max(h) AS h FROM big');
    await page.keyboard.press('Shift+Enter');
    await expect(sql.getByText('1 row × 2 columns')).toBeVisible();
    await page.getByRole('button', { name: 'Publish…' }).click();
    const panel = page.getByRole('region', { name: 'Publish a report' });
    let downloads = 0;
    page.on('download', () => downloads++);
    await panel.getByRole('button', { name: 'Single HTML file' }).click();
    const alert = panel.getByRole('alert');
    await expect(alert).toContainText('The report was not published', { timeout: 120_000 });
    const text = (await alert.innerText()).replace(/\s+/g, ' ');
    const sizes =
      /the data is (\d+\.\d) MiB as Parquet, over the single file's limit of 50\.0 MiB \(the file would be about (\d+\.\d) MiB\)\. Publish it as a \.zip or a folder instead\./.exec(
        text,
      );
    expect(sizes, text).not.toBeNull();
    const data = Number(sizes![1]);
    expect(data).toBeGreaterThan(50);
    // The estimate: the template (as the build wrote it) plus the data as base64.
    const template = (await (await page.request.get('report-template.json')).json()).bytes;
    expect(Number(sizes![2])).toBeCloseTo(template / 1024 / 1024 + (data * 4) / 3, 0);
    await panel.screenshot({ path: 'test-results/single-file-refused.png' });
    expect(downloads).toBe(0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
