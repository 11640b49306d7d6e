import type { Page } from '@playwright/test';
import { HARNESS_FIXTURES } from '../helpers/harness-counts';
import { addCell, expect, openApp, openSample, settle, test } from './fixtures';

/**
 * The data panel is a third of a 1280 px page. Its tables (overview, roles, sources) must wrap or
 * truncate inside its card: whatever runs past it slides under the notebook, which then covers
 * the panel's dropdowns (issue 24).
 */
const SAMPLES = [
  'loan-approval',
  'corruption-robustness',
  'llm-eval',
  'house-prices',
  'qa-five-models',
  'model-zoo',
  'mcq-audit',
  'street-scenes',
];

test.use({ viewport: { width: 1280, height: 800 } });

/** Opens every folded part of the data panel (dataset sections, loaded tables) as a reader would. */
async function unfoldDataPanel(page: Page): Promise<void> {
  const folded = page.locator('.data-panel details:not([open]) > summary');
  while ((await folded.count()) > 0) await folded.first().click();
}

/**
 * The elements of the data panel whose box reaches outside the panel's, described. The content
 * of a box that scrolls (overflow other than visible) stays inside that box, so only the box
 * itself is measured.
 */
function outsideThePanel(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = document.querySelector('.data-panel')!;
    const box = panel.getBoundingClientRect();
    const outside: string[] = [];
    const visit = (parent: Element) => {
      for (const el of parent.children) {
        const r = el.getBoundingClientRect();
        const shown = r.width > 0 && r.height > 0;
        if (
          shown &&
          (r.left < box.left - 0.5 ||
            r.right > box.right + 0.5 ||
            r.top < box.top - 0.5 ||
            r.bottom > box.bottom + 0.5)
        ) {
          const text = (el.textContent ?? '').trim().slice(0, 40);
          outside.push(
            `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> "${text}" spans ` +
              `${Math.round(r.left)}-${Math.round(r.right)} px, the panel ${Math.round(box.left)}-${Math.round(box.right)} px`,
          );
        }
        if (getComputedStyle(el).overflowX === 'visible') visit(el);
      }
    };
    visit(panel);
    return outside;
  });
}

/** The data panel's controls that something else covers at their centre (scrolled into view). */
function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    for (const control of document.querySelectorAll<HTMLElement>(
      '.data-panel select, .data-panel button, .data-panel input, .data-panel summary',
    )) {
      if (control.getClientRects().length === 0) continue;
      control.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = control.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (top && !control.contains(top))
        covered.push(
          `${control.tagName.toLowerCase()} "${control.getAttribute('aria-label') ?? control.textContent?.trim().slice(0, 30)}" under <${top.tagName.toLowerCase()} class="${top.getAttribute('class') ?? ''}">`,
        );
    }
    window.scrollTo(0, 0);
    return covered;
  });
}

for (const sample of SAMPLES) {
  test(`${sample}: at 1280 px every element of the data panel lies within the panel and no control is covered`, async ({
    page,
  }, testInfo) => {
    await openSample(page, sample);
    await unfoldDataPanel(page);
    await page.screenshot({
      path: testInfo.outputPath(`data-panel-${sample}-1280.png`),
      fullPage: true,
    });
    expect(await outsideThePanel(page)).toEqual([]);
    expect(await coveredControls(page)).toEqual([]);
  });
}

test('a wide SQL result scrolls inside its cell and does not widen the page', async ({
  page,
}, testInfo) => {
  await openSample(page, 'loan-approval');
  const cell = await addCell(page, 'SQL');
  await cell.locator('.cm-content').click();
  // About 2,000 px of text in one row: wider than the notebook at 1280 px.
  await page.keyboard.insertText(
    "SELECT *, repeat('wide ', 60) AS long_text FROM ds_loan_approval ORDER BY ALL LIMIT 5",
  );
  await page.keyboard.press('Shift+Enter');
  const region = cell.getByRole('region', { name: /^Result, rows 1-5 of 5$/ });
  await expect(region.locator('tbody tr')).toHaveCount(5);
  await page.screenshot({ path: testInfo.outputPath('wide-sql-result-1280.png') });

  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.window);

  const [regionBox, cellBox] = await Promise.all([region.boundingBox(), cell.boundingBox()]);
  expect(regionBox!.x).toBeGreaterThanOrEqual(cellBox!.x);
  expect(regionBox!.x + regionBox!.width).toBeLessThanOrEqual(cellBox!.x + cellBox!.width);
  // The table is wider than its region, and the region scrolls to show the rest.
  const scrolled = await region.evaluate((el) => {
    el.scrollLeft = 500;
    return { scrollLeft: el.scrollLeft, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(scrolled.scrollWidth).toBeGreaterThan(scrolled.clientWidth + 500);
  expect(scrolled.scrollLeft).toBe(500);
});

test('an lm-eval harness folder: the overview of long model · task names, its interval dots included, lies within the panel', async ({
  page,
}, testInfo) => {
  await openApp(page);
  const jobs = page.locator('.job');
  await page.setInputFiles('[data-testid="folder-input"]', `${HARNESS_FIXTURES}lm-eval`);
  await expect(jobs).toHaveCount(1, { timeout: 60_000 });
  await settle(page);
  const dots = page.locator('.data-panel [data-testid="overview"] .dot');
  await expect(dots.first()).toBeVisible();
  await unfoldDataPanel(page);
  await page.screenshot({
    path: testInfo.outputPath('data-panel-lm-eval-1280.png'),
    fullPage: true,
  });
  expect(await outsideThePanel(page)).toEqual([]);
});
