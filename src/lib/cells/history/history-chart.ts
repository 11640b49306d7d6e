import type { HistoryPoint } from '../../baseline/run-history';
import type { VegaLiteSpec } from '../../charts/suggest-chart';

/** The chart's data: a row per run, slice and model, with the 95% interval. */
export function historyChartValues(points: readonly HistoryPoint[]) {
  return points.map((p) => ({
    run: p.run,
    slice: p.slice,
    model: p.model ?? '(all rows)',
    value: p.value,
    low: p.interval.low,
    high: p.interval.high,
    n: p.n,
  }));
}

/**
 * The metric over the runs (in their order), a panel per slice (overall first), a line per
 * model, each run's 95% interval as a bar; rates on a percent axis.
 */
export function historyChartSpec(
  runs: readonly string[],
  slices: readonly string[],
  metric: string,
  isRate: boolean,
): VegaLiteSpec {
  const x = {
    field: 'run',
    type: 'ordinal' as const,
    sort: runs,
    title: 'run',
    ...(runs.every((r) => r.length <= 12) && { axis: { labelAngle: 0 } }),
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: metric,
    scale: { zero: false },
    ...(isRate ? { axis: { format: '.0%' } } : {}),
  };
  const color = { field: 'model', type: 'nominal' as const, legend: { symbolOpacity: 1 } };
  const tooltip = [
    { field: 'slice' },
    { field: 'model' },
    { field: 'run' },
    { field: 'value', format: '.4f', title: metric },
    { field: 'low', format: '.4f' },
    { field: 'high', format: '.4f' },
    { field: 'n' },
  ];
  return {
    facet: { field: 'slice', type: 'nominal', sort: slices, title: null },
    columns: Math.min(3, slices.length),
    spec: {
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
          encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
        },
        {
          mark: { type: 'line', point: true, strokeWidth: 1.5 },
          encoding: { x, y, color, tooltip },
        },
      ],
    },
  } as VegaLiteSpec;
}
