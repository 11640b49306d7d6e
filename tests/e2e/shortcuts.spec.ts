import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CELL_SHORTCUTS, PAGE_SHORTCUTS } from '../../src/lib/components/notebook/shortcuts';
import { expect, openApp, openSample, test } from './fixtures';
import { readRows, SAMPLES } from './samples-data';

/** The `?` overlay and a cell used with the keyboard alone. */

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const activeInDialog = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('dialog') !== null);

test('? lists every shortcut the page binds; Escape closes it and gives the focus back', async ({
  page,
}) => {
  await openApp(page);
  const runAll = page.getByRole('button', { name: 'Run all' });
  await runAll.focus();
  await page.keyboard.press('?');
  await expect(dialog(page)).toBeVisible();
  // Generated from the table that binds the keys: one row per shortcut, none missing.
  const ids = await dialog(page)
    .locator('tr[data-shortcut]')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-shortcut')));
  expect(ids).toEqual([...PAGE_SHORTCUTS, ...CELL_SHORTCUTS].map((s) => s.id));
  await expect(dialog(page).locator('tr[data-shortcut="run"]')).toContainText('Shift+Enter');
  await page.screenshot({ path: 'test-results/shortcuts-overlay.png' });
  // Nothing of it is cut off at 1280 px: its tables wrap inside it.
  expect(await dialog(page).evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);

  const axe = await new AxeBuilder({ page })
    .include('dialog.shortcuts')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  // The focus stays inside while it is open, Tab or Shift+Tab.
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await activeInDialog(page), key).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(runAll).toBeFocused();
});

test('? typed into a field is text, not the overlay; the Shortcuts button opens it too', async ({
  page,
}) => {
  await openApp(page);
  const title = page.getByLabel('Notebook title');
  await title.fill('Why');
  await title.press('?');
  await expect(title).toHaveValue('Why?');
  await expect(dialog(page)).toBeHidden();
  const button = page.getByRole('button', { name: 'Shortcuts' });
  await button.click();
  await expect(dialog(page)).toBeVisible();
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(button).toBeFocused();
});

test('a SQL cell added, written, run, duplicated, moved, collapsed and deleted with the keyboard alone', async ({
  page,
}) => {
  await openSample(page, 'loan-approval');
  const cells = page.locator('.notebook .cell[data-cell-id]');
  const focusedCell = () =>
    page.evaluate(
      () =>
        document.activeElement?.closest('.cell[data-cell-id]')?.getAttribute('data-cell') ?? null,
    );

  // Add: Shift+Alt+A reaches the Add buttons (Markdown first), Tab the next one, Enter presses it.
  await page.keyboard.press('Shift+Alt+A');
  await expect(page.getByRole('button', { name: '+ Markdown' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '+ SQL' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cells).toHaveCount(1);

  // Into the cell (Shift+Alt+Up from outside the notebook: the last cell), then Tab to its editor.
  await page.keyboard.press('Shift+Alt+ArrowUp');
  await expect.poll(focusedCell).toBe('query_1');
  for (
    let i = 0;
    i < 20 && !(await page.locator('.cm-content').evaluate((e) => e === document.activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await expect(page.locator('.cm-content')).toBeFocused();
  await page.keyboard.insertText(
    "SELECT count(*) AS applicants FROM loan_approval WHERE region = 'rural'",
  );
  await page.keyboard.press('Shift+Enter');
  const [rural] = await readRows(
    `SELECT count(*)::INT AS n FROM '${SAMPLES}loan-approval.parquet' WHERE region = 'rural'`,
  );
  await expect(cells.first().locator('table tbody td').first()).toHaveText(String(rural.n));

  // Escape leaves the editor (a first Escape may close its completion list) for the cell itself.
  await page.keyboard.press('Escape');
  if (await page.locator('.cm-content').evaluate((e) => e === document.activeElement))
    await page.keyboard.press('Escape');
  await expect(cells.first()).toBeFocused();

  await page.keyboard.press('Shift+Alt+D');
  await expect(cells).toHaveCount(2);
  const names = () => cells.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-cell')));
  const [first, copy] = await names();
  expect(first).toBe('query_1');

  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(names).toEqual([copy, first]);
  await expect.poll(focusedCell).toBe(first);
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(names).toEqual([first, copy]);

  const collapse = page.getByRole('button', { name: `Collapse ${first}`, exact: true });
  await page.keyboard.press('Shift+Alt+C');
  await expect(page.getByRole('button', { name: `Expand ${first}`, exact: true })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await expect(cells.first().locator('.cell-body')).toHaveCount(0);
  await page.keyboard.press('Shift+Alt+C');
  await expect(collapse).toHaveAttribute('aria-expanded', 'true');

  // Shift+Alt+Down goes to the next cell; Shift+Alt+Backspace deletes it, Ctrl+Z brings it back.
  await page.keyboard.press('Shift+Alt+ArrowDown');
  await expect.poll(focusedCell).toBe(copy);
  await page.keyboard.press('Shift+Alt+Backspace');
  await expect(cells).toHaveCount(1);
  await expect.poll(focusedCell).toBe(first);
  await page.keyboard.press('Control+z');
  await expect.poll(names).toEqual([first, copy]);
  await page.screenshot({ path: 'test-results/shortcuts-keyboard-cell.png' });
});

test('notes edited with the keyboard: Edit opens them, Shift+Enter shows them, the focus follows', async ({
  page,
}) => {
  await openApp(page);
  await page.keyboard.press('Shift+Alt+A');
  await page.keyboard.press('Enter');
  const source = page.getByLabel('Markdown of note_1');
  await source.focus();
  await page.keyboard.insertText('# Seen');
  await page.keyboard.press('Shift+Enter');
  const edit = page.getByRole('button', { name: 'Edit notes note_1' });
  await expect(edit).toBeFocused();
  await expect(page.locator('.markdown-rendered h1')).toHaveText('Seen');
  await page.keyboard.press('Enter');
  await expect(source).toBeFocused();
  await expect(source).toHaveValue('# Seen');
});
