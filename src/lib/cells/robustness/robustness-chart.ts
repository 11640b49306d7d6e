import type { EffectiveRobustness } from './effective-robustness';
import { AXIS_SCALES, type AxisScale } from '../../stats/axis-scales';
import type { RobustnessCurves } from './robustness-curves';
import type { VegaLiteSpec } from '../../charts/suggest-chart';

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
    axis: { labelAngle: 0 },
  };
  const color = {
    field: line,
    type: 'nominal' as const,
    sort: layout === 'by-condition' ? curves.models : curves.conditions,
    // The bands share the colour: without this the legend shows their faint fill.
    legend: { symbolOpacity: 1 },
    scale: {
      scheme:
        (layout === 'by-condition' ? curves.models : curves.conditions).length > 10
          ? 'tableau20'
          : 'tableau10',
    },
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
      width: 150,
      height: 110,
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

const ROUND = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];
/** Every whole percent, and finer steps near 0 and 1, for axes over a narrow range. */
const FINE = [
  0.001,
  0.002,
  0.005,
  ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
  0.995,
  0.998,
  0.999,
];

/**
 * Axis ticks at round accuracies, placed on the link's scale and labelled as accuracies; linear
 * axes keep Vega-Lite's own ticks.
 */
function linkAxis(link: AxisScale, domain: [number, number], title: string) {
  if (link === 'linear') return { title, scale: { domain, nice: false, zero: false } };
  const inside = (list: number[]) =>
    list
      .map((p) => ({ p, at: AXIS_SCALES[link].forward(p) }))
      .filter((t) => t.at >= domain[0] && t.at <= domain[1]);
  let ticks = inside(ROUND);
  if (ticks.length < 3) {
    const fine = inside(FINE);
    const step = Math.max(1, Math.ceil(fine.length / 6));
    ticks = fine.filter((_, i) => i % step === 0);
  }
  const label = ticks.reduceRight(
    (rest, t) => `abs(datum.value - ${t.at}) < 1e-9 ? '${+(t.p * 100).toFixed(1)}%' : ${rest}`,
    "''",
  );
  return {
    title,
    scale: { domain, nice: false, zero: false },
    axis: { values: ticks.map((t) => t.at), labelExpr: label, grid: true },
  };
}

/** The scatter's data: a row per model, and the fit line and y = x as two-point segments. */
export function effectiveChartValues(er: EffectiveRobustness & { status: 'ok' }) {
  const xs = er.points.map((p) => p.linkX);
  // Past a dozen models the names overlap: only the farthest from the line are named.
  const farthest = [...er.points]
    .sort((a, b) => Math.abs(b.residual) - Math.abs(a.residual))
    .slice(0, er.points.length > 12 ? 5 : er.points.length)
    .map((p) => p.model);
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  const pad = (hi - lo) * 0.1 + 0.05;
  const ends = [lo - pad, hi + pad];
  return [
    ...er.points.map((p) => ({
      series: 'model',
      model: p.model,
      x: p.linkX,
      y: p.linkY,
      accuracy_id: p.x,
      accuracy_shift: p.y,
      effective: p.effective,
      named: farthest.includes(p.model),
    })),
    ...ends.map((x) => ({ series: 'fit', x, y: er.slope * x + er.intercept })),
    ...ends.map((x) => ({ series: 'y = x', x, y: x })),
  ];
}

/** Shifted vs in-distribution accuracy per model on logit (or probit) axes, with the fit. */
export function effectiveChartSpec(
  er: EffectiveRobustness & { status: 'ok' },
  xTitle: string,
  yTitle: string,
): VegaLiteSpec {
  const values = effectiveChartValues(er);
  const span = (key: 'x' | 'y'): [number, number] => {
    const v = values.filter((r) => r.series === 'model').map((r) => r[key]);
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    const pad = (hi - lo) * 0.1 + 0.05;
    return [lo - pad, hi + pad];
  };
  const [xDomain, yDomain] = [span('x'), span('y')];
  const x = { field: 'x', type: 'quantitative' as const, ...linkAxis(er.link, xDomain, xTitle) };
  const y = { field: 'y', type: 'quantitative' as const, ...linkAxis(er.link, yDomain, yTitle) };
  const only = (series: string) => [{ filter: { field: 'series', equal: series } }];
  return {
    width: 420,
    height: 320,
    layer: [
      {
        transform: only('y = x'),
        mark: { type: 'line', strokeDash: [2, 3], color: '#999', clip: true },
        encoding: { x, y },
      },
      {
        transform: only('fit'),
        mark: { type: 'line', color: '#c0392b', clip: true },
        encoding: { x, y },
      },
      {
        transform: only('model'),
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'model' },
            { field: 'accuracy_id', format: '.4f', title: xTitle },
            { field: 'accuracy_shift', format: '.4f', title: yTitle },
            { field: 'effective', format: '+.4f', title: 'effective robustness' },
          ],
        },
      },
      {
        transform: [...only('model'), { filter: 'datum.named' }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 },
        encoding: { x, y, text: { field: 'model' } },
      },
    ],
  } as VegaLiteSpec;
}
