import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/vega-lite';
import { sliceRow } from '../helpers/slice-row';
import { sliceChartSpec, sliceChartValues } from '../../src/lib/cells/slice/slice-chart';

describe('slice chart', () => {
  const spec = sliceChartSpec('accuracy', 'region');

  it('validates against the Vega-Lite JSON schema and compiles without warnings', () => {
    expect(specProblems(spec)).toEqual({ schema: [], warnings: [] });
  });

  it('draws one point and one interval per (model, slice), missing values named', () => {
    const values = sliceChartValues([sliceRow('a', 'north', 0.5), sliceRow('b', null, 0.7)]);
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
