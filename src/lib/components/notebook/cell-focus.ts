import { tick } from 'svelte';

/** The notebook's cells on the page, top to bottom. */
export function cellElements(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.notebook article.cell[data-cell-id]')];
}

/** Focuses the first of the notebook's "Add a cell" buttons. */
export function focusAddButtons(): void {
  document.querySelector<HTMLElement>('.notebook [aria-label="Add a cell"] button')?.focus();
}

/**
 * Focuses the cell `delta` away from the one holding the focus; from outside every cell, the
 * first (delta > 0) or the last.
 */
export function focusNextCell(delta: 1 | -1): void {
  const cells = cellElements();
  const at = cells.findIndex((c) => c.contains(document.activeElement));
  const next = at < 0 ? (delta > 0 ? cells[0] : cells.at(-1)) : cells[at + delta];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}

/**
 * After the page updates, gives the focus back to `focused` when the update took it away (a cell
 * moved in the list, or its body collapsed), else to the cell.
 */
export async function focusAfter(focused: Element | null, cell: HTMLElement): Promise<void> {
  await tick();
  if (cell.contains(document.activeElement)) return;
  if (focused instanceof HTMLElement && focused.isConnected) focused.focus();
  else cell.focus();
  cell.scrollIntoView({ block: 'nearest' });
}
