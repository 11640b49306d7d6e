import { tick } from 'svelte';
import type { NotebookModel } from '../../notebook/notebook-model.svelte';
import { cellElements, focusAddButtons, focusAfter } from './cell-focus';
import { CELL_SHORTCUTS, isTypingIn, shortcutFor, type CellShortcutId } from './shortcuts';

/**
 * The key handler of a cell: the cell shortcuts of shortcuts.ts, each bound here to its action.
 * A key the focused control already handled (the SQL editor's Shift+Enter, a textarea's) is left
 * to it.
 */
export function cellKeyHandler(
  notebook: NotebookModel,
  id: () => string,
): (e: KeyboardEvent & { currentTarget: HTMLElement }) => void {
  return (e) => {
    if (e.defaultPrevented) return;
    const shortcut = shortcutFor(CELL_SHORTCUTS, e, isTypingIn(e.target));
    if (!shortcut) return;
    const article = e.currentTarget;
    if (shortcut.id === 'leave' && e.target === article) return;
    e.preventDefault();
    const cellId = id();
    const actions: Record<CellShortcutId, () => void> = {
      run: () => {
        const cell = notebook.cell(cellId);
        if (cell && notebook.kindOf(cell)?.run) void notebook.run(cellId);
      },
      leave: () => article.focus(),
      moveUp: () => notebook.moveCell(cellId, -1),
      moveDown: () => notebook.moveCell(cellId, 1),
      collapse: () => notebook.toggleCollapsed(cellId),
      duplicate: () => notebook.duplicateCell(cellId),
      delete: () => {
        const cells = cellElements();
        const at = cells.indexOf(article);
        const neighbour = cells[at + 1] ?? cells[at - 1];
        notebook.deleteCell(cellId);
        void tick().then(() => (neighbour ? neighbour.focus() : focusAddButtons()));
      },
    };
    const focused = document.activeElement;
    actions[shortcut.id]();
    // Moving or collapsing a cell re-renders it; the focus stays where the user had it.
    if (shortcut.id !== 'delete' && shortcut.id !== 'leave') void focusAfter(focused, article);
  };
}
