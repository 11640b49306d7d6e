import { describe, expect, it } from 'vitest';
import {
  CELL_SHORTCUTS,
  chordKeys,
  chordMatches,
  PAGE_SHORTCUTS,
  SHORTCUT_GROUPS,
  shortcutFor,
  type Chord,
  type KeyPress,
  type Shortcut,
} from '../../src/lib/components/notebook/shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('the keyboard shortcuts table', () => {
  it('lists every shortcut it binds, page and cell, in the help overlay', () => {
    const listed = SHORTCUT_GROUPS.flatMap((g) => g.shortcuts.map((s) => s.id));
    expect(listed).toEqual([...PAGE_SHORTCUTS, ...CELL_SHORTCUTS].map((s) => s.id));
  });

  it('gives no chord two meanings: a key press finds one shortcut in both tables together', () => {
    const all: readonly Shortcut[] = [...PAGE_SHORTCUTS, ...CELL_SHORTCUTS];
    for (const s of all)
      for (const c of s.chords as readonly Chord[]) {
        const e = press(c.key, {
          altKey: Boolean(c.alt),
          shiftKey: Boolean(c.shift) || c.key === '?',
          ctrlKey: Boolean(c.mod),
        });
        expect(
          all.filter((t) => t.chords.some((d) => chordMatches(d, e))).map((t) => t.id),
          JSON.stringify(c),
        ).toEqual([s.id]);
      }
  });

  it('runs a cell on Shift+Enter and Ctrl+Enter, even while typing, but not on a bare Enter', () => {
    expect(shortcutFor(CELL_SHORTCUTS, press('Enter', { shiftKey: true }), true)?.id).toBe('run');
    expect(shortcutFor(CELL_SHORTCUTS, press('Enter', { ctrlKey: true }), true)?.id).toBe('run');
    expect(shortcutFor(CELL_SHORTCUTS, press('Enter', { metaKey: true }), false)?.id).toBe('run');
    expect(shortcutFor(CELL_SHORTCUTS, press('Enter'), false)).toBeUndefined();
  });

  it('opens the help on ?, typed with or without Shift, but not while typing', () => {
    expect(shortcutFor(PAGE_SHORTCUTS, press('?', { shiftKey: true }), false)?.id).toBe('help');
    expect(shortcutFor(PAGE_SHORTCUTS, press('?'), false)?.id).toBe('help');
    expect(shortcutFor(PAGE_SHORTCUTS, press('?', { shiftKey: true }), true)).toBeUndefined();
  });

  it('tells undo (Ctrl+Z) from redo (Shift+Ctrl+Z, Ctrl+Y)', () => {
    expect(shortcutFor(PAGE_SHORTCUTS, press('z', { ctrlKey: true }), false)?.id).toBe('undo');
    expect(
      shortcutFor(PAGE_SHORTCUTS, press('Z', { ctrlKey: true, shiftKey: true }), false)?.id,
    ).toBe('redo');
    expect(shortcutFor(PAGE_SHORTCUTS, press('y', { metaKey: true }), false)?.id).toBe('redo');
  });

  it('reads Option+Shift+D on a Mac (which types Î) by its physical key', () => {
    const macPress = press('Î', { code: 'KeyD', altKey: true, shiftKey: true });
    expect(shortcutFor(CELL_SHORTCUTS, macPress, false)?.id).toBe('duplicate');
  });

  it('moves a cell on Alt+arrow and goes to the next cell on Shift+Alt+arrow', () => {
    expect(shortcutFor(CELL_SHORTCUTS, press('ArrowUp', { altKey: true }), true)?.id).toBe(
      'moveUp',
    );
    const next = press('ArrowDown', { altKey: true, shiftKey: true });
    expect(shortcutFor(CELL_SHORTCUTS, next, false)).toBeUndefined();
    expect(shortcutFor(PAGE_SHORTCUTS, next, false)?.id).toBe('nextCell');
  });

  it('names the keys as people say them, Cmd and Option on a Mac', () => {
    expect(chordKeys({ key: 'z', mod: true, shift: true }, false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(chordKeys({ key: 'z', mod: true, shift: true }, true)).toEqual(['⌘', 'Shift', 'Z']);
    expect(chordKeys({ key: 'ArrowUp', alt: true }, true)).toEqual(['Option', '↑']);
  });
});
