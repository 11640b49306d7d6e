import { AXIS_SCALES, type AxisScale } from '../stats/axis-scales';
import type { LineAcrossModels } from '../stats/line-across-models';
import type { VegaLiteSpec } from './suggest-chart';

type Fitted = LineAcrossModels & { status: 'ok' };

/** How the scatter names its parts: the residual's meaning, and whether y = x is drawn. */
export interface LineChartOptions {
  residual: string;
  identity: boolean;
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
export function lineChartValues(er: Fitted) {
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

/**
 * One value against another per model on linear, logit or probit axes, with the least-squares
 * line (and y = x, for two values of one metric): effective robustness, accuracy on the line.
 */
export function lineChartSpec(
  er: Fitted,
  xTitle: string,
  yTitle: string,
  options: LineChartOptions = { residual: 'effective robustness', identity: true },
): VegaLiteSpec {
  const values = lineChartValues(er);
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
    height: 320,
    layer: [
      ...(options.identity
        ? [
            {
              transform: only('y = x'),
              mark: { type: 'line', strokeDash: [2, 3], color: '#999', clip: true },
              encoding: { x, y },
            },
          ]
        : []),
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
            { field: 'effective', format: '+.4f', title: options.residual },
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
