import { describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell } from '../../src/lib/notebook/edits';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';

describe('.slicebook.json with fairness and compare cells', () => {
  const empty = emptyNotebook();
  const fairness = createCell(empty, CELL_KINDS.fairness, {
    dataset: 'ds_nyc',
    features: ['race', 'sex'],
    threshold: 0.35,
    reference: 'WHITE · MALE',
  });
  const compare = createCell(empty, CELL_KINDS.compare, {
    dataset: 'ds_nyc',
    modelA: '1',
    modelB: '3',
  });
  const notebook: Notebook = { ...empty, cells: [fairness, compare] };

  it('creates them with defaults and round-trips them', () => {
    expect(fairness).toMatchObject({
      name: 'fairness_1',
      model: '',
      decision: '',
      positive: '',
      threshold: 0.35,
    });
    expect(compare).toMatchObject({ name: 'comparison_1', feature: '' });
    expect(parseNotebook(serializeNotebook(notebook))).toEqual({ notebook });
    expect([CELL_KINDS.fairness.filtered, CELL_KINDS.compare.filtered]).toEqual([true, true]);
  });

  it('refuses a fairness cell with three features or a compare cell without its models', () => {
    const three = JSON.parse(serializeNotebook(notebook));
    three.cells[0].features = ['a', 'b', 'c'];
    expect(parseNotebook(JSON.stringify(three))).toMatchObject({
      error: expect.stringMatching(/damaged/),
    });
    const noModel = JSON.parse(serializeNotebook(notebook));
    delete noModel.cells[1].modelB;
    expect(parseNotebook(JSON.stringify(noModel))).toMatchObject({
      error: expect.stringMatching(/damaged/),
    });
  });
});
