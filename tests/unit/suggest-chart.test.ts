import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { compileWarnings, schemaErrors } from '../helpers/vega-lite';
import { withData } from '../../src/lib/charts/chart-spec';
import {
  suggestChart,
  type ChartColumn,
  type VegaLiteSpec,
} from '../../src/lib/charts/suggest-chart';

const text = (name: string): ChartColumn => ({ name, kind: 'text' });
const num = (name: string): ChartColumn => ({ name, kind: 'number' });
const int = (name: string): ChartColumn => ({ name, kind: 'integer' });

/** The spec as plain JSON, as it is saved in a notebook. */
const json = (spec: VegaLiteSpec | null) => JSON.parse(JSON.stringify(spec));

describe('suggestChart', () => {
  it('draws one numeric per category as bars sorted by value, upright for a few categories', () => {
    const spec = json(suggestChart([text('region'), num('accuracy')], 4));
    expect(spec.mark).toEqual({ type: 'bar', tooltip: true });
    expect(spec.encoding.x).toEqual({
      field: 'region',
      type: 'nominal',
      title: 'region',
      sort: '-y',
    });
    expect(spec.encoding.y).toEqual({ field: 'accuracy', type: 'quantitative', title: 'accuracy' });
  });

  it('lays bars on their side when there are many categories', () => {
    const spec = json(suggestChart([text('country'), num('error_rate')], 40));
    expect(spec.encoding.y).toMatchObject({ field: 'country', sort: '-x' });
    expect(spec.encoding.x).toMatchObject({ field: 'error_rate' });
  });

  it('shows the measure rather than the group size', () => {
    const spec = json(suggestChart([text('model'), int('n'), num('accuracy')], 3));
    // A proportion beside its count is drawn with its Wilson interval (suggest-chart-wilson.test.ts).
    expect(spec.layer[1].encoding.x.field).toBe('accuracy');
    const total = json(suggestChart([text('model'), int('n'), num('total_cost')], 3));
    expect(total.encoding.y.field).toBe('total_cost');
  });

  it('plots two numerics against each other', () => {
    const spec = json(suggestChart([num('confidence'), int('correct')], 5000));
    expect(spec.mark.type).toBe('point');
    expect(spec.encoding.x.field).toBe('confidence');
    expect(spec.encoding.y.field).toBe('correct');
  });

  it('plots points when a category has too many rows for bars', () => {
    const spec = json(suggestChart([text('id'), num('loss'), num('confidence')], 10_000));
    expect(spec.mark.type).toBe('point');
  });

  it('bins a single numeric into a histogram', () => {
    const spec = json(suggestChart([text('id'), num('loss')], 10_000));
    expect(spec.mark).toBe('bar');
    expect(spec.encoding.x).toMatchObject({ field: 'loss', bin: true });
    expect(spec.encoding.y).toMatchObject({ aggregate: 'count' });
  });

  it('draws an estimate with its interval as a point and a rule, for each naming style', () => {
    for (const [low, high] of [
      ['ci_low', 'ci_high'],
      ['lo', 'hi'],
      ['accuracy_lower', 'accuracy_upper'],
      ['Low', 'High'],
    ]) {
      const columns = [text('model'), int('n'), num('accuracy'), num(low), num(high)];
      const spec = json(suggestChart(columns, 3));
      expect(spec.encoding.y).toMatchObject({ field: 'model', type: 'nominal' });
      expect(spec.layer[0]).toMatchObject({
        mark: 'rule',
        encoding: { x: { field: low, title: 'accuracy' }, x2: { field: high } },
      });
      expect(spec.layer[1].encoding.x.field).toBe('accuracy');
    }
  });

  it('places intervals along a numeric column when there is no category', () => {
    const spec = json(suggestChart([int('severity'), num('accuracy'), num('lo'), num('hi')], 5));
    expect(spec.encoding.x.field).toBe('severity');
    expect(spec.layer[0].encoding).toMatchObject({ y: { field: 'lo' }, y2: { field: 'hi' } });
    expect(spec.layer[1].encoding.y.field).toBe('accuracy');
  });

  it('does not take a word that merely contains "lo" for a bound', () => {
    const spec = json(suggestChart([text('slot'), num('loss'), num('hiss')], 3));
    expect(spec.layer).toBeUndefined();
    expect(spec.mark.type).toBe('bar');
  });

  it('escapes dots, brackets and quotes in field names and keeps the name as the title', () => {
    const spec = json(suggestChart([text('region.name'), num('acc [%]'), num("it's")], 3));
    expect(spec.encoding.x).toMatchObject({ field: 'region\\.name', title: 'region.name' });
    expect(spec.encoding.y).toMatchObject({ field: 'acc \\[%\\]', title: 'acc [%]' });
  });

  it('groups bars side by side by a second category instead of stacking them', () => {
    const spec = json(suggestChart([text('category'), text('model'), num('accuracy')], 8));
    expect(spec.encoding.x).toEqual({ field: 'category', type: 'nominal', title: 'category' });
    expect(spec.encoding.xOffset).toEqual({ field: 'model' });
    expect(spec.encoding.color).toEqual({ field: 'model', type: 'nominal', title: 'model' });
    const side = json(suggestChart([text('category'), text('model'), num('accuracy')], 56));
    expect(side.encoding.yOffset).toEqual({ field: 'model' });
  });

  it('suggests nothing for an empty result or for text only', () => {
    expect(suggestChart([text('region'), num('accuracy')], 0)).toBeNull();
    expect(suggestChart([text('a'), text('b'), { name: 'c', kind: 'other' }], 10)).toBeNull();
  });
});

