import { describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook } from '../../src/lib/notebook/notebook';

describe('a discover cell in the notebook file', () => {
  it('round-trips through the .slicebook.json format', () => {
    const cell = createCell(emptyNotebook(), CELL_KINDS.discover, { dataset: 'loans' } as never);
    expect(cell).toMatchObject({ name: 'discovery_1', maxLevel: 2, alpha: 0.95, k: 10 });
    const notebook = insertCell(emptyNotebook(), cell);
    const parsed = parseNotebook(serializeNotebook(notebook));
    expect(parsed).toEqual({ notebook });
  });

  it('rejects a level the search does not do', () => {
    const cell = createCell(emptyNotebook(), CELL_KINDS.discover, { maxLevel: 4 } as never);
    const parsed = parseNotebook(serializeNotebook(insertCell(emptyNotebook(), cell)));
    expect('error' in parsed && parsed.error).toMatch(/damaged: \/cells\/0/);
  });
});
