/**
 * The notebook's keyboard shortcuts: one table that both binds the keys (`shortcutFor`) and lists
 * them in the help overlay (`?`), so the two cannot drift apart. Each component that handles a
 * group maps every id of its group to an action (a `Record` over the ids: TypeScript refuses a
 * shortcut without one).
 */

/** One key with its modifiers. `mod` is Ctrl, or Cmd on a Mac. */
export interface Chord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  id: string;
  /** Any of these chords does it. */
  chords: readonly Chord[];
  /** What it does, as the help overlay says it. */
  does: string;
  /** It also works while typing in a text field or the SQL editor (chords no text field uses). */
  whileTyping: boolean;
}

/** Anywhere on the page (not while typing, except where said). */
export const PAGE_SHORTCUTS = [
  { id: 'help', chords: [{ key: '?' }], does: 'Show these shortcuts', whileTyping: false },
  { id: 'undo', chords: [{ key: 'z', mod: true }], does: 'Undo', whileTyping: false },
  {
    id: 'redo',
    chords: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    does: 'Redo',
    whileTyping: false,
  },
  {
    id: 'nextCell',
    chords: [{ key: 'ArrowDown', alt: true, shift: true }],
    does: 'Go to the next cell (from outside the notebook: the first)',
    whileTyping: false,
  },
  {
    id: 'previousCell',
    chords: [{ key: 'ArrowUp', alt: true, shift: true }],
    does: 'Go to the previous cell (from outside the notebook: the last)',
    whileTyping: false,
  },
  {
    id: 'addCell',
    chords: [{ key: 'a', alt: true, shift: true }],
    does: 'Go to the “Add a cell” buttons',
    whileTyping: false,
  },
] as const satisfies readonly Shortcut[];

/** With the focus in a cell (on the cell itself after Escape, or on any of its controls). */
export const CELL_SHORTCUTS = [
  {
    id: 'run',
    chords: [
      { key: 'Enter', shift: true },
      { key: 'Enter', mod: true },
    ],
    does: 'Run the cell (in a Markdown cell: show the notes)',
    whileTyping: true,
  },
  {
    id: 'leave',
    chords: [{ key: 'Escape' }],
    does: 'Leave the field you are typing in, keeping the focus on its cell',
    whileTyping: true,
  },
  {
    id: 'moveUp',
    chords: [{ key: 'ArrowUp', alt: true }],
    does: 'Move the cell up',
    whileTyping: true,
  },
  {
    id: 'moveDown',
    chords: [{ key: 'ArrowDown', alt: true }],
    does: 'Move the cell down',
    whileTyping: true,
  },
  {
    id: 'collapse',
    chords: [{ key: 'c', alt: true, shift: true }],
    does: 'Collapse or expand the cell',
    whileTyping: false,
  },
  {
    id: 'duplicate',
    chords: [{ key: 'd', alt: true, shift: true }],
    does: 'Duplicate the cell',
    whileTyping: false,
  },
  {
    id: 'delete',
    chords: [{ key: 'Backspace', alt: true, shift: true }],
    does: 'Delete the cell (Undo brings it back)',
    whileTyping: false,
  },
] as const satisfies readonly Shortcut[];

export type PageShortcutId = (typeof PAGE_SHORTCUTS)[number]['id'];
export type CellShortcutId = (typeof CELL_SHORTCUTS)[number]['id'];

/** The help overlay's groups, in the order it shows them. */
export const SHORTCUT_GROUPS: readonly { title: string; shortcuts: readonly Shortcut[] }[] = [
  { title: 'Anywhere', shortcuts: PAGE_SHORTCUTS },
  { title: 'In a cell', shortcuts: CELL_SHORTCUTS },
];

const isLetter = (key: string) => /^[a-z]$/i.test(key);
/** A symbol such as `?` is typed with Shift on some layouts and without on others. */
const isSymbol = (key: string) => key.length === 1 && !isLetter(key);

/** The parts of a key event that a chord is matched against. */
export type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'
>;

export function chordMatches(chord: Chord, e: KeyPress): boolean {
  // Option+letter on a Mac types another character (Option+D is ∂): the physical key decides.
  const key = isLetter(chord.key)
    ? e.key.toLowerCase() === chord.key || (e.altKey && e.code === `Key${chord.key.toUpperCase()}`)
    : e.key === chord.key;
  const shift = isSymbol(chord.key) || Boolean(chord.shift) === e.shiftKey;
  return (
    key &&
    shift &&
    Boolean(chord.alt) === e.altKey &&
    Boolean(chord.mod) === (e.ctrlKey || e.metaKey)
  );
}

/**
 * The shortcut of `table` that the key press makes, if any. `typing`: the focus is in a text
 * field or editor, where only the shortcuts marked `whileTyping` apply.
 */
export function shortcutFor<S extends Shortcut>(
  table: readonly S[],
  e: KeyPress,
  typing: boolean,
): S | undefined {
  return table.find((s) => (s.whileTyping || !typing) && s.chords.some((c) => chordMatches(c, e)));
}

/** Whether the element takes typed text: the shortcuts that type characters must leave it alone. */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('textarea, select, .cm-editor, [contenteditable="true"]')) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(
    target.type,
  );
}

const KEY_NAMES: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  Backspace: 'Backspace',
  Enter: 'Enter',
  Escape: 'Escape',
};

/** A chord as the keys to press, in the order people say them: `Ctrl`, `Shift`, `Alt`, the key. */
export function chordKeys(chord: Chord, mac: boolean): string[] {
  const keys: string[] = [];
  if (chord.mod) keys.push(mac ? '⌘' : 'Ctrl');
  if (chord.shift) keys.push('Shift');
  if (chord.alt) keys.push(mac ? 'Option' : 'Alt');
  keys.push(KEY_NAMES[chord.key] ?? chord.key.toUpperCase());
  return keys;
}
