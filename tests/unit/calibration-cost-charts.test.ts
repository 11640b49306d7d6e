import { readFileSync } from 'node:fs';
import { Validator, type Schema } from '@cfworker/json-schema';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { CalibrationGroup } from '../../src/lib/cells/calibration/read-calibration';
import type { CostRow } from '../../src/lib/cells/cost/read-cost';
import { costChartSpec, costChartValues } from '../../src/lib/cells/cost/cost-chart';
import {
  reliabilityChartSpec,
  reliabilityChartValues,
} from '../../src/lib/cells/calibration/reliability-chart';

const schema = JSON.parse(
  readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8'),
) as Schema;

function compileWarnings(spec: object): string[] {
  const warnings: string[] = [];
  compile(spec as never, {
    logger: {
      warn: (...m: unknown[]) => warnings.push(String(m)),
      info: () => 0,
      debug: () => 0,
      level: () => 0,
      error: () => 0,
    } as never,
  });
  return warnings;
}

describe('reliability and cost charts', () => {
  for (const [name, spec] of [
    ['reliability', reliabilityChartSpec('accuracy', 'confidence')],
    ['cost', costChartSpec('latency p50', 'accuracy')],
  ] as const) {
    it(`${name}: validates against the Vega-Lite schema and compiles without warnings`, () => {
      expect(new Validator(schema, '7', false).validate(spec).valid).toBe(true);
      expect(compileWarnings(spec)).toEqual([]);
    });
  }

  it('a point per (model, bin), bins numbered from 1', () => {
    const interval = { low: 0.1, high: 0.9 };
    const group = {
      model: 'a',
      bins: [{ bin: 0, n: 3, confidence: 0.05, accuracy: 0, interval, low: 0, high: 0.06 }],
    } as CalibrationGroup;
    expect(reliabilityChartValues([group])).toEqual([
      { model: 'a', bin: 1, confidence: 0.05, accuracy: 0, low: 0.1, high: 0.9, n: 3 },
    ]);
  });

  it('takes the chosen cost statistic and its interval, and names the front', () => {
    const i = (low: number, high: number) => ({ low, high });
    const row = {
      model: 'm',
      n: 5,
      mean: 1,
      meanInterval: i(0, 2),
      p50: 3,
      p50Interval: i(2, 4),
      p95: 5,
      p95Interval: i(4, 6),
      quality: { value: 0.5, n: 5, excluded: 0 },
      qualityInterval: i(0.4, 0.6),
      front: true,
    } as CostRow;
    expect(costChartValues([row], 'p95')[0]).toMatchObject({
      cost: 5,
      costLow: 4,
      costHigh: 6,
      quality: 0.5,
      front: 'on the Pareto front',
    });
  });
});
