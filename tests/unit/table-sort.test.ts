import { describe, expect, it } from 'vitest';
import { TableSort } from '../../src/lib/ui/table-sort.svelte';

describe('TableSort', () => {
  it('sorts by a clicked column, names ascending and numbers largest first, reversing on a second click', () => {
    const sort = new TableSort<'slice' | 'n' | 'q'>('slice', (k) => k === 'slice' || k === 'q');
    expect([sort.key, sort.ascending, sort.ariaSort('slice'), sort.ariaSort('n')]).toEqual([
      'slice',
      true,
      'ascending',
      'none',
    ]);
    sort.by('n');
    expect([sort.key, sort.ariaSort('n')]).toEqual(['n', 'descending']);
    sort.by('n');
    expect(sort.ariaSort('n')).toBe('ascending');
    sort.by('q');
    expect([sort.key, sort.ascending]).toEqual(['q', true]);
  });
});
