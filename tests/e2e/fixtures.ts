import { existsSync } from 'node:fs';
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { wilson } from './reference';

export const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;

/**
 * Skips the test, or the tests of the describe block it is called in, where `path` (a dump in
 * ../shared/datasets) is absent, saying so: the tests on the real dumps are a second layer.
 */
export function skipWithoutShared(path: string): void {
  test.skip(!existsSync(path), `../shared/datasets is absent on this machine (looked for ${path})`);
}

/**
 * Every test records the page's requests (workers included); at the end none may have left the
 * page's origin.
 */
export const test = base.extend<{ outsideRequests: string[] }>({
  outsideRequests: [
    async ({ context, baseURL }, use) => {
      const outside = recordOutsideRequests(context, baseURL!);
      await use(outside);
      expect(outside, 'requests to other origins').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

function recordOutsideRequests(context: BrowserContext, baseURL: string): string[] {
  const origin = new URL(baseURL).origin;
  const outside: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
      outside.push(url);
  });
  return outside;
}

/**
 * A page in a browser context of its own, whose requests are checked as every test's are when
 * `close` ends it. For a page that the tests of a file share, running in order and building on
 * each other (`test.describe.configure({ mode: 'serial' })`), so that the app, DuckDB and the data
 * load once; and for a second reader of the same notebook.
 */
export async function newCheckedPage(
  browser: Browser,
  testInfo: TestInfo,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const baseURL = testInfo.project.use.baseURL!;
  const context = await browser.newContext({ baseURL });
  const outside = recordOutsideRequests(context, baseURL);
  const page = await context.newPage();
  return {
    page,
    close: async () => {
      await context.close();
      expect(outside, 'requests to other origins').toEqual([]);
    },
  };
}

/**
 * Adds a cell with the notebook's "+ <label>" button (it goes last) and returns it, by its id: the
 * locator keeps pointing at this cell when others are added or it is renamed.
 */
export async function addCell(page: Page, label: string): Promise<Locator> {
  // Not `.cell`: Vega-Lite names a faceted chart's groups "cell", a class of their SVG elements.
  const cells = page.locator('.cell[data-cell-id]');
  const before = await cells.count();
  const button = page.getByRole('group', { name: 'Add a cell' }).getByRole('button', {
    name: `+ ${label}`,
  });
  // The buttons sit under the last cell: a chart that finishes drawing between Playwright's aim
  // and its click moves them, and the click lands beside the button (CI, load 15-22). Click again
  // only while no cell was added; a first click that was only slow and a second one make two
  // cells, which fails the count.
  await expect(async () => {
    if ((await cells.count()) === before) await button.click();
    await expect(cells).toHaveCount(before + 1, { timeout: 5_000 });
  }).toPass();
  const id = await cells.nth(before).getAttribute('data-cell-id');
  return page.locator(`.cell[data-cell-id="${id}"]`);
}

export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
}

/**
 * Opens the app with one of its built-in samples' data loaded and an empty notebook (the start
 * screen's "data only", so a test's own cells run alone); returns the sample's dataset card.
 * tests/e2e/example-notebooks.spec.ts opens the samples with their example notebooks.
 */
export async function openSample(page: Page, id: string): Promise<Locator> {
  await openApp(page);
  await page.click(`[data-sample-data-only="${id}"]`);
  await settle(page);
  return page.locator('.dataset').first();
}

/** Waits until no file is loading and the datasets are built. */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('.job[data-status="loading"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByText('Combining tables and guessing roles')).toHaveCount(0, {
    timeout: 60_000,
  });
}

/**
 * Waits until the page shows the results of the last thing asked: no file loads, no role edit or
 * click on a slice is being applied, no cell runs or waits in the queue (App.svelte's
 * `data-settled`, counted from the moment each is asked for). A cell that re-runs keeps its last
 * rows on screen while it waits, so a one-shot read (evaluate, textContent, count, getAttribute)
 * right after an action that re-runs cells (a filter, a click on a slice, undo, a role or dataset
 * change, a cell edit) could read the step before; read after this, or retry the read with
 * `expect(...).toPass()` until it shows what it must.
 */
