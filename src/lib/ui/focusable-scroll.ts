/**
 * An attachment for a cell's body: each box in it that may scroll sideways (a wide table's
 * `.scroll` beside the data panel, a chart's view while it is redrawn to a new width) can be focused, so a keyboard can scroll it (WCAG 2.1.1; axe's
 * scrollable-region-focusable), and is named after what it holds. Every such box, not only those
 * that scroll now: whether one does changes with the page's width and the data panel, and a cell
 * out of view is not laid out, so a size watch would miss it. Boxes come and go with results.
 */
export function focusableScrollBoxes(body: HTMLElement): () => void {
  const mark = () => {
    for (const box of body.querySelectorAll<HTMLElement>(
      ':is(.scroll, .chart-view):not([tabindex])',
    )) {
      box.tabIndex = 0;
      if (!box.hasAttribute('role')) box.setAttribute('role', 'region');
      if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', nameOf(box));
    }
  };
  const tree = new MutationObserver(mark);
  tree.observe(body, { childList: true, subtree: true });
  mark();
  return () => tree.disconnect();
}

/** What a box holds, for its name: its table's caption or label, its chart's, else "Table". */
function nameOf(box: HTMLElement): string {
  const table = box.querySelector('table');
  const caption = table?.querySelector('caption')?.textContent?.trim();
  const chart = box.closest('figure')?.getAttribute('aria-label');
  return caption || table?.getAttribute('aria-label') || chart || 'Table';
}