describe('suggested specs', () => {
  const cases: [string, ChartColumn[], number][] = [
    ['bars', [text('region'), num('accuracy')], 4],
    ['side bars', [text('region'), num('accuracy')], 40],
    ['points', [num('x'), num('y')], 100],
    ['histogram', [num('loss')], 100],
    ['intervals by category', [text('model'), num('acc'), num('ci_low'), num('ci_high')], 3],
    ['intervals along a number', [int('severity'), num('acc'), num('lo'), num('hi')], 5],
    ['odd names', [text('a.b'), num('c[0]'), num('"q"')], 3],
    ['grouped bars', [text('category'), text('model'), num('accuracy')], 8],
    ['grouped intervals', [text('category'), text('model'), num('acc'), num('lo'), num('hi')], 8],
    [
      'coloured intervals along a number',
      [int('severity'), text('model'), num('acc'), num('lo'), num('hi')],
      8,
    ],
  ];

  it.each(cases)('%s validate against the Vega-Lite JSON schema', (_, columns, rows) => {
    expect(schemaErrors(json(suggestChart(columns, rows)))).toEqual([]);
  });

  it('(the schema check itself rejects a wrong spec)', () => {
    expect(schemaErrors({ data: { name: 'r' }, mark: 'bars' })).not.toEqual([]);
    expect(
      schemaErrors({
        data: { name: 'r' },
        mark: 'bar',
        encoding: { x: { type: 'nominal', field: 1 } },
      }),
    ).not.toEqual([]);
  });

  it.each(cases)('%s compile without warnings', (_, columns, rows) => {
    expect(compileWarnings(suggestChart(columns, rows))).toEqual([]);
  });

  it('draw bars from fields with dots and brackets, heights in proportion to the values', async () => {
    const rows = [
      { 'region.name': 'north', 'acc [%]': 30 },
      { 'region.name': 'south', 'acc [%]': 50 },
    ];
    const spec = withData(suggestChart([text('region.name'), num('acc [%]')], 2)!, rows);
    const view = new View(parse(compile(spec).spec), { renderer: 'none' });
    await view.runAsync();
    const bars = findMarks(sceneRoot(view), 'rect')[0].items;
    // Sorted by value: south (50) first; 30/50 of the full height for north.
    expect(bars.map((b) => b.datum['region.name'])).toEqual(['north', 'south']);
    const [north, south] = bars;
    expect(south.x).toBeLessThan(north.x);
    expect(north.height / south.height).toBeCloseTo(30 / 50, 6);
  });
});

/** Vega's typings call `scenegraph()` a Scene; at run time it is a Scenegraph holding `root`. */
const sceneRoot = (view: View) => (view.scenegraph() as unknown as { root: SceneNode }).root;

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
  x?: number;
  height?: number;
}
function findMarks(node: SceneNode, marktype: string): { items: Required<SceneNode>[] }[] {
  const own = node.marktype === marktype && node.role === 'mark' ? [node] : [];
  return [
    ...(own as { items: Required<SceneNode>[] }[]),
    ...(node.items ?? []).flatMap((n) => findMarks(n, marktype)),
  ];
}
