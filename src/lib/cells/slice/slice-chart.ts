import type { SliceRow } from './read-slice-table';
import type { VegaLiteSpec } from '../../charts/suggest-chart';
import { HIGHLIGHT, highlightOpacity } from '../../charts/highlight';
import { legendPick } from '../../charts/brush';

/** The rows the slice chart draws: one per (model, slice), with the interval; `_row` its index. */
export function sliceChartValues(rows: SliceRow[]) {
  return rows.map((r, i) => ({
    _row: i,
    slice: r.values.map((v) => v ?? '(missing)').join(' · '),
    model: r.model ?? 'all rows',
    value: r.value,
    low: r.interval.low,
    high: r.interval.high,
    n: r.n,
  }));
}

/**
 * Slices down the side, the metric across with its 95% interval as a rule; models by colour. A
 * hovered slice (charts/highlight.ts) stays at full strength, the others dim.
 */
export function sliceChartSpec(metricLabel: string, sliceLabel: string): VegaLiteSpec {
  const y = { field: 'slice', type: 'nominal' as const, title: sliceLabel, sort: null };
  const color = { field: 'model', type: 'nominal' as const, title: 'model' };
  return {
    data: { name: 'result' },
    params: [HIGHLIGHT],
    encoding: { y, yOffset: { field: 'model' }, color },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          x: { field: 'low', type: 'quantitative', title: metricLabel },
          x2: { field: 'high' },
        },
      },
      {
        // Only here: an opacity on the rules too would make Vega-Lite drop the legend's binding.
        params: [legendPick('model')],
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          opacity: highlightOpacity,
          tooltip: [
            { field: 'slice' },
            { field: 'model' },
            { field: 'value', format: '.3f' },
            { field: 'low', format: '.3f' },
            { field: 'high', format: '.3f' },
            { field: 'n' },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}