export async function settled(on: Page | Locator, options?: { timeout: number }): Promise<void> {
  const page = 'mainFrame' in on ? on : on.page();
  await expect(page.locator('main.layout')).toHaveAttribute('data-settled', 'true', options);
}

/**
 * Picks files and waits until they are loaded and their datasets built. The page adds the files'
 * progress rows a moment after the pick, so first wait for them: otherwise the wait could end
 * before loading began, and the datasets' rebuild would re-run cells in the middle of the test.
 */
export async function loadFiles(page: Page, paths: string[]): Promise<void> {
  const jobs = page.locator('.job');
  const before = await jobs.count();
  await page.setInputFiles('[data-testid="file-input"]', paths);
  await expect(jobs).toHaveCount(before + paths.length, { timeout: 60_000 });
  await settle(page);
}

/**
 * Picks files, or a folder through the folder input, and waits until what was found in them is
 * loaded (or skipped, or refused) and the datasets built.
 */
export async function pick(
  page: Page,
  input: 'file-input' | 'folder-input',
  paths: string | string[],
): Promise<void> {
  const jobs = page.locator('.job');
  const before = await jobs.count();
  await page.setInputFiles(`[data-testid="${input}"]`, paths);
  await expect(jobs).not.toHaveCount(before, { timeout: 60_000 });
  await settle(page);
}

/**
 * Runs the SQL cells of a notebook from someone else (a file or a link), which wait until the user
 * has read them and pressed the note's Run button.
 */
export async function runForeignSql(page: Page): Promise<void> {
  await page
    .getByRole('region', { name: 'SQL from someone else' })
    .getByRole('button', { name: /^Run its \d+ SQL cells?$/ })
    .click();
  await expect(page.getByRole('region', { name: 'SQL from someone else' })).toHaveCount(0);
}

export interface ShownRow {
  model: string;
  n: number;
  estimate: number;
  low: number;
  high: number;
}

/** Reads the overview table of a dataset as the page shows it. */
export async function overviewRows(dataset: Locator): Promise<ShownRow[]> {
  const rows = dataset.locator('[data-testid="overview"] tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cell = (sel: string) => tr.querySelector(sel) as HTMLElement;
      return {
        model: tr.getAttribute('data-model') ?? '',
        n: Number(cell('[data-testid="n"]').childNodes[0].textContent!.replace(/[^0-9]/g, '')),
        estimate: Number(cell('[data-testid="estimate"]').dataset.value),
        low: Number(cell('.interval').dataset.low),
        high: Number(cell('.interval').dataset.high),
      };
    }),
  );
}

/**
 * The overview's rows against counts made elsewhere (the generator's, or by hand): per model, n,
 * the accuracy and its Wilson interval. A cell that re-runs keeps its previous rows on screen until
 * the new ones arrive, so the rows are read again until they match or the expect timeout passes
 * (a one-shot read after a filter change or an undo could read the rows of the step before).
 */
export async function expectAccuracies(
  overview: Locator,
  models: Record<string, { n: number; correct: number }>,
): Promise<void> {
  await expect(async () => {
    const rows = await overviewRows(overview);
    expect(rows.map((r) => r.model)).toEqual(Object.keys(models).sort());
    for (const row of rows) {
      const { n, correct } = models[row.model];
      expect(row.n, row.model).toBe(n);
      expect(row.estimate, row.model).toBeCloseTo(correct / n, 12);
      const [low, high] = wilson(correct, n);
      expect(row.low, row.model).toBeCloseTo(low, 10);
      expect(row.high, row.model).toBeCloseTo(high, 10);
    }
  }).toPass();
}

/** Waits until the dataset card shows `role` for `column` (a role edit rebuilds the card). */
export async function expectRole(dataset: Locator, column: string, role: string): Promise<void> {
  await expect(dataset.getByLabel(`role of ${column}`, { exact: true }), column).toHaveValue(role);
}
