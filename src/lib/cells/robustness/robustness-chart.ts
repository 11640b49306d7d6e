import type { RobustnessCurves } from './robustness-curves';
import type { VegaLiteSpec } from '../../charts/suggest-chart';

export {
  lineChartSpec as effectiveChartSpec,
  lineChartValues as effectiveChartValues,
} from '../../charts/line-across-models-chart';

/** The curve chart's data: a row per model x condition x level. */
export function curveChartValues(curves: RobustnessCurves) {
  return curves.points.map((p) => ({
    model: p.model,
    condition: p.condition,
    level: p.level,
    value: p.value,
    low: p.interval?.low ?? null,
    high: p.interval?.high ?? null,
    n: p.n,
  }));
}

/**
 * Metric vs severity: small multiples per condition with a line per model ('by-condition'), or
 * per model with a line per condition ('by-model'); a band for each point's 95% interval.
 */
export function curveChartSpec(
  curves: RobustnessCurves,
  layout: 'by-condition' | 'by-model',
  metric: string,
  severityTitle: string,
  isRate: boolean,
): VegaLiteSpec {
  const [panel, line] = layout === 'by-condition' ? ['condition', 'model'] : ['model', 'condition'];
  const panels = layout === 'by-condition' ? curves.conditions : curves.models;
  const x = {
    field: 'level',
    type: 'ordinal' as const,
    sort: curves.levels,
    title: severityTitle,
    // Short levels (0-5, 0.1) read upright; longer ones keep Vega-Lite's vertical labels.
    ...(curves.levels.every((l) => l.length <= 4) && { axis: { labelAngle: 0 } }),
  };
  const color = {
    field: line,
    type: 'nominal' as const,
    sort: layout === 'by-condition' ? curves.models : curves.conditions,
    // The bands share the colour: without this the legend shows their faint fill.
    legend: { symbolOpacity: 1 },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: metric,
    ...(isRate ? { scale: { domain: [0, 1] }, axis: { format: '.0%' } } : {}),
  };
  const band = curves.points.some((p) => p.interval !== null)
    ? [
        {
          mark: { type: 'area', opacity: 0.15 },
          encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
        },
      ]
    : [];
  return {
    facet: {
      field: panel,
      type: 'nominal',
      sort: panels,
      title: null,
      header: { labelFontSize: 11 },
    },
    columns: Math.min(5, panels.length),
    spec: {
      layer: [
        ...band,
        {
          mark: { type: 'line', point: true, strokeWidth: 1.5 },
          encoding: {
            x,
            y,
            color,
            tooltip: [
              { field: 'model' },
              { field: 'condition' },
              { field: 'level' },
              { field: 'value', format: '.4f', title: metric },
              { field: 'low', format: '.4f' },
              { field: 'high', format: '.4f' },
              { field: 'n' },
            ],
          },
        },
      ],
    },
  } as VegaLiteSpec;
}
