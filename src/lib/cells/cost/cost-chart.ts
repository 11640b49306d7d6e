import type { CostRow, CostStatistic } from './read-cost';
import type { VegaLiteSpec } from '../../charts/suggest-chart';

const FRONT = 'on the Pareto front';

/** The chart's data: a row per model, the cost statistic and the quality with their intervals. */
export function costChartValues(rows: readonly CostRow[], statistic: CostStatistic) {
  const interval = { mean: 'meanInterval', p50: 'p50Interval', p95: 'p95Interval' } as const;
  return rows.map((r) => ({
    model: r.model ?? 'all rows',
    cost: r[statistic],
    costLow: r[interval[statistic]].low,
    costHigh: r[interval[statistic]].high,
    quality: r.quality.value,
    qualityLow: r.qualityInterval.low,
    qualityHigh: r.qualityInterval.high,
    n: r.n,
    front: r.front ? FRONT : 'dominated',
  }));
}

/**
 * Quality against cost per model, each with its 95% interval as a rule, and the Pareto front
 * (no model both cheaper and better) joined by a dashed line; front models filled, the others
 * hollow.
 */
export function costChartSpec(costLabel: string, qualityLabel: string): VegaLiteSpec {
  const x = {
    field: 'cost',
    type: 'quantitative' as const,
    title: `${costLabel} (95% interval)`,
    // Costs are amounts (ms, tokens, MB): the axis starts at zero so ratios read true.
    scale: { zero: true },
  };
  const y = {
    field: 'quality',
    type: 'quantitative' as const,
    title: `${qualityLabel} (95% interval)`,
    scale: { zero: false, padding: 20 },
  };
  // The legend below, so model names written beside the points have the room to the right.
  const color = {
    field: 'model',
    type: 'nominal' as const,
    title: 'model',
    legend: { orient: 'bottom' as const },
  };
  return {
    data: { name: 'result' },
    height: 260,
    layer: [
      {
        transform: [{ filter: { field: 'front', equal: FRONT } }],
        mark: { type: 'line', color: '#888', strokeDash: [6, 3] },
        encoding: { x, y, order: { field: 'cost', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', opacity: 0.6 },
        encoding: {
          x: { field: 'costLow', type: 'quantitative' },
          x2: { field: 'costHigh' },
          y,
          color,
        },
      },
      {
        mark: { type: 'rule', opacity: 0.6 },
        encoding: {
          x,
          y: { field: 'qualityLow', type: 'quantitative' },
          y2: { field: 'qualityHigh' },
          color,
        },
      },
      {
        mark: { type: 'point', size: 90, strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          fill: {
            condition: { test: { field: 'front', equal: FRONT }, field: 'model', type: 'nominal' },
            value: 'white',
          },
          tooltip: [
            { field: 'model' },
            { field: 'front', title: 'Pareto' },
            { field: 'cost', format: '.4~g', title: costLabel },
            { field: 'costLow', format: '.4~g' },
            { field: 'costHigh', format: '.4~g' },
            { field: 'quality', format: '.3f', title: qualityLabel },
            { field: 'qualityLow', format: '.3f' },
            { field: 'qualityHigh', format: '.3f' },
            { field: 'n', title: 'examples' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 11 },
        encoding: { x, y, text: { field: 'model' } },
      },
    ],
  } as VegaLiteSpec;
}
