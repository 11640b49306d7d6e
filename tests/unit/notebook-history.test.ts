import { describe, expect, it } from 'vitest';
import { History } from '../../src/lib/notebook/history';

describe('History', () => {
  it('undoes and redoes, and a new edit clears the redo stack', () => {
    let t = 0;
    const h = new History('a', () => (t += 5000));
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.undo()).toBe('a');
    expect(h.redo()).toBe('b');
    h.push('x');
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe('b');
  });

  it('merges a burst of typing in one cell into one step', () => {
    let t = 0;
    const h = new History('', () => t);
    for (const text of ['S', 'SE', 'SEL', 'SELECT']) {
      t += 200;
      h.push(text, 'sql:1');
    }
    t += 5000;
    h.push('SELECT 1', 'sql:1');
    expect(h.undo()).toBe('SELECT');
    expect(h.undo()).toBe('');
  });

  it('does not merge edits of different cells', () => {
    let t = 0;
    const h = new History('0', () => (t += 10));
    h.push('1', 'sql:a');
    h.push('2', 'sql:b');
    expect(h.undo()).toBe('1');
  });
});
