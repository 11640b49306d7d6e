import { readFileSync } from 'node:fs';
import { Validator, type Schema } from '@cfworker/json-schema';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { SliceRow } from '../../src/lib/cells/slice/read-slice-table';
import { sliceChartSpec, sliceChartValues } from '../../src/lib/cells/slice/slice-chart';

const row = (model: string, value: string | null, v: number): SliceRow => ({
  model,
  values: [value],
  n: 10,
  excluded: 0,
  value: v,
  interval: { low: v - 0.1, high: v + 0.1 },
  difference: 0,
  differenceInterval: { low: -0.1, high: 0.1 },
  p: 1,
  q: 1,
  method: 'test',
  detectable: NaN,
  ruleOfThree: null,
});

describe('slice chart', () => {
  const spec = sliceChartSpec('accuracy', 'region');

  it('validates against the Vega-Lite JSON schema and compiles without warnings', () => {
    const schema = JSON.parse(
      readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8'),
    ) as Schema;
    expect(new Validator(schema, '7', false).validate(spec).valid).toBe(true);
    const warnings: string[] = [];
    compile(spec, {
      logger: {
        warn: (...m: unknown[]) => warnings.push(String(m)),
        info: () => 0,
        debug: () => 0,
        level: () => 0,
        error: () => 0,
      } as never,
    });
    expect(warnings).toEqual([]);
  });

  it('draws one point and one interval per (model, slice), missing values named', () => {
    const values = sliceChartValues([row('a', 'north', 0.5), row('b', null, 0.7)]);
    expect(values).toEqual([
      { slice: 'north', model: 'a', value: 0.5, low: 0.4, high: 0.6, n: 10 },
      { slice: '(missing)', model: 'b', value: 0.7, low: 0.6, high: 0.7999999999999999, n: 10 },
    ]);
  });
});
