import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { SHARED, expect, loadFiles, openApp, overviewRows, test } from './fixtures';
import { readCsvObjects } from './reference';

/**
 * Publish a notebook over the MMLU-Pro dump as one HTML file, open it from disk (file://) in a fresh
 * browser context, and read it as someone else would: same numbers, no request to anywhere, the
 * CSP enforced with no 'unsafe-inline'.
 */
const MMLU = `${SHARED}mmlu-pro/mmlu_pro_4models_long.csv`;
test.skip(!existsSync(MMLU), `../shared/datasets is absent on this machine (looked for ${MMLU})`);
test.describe.configure({ timeout: 300_000 });

const BY_CATEGORY =
  'SELECT category, model, avg(correct) AS accuracy, count(*) AS n FROM ds_mmlu_pro_4models_long GROUP BY ALL ORDER BY category, model';

async function addCell(page: Page, kind: string): Promise<Locator> {
  const before = await page.locator('.cell').count();
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: `+ ${kind}` })
    .click();
  await expect(page.locator('.cell')).toHaveCount(before + 1);
  return page.locator('.cell').last();
}

/** What a reader reads off the page: the SQL result's rows, the overview, the slice table. */
async function numbersOn(page: Page) {
  const sql = page.locator('.cell[data-cell="by_category"]');
  await expect(sql.getByText('by_category: 56 rows × 4 columns')).toBeVisible({ timeout: 90_000 });
  const sqlRows = await sql
    .locator('.result-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  const overview = await overviewRows(page.locator('.cell[data-kind="overview"]'));
  const slice = page.locator('.cell[data-kind="slice"]').getByTestId('slice-table');
  await expect(slice.locator('tbody tr')).toHaveCount(56);
  const sliceRows = await slice.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      model: tr.getAttribute('data-model'),
      slice: tr.getAttribute('data-slice'),
      n: tr.querySelector('[data-testid="n"]')?.textContent,
      value: tr.querySelector('[data-testid="value"]')?.getAttribute('data-value'),
      q: tr.querySelector('[data-testid="q"]')?.textContent ?? null,
    })),
  );
  return { sqlRows, overview, sliceRows };
}

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('publish a single HTML file, open it from disk, read the same numbers with nothing fetched', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await loadFiles(page, [MMLU]);
  await page.getByLabel('Notebook title').fill('MMLU-Pro by category');
  const sql = await addCell(page, 'SQL');
  await sql.locator('.cell-name').fill('by_category');
  await sql.locator('.cell-name').press('Enter');
  await sql.locator('.cm-content').click();
  await page.keyboard.insertText(BY_CATEGORY);
  await page.keyboard.press('Shift+Enter');
  await expect(sql.getByText('by_category: 56 rows × 4 columns')).toBeVisible();
  await sql.getByRole('button', { name: 'Chart this' }).click();
  await expect(page.locator('.cell[data-kind="chart"] svg').first()).toBeVisible();
  const overview = await addCell(page, 'Overview');
  await overview.getByRole('combobox').selectOption('ds_mmlu_pro_4models_long');
  const slice = await addCell(page, 'Slice table');
  await slice.getByRole('combobox').first().selectOption('ds_mmlu_pro_4models_long');
  await slice.getByLabel('Feature 1').selectOption('category');
  const inApp = await numbersOn(page);
  // By hand, from the CSV: the mean of `correct` for one category and model.
  const rows = readCsvObjects(MMLU).filter(
    (r) => r.category === 'law' && r.model === 'Mistral-7B-v0.1',
  );
  const mean = rows.reduce((s, r) => s + Number(r.correct), 0) / rows.length;
  const lawRow = inApp.sqlRows.find((r) => r.startsWith('law\tMistral-7B-v0.1'))!;
  expect(Number(lawRow.split('\t')[2])).toBeCloseTo(mean, 3);

  // Publish: the panel states the limit and the size in numbers before anything is written.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const panel = page.getByRole('region', { name: 'Publish a report' });
  const limit = panel.getByTestId('single-file-limit');
  await expect
    .poll(async () => (await limit.innerText()).replace(/\s+/g, ' '))
    .toMatch(/For data up to 50 MiB as Parquet; the file is about 1\d MiB plus 1\.33 × the data/);
  await panel.screenshot({ path: 'docs/screenshots/single-file-publish.png' });
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
      path: 'docs/screenshots/single-file-report.png',
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
  const engine = await createNodeEngine();
  try {
    await engine.query(
      `COPY (SELECT i AS id, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS h FROM range(1000000) t(i)) TO '${big}' (FORMAT parquet)`,
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
    await expect(sql.getByText('1 rows × 2 columns')).toBeVisible();
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
    await panel.screenshot({ path: 'docs/screenshots/single-file-refused.png' });
    expect(downloads).toBe(0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
