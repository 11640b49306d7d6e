import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/vega-lite';
import type { SliceRow } from '../../src/lib/cells/slice/read-slice-table';
import { sliceChartSpec, sliceChartValues } from '../../src/lib/cells/slice/slice-chart';

const row = (model: string, value: string | null, v: number): SliceRow => ({
  model,
  values: [value],
  n: 10,
  excluded: 0,
  value: v,
  interval: { low: v - 0.1, high: v + 0.1 },
  difference: 0,
  differenceInterval: { low: -0.1, high: 0.1 },
  p: 1,
  q: 1,
  method: 'test',
  detectable: NaN,
  ruleOfThree: null,
  pResolution: NaN,
});

describe('slice chart', () => {
  const spec = sliceChartSpec('accuracy', 'region');

  it('validates against the Vega-Lite JSON schema and compiles without warnings', () => {
    expect(specProblems(spec)).toEqual({ schema: [], warnings: [] });
  });

  it('draws one point and one interval per (model, slice), missing values named', () => {
    const values = sliceChartValues([row('a', 'north', 0.5), row('b', null, 0.7)]);
    expect(values).toEqual([
      { _row: 0, slice: 'north', model: 'a', value: 0.5, low: 0.4, high: 0.6, n: 10 },
      {
        _row: 1,
        slice: '(missing)',
        model: 'b',
        value: 0.7,
        low: 0.6,
        high: 0.7999999999999999,
        n: 10,
      },
    ]);
  });

  it('dims every point but the hovered slice’s, by a param the view sets', () => {
    const points = (spec as { layer: { encoding: { opacity?: unknown } }[] }).layer[1];
    const opacity = points.encoding.opacity;
    expect((spec as { params: unknown[] }).params).toEqual([
      { name: 'slicebook_highlight', value: null },
    ]);
    expect(opacity).toEqual({
      condition: {
        test: 'slicebook_highlight == null || indexof(slicebook_highlight, datum._row) >= 0',
        value: 1,
      },
      value: 0.2,
    });
  });
});
