import { describe, expect, it } from 'vitest';
import { vegaLiteSchema } from '../helpers/vega-lite';
import { parseChartSpec, withData } from '../../src/lib/charts/chart-spec';
import { findJsonError } from '../../src/lib/charts/json-error';
import type { VegaLiteSpec } from '../../src/lib/charts/suggest-chart';

const errorOf = (text: string) => {
  const parsed = parseChartSpec(text);
  return 'error' in parsed ? parsed.error : null;
};

describe('parseChartSpec', () => {
  it('accepts a good spec and returns it parsed', () => {
    const text = '{"mark": "bar", "encoding": {"x": {"field": "region", "type": "nominal"}}}';
    expect(parseChartSpec(text)).toEqual({ spec: JSON.parse(text), warnings: [] });
  });

  it('says on which line and column the JSON breaks', () => {
    // Line 3 is `  "encoding": {}`: the comma is missing after `"bar"` on line 2, so the error is
    // at the `"` that opens "encoding", column 3.
    expect(errorOf('{\n  "mark": "bar"\n  "encoding": {}\n}')).toBe(
      "JSON error at line 3, column 3: expected ',' or '}' after a property value",
    );
    expect(errorOf('{"mark": "bar",}')).toBe(
      "JSON error at line 1, column 16: remove the comma before '}'",
    );
    expect(errorOf("{'mark': 'bar'}")).toBe(
      'JSON error at line 1, column 2: expected a property name in double quotes',
    );
    expect(errorOf('{"mark": "bar"')).toBe(
      'JSON error at line 1, column 15: the text ends too early',
    );
  });

  it('wants an object', () => {
    expect(errorOf('[1, 2]')).toMatch(/a chart spec is a JSON object/);
    expect(errorOf('null')).toMatch(/a chart spec is a JSON object/);
  });

  it('rejects data URLs, also in nested layers, concatenations and lookups', () => {
    const url = { url: 'https://example.com/data.csv' };
    expect(errorOf(JSON.stringify({ data: url, mark: 'bar' }))).toBe(
      'charts read a named result, not URLs: remove "data.url"',
    );
    const layered = { layer: [{ mark: 'bar' }, { data: url, mark: 'rule' }] };
    expect(errorOf(JSON.stringify(layered))).toBe(
      'charts read a named result, not URLs: remove "data.url" (at layer.1)',
    );
    const concat = { hconcat: [{ mark: 'bar' }, { vconcat: [{ data: url, mark: 'point' }] }] };
    expect(errorOf(JSON.stringify(concat))).toMatch(/not URLs.*\(at hconcat\.1\.vconcat\.0\)/);
    const lookup = { mark: 'bar', transform: [{ lookup: 'id', from: { data: url, key: 'id' } }] };
    expect(errorOf(JSON.stringify(lookup))).toMatch(/not URLs.*\(at transform\.0\.from\)/);
  });

  it('does not mistake data values for spec', () => {
    const spec = { data: { values: [{ mark: 'x', url: 'y' }] }, mark: 'point' };
    expect(parseChartSpec(JSON.stringify(spec))).toHaveProperty('spec');
  });

  it('names an unknown mark and the ones that exist', () => {
    expect(errorOf('{"layer": [{"mark": {"type": "bars"}}]}')).toMatch(
      /^unknown mark "bars" \(at layer\.0\); use one of: arc, area, bar,/,
    );
  });

  it('knows every mark in the Vega-Lite schema', () => {
    const { definitions } = vegaLiteSchema;
    const marks: string[] = [
      ...definitions.Mark.enum,
      definitions.BoxPlot.const,
      definitions.ErrorBar.const,
      definitions.ErrorBand.const,
    ];
    expect(marks).toHaveLength(17);
    for (const mark of marks) {
      expect(errorOf(JSON.stringify({ mark })) ?? 'compiled').not.toMatch(/unknown mark/);
    }
  });

  it("passes on Vega-Lite's compile errors in plain words", () => {
    expect(errorOf('{"encoding": {}}')).toMatch(
      /^Vega-Lite could not compile this spec: Invalid specification .*"mark", "layer"/,
    );
    expect(errorOf('{"mark": "bar", "encoding": {"x": {"field": "a[", "type": "nominal"}}}')).toBe(
      'Vega-Lite could not compile this spec: Access path missing closing bracket: a[',
    );
  });

  it("keeps Vega-Lite's warnings beside a spec that compiles", () => {
    const parsed = parseChartSpec(
      '{"mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative", "aggregate": "mediam"}}}',
    );
    expect(parsed).toMatchObject({ warnings: ['Invalid aggregation operator "mediam".'] });
  });
});

describe('findJsonError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, null, {"a": []}] ', '"x"', '0']) {
      expect(findJsonError(text)).toBeNull();
    }
  });

  it('places errors by line and column, counting from 1', () => {
    expect(findJsonError('[1, 2,]')).toMatchObject({ line: 1, column: 7 });
    expect(findJsonError('{"a": 01}')).toMatchObject({ line: 1, column: 8 });
    expect(findJsonError('{"a":\n  "b\n"}')).toMatchObject({ line: 2, column: 5 });
    expect(findJsonError('{"a": "\\x"}')).toMatchObject({ line: 1, column: 8 });
    expect(findJsonError('{} {}')).toMatchObject({ line: 1, column: 4 });
    expect(findJsonError('"open')).toMatchObject({
      line: 1,
      column: 1,
      message: 'a string is not closed',
    });
  });
});

describe('withData', () => {
  it('puts copies of the rows at the top level, leaving spec and rows untouched', () => {
    const spec = { data: { name: 'result' }, mark: 'bar' } as VegaLiteSpec;
    const rows = [Object.freeze({ a: 1 })];
    const drawn = withData(spec, rows);
    expect(drawn).toEqual({ data: { values: [{ a: 1 }] }, mark: 'bar' });
    expect((drawn as { data: { values: unknown[] } }).data.values[0]).not.toBe(rows[0]);
    expect(spec).toEqual({ data: { name: 'result' }, mark: 'bar' });
  });
});
