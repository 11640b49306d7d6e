import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { specProblems } from '../helpers/vega-lite';
import { CHART_CONFIG, SERIES_COLOURS } from '../../src/lib/charts/chart-theme';
import { fixedColours, withFixedColours } from '../../src/lib/charts/fixed-colours';
import type { VegaLiteSpec } from '../../src/lib/charts/suggest-chart';
import { sliceChartSpec, sliceChartValues } from '../../src/lib/cells/slice/slice-chart';
import { costChartSpec } from '../../src/lib/cells/cost/cost-chart';
import { robustnessCurves } from '../../src/lib/cells/robustness/robustness-curves';
import { curveChartSpec, curveChartValues } from '../../src/lib/cells/robustness/robustness-chart';
import type { SliceRow } from '../../src/lib/cells/slice/read-slice-table';

type Row = Record<string, unknown>;

/** Draws the spec over `rows` with Vega itself (as the app does) and reads its scale `name`. */
async function drawnScale(spec: VegaLiteSpec, rows: Row[], name = 'color') {
  const drawn = { ...spec, data: { values: rows } } as TopLevelSpec;
  const view = new View(parse(compile(drawn, { config: CHART_CONFIG as never }).spec), {
    renderer: 'none',
  });
  await view.runAsync();
  const scale = view.scale(name) as ((v: string) => string) & { domain: () => string[] };
  const colours = Object.fromEntries(scale.domain().map((v) => [v, scale(v)]));
  view.finalize();
  return { domain: scale.domain(), colours };
}

const sliceRow = (model: string, value: string): SliceRow => ({
  model,
  values: [value],
  n: 10,
  excluded: 0,
  value: 0.5,
  interval: { low: 0.4, high: 0.6 },
  difference: 0,
  differenceInterval: { low: -0.1, high: 0.1 },
  p: 1,
  q: 1,
  method: 'test',
  detectable: NaN,
  ruleOfThree: null,
  pResolution: NaN,
});

// Out of order on purpose, and one name that sorts differently by code unit than by locale.
const MODELS = ['zeta', 'alpha', 'Mu', 'beta'];

describe('a model keeps its colour whatever a filter leaves in the chart', () => {
  it('gives each model the series colour of its place among all, sorted as Vega sorts', () => {
    const colours = fixedColours(MODELS);
    // Vega sorts by code unit: 'Mu' (M = 77) before 'alpha' (a = 97).
    expect([...colours.keys()]).toEqual(['Mu', 'alpha', 'beta', 'zeta']);
    expect([...colours.values()]).toEqual(SERIES_COLOURS.slice(0, 4));
    const many = fixedColours(
      Array.from({ length: 32 }, (_, i) => `m${String(i).padStart(2, '0')}`),
    );
    expect(many.get('m30')).toBe(SERIES_COLOURS[0]);
  });

  it('slice chart: with every model, the colours Vega gives; with one or two, the same ones', async () => {
    const spec = sliceChartSpec('accuracy', 'region');
    const all = sliceChartValues(MODELS.map((m) => sliceRow(m, 'north')));
    const unfixed = await drawnScale(spec, all);
    const fixed = (rows: Row[]) => withFixedColours(spec, rows, 'model', fixedColours(MODELS));
    expect((await drawnScale(fixed(all), all)).colours).toEqual(unfixed.colours);

    for (const kept of [['beta'], ['zeta', 'alpha']]) {
      const rows = all.filter((r) => kept.includes(r.model));
      // Unfixed, Vega recolours: the first model left takes the first colour.
      expect((await drawnScale(spec, rows)).colours[[...kept].sort()[0]]).toBe(SERIES_COLOURS[0]);
      const drawn = await drawnScale(fixed(rows), rows);
      // The legend lists what is drawn, each in the colour it had with every model.
      expect(drawn.domain).toEqual([...kept].sort());
      for (const m of kept) expect(drawn.colours[m]).toBe(unfixed.colours[m]);
      expect(specProblems({ ...fixed(rows), data: { values: rows } })).toEqual({
        schema: [],
        warnings: [],
      });
    }
  });

  it('robustness chart: the sort list orders the legend, the pooled line stays out of it', async () => {
    const stats = MODELS.flatMap((model, m) =>
      ['1', '2'].map((level) => ({
        model,
        condition: 'fog',
        level,
        n: 100,
        value: 0.8 - m * 0.1,
        successes: (0.8 - m * 0.1) * 100,
        interval: { low: 0.7 - m * 0.1, high: 0.9 - m * 0.1 },
      })),
    );
    const colours = fixedColours(MODELS);
    const curves = robustnessCurves(
      stats.filter((s) => s.model !== 'alpha'),
      true,
    );
    const rows = curveChartValues(curves);
    const spec = withFixedColours(
      curveChartSpec(curves, 'by-condition', 'accuracy', 'severity', true),
      rows,
      'model',
      colours,
    );
    const drawn = await drawnScale(spec, rows);
    expect(drawn.domain).toEqual(curves.models);
    for (const m of curves.models) expect(drawn.colours[m]).toBe(colours.get(m));
    expect(specProblems({ ...spec, data: { values: rows } })).toEqual({
      schema: [],
      warnings: [],
    });
  });

  it('cost chart: the fill of Pareto points (a condition on the model) matches its colour', async () => {
    const rows = ['zeta', 'beta'].map((model, i) => ({
      model,
      front: 'on the front',
      cost: 10 + i,
      costLow: 9,
      costHigh: 12,
      quality: 0.8,
      qualityLow: 0.7,
      qualityHigh: 0.9,
      n: 10,
    }));
    const colours = fixedColours(MODELS);
    const spec = withFixedColours(costChartSpec('latency', 'accuracy'), rows, 'model', colours);
    for (const name of ['color', 'fill']) {
      const drawn = await drawnScale(spec, rows, name);
      expect(drawn.colours).toEqual({ beta: colours.get('beta'), zeta: colours.get('zeta') });
    }
  });

  it('leaves a chart alone when it holds none of the models, or sets its own colours', () => {
    const spec = sliceChartSpec('accuracy', 'region');
    const rows = sliceChartValues([sliceRow('all rows', 'north')]);
    expect(withFixedColours(spec, rows, 'model', fixedColours(MODELS))).toBe(spec);
    const own = {
      mark: 'point',
      encoding: { color: { field: 'model', type: 'nominal', scale: { range: ['red', 'blue'] } } },
    } as VegaLiteSpec;
    const fixed = withFixedColours(own, [{ model: 'beta' }], 'model', fixedColours(MODELS));
    expect(fixed).toEqual(own);
  });
});
