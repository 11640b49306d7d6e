import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core on the page: its serious or critical WCAG 2.x A/AA violations, each with the cell it is
 * in (if any), described.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => ({ rule: `${v.id} (${v.impact})`, target: n.target })));
  return Promise.all(
    found.map(async ({ rule, target }) => {
      const selector = target.join(' ');
      const cell = await page.evaluate(
        (s) => document.querySelector(s)?.closest('article[data-cell]')?.getAttribute('data-cell'),
        String(target[0]),
      );
      return `${rule}: ${selector}${cell ? ` (in cell ${cell})` : ''}`;
    }),
  );
}
