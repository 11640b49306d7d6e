import { POOLED, type CurvePoint, type RobustnessCurves } from './robustness-curves';
import type { VegaLiteSpec } from '../../charts/suggest-chart';
import { BRUSH, legendPick } from '../../charts/brush';
import { HIGHLIGHT, highlightOpacity, lineHighlightOpacity } from '../../charts/highlight';

export {
  lineChartSpec as effectiveChartSpec,
  lineChartValues as effectiveChartValues,
} from '../../charts/line-across-models-chart';

/**
 * The curve chart's data: a row per model x condition x level, and the models pooled. `_row` is
 * the row's number and `_line` its curve's (model x condition), numbered after the rows: the
 * highlight lists both (explore/highlighted-rows.ts).
 */
export function curveChartValues(curves: RobustnessCurves) {
  const points = [...curves.points, ...(curves.pooled?.points ?? [])];
  const lines = new Map<string, number>();
  const lineOf = (p: CurvePoint) => {
    const key = JSON.stringify([p.model, p.condition]);
    if (!lines.has(key)) lines.set(key, points.length + lines.size);
    return lines.get(key)!;
  };
  const row = (p: CurvePoint, i: number) => ({
    _row: i,
    _line: lineOf(p),
    model: p.model,
    condition: p.condition,
    level: p.level,
    value: p.value,
    low: p.interval?.low ?? null,
    high: p.interval?.high ?? null,
    n: p.n,
    pooled: p.model === POOLED,
  });
  return points.map(row);
}

/**
 * Metric vs severity: small multiples per condition with a line per model ('by-condition'), or
 * per model with a line per condition ('by-model'); a band for each point's 95% interval. The
 * models pooled are a black dashed line in each condition's panel, or a panel of their own.
 */
export function curveChartSpec(
  curves: RobustnessCurves,
  layout: 'by-condition' | 'by-model',
  metric: string,
  severityTitle: string,
  isRate: boolean,
): VegaLiteSpec {
  const [panel, line] = layout === 'by-condition' ? ['condition', 'model'] : ['model', 'condition'];
  const pooled = curves.pooled !== null;
  const panels =
    layout === 'by-condition' ? curves.conditions : [...curves.models, ...(pooled ? [POOLED] : [])];
  // By condition, the pooled line is drawn apart from the models' colours.
  const apart = layout === 'by-condition' && pooled;
  const models = apart ? [{ filter: '!datum.pooled' }] : [];
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
  const tooltip = [
    { field: 'model' },
    { field: 'condition' },
    { field: 'level' },
    { field: 'value', format: '.4f', title: metric },
    { field: 'low', format: '.4f' },
    { field: 'high', format: '.4f' },
    { field: 'n' },
  ];
  const band = curves.points.some((p) => p.interval !== null)
    ? [
        {
          transform: models,
          mark: { type: 'area', opacity: 0.15 },
          encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color },
        },
      ]
    : [];
  return {
    params: [HIGHLIGHT],
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
          transform: models,
          // A run of levels brushed across the x axis, or a legend entry, filters the notebook.
          params: [BRUSH, legendPick(line)],
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: { x, y, color, tooltip, opacity: lineHighlightOpacity },
        },
        {
          // The points apart from their lines: a hovered level lights its points alone.
          transform: models,
          mark: { type: 'point', filled: true },
          encoding: { x, y, color, tooltip, opacity: highlightOpacity },
        },
        ...(apart
          ? [
              {
                transform: [{ filter: 'datum.pooled' }],
                mark: { type: 'line', color: 'black', strokeDash: [5, 3], strokeWidth: 2 },
                encoding: { x, y, tooltip, opacity: lineHighlightOpacity },
              },
            ]
          : []),
      ],
    },
  } as VegaLiteSpec;
}
