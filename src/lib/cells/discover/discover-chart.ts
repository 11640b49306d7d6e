import type { DiscoveredSlice } from './read-discover';
import type { VegaLiteSpec } from '../../charts/suggest-chart';

/** The rows the discovery chart draws: one per slice, best first, with its interval. */
export function discoverChartValues(slices: DiscoveredSlice[]) {
  return slices.map((s, i) => ({
    rank: i + 1,
    slice: `${i + 1}. ${s.label}`,
    rate: s.rate,
    low: s.interval.low,
    high: s.interval.high,
    n: s.n,
    score: s.score,
  }));
}

/**
 * The found slices down the side (best first), their mean error across with its 95% interval,
 * the mean error of all the examples as a dashed line.
 */
export function discoverChartSpec(errorLabel: string, overall: number): VegaLiteSpec {
  const x = { field: 'rate', type: 'quantitative' as const, title: errorLabel };
  const y = {
    field: 'slice',
    type: 'nominal' as const,
    title: null,
    sort: { field: 'rank' },
    axis: { labelLimit: 320 },
  };
  return {
    data: { name: 'result' },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          y,
          x: { field: 'low', type: 'quantitative', title: errorLabel },
          x2: { field: 'high' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          y,
          x,
          size: { field: 'n', type: 'quantitative', title: 'examples', legend: null },
          tooltip: [
            { field: 'slice' },
            { field: 'rate', format: '.3f', title: errorLabel },
            { field: 'low', format: '.3f' },
            { field: 'high', format: '.3f' },
            { field: 'n', title: 'examples' },
            { field: 'score', format: '.3f' },
          ],
        },
      },
      {
        // Named, so screen readers (and axe's svg-img-alt) read the one-line mark's container.
        mark: {
          type: 'rule',
          strokeDash: [4, 4],
          color: 'gray',
          description: `${errorLabel} of all the examples`,
        },
        encoding: { x: { datum: overall } },
      },
    ],
  } as VegaLiteSpec;
}
