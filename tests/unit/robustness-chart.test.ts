import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/vega-lite';
import { effectiveRobustness } from '../../src/lib/cells/robustness/effective-robustness';
import type { LevelStat } from '../../src/lib/cells/robustness/read-robustness';
import { robustnessCurves } from '../../src/lib/cells/robustness/robustness-curves';
import {
  curveChartSpec,
  curveChartValues,
  effectiveChartSpec,
  effectiveChartValues,
} from '../../src/lib/cells/robustness/robustness-chart';
import type { VegaLiteSpec } from '../../src/lib/charts/suggest-chart';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell } from '../../src/lib/notebook/edits';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';

/** The spec as drawn (VegaView puts the rows in as its data), checked and compiled. */
function check(spec: VegaLiteSpec, rows: object[]) {
  const drawn = { ...spec, data: { values: rows } } as VegaLiteSpec;
  expect(specProblems(drawn)).toEqual({ schema: [], warnings: [] });
}

const stat = (model: string, condition: string, level: string, value: number): LevelStat => ({
  model,
  condition,
  level,
  n: 100,
  value,
  successes: value * 100,
  interval: { low: value - 0.05, high: value + 0.05 },
});

describe('robustness charts', () => {
  const stats = ['a', 'b', 'c'].flatMap((model, m) => [
    stat(model, 'clean', '0', 0.9 - m * 0.05),
    ...['fog', 'snow'].flatMap((condition) =>
      ['1', '2'].map((level) => stat(model, condition, level, 0.8 - m * 0.1 - Number(level) * 0.1)),
    ),
  ]);
  const curves = robustnessCurves(stats, true);

  it('curves: valid Vega-Lite, a clean point starting each condition of each model', () => {
    for (const layout of ['by-condition', 'by-model'] as const)
      check(curveChartSpec(curves, layout, 'accuracy', 'severity', true), curveChartValues(curves));
    // 3 models x 2 conditions x (clean + 2 levels), and the models pooled on each condition.
    const values = curveChartValues(curves);
    expect(values.filter((v) => !v.pooled)).toHaveLength(18);
    expect(values.filter((v) => v.pooled)).toHaveLength(6);
  });

  it('effective robustness: valid Vega-Lite, ticks labelled as accuracies', () => {
    const er = effectiveRobustness(
      [
        { model: 'a', x: 0.9, y: 0.6 },
        { model: 'b', x: 0.85, y: 0.5 },
        { model: 'c', x: 0.8, y: 0.45 },
      ],
      'logit',
    );
    if (er.status !== 'ok') throw new Error(er.status);
    const spec = effectiveChartSpec(er, 'clean', 'shifted');
    check(spec, effectiveChartValues(er));
    expect(JSON.stringify(spec)).toContain("'90%'");
  });
});

describe('.slicebook.json with a robustness cell', () => {
  const empty = emptyNotebook();
  const cell = createCell(empty, CELL_KINDS.robustness, {
    dataset: 'ds_c',
    severityOrder: ['c100', 'c50', 'c01'],
  });
  const notebook: Notebook = { ...empty, cells: [cell] };
  it('round-trips, and refuses an unknown link', () => {
    expect(cell).toMatchObject({ name: 'robustness_1', link: 'logit', layout: 'by-condition' });
    expect(parseNotebook(serializeNotebook(notebook))).toEqual({ notebook });
    expect(CELL_KINDS.robustness.filtered).toBe(true);
    const bad = JSON.parse(serializeNotebook(notebook));
    bad.cells[0].link = 'cubic';
    expect(parseNotebook(JSON.stringify(bad))).toMatchObject({
      error: expect.stringMatching(/damaged/),
    });
  });
});
