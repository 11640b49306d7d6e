import { describe, expect, it } from 'vitest';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell } from '../../src/lib/notebook/edits';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';

describe('.slicebook.json with calibration and cost cells', () => {
  const empty = emptyNotebook();
  const calibration = createCell(empty, CELL_KINDS.calibration, {
    dataset: 'ds_loan',
    feature: 'region',
  });
  const cost = createCell(empty, CELL_KINDS.cost, {
    dataset: 'ds_llm',
    cost: 'response.latency_ms',
  });
  const notebook: Notebook = { ...empty, cells: [calibration, cost] };

  it('creates them with defaults (15 equal-width bins, the median) and round-trips them', () => {
    expect(calibration).toMatchObject({
      name: 'calibration_1',
      binning: 'width',
      bins: 15,
      replicates: 200,
      classScores: [],
    });
    expect(cost).toMatchObject({ name: 'cost_1', statistic: 'p50', feature: '' });
    expect(parseNotebook(serializeNotebook(notebook))).toEqual({ notebook });
    expect([CELL_KINDS.calibration.filtered, CELL_KINDS.cost.filtered]).toEqual([true, true]);
  });

  it('refuses one bin, an unknown binning or an unknown cost statistic', () => {
    for (const [index, field, value] of [
      [0, 'bins', 1],
      [0, 'binning', 'quantile'],
      [1, 'statistic', 'p99'],
    ] as const) {
      const doc = JSON.parse(serializeNotebook(notebook));
      doc.cells[index][field] = value;
      expect(parseNotebook(JSON.stringify(doc))).toMatchObject({
        error: expect.stringMatching(/damaged/),
      });
    }
  });
});
