import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, loadFiles, openApp, overviewRows, runForeignSql, test } from './fixtures';

/**
 * Script payloads where notebook-security.spec.ts does not put them: file names, data values in
 * the overview and previews, SQL results feeding a chart, Vega-Lite specs (titles, expressions,
 * links) in a notebook file and in a share link. Each payload would set window.__pwned or open a
 * dialog if it ran; CSP violations (a blocked inline script or javascript: URL) are recorded too.
 */
const folder = mkdtempSync(join(tmpdir(), 'slicebook-xss-'));

async function watch(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return dialogs;
}

async function expectNothingRan(page: Page, dialogs: string[]) {
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: number; __csp: string[] };
    return { pwned: w.__pwned, csp: w.__csp };
  });
  expect(state.pwned).toBeUndefined();
  expect(state.csp.filter((v) => v.startsWith('script-src'))).toEqual([]);
  expect(dialogs).toEqual([]);
  await expect(page.locator('main script, main iframe, main [onerror], main [onload]')).toHaveCount(
    0,
  );
}

const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=20">';

function hostileNotebook(): string {
  const chart = (name: string, spec: object) => ({
    id: name,
    name,
    kind: 'chart',
    collapsed: false,
    source: 'q',
    spec: JSON.stringify(spec),
  });
  const notebook = {
    format: 'slicebook',
    version: 1,
    title: 'Hostile charts',
    filter: '',
    cells: [
      {
        id: 'q',
        name: 'q',
        kind: 'sql',
        collapsed: false,
        sql: `SELECT '${HOSTILE_TEXT}' AS label, 3 AS y UNION ALL SELECT '<script>window.__pwned=21</script>', 5`,
      },
      chart('titled', {
        title: '<img src=x onerror="window.__pwned=22">',
        mark: 'bar',
        encoding: {
          x: { field: 'label', type: 'nominal' },
          y: { field: 'y', type: 'quantitative' },
          href: { value: 'javascript:window.__pwned=23' },
          tooltip: { field: 'label' },
        },
      }),
      chart('assigning', {
        mark: 'point',
        transform: [{ calculate: 'window.__pwned = 24', as: 'z' }],
        encoding: { x: { field: 'z', type: 'quantitative' } },
      }),
      chart('calling', {
        mark: 'point',
        transform: [{ filter: "alert('pwned')" }],
        encoding: { x: { field: 'y', type: 'quantitative' } },
      }),
    ],
    data: [],
    datasets: {},
  };
  const path = join(folder, 'hostile-charts.slicebook.json');
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

async function expectChartsSafe(page: Page, dialogs: string[]) {
  const titled = page.locator('.cell[data-kind="chart"]').first();
  await expect(titled.locator('svg').first()).toBeVisible();
  await expect(titled.locator('svg')).toContainText('<img src=x onerror="window.__pwned=22">');
  await titled.locator('svg path, svg rect').first().click({ force: true });
  await titled.locator('svg').first().hover();
  for (const name of ['assigning', 'calling']) {
    const cell = page.locator('.cell[data-kind="chart"]').filter({
      has: page.getByLabel(`Vega-Lite spec of ${name}`),
    });
    await expect(cell.locator('[role="alert"], .cell-error, .error').first()).toBeVisible();
  }
  await expectNothingRan(page, dialogs);
}

test('hostile Vega-Lite specs and result values in a notebook file and its share link run nothing', async ({
  page,
}) => {
  const dialogs = await watch(page);
  await openApp(page);
  await page.getByTestId('notebook-input').setInputFiles(hostileNotebook());
  // Its SQL waits for the user to read it (issue 15), then its result feeds the charts.
  await runForeignSql(page);
  await expect(page.locator('.cell[data-kind="sql"] table')).toContainText(HOSTILE_TEXT);
  await expectChartsSafe(page, dialogs);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const other = await page.context().newPage();
  const otherDialogs = await watch(other);
  await other.goto(link);
  await expect(other.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
  // This context has a notebook (the file's): the link asks before it takes its place.
  await other.getByRole('button', { name: 'Open the link’s notebook' }).click();
  await runForeignSql(other);
  await expectChartsSafe(other, otherDialogs);
});

test('hostile file names and data values are shown as text', async ({ page }) => {
  const dialogs = await watch(page);
  const name = '<img src=x onerror=window.__pwned=30>.csv';
  const file = join(folder, name);
  writeFileSync(
    file,
    [
      'example_id,model,label,prediction,segment',
      '1,<script>window.__pwned=31</script>,1,1,<img src=x onerror=window.__pwned=32>',
      '2,<script>window.__pwned=31</script>,0,1,<b onmouseover=window.__pwned=33>x</b>',
      '3,"<svg onload=window.__pwned=34>",1,1,plain',
    ].join('\n') + '\n',
  );
  await openApp(page);
  await loadFiles(page, [file]);
  await expect(page.locator(`.job[data-file="${name}"]`)).toContainText(name);
  await expect(page.locator('.table-card summary strong')).toHaveText(name);
  const dataset = page.locator('.dataset').first();
  const models = (await overviewRows(dataset)).map((r) => r.model);
  expect(models).toEqual(['<script>window.__pwned=31</script>', '<svg onload=window.__pwned=34>']);
  await page.locator('.table-card summary').click();
  await expect(page.locator('.table-card .preview')).toContainText(
    '<img src=x onerror=window.__pwned=32>',
  );
  await page.locator('.table-card .preview').hover();
  await expect(page.locator('main img, main b, main svg[onload]')).toHaveCount(0);
  await expectNothingRan(page, dialogs);
});
