import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { specProblems } from '../helpers/vega-lite';
import { suggestChart, type ChartColumn } from '../../src/lib/charts/suggest-chart';

const text = (name: string): ChartColumn => ({ name, kind: 'text' });
const int = (name: string): ChartColumn => ({ name, kind: 'integer' });
const num = (name: string): ChartColumn => ({ name, kind: 'number' });

/** Wilson (1927), written again here. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - half) / (1 + (z * z) / n), (centre + half) / (1 + (z * z) / n)];
}

describe('"Chart this" on (group, condition, n, accuracy)', () => {
  const rows = [
    { group: 'a', condition: 'fog', n: 200, accuracy: 0.9 },
    { group: 'a', condition: 'snow', n: 50, accuracy: 0.62 },
    { group: 'b', condition: 'fog', n: 10, accuracy: 1 },
    { group: 'b', condition: 'snow', n: 3000, accuracy: 0.5 },
  ];
  const columns = [text('group'), text('condition'), int('n'), num('accuracy')];

  it('draws accuracy per group, conditions side by side, each with its Wilson interval', async () => {
    const spec = suggestChart(columns, rows.length)!;
    const drawn = { ...spec, data: { values: rows } };
    expect(specProblems(drawn)).toEqual({ schema: [], warnings: [] });
    const json = JSON.parse(JSON.stringify(spec));
    // The estimate is the accuracy, grouped (not stacked) by condition.
    expect(json.encoding.y.field).toBe('group');
    expect(json.encoding.yOffset.field).toBe('condition');
    expect(json.layer[1].encoding.x.field).toBe('accuracy');
    // Vega computes the bounds (interpreter, as under the page's CSP): they match Wilson's.
    const view = new View(parse(compile(drawn as never).spec, undefined, { ast: true }), {
      renderer: 'none',
      expr: expressionInterpreter,
    });
    await view.runAsync();
    const computed = view.data('data_0') as Record<string, number | string>[];
    for (const r of rows) {
      const got = computed.find((c) => c.group === r.group && c.condition === r.condition)!;
      const [low, high] = wilson(r.accuracy * r.n, r.n);
      expect(got.wilson_low_95, `${r.group} ${r.condition}`).toBeCloseTo(low, 12);
      expect(got.wilson_high_95).toBeCloseTo(high, 12);
    }
  });

  it('a mean that is not a proportion keeps its grouped bars, with no interval made up', () => {
    const spec = JSON.parse(
      JSON.stringify(suggestChart([text('group'), text('condition'), int('n'), num('mae')], 4)),
    );
    expect(spec.mark.type).toBe('bar');
    expect(spec.transform).toBeUndefined();
  });
});
