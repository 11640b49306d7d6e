import type { VegaLiteSpec } from '../../charts/suggest-chart';
import type { MixSlice } from './compare-mixes';
import { sliceLabel } from './slice-key';

/** The rows the mix chart draws: each slice's share in the test set and in the target. */
export function mixChartValues(slices: readonly MixSlice[]) {
  return slices.flatMap((s) => [
    { slice: sliceLabel(s.values), mix: 'test set', share: s.testShare },
    { slice: sliceLabel(s.values), mix: 'target', share: s.targetShare },
  ]);
}

/** Slices down the side, each with a bar for its share of the test set and of the target. */
export function mixChartSpec(sliceTitle: string): VegaLiteSpec {
  return {
    data: { name: 'result' },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'slice', type: 'nominal', title: sliceTitle, sort: null },
      yOffset: { field: 'mix', sort: ['test set', 'target'] },
      x: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '%' } },
      color: {
        field: 'mix',
        type: 'nominal',
        title: null,
        sort: ['test set', 'target'],
        scale: { range: ['#8a94a6', '#c77c02'] },
      },
      tooltip: [{ field: 'slice' }, { field: 'mix' }, { field: 'share', format: '.1%' }],
    },
  } as VegaLiteSpec;
}
