import { test as base, expect, type Locator, type Page } from '@playwright/test';

export const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;

/**
 * Every test records the page's requests (workers included); at the end none may have left the
 * page's origin.
 */
export const test = base.extend<{ outsideRequests: string[] }>({
  outsideRequests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const outside: string[] = [];
      context.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))
          outside.push(url);
      });
      await use(outside);
      expect(outside, 'requests to other origins').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Adds a cell with the notebook's "+ <label>" button (it goes last) and returns it, by its id: the
 * locator keeps pointing at this cell when others are added or it is renamed.
 */
export async function addCell(page: Page, label: string): Promise<Locator> {
  const cells = page.locator('.cell');
  const before = await cells.count();
  await page
    .getByRole('group', { name: 'Add a cell' })
    .getByRole('button', { name: `+ ${label}` })
    .click();
  await expect(cells).toHaveCount(before + 1);
  const id = await cells.nth(before).getAttribute('data-cell-id');
  return page.locator(`.cell[data-cell-id="${id}"]`);
}

export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByText('DuckDB ready')).toBeVisible({ timeout: 30_000 });
}

/** Waits until no file is loading and the datasets are built. */
export async function settle(page: Page): Promise<void> {
  await expect(page.locator('.job[data-status="loading"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByText('Combining tables and guessing roles')).toHaveCount(0, {
    timeout: 60_000,
  });
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

export async function roleOf(dataset: Locator, column: string): Promise<string> {
  return dataset.getByLabel(`role of ${column}`, { exact: true }).inputValue();
}

/** Opens the app with one of its built-in samples loaded; returns the sample's dataset card. */
export async function openSample(page: Page, id: string): Promise<Locator> {
  await openApp(page);
  await page.click(`[data-sample="${id}"]`);
  await settle(page);
  return page.locator('.dataset').first();
}
