import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openApp, runForeignSql, test } from './fixtures';

/**
 * A notebook of hundreds of cells stays usable: its cells run one at a time through a queue the
 * page shows, with a Cancel; a link may carry at most 100 cells (LINK_LIMITS in share.ts).
 */
const ROOT = mkdtempSync(join(tmpdir(), 'slicebook-queue-'));

function notebookOf(cells: number): string {
  return JSON.stringify({
    format: 'slicebook',
    version: 1,
    title: `${cells} queries`,
    filter: '',
    cells: Array.from({ length: cells }, (_, i) => ({
      id: `q${i}`,
      name: `q${i}`,
      kind: 'sql',
      collapsed: false,
      sql: `SELECT ${i} AS i, sum(range) AS s FROM range(200000)`,
    })),
    data: [],
    datasets: {},
  });
}

test('300 cells run through a visible queue, and Cancel all stops the rest', async ({ page }) => {
  test.setTimeout(180_000);
  const file = join(ROOT, 'many.slicebook.json');
  writeFileSync(file, notebookOf(300));
  await openApp(page);
  await page.getByTestId('notebook-input').setInputFiles(file);
  await expect(page.locator('.cell')).toHaveCount(300, { timeout: 60_000 });
  const started = Date.now();
  await runForeignSql(page);
  const queue = page.getByRole('status', { name: 'Cells running' });
  await expect(queue).toContainText(/Running \d+ of 300: q\d+ \(\d+ waiting\)/);
  await expect(page.locator('.cell .queued').first()).toBeVisible();
  await expect(queue).toContainText(/Running (2\d|[3-9]\d|\d{3}) of 300/, { timeout: 60_000 });
  const shown = (await queue.innerText()).match(/Running (\d+) of 300/)![1];
  const perCell = (Date.now() - started) / Number(shown);
  await page.screenshot({ path: 'test-results/run-queue.png' });
  await queue.getByRole('button', { name: 'Cancel all' }).click();
  await expect(queue).toHaveCount(0);
  await expect(page.locator('.cell .queued')).toHaveCount(0);
  const ran = await page.locator('.cell[data-kind="sql"] .result-meta').count();
  expect(ran).toBeGreaterThanOrEqual(20);
  expect(ran).toBeLessThan(300);
  test.info().annotations.push({
    type: 'measured',
    description: `${Number(shown) - 1} cells in ${Date.now() - started} ms: ${perCell.toFixed(0)} ms a cell`,
  });
});

test('a link with more than 100 cells is refused, saying how to share it instead', async ({
  page,
}) => {
  const file = join(ROOT, 'many.slicebook.json');
  writeFileSync(file, notebookOf(101));
  await openApp(page);
  await page.getByTestId('notebook-input').setInputFiles(file);
  await expect(page.locator('.cell')).toHaveCount(101);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const other = await page.context().browser()!.newPage();
  await other.goto(link);
  await expect(other.getByRole('alert')).toHaveText(
    'The notebook in this link has 101 cells; a link may carry at most 100. Ask for the .slicebook.json file instead, and open it with “Open notebook…”.',
  );
  await expect(other.locator('.cell')).toHaveCount(0);
  await other.close();
});
