import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { schemaErrors } from '../helpers/vega-lite';
import { CHART_CONFIG, SERIES_COLOURS } from '../../src/lib/charts/chart-theme';
import { fitChart } from '../../src/lib/charts/fit-chart';
import type { VegaLiteSpec } from '../../src/lib/charts/suggest-chart';
import { robustnessCurves } from '../../src/lib/cells/robustness/robustness-curves';
import { curveChartSpec, curveChartValues } from '../../src/lib/cells/robustness/robustness-chart';
import { sliceChartSpec } from '../../src/lib/cells/slice/slice-chart';

/** Draws the spec over `rows` as the app does (headless Vega). */
async function render(spec: VegaLiteSpec, rows: object[]): Promise<View> {
  const withRows = { ...spec, data: { values: rows } } as VegaLiteSpec;
  expect(schemaErrors(withRows)).toEqual([]);
  const view = new View(parse(compile(withRows, { config: CHART_CONFIG as never }).spec), {
    renderer: 'none',
  });
  await view.runAsync();
  return view;
}

/** The SVG of the drawn spec. */
const draw = async (spec: VegaLiteSpec, rows: object[]) => (await render(spec, rows)).toSVG();

const svgWidth = (svg: string) => Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);

describe('fitChart', () => {
  it('a layered chart fills the width given, axes and legend included', async () => {
    const rows = ['north', 'south'].flatMap((slice) =>
      ['baseline-gbm', 'fair-gbm'].map((model, i) => ({
        slice,
        model,
        value: 0.8 + i / 10,
        low: 0.75 + i / 10,
        high: 0.85 + i / 10,
        n: 100,
      })),
    );
    for (const width of [500, 1200]) {
      const svg = await draw(fitChart(sliceChartSpec('accuracy', 'region'), width, rows), rows);
      expect(svgWidth(svg)).toBe(width);
    }
  });

  it('23 models in 15 condition panels: as many columns as fit, no wider than the cell', async () => {
    const models = Array.from({ length: 23 }, (_, i) => `Diffenderfer2021Winning_Model_${i}`);
    const conditions = Array.from({ length: 15 }, (_, i) => `corruption_${i}`);
    const stats = models.flatMap((model) =>
      conditions.flatMap((condition) =>
        ['1', '2', '3', '4', '5'].map((level) => ({
          model,
          condition,
          level,
          n: 1,
          value: 0.9 - Number(level) / 20,
          successes: null,
          interval: null,
        })),
      ),
    );
    const curves = robustnessCurves(stats, true);
    const rows = curveChartValues(curves);
    const spec = curveChartSpec(curves, 'by-condition', 'accuracy', 'severity', true);
    for (const [width, columns] of [
      [740, 2],
      [1150, 4],
      [1800, 5],
    ]) {
      const fitted = fitChart(spec, width, rows) as { columns: number; spec: { width: number } };
      expect(fitted.columns, `${width} px`).toBe(columns);
      expect(fitted.spec.width, `${width} px`).toBeGreaterThanOrEqual(160);
      const drawn = svgWidth(await draw(fitted as VegaLiteSpec, rows));
      expect(drawn, `${width} px`).toBeLessThanOrEqual(width);
      expect(drawn, `${width} px`).toBeGreaterThan(0.85 * width);
    }
  });

  it('a legend of 30 models goes below in columns, inside the drawing', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ model: `model-${i}`, x: i, y: i }));
    const spec = {
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'y', type: 'quantitative' },
        color: { field: 'model', type: 'nominal' },
      },
    } as VegaLiteSpec;
    const view = await render(fitChart(spec, 700, rows), rows);
    const svg = await view.toSVG();
    expect(svgWidth(svg)).toBe(700);
    // Every legend entry lies within the SVG's height (a side legend would be clipped).
    const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)![1]);
    const root = (view.scenegraph() as unknown as { root: { bounds: { y2: number } } }).root;
    expect(root.bounds.y2).toBeLessThanOrEqual(height + 1);
    expect(height).toBeGreaterThan(300 + 3 * 14);
  });

  it('a spec that sets its own width is drawn as written', () => {
    const spec = { width: 300, mark: 'point' } as VegaLiteSpec;
    expect(fitChart(spec, 1000, [])).toBe(spec);
  });
});

describe('series colours', () => {
  it('30 models each get their own colour, tableau10 first', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ model: `m${i}`, x: i, y: i }));
    const svg = await draw(
      {
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'model', type: 'nominal', sort: null },
        },
      } as VegaLiteSpec,
      rows,
    );
    const fills = [...svg.matchAll(/role-mark[^>]*>(.*?)<\/g>/g)].flatMap(([, marks]) =>
      [...marks.matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]),
    );
    expect(fills).toHaveLength(30);
    expect(new Set(fills).size).toBe(30);
    expect(fills.slice(0, 10)).toEqual(SERIES_COLOURS.slice(0, 10));
    expect(new Set(SERIES_COLOURS).size).toBe(SERIES_COLOURS.length);
  });
});
