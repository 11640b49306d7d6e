import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addCell, expect, loadFiles, openApp, test } from './fixtures';

/**
 * Markdown, cell names, column names and values from someone else's notebook, link or file can
 * never run script. Every payload below would set window.__pwned or open a dialog if it ran.
 */
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '[click me](javascript:window.__pwned=3)',
  '<svg onload="window.__pwned = 4"><circle r="5"/></svg>',
  '<iframe srcdoc="<script>parent.__pwned = 5</script>"></iframe>',
  '<a href="#" onclick="window.__pwned = 6">link</a>',
  '<style>body { display: none }</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 7">',
].join('\n\n');

const folder = mkdtempSync(join(tmpdir(), 'slicebook-xss-'));

function notebookFile(): string {
  const notebook = {
    format: 'slicebook',
    version: 1,
    title: '<img src=x onerror="window.__pwned = 8">',
    filter: '',
    cells: [
      {
        id: 'x',
        name: 'notes',
        kind: 'markdown',
        collapsed: false,
        text: `# Hostile\n\n${PAYLOADS}`,
      },
    ],
    data: [{ name: '<img src=x onerror="window.__pwned=9">.csv', size: 1, rows: 1, sha256: null }],
    datasets: {},
  };
  const path = join(folder, 'hostile.slicebook.json');
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

async function expectNothingRan(page: Page, dialogs: string[]) {
  await expect(page.getByRole('heading', { name: 'Hostile' })).toBeVisible();
  const markdown = page.locator('.cell[data-kind="markdown"]');
  await expect(
    markdown.locator('script, iframe, style, [onerror], [onload], [onclick]'),
  ).toHaveCount(0);
  for (const href of await markdown
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
    expect(href).not.toMatch(/^\s*javascript:/i);
  }
  await markdown
    .getByText('click me')
    .click()
    .catch(() => undefined);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page.locator('main')).toBeVisible();
}

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test('hostile markdown typed into a cell is sanitized', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: '+ Markdown' })
    .click();
  const source = page.getByLabel('Markdown of note_1');
  await source.fill(`# Hostile\n\n${PAYLOADS}`);
  await source.press('Shift+Enter');
  await expectNothingRan(page, dialogs);
});

test('markdown reaches no other site: remote images become text, outside links lose their address', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openApp(page);
  const source = (await addCell(page, 'Markdown')).getByLabel('Markdown of note_1');
  await source.fill(
    [
      '# Outside',
      '![tracking pixel](https://tracker.example/p.png?reader=1)',
      '<img src="//cdn.example/x.png" alt="protocol-relative">',
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="inline">',
      '<img srcset="https://tracker.example/s.png 2x" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      '[the source](https://elsewhere.example/paper)',
      '<a href="https://elsewhere.example/" ping="https://tracker.example/ping">pinging link</a>',
      '<video poster="https://tracker.example/v.png"></video>',
      '[a section](#results)',
    ].join('\n\n'),
  );
  await source.press('Shift+Enter');
  const markdown = page.locator('.cell[data-kind="markdown"]');
  await expect(markdown.getByRole('heading', { name: 'Outside' })).toBeVisible();
  await expect(markdown).toContainText('[image not shown: tracking pixel, from another site]');
  await expect(markdown).toContainText('[image not shown: protocol-relative, from another site]');
  expect(
    await markdown.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src'))),
  ).toEqual([
    'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
    'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  ]);
  await expect(markdown.locator('[srcset], [ping], [poster], video')).toHaveCount(0);
  const source_ = markdown.getByText('the source');
  await expect(source_).not.toHaveAttribute('href');
  await expect(source_).toHaveAttribute(
    'title',
    'https://elsewhere.example/paper (another site: copy the address to visit it)',
  );
  await expect(markdown.getByText('a section')).toHaveAttribute('href', '#results');
  await page.screenshot({ path: 'test-results/markdown-outside.png' });
  expect(requests.filter((u) => /example/.test(u))).toEqual([]);
});

test('a hostile notebook file and a hostile share link run nothing', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  await page.getByTestId('notebook-input').setInputFiles(notebookFile());
  await expectNothingRan(page, dialogs);
  await expect(page.locator('.missing-data')).toContainText(
    '<img src=x onerror="window.__pwned=9">.csv',
  );
  await expect(page.getByLabel('Notebook title')).toHaveValue(
    '<img src=x onerror="window.__pwned = 8">',
  );

  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const other = await page.context().newPage();
  const otherDialogs = watchDialogs(other);
  await other.goto(link);
  await expectNothingRan(other, otherDialogs);
});

test('hostile column names and values in query results render as text', async ({ page }) => {
  const dialogs = watchDialogs(page);
  const csv = join(folder, 'values.csv');
  writeFileSync(
    csv,
    `"<img src=x onerror=""window.__pwned=10"">",label\n"<script>window.__pwned=11</script>",1\n`,
  );
  await openApp(page);
  await loadFiles(page, [csv]);
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: '+ SQL' })
    .click();
  await page.locator('.cell .cm-content').click();
  await page.keyboard.insertText('SELECT * FROM "values"');
  await page.keyboard.press('Shift+Enter');
  const result = page.locator('.cell[data-kind="sql"] table');
  await expect(result).toContainText('<script>window.__pwned=11</script>');
  await expect(result.locator('th')).toContainText(['<img src=x onerror="window.__pwned=10">']);
  await expect(page.locator('main img, main script:not([src])')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
});
