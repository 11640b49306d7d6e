import type { VegaLiteSpec } from '../../charts/suggest-chart';
import type { ModelReweighting } from './reweight-models';

/** Each model's value on the test set and under the target, with their 95% intervals. */
export function reweightChartValues(models: readonly ModelReweighting[]) {
  return models.flatMap((m) => [
    {
      model: m.model,
      on: 'test set',
      value: m.test,
      low: m.testInterval.low,
      high: m.testInterval.high,
    },
    {
      model: m.model,
      on: 'target',
      value: m.target,
      low: m.targetInterval.low,
      high: m.targetInterval.high,
    },
  ]);
}

/** Models down the side; a point and an interval for the test set and for the target. */
export function reweightChartSpec(metricLabel: string): VegaLiteSpec {
  const y = { field: 'model', type: 'nominal' as const, title: 'model', sort: null };
  const color = {
    field: 'on',
    type: 'nominal' as const,
    title: null,
    sort: ['test set', 'target'],
    scale: { range: ['#8a94a6', '#c77c02'] },
  };
  return {
    data: { name: 'result' },
    encoding: { y, yOffset: { field: 'on', sort: ['test set', 'target'] }, color },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          x: { field: 'low', type: 'quantitative', title: metricLabel, scale: { zero: false } },
          x2: { field: 'high' },
        },
      },
      {
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          tooltip: [
            { field: 'model' },
            { field: 'on' },
            { field: 'value', format: '.4f' },
            { field: 'low', format: '.4f' },
            { field: 'high', format: '.4f' },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}
