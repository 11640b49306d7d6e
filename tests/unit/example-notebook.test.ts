import { describe, expect, it } from 'vitest';
import {
  exampleNotebook,
  isFromExample,
  replacesWithoutAsking,
} from '../../src/lib/notebook/example-notebook';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';

const example: Notebook = {
  ...emptyNotebook(),
  title: 'Example: loans',
  cells: [
    { id: 'loan-overview', name: 'overview', kind: 'overview', collapsed: false, dataset: 'ds' },
  ] as unknown as Notebook['cells'],
};
const other: Notebook = {
  ...example,
  title: 'Example: streets',
  cells: [{ ...example.cells[0], id: 'street-overview' }],
};

describe('when a sample may open its example notebook', () => {
  it('replaces an empty notebook without asking', () => {
    expect(replacesWithoutAsking(emptyNotebook(), [example])).toBe(true);
  });

  it('replaces another example as it opened, which the sample button makes again', () => {
    expect(replacesWithoutAsking(structuredClone(other), [example, other])).toBe(true);
  });

  it('asks before replacing an example the user edited: a cell collapsed, a title, a filter', () => {
    const collapsed = { ...other, cells: [{ ...other.cells[0], collapsed: true }] };
    for (const edited of [
      collapsed,
      { ...other, title: 'Mine' },
      { ...other, filter: 'x > 1' },
      { ...other, datasets: { ds: { roles: { a: 'group' as const } } } },
    ])
      expect(replacesWithoutAsking(edited, [example, other])).toBe(false);
  });

  it('knows a notebook that began as the example, edited or not', () => {
    const edited = { ...example, title: 'Mine', cells: [...example.cells, other.cells[0]] };
    expect(isFromExample(edited, example)).toBe(true);
    expect(isFromExample(other, example)).toBe(false);
    expect(isFromExample(emptyNotebook(), example)).toBe(false);
  });

  it('names the sample whose example notebook does not parse', () => {
    expect(() => exampleNotebook('{"format": "slicebook"}', 'loan-approval')).toThrow(
      /example notebook of the sample loan-approval is invalid/,
    );
  });
});
